"""National participation counts, computed in the database.

Every figure is an aggregation over approved events (with their reports and
visit requests), read from the summary tables that `events.participation` keeps
equal to them (call its `catch_up()` first): each page costs a small, fixed
number of queries whatever the amount of data. A year means the events' local
dates in that year.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from .models import Agency, AgencyYear, CommunityYear, Event

# The national awards' population categories: (lowest, highest or None, label).
POPULATION_CATEGORIES = [
    (0, 14_999, _("Under 15,000")),
    (15_000, 49_999, _("15,000–49,999")),
    (50_000, 99_999, _("50,000–99,999")),
    (100_000, 299_999, _("100,000–299,999")),
    (300_000, None, _("300,000 and more")),
]

STATE_SORTS = {"state", "communities", "events", "expected", "reported", "visits"}


def years_range(first, last):
    return {"date__gte": datetime.date(first, 1, 1), "date__lt": datetime.date(last + 1, 1, 1)}


def approved(**filters):
    return Event.objects.filter(status=Event.Status.APPROVED, **filters)


EMPTY_TOTALS = {
    "events": 0,
    "communities": 0,
    "states": 0,
    "expected": 0,
    "reported_events": 0,
    "reported": 0,
    "on_night": 0,
    "other_dates": 0,
    "reported_share": None,
}


def percent(part, whole):
    """`part` of `whole` in whole percent, halves rounded up (5 of 8 is 63 %); None of 0."""
    if not whole:
        return None
    return (200 * part + whole) // (2 * whole)


@dataclass
class YearFigures:
    year: int
    totals: dict
    previous: dict
    visits_by_kind: list = field(default_factory=list)


def _community_year_totals():
    return {
        "events": Coalesce(Sum("event_count"), 0),
        "communities": Count("pk"),
        "states": Count("state", distinct=True),
        "expected": Coalesce(Sum("expected_total"), 0),
        "reported_events": Coalesce(Sum("reported_event_count"), 0),
        "reported": Coalesce(Sum("reported_total"), 0),
    }


def national_figures(year: int) -> YearFigures:
    """The headline figures of `year`, with the previous year beside each (2 queries on
    the summary tables; call `participation.catch_up()` first)."""
    years = [year - 1, year]
    rows = (
        CommunityYear.objects.filter(year__in=years)
        .values("year")
        .annotate(**_community_year_totals(), on_night=Coalesce(Sum("on_night_count"), 0))
        .order_by()
    )
    by_year = {row.pop("year"): row for row in rows}
    totals = {}
    for y in years:
        row = {**EMPTY_TOTALS, **by_year.get(y, {})}
        row["other_dates"] = row["events"] - row["on_night"]
        row["reported_share"] = percent(row["reported_events"], row["events"])
        totals[y] = row

    visit_rows = (
        AgencyYear.objects.filter(year__in=years)
        .values("year", "agency__kind")
        .annotate(
            requested=Sum("requested_count"),
            accepted=Sum("accepted_count"),
            made=Sum("made_count"),
            agencies=Count("pk", filter=Q(accepted_count__gt=0)),
        )
        .order_by()
    )
    by_kind = {}
    for row in visit_rows:
        by_kind.setdefault(row.pop("agency__kind"), {})[row.pop("year")] = row
    zero = {"requested": 0, "accepted": 0, "made": 0, "agencies": 0}
    visits = [
        {
            "kind": kind,
            "label": label,
            "now": by_kind.get(kind, {}).get(year, zero),
            "before": by_kind.get(kind, {}).get(year - 1, zero),
        }
        for kind, label in Agency.Kind.choices
        if kind in by_kind
    ]
    return YearFigures(year, totals[year], totals[year - 1], visits)


def state_table(year: int, sort: str = "state", descending: bool = False) -> list[dict]:
    """One row per state or territory taking part in `year` (1 query)."""
    rows = list(
        CommunityYear.objects.filter(year=year)
        .values("state")
        .annotate(**_community_year_totals(), visits=Coalesce(Sum("accepted_visit_count"), 0))
        .order_by()
    )
    key = sort if sort in STATE_SORTS else "state"
    # Two stable sorts: ties stay in the order of the state codes, also when descending.
    rows.sort(key=lambda row: row["state"])
    rows.sort(key=lambda row: row[key], reverse=descending)
    return rows


def community_rows(year: int, state: str):
    """A queryset of one row per community of `state` taking part in `year`, by name."""
    return (
        CommunityYear.objects.filter(year=year, state=state)
        .values("community", "community__name", "community__population", "community__county")
        .annotate(
            events=F("event_count"),
            communities=Value(1),
            states=Value(1),
            expected=F("expected_total"),
            reported_events=F("reported_event_count"),
            reported=F("reported_total"),
            visits=F("accepted_visit_count"),
        )
        .order_by("community__name", "community")
    )


def with_categories(rows):
    rows = list(rows)
    for row in rows:
        row["category"] = population_category(row["community__population"])
    return rows


def community_table(year: int, state: str) -> list[dict]:
    """One row per community of `state` taking part in `year` (1 query)."""
    return with_categories(community_rows(year, state))


def population_category(population):
    if population is None:
        return None
    for low, high, label in POPULATION_CATEGORIES:
        if population >= low and (high is None or population <= high):
            return label
    return None


def communities_by_population(year: int) -> list[dict]:
    """Participating communities per population category, where the population is known."""
    bucket = Case(
        *[
            When(
                community__population__gte=low,
                **({"community__population__lte": high} if high is not None else {}),
                then=Value(index),
            )
            for index, (low, high, _label) in enumerate(POPULATION_CATEGORIES)
        ],
        default=Value(-1),
        output_field=IntegerField(),
    )
    counts = {
        row["bucket"]: row
        for row in CommunityYear.objects.filter(year=year)
        .annotate(bucket=bucket)
        .values("bucket")
        .annotate(communities=Count("pk"), events=Sum("event_count"))
        .order_by()
    }
    return [
        {
            "label": label,
            "communities": counts.get(index, {}).get("communities", 0),
            "events": counts.get(index, {}).get("events", 0),
        }
        for index, (_low, _high, label) in enumerate(POPULATION_CATEGORIES)
    ] + [
        {
            "label": _("Population not known"),
            "communities": counts.get(-1, {}).get("communities", 0),
            "events": counts.get(-1, {}).get("events", 0),
        }
    ]


def per_year() -> list[dict]:
    """Approved events and participating communities for every year (1 query)."""
    return list(
        CommunityYear.objects.values("year")
        .annotate(events=Sum("event_count"), communities=Count("pk"))
        .order_by("year")
    )

"""The dashboard's summary tables (CommunityYear, AgencyYear), kept equal to the events.

Counting distinct communities over hundreds of thousands of events takes seconds;
the summary makes each dashboard figure a sum over one row per community (or
agency) and year. The rows are derived data, and only this module writes them:

- `recount_*` computes rows straight from the events, reports and requests (the
  same aggregation the dashboard would otherwise run).
- `rebuild()` replaces every row with a full recount.
- `catch_up()`, called before the dashboard reads, recounts the rows of every
  community, agency and year whose events, reports or requests changed since
  the last catch-up (each of those has an `updated_at`; every write in nno sets
  it). It looks back OVERLAP further, so that a write committed up to OVERLAP
  after it set `updated_at` is still seen (nno's writes commit within their
  request; keep the servers' clocks in sync). When that many rows changed, a
  full rebuild is cheaper than recounting them one by one.
- `refresh()` recounts given rows at once; the services call it for what a
  catch-up cannot see: the community or year an edited event *left*.

Tests compare the tables with a full recount after every kind of change.
"""

import datetime
from collections import defaultdict

from django.db import connection, transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from .models import (
    AgencyYear,
    CommunityYear,
    Event,
    EventReport,
    SummaryState,
    VisitRequest,
)
from .national_night import OCTOBER_STATES, national_night

OVERLAP = datetime.timedelta(seconds=30)
# Beyond this many changed (community, year) rows, rebuild everything instead.
REBUILD_ABOVE = 2000
BATCH = 5000
Status = VisitRequest.Status


def _approved():
    return Event.objects.filter(status=Event.Status.APPROVED)


def _on_night_condition(years) -> Q:
    august = [national_night(year) for year in years]
    october = [national_night(year, "TX") for year in years]
    return (Q(date__in=august) & ~Q(state__in=OCTOBER_STATES)) | Q(
        date__in=october, state__in=OCTOBER_STATES
    )


def _year_bounds(years):
    return {
        "date__gte": datetime.date(min(years), 1, 1),
        "date__lt": datetime.date(max(years) + 1, 1, 1),
    }


def recount_community_years(pairs=None) -> list[CommunityYear]:
    """CommunityYear rows computed from the events: for `pairs` of (community id,
    year), or for everything when `pairs` is None (3 queries)."""
    events = _approved()
    visits = VisitRequest.objects.filter(
        event__status=Event.Status.APPROVED, status=Status.ACCEPTED
    )
    if pairs is not None:
        if not pairs:
            return []
        communities = {community for community, _year in pairs}
        years = {year for _community, year in pairs}
        events = events.filter(community__in=communities, **_year_bounds(years))
        visits = visits.filter(
            event__community__in=communities,
            **{f"event__{key}": value for key, value in _year_bounds(years).items()},
        )
    years = (
        sorted({year for _c, year in pairs})
        if pairs is not None
        else [d.year for d in events.dates("date", "year")]
    )
    rows = (
        events.annotate(year=ExtractYear("date"))
        .values("community", "state", "year")
        .annotate(
            events=Count("pk"),
            on_night=Count("pk", filter=_on_night_condition(years)),
            expected=Coalesce(Sum(F("expected_adults") + F("expected_children")), 0),
            reported_events=Count("report"),
            reported=Coalesce(Sum(F("report__actual_adults") + F("report__actual_children")), 0),
        )
        .order_by()
    )
    accepted = {
        (row["event__community"], row["year"]): row["n"]
        for row in visits.annotate(year=ExtractYear("event__date"))
        .values("event__community", "year")
        .annotate(n=Count("pk"))
        .order_by()
    }
    wanted = set(pairs) if pairs is not None else None
    return [
        CommunityYear(
            community_id=row["community"],
            state=row["state"],
            year=row["year"],
            event_count=row["events"],
            on_night_count=row["on_night"],
            expected_total=row["expected"],
            reported_event_count=row["reported_events"],
            reported_total=row["reported"],
            accepted_visit_count=accepted.get((row["community"], row["year"]), 0),
        )
        for row in rows
        if wanted is None or (row["community"], row["year"]) in wanted
    ]


def recount_agency_years(pairs=None) -> list[AgencyYear]:
    """AgencyYear rows computed from the requests of approved events (1 query)."""
    visits = VisitRequest.objects.filter(event__status=Event.Status.APPROVED)
    if pairs is not None:
        if not pairs:
            return []
        years = {year for _agency, year in pairs}
        visits = visits.filter(
            agency__in={agency for agency, _year in pairs},
            **{f"event__{key}": value for key, value in _year_bounds(years).items()},
        )
    rows = (
        visits.annotate(year=ExtractYear("event__date"))
        .values("agency", "year")
        .annotate(
            requested=Count("pk", filter=~Q(status=Status.WITHDRAWN)),
            accepted=Count("pk", filter=Q(status=Status.ACCEPTED)),
            made=Count("pk", filter=Q(made_at__isnull=False)),
        )
        .order_by()
    )
    wanted = set(pairs) if pairs is not None else None
    return [
        AgencyYear(
            agency_id=row["agency"],
            year=row["year"],
            requested_count=row["requested"],
            accepted_count=row["accepted"],
            made_count=row["made"],
        )
        for row in rows
        if wanted is None or (row["agency"], row["year"]) in wanted
    ]


def _replace(model, field, pairs, rows):
    """Delete the rows of `pairs` (field id, year) and insert their recounts."""
    by_year = defaultdict(set)
    for key, year in pairs:
        by_year[year].add(key)
    condition = Q()
    for year, keys in by_year.items():
        condition |= Q(year=year, **{f"{field}__in": keys})
    model.objects.filter(condition).delete()
    model.objects.bulk_create(rows, batch_size=BATCH)


@transaction.atomic
def refresh(*, community_years=(), agency_years=()) -> None:
    """Recount the given (community id, year) and (agency id, year) rows now."""
    community_years, agency_years = set(community_years), set(agency_years)
    if community_years:
        _replace(
            CommunityYear, "community", community_years, recount_community_years(community_years)
        )
    if agency_years:
        _replace(AgencyYear, "agency", agency_years, recount_agency_years(agency_years))


def pairs_of_events(event_ids) -> tuple[set, set]:
    """The (community, year) and (agency, year) rows that count these events and their
    requests, as they are in the database now (2 queries)."""
    dates = dict(Event.objects.filter(pk__in=event_ids).values_list("pk", "date"))
    community_years = {
        (community, date.year)
        for community, date in Event.objects.filter(pk__in=dates).values_list(
            "community_id", "date"
        )
    }
    agency_years = {
        (agency, dates[event].year)
        for agency, event in VisitRequest.objects.filter(event_id__in=dates).values_list(
            "agency_id", "event_id"
        )
    }
    return community_years, agency_years


def pairs_of_event(event) -> tuple[set, set]:
    return pairs_of_events([event.pk])


def _empty(*models):
    if connection.vendor == "postgresql":
        # TRUNCATE leaves no dead rows behind (DELETE would double the table on every
        # rebuild until a vacuum); it is transactional in PostgreSQL.
        tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
        with connection.cursor() as cursor:
            # Rows written earlier in this transaction leave deferred foreign-key
            # checks pending, which TRUNCATE refuses: run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {tables}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's default again
    else:
        for model in models:
            model.objects.all().delete()


@transaction.atomic
def rebuild(*, quiet=False) -> None:
    """Replace both tables with a full recount (after bulk loads; or to repair).

    `quiet`: nothing else is writing (a bulk load just ended), so no write can
    commit late: the next catch-up need not look back at what was just counted."""
    counted_until = timezone.now()
    _empty(CommunityYear, AgencyYear)
    CommunityYear.objects.bulk_create(recount_community_years(), batch_size=BATCH)
    AgencyYear.objects.bulk_create(recount_agency_years(), batch_size=BATCH)
    if connection.vendor == "postgresql":
        # Fresh statistics for the planner: the tables were just refilled.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {CommunityYear._meta.db_table}, {AgencyYear._meta.db_table}")
    if quiet:
        counted_until = timezone.now() + OVERLAP
    SummaryState.objects.update_or_create(pk=1, defaults={"counted_until": counted_until})


def catch_up() -> None:
    """Recount what changed since the last catch-up (or everything, the first time).

    With nothing new this costs 4 indexed queries."""
    state = SummaryState.objects.filter(pk=1).first()
    if state is None:
        rebuild()
        return
    since = state.counted_until - OVERLAP
    touched = set(
        Event.objects.filter(updated_at__gt=since).values_list("pk", "community_id", "date")
    )
    touched |= set(
        EventReport.objects.filter(updated_at__gt=since).values_list(
            "event_id", "event__community_id", "event__date"
        )
    )
    touched |= set(
        VisitRequest.objects.filter(updated_at__gt=since).values_list(
            "event_id", "event__community_id", "event__date"
        )
    )
    if not touched:
        return
    if len({(community, date.year) for _event, community, date in touched}) > REBUILD_ABOVE:
        rebuild()
        return
    with transaction.atomic():
        # One catch-up at a time; the others wait, then find the rows recounted.
        SummaryState.objects.select_for_update().get(pk=1)
        now = timezone.now()
        dates = {event: date for event, _community, date in touched}
        agency_years = {
            (agency, dates[event].year)
            for agency, event in VisitRequest.objects.filter(event_id__in=dates).values_list(
                "agency_id", "event_id"
            )
        }
        refresh(
            community_years={(community, date.year) for _event, community, date in touched},
            agency_years=agency_years,
        )
        SummaryState.objects.filter(pk=1).update(counted_until=now)

"""The national dashboard (national admins) and the public summary."""

import csv

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import dashboard, participation
from ..access import national_admin_required
from ..forms.event import LATEST_YEARS_AHEAD
from ..models import Community
from ..states import State
from ..zips import state_centers

FIRST_YEAR = 2000
EVENTS_PER_PAGE = 50
COMMUNITIES_PER_PAGE = 100


def _year(request) -> int:
    """?year=, within the years nno can hold; this year otherwise."""
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        return this_year
    return year if FIRST_YEAR <= year <= this_year + LATEST_YEARS_AHEAD else this_year


def _sort(request):
    """?sort=column or -column (descending); by state, ascending, otherwise."""
    value = request.GET.get("sort", "state")
    descending = value.startswith("-")
    key = value.removeprefix("-")
    if key not in dashboard.STATE_SORTS:
        return "state", False
    return key, descending


def _state_or_404(code):
    if code not in State.values:
        raise Http404
    return code


def _chart_and_map(year, states):
    centers = state_centers()
    return {
        "per_year": dashboard.per_year(),
        "state_points": [
            {
                "state": row["state"],
                "name": State(row["state"]).label,
                "lat": round(centers[row["state"]][0], 3),
                "lon": round(centers[row["state"]][1], 3),
                "events": row["events"],
                "communities": row["communities"],
            }
            for row in states
            if row["state"] in centers
        ],
    }


def state_columns():
    return [
        ("state", _("State"), False),
        ("communities", _("Communities"), True),
        ("events", _("Events"), True),
        ("expected", _("Expected attendance"), True),
        ("reported", _("Reported attendance"), True),
        ("visits", _("Accepted visits"), True),
    ]


def _overview(request, template, **extra):
    """The national figures page; call `participation.catch_up()` before."""
    year = _year(request)
    sort, descending = _sort(request)
    states = dashboard.state_table(year, sort, descending)
    context = {
        "year": year,
        "figures": dashboard.national_figures(year),
        "states": states,
        "sort": ("-" if descending else "") + sort,
        "years": range(timezone.localdate().year + LATEST_YEARS_AHEAD, FIRST_YEAR - 1, -1),
        "state_columns": state_columns(),
        **_chart_and_map(year, states),
        **extra,
    }
    return render(request, template, context)


@national_admin_required
def national(request):
    participation.catch_up()
    return _overview(
        request,
        "events/dashboard/national.html",
        population=dashboard.communities_by_population(_year(request)),
    )


def public_summary(request):
    participation.catch_up()
    return _overview(request, "events/dashboard/summary.html")


@national_admin_required
def state_detail(request, state):
    state = _state_or_404(state)
    participation.catch_up()
    year = _year(request)
    page = Paginator(dashboard.community_rows(year, state), COMMUNITIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "events/dashboard/state.html",
        {
            "year": year,
            "state": state,
            "state_name": State(state).label,
            "page": page,
            "communities": dashboard.with_categories(page.object_list),
        },
    )


@national_admin_required
def community_detail(request, pk):
    community = get_object_or_404(Community, pk=pk)
    year = _year(request)
    events = (
        dashboard.approved(community=community, **dashboard.years_range(year, year))
        .select_related("organizer", "report")
        .order_by("starts_at", "pk")
    )
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "events/dashboard/community.html",
        {"year": year, "community": community, "page": page},
    )


def _csv_response(filename, header, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


@national_admin_required
def states_csv(request):
    participation.catch_up()
    year = _year(request)
    return _csv_response(
        f"nno-states-{year}.csv",
        [
            "state",
            "name",
            "communities",
            "events",
            "expected attendance",
            "reports",
            "reported attendance",
            "accepted visits",
        ],
        [
            [
                row["state"],
                State(row["state"]).label,
                row["communities"],
                row["events"],
                row["expected"],
                row["reported_events"],
                row["reported"],
                row["visits"],
            ]
            for row in dashboard.state_table(year)
        ],
    )


@national_admin_required
def communities_csv(request, state):
    state = _state_or_404(state)
    participation.catch_up()
    year = _year(request)
    return _csv_response(
        f"nno-communities-{state}-{year}.csv",
        [
            "community",
            "county",
            "state",
            "population",
            "population category",
            "events",
            "expected attendance",
            "reports",
            "reported attendance",
            "accepted visits",
        ],
        [
            [
                row["community__name"],
                row["community__county"],
                state,
                "" if row["community__population"] is None else row["community__population"],
                row["category"] or "",
                row["events"],
                row["expected"],
                row["reported_events"],
                row["reported"],
                row["visits"],
            ]
            for row in dashboard.community_table(year, state)
        ],
    )

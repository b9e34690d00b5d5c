"""The night's plan: an agency's accepted visits of one evening, with travel between them."""

import datetime

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from events.models import VisitRequest
from events.services.visit import night_plan
from tests.conftest import make_visit, next_week
from tests.events.evening import make_party, make_stop


def rounded(value, digits=2):
    return None if value is None else round(value, digits)


def plan_url(agency, day):
    return f"{reverse('events:plan', args=[agency.pk])}?date={day.isoformat()}"


@pytest.fixture
def three_stops(organizer, agency):
    """Stops 5 miles apart (12 minutes at 25 mph): 20 minutes, then only 5, between them.
    Made out of order, to see them sorted."""
    third = make_stop(organizer, agency, at="18:05", miles_north=10, title="Oak Court")
    first = make_stop(organizer, agency, at="17:00", miles_north=0, title="Elm Street")
    second = make_stop(organizer, agency, at="17:40", miles_north=5, title="Birch Lane")
    return first, second, third


def test_night_plan_accepted_visits_in_time_order_with_travel(agency, three_stops):
    rows = night_plan(agency, next_week())

    assert [row.visit for row in rows] == list(three_stops)
    assert [rounded(row.miles_from_previous) for row in rows] == [
        None,
        5.0,
        5.0,
    ]
    assert [rounded(row.travel_minutes) for row in rows] == [
        None,
        12.0,
        12.0,
    ]
    assert [row.gap_minutes for row in rows] == [None, 20.0, 5.0]
    assert [row.too_tight for row in rows] == [False, False, True]


def test_night_plan_gap_just_longer_than_travel_is_not_too_tight(organizer, agency):
    make_stop(organizer, agency, at="17:00", miles_north=0)
    make_stop(organizer, agency, at="17:32", miles_north=4.99)

    rows = night_plan(agency, next_week())

    assert [row.too_tight for row in rows] == [False, False]


def test_night_plan_travel_is_from_the_previous_stop_of_the_same_unit(organizer, agency):
    k9_first = make_stop(organizer, agency, at="17:00", miles_north=0, unit="K9 unit")
    engine = make_stop(organizer, agency, at="17:00", miles_north=5, unit="Engine 3")
    k9_second = make_stop(organizer, agency, at="17:30", miles_north=5, unit=" k9 UNIT")

    rows = night_plan(agency, next_week())

    assert [row.visit for row in rows] == [k9_first, engine, k9_second]
    assert [row.gap_minutes for row in rows] == [None, None, 10.0]
    assert [rounded(row.miles_from_previous) for row in rows] == [
        None,
        None,
        5.0,
    ]
    assert [row.too_tight for row in rows] == [False, False, True]


def test_night_plan_leaves_out_other_agencies_days_and_answers(
    organizer, agency, other_agency, three_stops
):
    make_stop(organizer, other_agency, at="17:20", title="Other agency")
    make_stop(organizer, agency, at="17:20", day=next_week() + datetime.timedelta(days=1))
    make_visit(make_party(organizer, title="Pending"), agency)
    make_visit(make_party(organizer, title="Declined"), agency, status=VisitRequest.Status.DECLINED)
    make_visit(
        make_party(organizer, title="Taking part"),
        agency,
        kind=VisitRequest.Kind.PARTICIPATION,
        status=VisitRequest.Status.ACCEPTED,
    )

    rows = night_plan(agency, next_week())

    assert [row.visit for row in rows] == list(three_stops)


def test_plan_page_shows_stops_distances_and_a_warning(client_of, liaison, agency, three_stops):
    response = client_of(liaison).get(plan_url(agency, next_week()))

    assert response.status_code == 200
    assert [row.visit for row in response.context["rows"]] == list(three_stops)
    assert response.context["total_miles"] == pytest.approx(10.0, abs=0.001)
    html = response.content.decode()
    assert html.index("Elm Street") < html.index("Birch Lane") < html.index("Oak Court")
    assert "5.0 mi, about 12 min; 20 min between visits" in html
    assert "5.0 mi, about 12 min; 5 min between visits" in html
    assert html.count("Warning: not enough time to get there.") == 1
    assert html.count('class="table-warning"') == 1
    assert "10.0 miles in all" in html


def test_plan_page_lists_requests_and_participation_apart(client_of, organizer, liaison, agency):
    stop = make_stop(organizer, agency, at="17:00", title="Elm Street")
    pending = make_visit(make_party(organizer, title="Pine Pending"), agency)
    taking_part = make_visit(
        make_party(organizer, title="Cedar Booth"),
        agency,
        kind=VisitRequest.Kind.PARTICIPATION,
        status=VisitRequest.Status.ACCEPTED,
        unit="Recruiting table",
    )
    make_visit(
        make_party(organizer, title="Declined Drive"),
        agency,
        status=VisitRequest.Status.DECLINED,
    )

    response = client_of(liaison).get(plan_url(agency, next_week()))

    assert [row.visit for row in response.context["rows"]] == [stop]
    assert list(response.context["pending"]) == [pending]
    assert list(response.context["taking_part"]) == [taking_part]
    html = response.content.decode()
    assert (
        html.index("Elm Street") < html.index("Waiting for an answer") < html.index("Pine Pending")
    )
    assert html.index("Taking part (no visit time)") < html.index(
        "Cedar Booth, 120 Maple St, Springfield — Recruiting table"
    )
    assert "Declined Drive" not in html


def test_plan_page_leaves_out_other_agencies_and_days(
    client_of, organizer, liaison, agency, other_agency
):
    make_stop(organizer, other_agency, at="17:00", title="Other Agency Street")
    make_stop(
        organizer,
        agency,
        at="17:00",
        title="Tomorrow Street",
        day=next_week() + datetime.timedelta(days=1),
    )
    make_visit(make_party(organizer, title="Other Agency Pending"), other_agency)

    response = client_of(liaison).get(plan_url(agency, next_week()))

    assert response.context["rows"] == []
    assert list(response.context["pending"]) == []
    html = response.content.decode()
    assert "No accepted visit on this evening yet." in html
    assert "Other Agency" not in html
    assert "Tomorrow Street" not in html


PLAN_QUERIES = 7


@pytest.mark.parametrize("count", [1, 20])
def test_plan_page_query_count_does_not_grow_with_stops(
    client_of, organizer, liaison, agency, django_assert_num_queries, count
):
    for number in range(count):
        make_stop(
            organizer,
            agency,
            at=f"{17 + number // 6}:{number % 6 * 10:02}",
            minutes=5,
            miles_north=number,
        )
        make_visit(make_party(organizer), agency)
        make_visit(
            make_party(organizer),
            agency,
            kind=VisitRequest.Kind.PARTICIPATION,
            status=VisitRequest.Status.ACCEPTED,
        )
    client = client_of(liaison)

    with django_assert_num_queries(PLAN_QUERIES):
        response = client.get(plan_url(agency, next_week()))

    assert len(response.context["rows"]) == count
    assert len(response.context["pending"]) == count
    assert len(response.context["taking_part"]) == count


def print_rules():
    """The rules of static/css/nno.css for paper."""
    with open(finders.find("css/nno.css"), encoding="utf-8") as css:
        rules = css.read()
    return rules[rules.index("@media print") :]


def test_plan_page_prints_without_navigation_and_buttons(client_of, liaison, agency, three_stops):
    response = client_of(liaison).get(plan_url(agency, next_week()))

    html = response.content.decode()
    assert '<div class="d-flex flex-wrap gap-2 no-print">' in html
    assert '<form method="get" class="row g-2 align-items-end mb-3 no-print">' in html
    assert html.count("<header>") == 1
    assert html.count("<footer ") == 1
    assert "/static/css/nno.css" in html
    assert "header, footer, .no-print, .messages {\n    display: none !important;" in print_rules()


def test_route_page_prints_without_its_buttons(client_of, liaison, agency, three_stops):
    response = client_of(liaison).get(
        f"{reverse('events:route', args=[agency.pk])}?date={next_week().isoformat()}"
    )

    assert '<form method="post" class="no-print">' in response.content.decode()


def test_print_rules_rule_the_table_and_drop_link_clutter():
    rules = print_rules()

    assert ".table th, .table td {\n    border: 1px solid #000 !important;" in rules
    assert "a[href]::after {\n    content: none !important;" in rules
    assert ".table-responsive {\n    overflow: visible !important;" in rules
    with open(finders.find("css/nno.css"), encoding="utf-8") as css:
        assert "@page {\n  margin: 1.5cm;\n}" in css.read()

"""The suggested route of an evening: shown on GET, applied on POST."""

import datetime

import pytest
from django.urls import reverse

from events.models import VisitRequest
from tests.conftest import make_visit, next_week
from tests.events.evening import local, make_party, make_stop


def route_url(agency, day):
    return f"{reverse('events:route', args=[agency.pk])}?date={day.isoformat()}"


def plan_url(agency, day):
    return f"{reverse('events:plan', args=[agency.pk])}?date={day.isoformat()}"


@pytest.fixture
def evening(organizer, agency):
    """An accepted visit at 5 pm; a request 5 miles north (12 minutes at 25 mph) with no
    window; one 10 miles north to visit between 6 and 6:30. The best route goes north:
    5 pm, 5:32, then 6:04."""
    far = make_visit(
        make_party(organizer, miles_north=10, title="Oak Court"),
        agency,
        preferred_start=local(next_week(), "18:00"),
        preferred_end=local(next_week(), "18:30"),
    )
    near = make_visit(make_party(organizer, miles_north=5, title="Birch Lane"), agency)
    accepted = make_stop(organizer, agency, at="17:00", title="Elm Street", unit="Car 12")
    return accepted, near, far


def test_route_get_shows_the_suggestion_without_saving(client_of, liaison, agency, evening):
    accepted, near, far = evening

    response = client_of(liaison).get(route_url(agency, next_week()))

    assert response.status_code == 200
    pairs = response.context["pairs"]
    assert [visit for visit, _planned in pairs] == [accepted, near, far]
    assert [planned.start for _visit, planned in pairs] == [
        local(next_week(), "17:00"),
        local(next_week(), "17:32"),
        local(next_week(), "18:04"),
    ]
    assert [planned.late for _visit, planned in pairs] == [False, False, False]
    html = response.content.decode()
    assert (
        html.index("5 p.m.–5:20 p.m.")
        < html.index("5:32 p.m.–5:52 p.m.")
        < html.index("6:04 p.m.–6:24 p.m.")
    )
    assert "Cannot be reached within its window." not in html
    assert "Apply this route" in html
    assert list(
        VisitRequest.objects.order_by("pk").values_list("route_position", "suggested_start")
    ) == [(None, None), (None, None), (None, None)]


def test_route_get_marks_a_stop_that_cannot_be_reached(client_of, organizer, liaison, agency):
    make_stop(organizer, agency, at="17:00", title="Elm Street")
    make_stop(organizer, agency, at="17:25", miles_north=10, title="Oak Court")

    response = client_of(liaison).get(route_url(agency, next_week()))

    assert [planned.late for _visit, planned in response.context["pairs"]] == [False, True]
    assert response.content.decode().count("Cannot be reached within its window.") == 1


def test_route_get_leaves_out_other_days_answers_and_participation(
    client_of, organizer, liaison, agency, other_agency, evening
):
    make_visit(make_party(organizer, day=next_week() + datetime.timedelta(days=1)), agency)
    make_visit(make_party(organizer), agency, status=VisitRequest.Status.DECLINED)
    make_visit(make_party(organizer), agency, kind=VisitRequest.Kind.PARTICIPATION)
    make_visit(make_party(organizer), other_agency)

    response = client_of(liaison).get(route_url(agency, next_week()))

    assert [visit for visit, _planned in response.context["pairs"]] == list(evening)


def test_route_get_no_visits_says_so(client_of, liaison, agency):
    response = client_of(liaison).get(route_url(agency, next_week()))

    assert response.status_code == 200
    assert response.context["pairs"] == []
    assert "No visits accepted or waiting on this evening." in response.content.decode()


def test_route_post_applies_order_and_suggested_times(client_of, liaison, agency, evening):
    accepted = evening[0]

    response = client_of(liaison).post(route_url(agency, next_week()), follow=True)

    assert response.redirect_chain == [(plan_url(agency, next_week()), 302)]
    assert [str(message) for message in response.context["messages"]] == [
        "The route is applied to 3 stops."
    ]
    for visit in evening:
        visit.refresh_from_db()
    assert [visit.route_position for visit in evening] == [1, 2, 3]
    assert [visit.suggested_start for visit in evening] == [
        None,
        local(next_week(), "17:32"),
        local(next_week(), "18:04"),
    ]
    assert accepted.scheduled_start == local(next_week(), "17:00")
    assert [visit.status for visit in evening] == ["accepted", "requested", "requested"]


def test_route_applied_prefills_the_accept_form_with_the_suggested_time(
    client_of, liaison, agency, evening
):
    _accepted, near, _far = evening
    client = client_of(liaison)
    client.post(route_url(agency, next_week()))

    response = client.get(reverse("events:liaison_request", args=[near.pk]))

    form = response.context["accept_form"]
    assert form["start_time"].value() == datetime.time(17, 32)
    assert form["end_time"].value() == datetime.time(17, 52)
    html = response.content.decode()
    assert 'value="17:32"' in html
    assert 'value="17:52"' in html


def test_route_applied_plan_lists_requests_in_route_order(
    client_of, organizer, liaison, agency, evening
):
    _accepted, near, far = evening
    client = client_of(liaison)
    client.post(route_url(agency, next_week()))
    newcomer = make_visit(make_party(organizer, title="Late Request Road"), agency)

    response = client.get(plan_url(agency, next_week()))

    assert list(response.context["pending"]) == [near, far, newcomer]
    html = response.content.decode()
    assert f'{near.pk}/">Birch Lane</a>, 120 Maple St, Springfield — suggested at 5:32 p.m.' in html
    assert f'{far.pk}/">Oak Court</a>, 120 Maple St, Springfield — suggested at 6:04 p.m.' in html


def test_route_applied_again_follows_the_changes(client_of, liaison, agency, evening):
    near = evening[1]
    client = client_of(liaison)
    client.post(route_url(agency, next_week()))
    VisitRequest.objects.filter(pk=near.pk).update(
        status=VisitRequest.Status.ACCEPTED,
        scheduled_start=local(next_week(), "18:40"),
        scheduled_end=local(next_week(), "19:00"),
    )

    client.post(route_url(agency, next_week()))

    for visit in evening:
        visit.refresh_from_db()
    assert [(visit.route_position, visit.suggested_start) for visit in evening] == [
        (1, None),
        (3, None),
        (2, local(next_week(), "18:00")),
    ]


ROUTE_QUERIES = 5


@pytest.mark.parametrize("count", [1, 20])
def test_route_get_query_count_does_not_grow_with_stops(
    client_of, organizer, liaison, agency, django_assert_num_queries, count
):
    for number in range(count):
        make_visit(make_party(organizer, miles_north=number % 5), agency)
    client = client_of(liaison)

    with django_assert_num_queries(ROUTE_QUERIES):
        response = client.get(route_url(agency, next_week()))

    assert len(response.context["pairs"]) == count

"""A community's agencies and their answers to its events' visit requests."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import time_format

from events.models import Agency, AgencyArea, VisitRequest
from tests.conftest import make_agency, make_event, make_visit

Visit = VisitRequest


def agencies_url(community):
    return reverse("events:community_agencies", args=[community.pk])


def counts_of(response):
    """{agency name: [requested, accepted, declined, withdrawn, cancelled]}."""
    return {agency.name: counts for agency, counts in response.context["rows"]}


def requests_of(response):
    return [
        (visit.event.title, visit.agency.name, visit.status)
        for visit in response.context["page"].object_list
    ]


def at(event, hour, minute=0):
    return datetime.datetime.combine(event.date, datetime.time(hour, minute), event.tz)


def accept(visit, hour=18, unit=""):
    start = at(visit.event, hour)
    visit.status = Visit.Status.ACCEPTED
    visit.scheduled_start, visit.scheduled_end = start, start + datetime.timedelta(minutes=20)
    visit.unit = unit
    visit.save()
    return visit


def serving(name, kind, **area):
    agency = make_agency(name)
    AgencyArea.objects.create(agency=agency, kind=kind, **area)
    return agency


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("national_admin", 200),
        ("municipal_admin", 200),
        ("other_municipal_admin", 404),
        ("organizer", 404),
        ("liaison", 404),
    ],
)
def test_community_agencies_permissions(request, client_of, event, persona, status):
    user = request.getfixturevalue(persona)

    response = client_of(user).get(agencies_url(event.community))

    assert response.status_code == status


def test_community_agencies_anonymous_is_sent_to_log_in(client, event):
    url = agencies_url(event.community)

    response = client.get(url)

    assert (response.status_code, response.url) == (
        302,
        f"{reverse('accounts:login')}?next={url}",
    )


def test_community_agencies_lists_those_serving_the_community_county_or_state(
    client_of, municipal_admin, event, agency
):
    serving("Sangamon County Sheriff", AgencyArea.Kind.COUNTY, state="IL", county="sangamon county")
    serving("Illinois State Police", AgencyArea.Kind.STATE, state="IL")
    serving("Cook County Sheriff", AgencyArea.Kind.COUNTY, state="IL", county="Cook County")
    serving("Texas Rangers", AgencyArea.Kind.STATE, state="TX")
    make_agency("Nowhere Police")

    response = client_of(municipal_admin).get(agencies_url(event.community))

    assert sorted(counts_of(response)) == [
        "Illinois State Police",
        "Sangamon County Sheriff",
        "Springfield Police Department",
    ]


def test_community_agencies_counts_answers_by_status_per_agency(
    client_of, organizer, municipal_admin, event, agency, other_agency
):
    second = make_event(organizer, title="Oak Street")
    third = make_event(organizer, title="Birch Lane")
    accept(make_visit(event, agency))
    make_visit(second, agency)
    make_visit(third, agency, status=Visit.Status.DECLINED, decline_reason="No one free")
    make_visit(second, other_agency, status=Visit.Status.WITHDRAWN)
    make_visit(make_event(organizer, title="In Austin", zip_code="78701"), other_agency)

    response = client_of(municipal_admin).get(agencies_url(event.community))

    assert counts_of(response) == {
        "Springfield Police Department": [1, 1, 1, 0, 0],
        # Not serving Springfield, but asked by one of its events.
        "Austin Fire Department": [0, 0, 0, 1, 0],
    }
    assert [label for _value, label in response.context["statuses"]] == [
        "Requested",
        "Accepted",
        "Declined",
        "Withdrawn by the organizer",
        "Cancelled with the event",
    ]


def test_community_agencies_lists_the_requests_with_status_and_time(
    client_of, organizer, municipal_admin, event, agency
):
    later = make_event(organizer, title="Oak Street", date=event.date + datetime.timedelta(days=1))
    visit = accept(make_visit(event, agency), hour=18, unit="K9 unit")
    make_visit(later, agency)
    make_visit(make_event(organizer, title="In Austin", zip_code="78701"), agency)

    response = client_of(municipal_admin).get(agencies_url(event.community))

    assert requests_of(response) == [
        ("Maple Street Block Party", "Springfield Police Department", "accepted"),
        ("Oak Street", "Springfield Police Department", "requested"),
    ]
    start = timezone.localtime(visit.scheduled_start, event.tz)
    end = timezone.localtime(visit.scheduled_end, event.tz)
    assert f"{time_format(start, 'P')} – {time_format(end, 'P T')}" in response.text
    assert "K9 unit" in response.text
    assert f'href="{event.get_absolute_url()}"' in response.text


def test_community_agencies_without_any_says_so(client_of, municipal_admin, event):
    response = client_of(municipal_admin).get(agencies_url(event.community))

    assert response.context["rows"] == []
    assert "No agency serves this community yet." in response.text
    assert "No event of the community has asked an agency yet." in response.text


def test_community_agencies_requests_are_paginated_by_25(
    client_of, organizer, municipal_admin, event
):
    for number in range(26):
        make_visit(event, make_agency(f"Agency {number:02}"))
    client = client_of(municipal_admin)

    first = client.get(agencies_url(event.community))
    second = client.get(agencies_url(event.community), {"page": 2})

    assert len(requests_of(first)) == 25
    assert requests_of(second) == [
        ("Maple Street Block Party", "Agency 25", "requested"),
    ]


@pytest.mark.parametrize("count", [1, 20])
def test_community_agencies_same_number_of_queries_for_1_and_20_agencies(
    client_of, organizer, municipal_admin, event, django_assert_num_queries, count
):
    for number in range(count):
        agency = make_agency(f"Agency {number:02}", serves=event.community)
        make_visit(make_event(organizer, title=f"Party {number:02}"), agency)
    client = client_of(municipal_admin)

    # Session, user, community, counts, agencies, their areas and the areas' communities,
    # the page (count and rows), the waiting count, the nav's roles.
    with django_assert_num_queries(11):
        response = client.get(agencies_url(event.community))

    assert len(response.context["rows"]) == count
    assert len(requests_of(response)) == count
    assert Agency.objects.count() == count

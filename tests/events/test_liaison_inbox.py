import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import VisitRequest
from tests.conftest import make_event, make_visit, next_week

INBOX = reverse("events:inbox")


def shown(response):
    return [visit.pk for visit in response.context["page"].object_list]


def counts(response):
    return {value: count for value, _label, count in response.context["status_counts"]}


def accepted(event, agency, **fields):
    start = event.starts_at + datetime.timedelta(hours=1)
    return make_visit(
        event,
        agency,
        status=VisitRequest.Status.ACCEPTED,
        scheduled_start=start,
        scheduled_end=start + datetime.timedelta(minutes=20),
        **fields,
    )


def test_inbox_liaison_sees_requests_to_their_agency(client_of, liaison, visit):
    response = client_of(liaison).get(INBOX)

    assert response.status_code == 200
    assert shown(response) == [visit.pk]
    assert reverse("events:liaison_request", args=[visit.pk]) in response.text
    assert "Maple Street Block Party" in response.text
    assert "120 Maple St, Springfield, IL" in response.text


def test_inbox_leaves_out_requests_to_other_agencies(
    client_of, organizer, liaison, visit, other_agency, other_liaison
):
    theirs = make_visit(make_event(organizer, title="Elm Street Picnic"), other_agency)

    mine = client_of(liaison).get(INBOX)
    others = client_of(other_liaison).get(INBOX)

    assert shown(mine) == [visit.pk]
    assert shown(others) == [theirs.pk]
    assert "Elm Street Picnic" not in mine.text


@pytest.mark.parametrize(
    "persona", ["organizer", "other_organizer", "other_liaison", "pending_member", "national_admin"]
)
def test_inbox_others_see_no_request(client_of, request, visit, persona):
    response = client_of(request.getfixturevalue(persona)).get(INBOX)

    assert response.status_code == 200
    assert shown(response) == []
    assert set(counts(response).values()) == {0}
    assert "Maple Street Block Party" not in response.text


def test_inbox_anonymous_is_sent_to_log_in(client, visit):
    response = client.get(INBOX)

    assert (response.status_code, response.url) == (
        302,
        f"{reverse('accounts:login')}?next={INBOX}",
    )


def test_inbox_lists_soonest_event_first(client_of, organizer, agency, liaison):
    day = next_week()
    later = make_visit(make_event(organizer, date=day + datetime.timedelta(days=2)), agency)
    evening = make_visit(
        make_event(
            organizer,
            date=day,
            starts_at=datetime.datetime.combine(
                day, datetime.time(19), ZoneInfo("America/Chicago")
            ),
        ),
        agency,
    )
    afternoon = make_visit(
        make_event(
            organizer,
            date=day,
            starts_at=datetime.datetime.combine(
                day, datetime.time(16), ZoneInfo("America/Chicago")
            ),
        ),
        agency,
    )

    response = client_of(liaison).get(INBOX)

    assert shown(response) == [afternoon.pk, evening.pk, later.pk]


def test_inbox_filter_by_date_uses_the_events_local_date(client_of, organizer, agency, liaison):
    # 8 pm in Los Angeles is already the next day in UTC.
    day = next_week()
    los_angeles = ZoneInfo("America/Los_Angeles")
    late = make_visit(
        make_event(
            organizer,
            zip_code="90001",
            date=day,
            starts_at=datetime.datetime.combine(day, datetime.time(20), los_angeles),
            ends_at=datetime.datetime.combine(day, datetime.time(22), los_angeles),
        ),
        agency,
    )
    make_visit(make_event(organizer, date=day + datetime.timedelta(days=1)), agency)
    client = client_of(liaison)

    that_day = client.get(INBOX, {"date": day.isoformat()})
    next_day = client.get(INBOX, {"date": (day + datetime.timedelta(days=1)).isoformat()})

    assert shown(that_day) == [late.pk]
    assert late.pk not in shown(next_day)
    assert len(shown(next_day)) == 1


def test_inbox_filter_by_status(client_of, organizer, agency, liaison, visit):
    yes = accepted(make_event(organizer, title="Elm Street Picnic"), agency)

    response = client_of(liaison).get(INBOX, {"status": "accepted"})

    assert shown(response) == [yes.pk]
    assert '<option value="accepted" selected>' in response.text


def test_inbox_filter_by_city_ignores_case(client_of, organizer, agency, liaison, visit):
    make_visit(make_event(organizer, zip_code="62629", title="Chatham Cookout"), agency)

    response = client_of(liaison).get(INBOX, {"city": " springfield "})

    assert shown(response) == [visit.pk]


def test_inbox_counts_requests_by_status(client_of, organizer, agency, liaison, visit):
    accepted(make_event(organizer), agency)
    make_visit(make_event(organizer), agency, status=VisitRequest.Status.DECLINED)
    make_visit(make_event(organizer), agency, status=VisitRequest.Status.DECLINED)

    response = client_of(liaison).get(INBOX, {"status": "declined"})

    assert counts(response) == {
        "requested": 1,
        "accepted": 1,
        "declined": 2,
        "withdrawn": 0,
        "cancelled": 0,
    }
    assert "Requested: 1" in response.text
    assert "Declined: 2" in response.text
    assert len(shown(response)) == 2


def test_inbox_is_paginated(client_of, organizer, agency, liaison):
    visits = [make_visit(make_event(organizer), agency) for _ in range(26)]
    client = client_of(liaison)

    first = client.get(INBOX)
    second = client.get(INBOX, {"page": 2})

    assert shown(first) == [v.pk for v in visits[:25]]
    assert shown(second) == [visits[25].pk]
    assert "?page=2" in first.text


def test_inbox_same_number_of_queries_for_1_and_20_requests(
    client_of, organizer, agency, liaison, visit, django_assert_num_queries
):
    client = client_of(liaison)
    with CaptureQueriesContext(connection) as first:
        client.get(INBOX)
    for number in range(19):
        make_visit(make_event(organizer, title=f"Party {number}"), agency)

    with django_assert_num_queries(len(first)):
        response = client.get(INBOX)

    assert len(shown(response)) == 20


def test_inbox_empty_state_for_a_new_liaison(client_of, liaison):
    response = client_of(liaison).get(INBOX)

    assert response.status_code == 200
    assert (
        "No requests yet. Organizers near you will find your agency when they invite agencies "
        "to their events." in response.text
    )


def test_inbox_empty_state_when_no_request_matches(client_of, liaison, visit):
    response = client_of(liaison).get(INBOX, {"status": "withdrawn"})

    assert shown(response) == []
    assert "No request matches these filters." in response.text


def test_inbox_bad_date_shows_a_message_not_an_error(client_of, liaison, visit):
    response = client_of(liaison).get(INBOX, {"date": "2026-02-31"})

    assert response.status_code == 200
    assert "Enter a valid date." in response.text
    assert shown(response) == [visit.pk]


def test_inbox_unknown_status_is_ignored(client_of, liaison, visit):
    response = client_of(liaison).get(INBOX, {"status": "lost", "page": "x"})

    assert response.status_code == 200
    assert shown(response) == [visit.pk]

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import Activity, Agency, Event, VisitRequest
from tests.conftest import make_agency, make_event, make_visit
from tests.events.conftest import summer_day

Status = VisitRequest.Status


def detail_url(event):
    return reverse("events:detail", args=[event.pk])


def withdraw_url(visit):
    return reverse("events:withdraw_request", args=[visit.event_id, visit.pk])


def badge(css, text):
    return f'<span class="badge text-bg-{css}">{text}</span>'


@pytest.fixture
def west_event(organizer):
    """An event in Beverly Hills, CA on a summer evening (Pacific daylight time)."""
    return make_event(organizer, zip_code="90210", date=summer_day())


def at(event, hour, minute=0):
    return datetime.datetime.combine(
        event.local_start.date(), datetime.time(hour, minute), event.tz
    )


def test_event_detail_lists_each_agency_with_its_status(client_of, organizer, west_event):
    police = make_visit(west_event, make_agency("Beverly Hills Police Department"))
    declined = make_visit(
        west_event,
        make_agency("Beverly Hills Fire Department", kind=Agency.Kind.FIRE),
        status=Status.DECLINED,
        decline_reason="All engines are at the county fair",
    )
    withdrawn = make_visit(
        west_event,
        make_agency("Salvation Army Beverly Hills Corps", kind=Agency.Kind.SALVATION_ARMY),
        kind=VisitRequest.Kind.PARTICIPATION,
        status=Status.WITHDRAWN,
    )

    response = client_of(organizer).get(detail_url(west_event))

    assert response.status_code == 200
    assert [visit.agency.name for visit in response.context["visits"]] == [
        "Beverly Hills Fire Department",
        "Beverly Hills Police Department",
        "Salvation Army Beverly Hills Corps",
    ]
    assert (
        "<strong>Beverly Hills Police Department</strong> · A visit "
        + badge("primary", "Requested")
    ) in response.text
    assert (
        "<strong>Beverly Hills Fire Department</strong> · A visit " + badge("danger", "Declined")
    ) in response.text
    assert (
        "<strong>Salvation Army Beverly Hills Corps</strong> · Taking part (a table, a booth) "
        + badge("secondary", "Withdrawn by the organizer")
    ) in response.text
    assert "Reason: All engines are at the county fair" in response.text
    assert f'action="{withdraw_url(police)}"' in response.text
    assert withdraw_url(declined) not in response.text
    assert withdraw_url(withdrawn) not in response.text


@pytest.mark.parametrize("viewer_zone", ["UTC", "Asia/Tokyo", "America/New_York"])
def test_event_detail_shows_accepted_visit_in_event_local_time_with_unit(
    client_of, organizer, west_event, viewer_zone
):
    visit = make_visit(
        west_event,
        make_agency("Beverly Hills Police Department"),
        status=Status.ACCEPTED,
        scheduled_start=at(west_event, 18),
        scheduled_end=at(west_event, 18, 20),
        unit="K9 unit",
        note="K9 demo for the kids at 6",
    )

    with timezone.override(viewer_zone):
        response = client_of(organizer).get(detail_url(west_event))

    assert badge("success", "Accepted") in response.text
    assert "Visit from 6 p.m. to 6:20 p.m. PDT · K9 unit" in response.text
    assert "Your note: K9 demo for the kids at 6" in response.text
    # An accepted visit can still be withdrawn.
    assert f'action="{withdraw_url(visit)}"' in response.text


def test_event_detail_shows_unit_of_accepted_participation(client_of, organizer, event):
    make_visit(
        event,
        make_agency("Springfield Fire Department", kind=Agency.Kind.FIRE),
        kind=VisitRequest.Kind.PARTICIPATION,
        status=Status.ACCEPTED,
        unit="Engine 3 and crew",
    )

    response = client_of(organizer).get(detail_url(event))

    assert '<p class="mb-0 small">Engine 3 and crew</p>' in response.text
    assert "Visit from" not in response.text


def test_event_detail_shows_cancelled_requests_of_a_cancelled_event(
    client_of, organizer, event, visit
):
    client = client_of(organizer)
    client.post(reverse("events:cancel", args=[event.pk]))

    response = client.get(detail_url(event))

    assert badge("secondary", "Cancelled with the event") in response.text
    assert withdraw_url(visit) not in response.text
    assert reverse("events:pick_agencies", args=[event.pk]) not in response.text


def test_event_detail_without_requests_invites_agencies(client_of, organizer, event):
    response = client_of(organizer).get(detail_url(event))

    assert "You have not invited any agency yet." in response.text
    assert f'href="{reverse("events:pick_agencies", args=[event.pk])}"' in response.text


def test_event_detail_of_draft_asks_to_submit_before_inviting(client_of, organizer):
    draft = make_event(organizer, status=Event.Status.DRAFT)

    response = client_of(organizer).get(detail_url(draft))

    assert "Submit your event to invite agencies." in response.text
    assert reverse("events:pick_agencies", args=[draft.pk]) not in response.text


def test_event_detail_national_admin_sees_requests_without_actions(
    client_of, national_admin, event, visit
):
    response = client_of(national_admin).get(detail_url(event))

    assert response.status_code == 200
    assert [v.agency.name for v in response.context["visits"]] == ["Springfield Police Department"]
    assert badge("primary", "Requested") in response.text
    assert withdraw_url(visit) not in response.text
    assert reverse("events:pick_agencies", args=[event.pk]) not in response.text


@pytest.mark.parametrize("persona", ["other_organizer", "liaison", "other_liaison", "stranger"])
def test_event_detail_other_user_gets_404(client_of, request, event, visit, persona):
    client = client_of(request.getfixturevalue(persona))

    response = client.get(detail_url(event))

    assert response.status_code == 404
    assert "Springfield Police Department" not in response.text


def add_requests(event, numbers):
    """Requests of every status to new agencies, numbered `numbers`."""
    statuses = [Status.REQUESTED, Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN]
    for number in numbers:
        status = statuses[number % 4]
        accepted = status == Status.ACCEPTED
        start = event.starts_at + datetime.timedelta(minutes=10 * number)
        make_visit(
            event,
            make_agency(f"Agency {number:02}"),
            status=status,
            scheduled_start=start if accepted else None,
            scheduled_end=start + datetime.timedelta(minutes=10) if accepted else None,
            unit="Unit" if accepted else "",
            decline_reason="Busy" if status == Status.DECLINED else "",
            note="A note",
        )


def test_event_detail_query_count_is_the_same_for_1_and_20_requests(
    client_of, organizer, event, django_assert_num_queries
):
    # Measured rather than written down: other features add their own queries to this
    # page; what matters here is that the requests do not add one per row.
    event.activities.set(Activity.objects.all()[:3])
    add_requests(event, range(1))
    client = client_of(organizer)
    with CaptureQueriesContext(connection) as with_one:
        client.get(detail_url(event))
    add_requests(event, range(1, 20))

    with django_assert_num_queries(len(with_one)):
        response = client.get(detail_url(event))

    assert response.text.count('<li class="list-group-item">') == 20

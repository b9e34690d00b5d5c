import datetime

import pytest
from django.urls import reverse

from events.models import Agency, VisitRequest
from events.services.event import cancel_event
from tests.conftest import make_agency, make_event, make_liaison, make_visit

Status = VisitRequest.Status


def cancel_url(event):
    return reverse("events:cancel", args=[event.pk])


def statuses(event):
    return dict(event.visit_requests.values_list("agency__name", "status"))


def rows():
    return list(VisitRequest.objects.order_by("pk").values())


@pytest.fixture
def requests_of_every_status(event, visit):
    """`visit` (requested), plus accepted, declined and withdrawn requests of `event`."""
    fire = make_agency("Springfield Fire Department", kind=Agency.Kind.FIRE)
    make_liaison("ray@example.com", fire, full_name="Ray Fire")
    make_liaison("rita@example.com", fire, full_name="Rita Fire")
    start = event.starts_at + datetime.timedelta(hours=1)
    make_visit(
        event,
        fire,
        status=Status.ACCEPTED,
        scheduled_start=start,
        scheduled_end=start + datetime.timedelta(minutes=30),
        unit="Engine 3",
    )
    sheriff = make_agency("Sangamon County Sheriff", kind=Agency.Kind.SHERIFF)
    make_liaison("shay@example.com", sheriff)
    make_visit(event, sheriff, status=Status.DECLINED, decline_reason="No deputies free")
    mayor = make_agency("Office of the Mayor", kind=Agency.Kind.ELECTED)
    make_liaison("max@example.com", mayor)
    make_visit(event, mayor, status=Status.WITHDRAWN)


def test_cancel_event_cancels_open_requests_and_keeps_closed_ones(
    client_of, organizer, event, requests_of_every_status
):
    client_of(organizer).post(cancel_url(event))

    assert statuses(event) == {
        "Springfield Police Department": Status.CANCELLED,
        "Springfield Fire Department": Status.CANCELLED,
        "Sangamon County Sheriff": Status.DECLINED,
        "Office of the Mayor": Status.WITHDRAWN,
    }
    fire_visit = event.visit_requests.get(agency__name="Springfield Fire Department")
    assert fire_visit.unit == "Engine 3"
    declined = event.visit_requests.get(agency__name="Sangamon County Sheriff")
    assert declined.decline_reason == "No deputies free"


def test_cancel_event_mails_each_liaison_of_an_agency_with_an_open_request_once(
    client_of,
    organizer,
    event,
    requests_of_every_status,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        client_of(organizer).post(cancel_url(event))

    # One message per person: liaisons of the same agency don't see each other's address.
    assert sorted(mail.to for mail in mailoutbox) == [
        ["lee@example.com"],
        ["ray@example.com"],
        ["rita@example.com"],
    ]
    police = next(mail for mail in mailoutbox if mail.to == ["lee@example.com"])
    assert police.subject == "Event cancelled: Maple Street Block Party"
    assert police.body.startswith(
        "“Maple Street Block Party”, to which Springfield Police Department was invited, "
        "is cancelled. The request is closed.\n"
    )
    assert "120 Maple St, Springfield, IL" in police.body


def test_cancel_event_leaves_other_events_requests_alone(
    client_of, organizer, event, agency, visit
):
    other_event = make_event(organizer, title="Second party")
    other_visit = make_visit(other_event, agency)

    client_of(organizer).post(cancel_url(event))

    other_visit.refresh_from_db()
    assert other_visit.status == Status.REQUESTED


def test_cancel_event_twice_changes_and_mails_nothing_more(
    client_of,
    organizer,
    event,
    requests_of_every_status,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    client = client_of(organizer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(cancel_url(event))
    first = rows()
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel_url(event), follow=True)

    assert "This event was already cancelled." in response.text
    assert rows() == first
    assert mailoutbox == []


def test_cancel_event_service_twice_does_nothing_the_second_time(
    event, requests_of_every_status, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = cancel_event(event=event)
    after_first = rows()
    mails_after_first = len(mailoutbox)

    with django_capture_on_commit_callbacks(execute=True):
        second = cancel_event(event=event)

    assert (first, second) == (True, False)
    assert rows() == after_first
    assert (mails_after_first, len(mailoutbox)) == (3, 3)


def test_cancel_event_without_requests_mails_nobody(
    client_of, organizer, event, liaison, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_of(organizer).post(cancel_url(event))

    event.refresh_from_db()
    assert event.is_cancelled is True
    assert mailoutbox == []


@pytest.mark.parametrize(
    "persona", ["other_organizer", "liaison", "other_liaison", "national_admin", "stranger"]
)
def test_cancel_event_other_user_leaves_requests_alone(
    client_of, request, event, visit, persona, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_of(request.getfixturevalue(persona))
    before = rows()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel_url(event))

    assert response.status_code == 404
    assert rows() == before
    assert mailoutbox == []

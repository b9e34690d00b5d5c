"""The day after: organizers are mailed a link to tell how their event went, once."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from events.models import Event, EventReport
from events.services import report as services
from tests.conftest import make_event


def ended(organizer, ago, *, now=None, **fields):
    """An event of `organizer` that lasted four hours and ended `ago` before `now`."""
    end = (now or timezone.now()) - ago
    return make_event(organizer, starts_at=end - datetime.timedelta(hours=4), ends_at=end, **fields)


def send_report_requests():
    out = StringIO()
    call_command("send_report_requests", stdout=out)
    return out.getvalue()


def asked_at(event):
    return Event.objects.values_list("report_requested_at", flat=True).get(pk=event.pk)


@pytest.fixture
def last_night(organizer):
    return ended(organizer, datetime.timedelta(hours=15))


def test_send_report_requests_mails_the_organizer_a_link_to_the_form(
    last_night, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        output = send_report_requests()

    assert output == "1 report request(s) and 0 reminder(s) queued.\n"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["olivia@example.com"]
    assert message.subject == "How did “Maple Street Block Party” go?"
    assert message.body.startswith(
        "Hello Olivia Organizer,\n\nthank you for holding “Maple Street Block Party”. "
        "How did it go?\n"
    )
    assert "120 Maple St, Springfield, IL\n" in message.body
    assert (
        f"\nhttp://127.0.0.1:8000{reverse('events:report', args=[last_night.pk])}\n" in message.body
    )


def test_send_report_requests_records_when_it_asked(last_night):
    before = timezone.now()

    send_report_requests()

    assert before <= asked_at(last_night) <= timezone.now()


def test_send_report_requests_second_run_sends_nothing(
    last_night, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        send_report_requests()
    first_asked = asked_at(last_night)

    with django_capture_on_commit_callbacks(execute=True):
        output = send_report_requests()

    assert output == "0 report request(s) and 0 reminder(s) queued.\n"
    assert len(mailoutbox) == 1
    assert asked_at(last_night) == first_asked


def test_send_report_requests_one_mail_per_event(
    organizer, django_capture_on_commit_callbacks, mailoutbox
):
    ended(organizer, datetime.timedelta(days=1), title="Maple Street")
    ended(organizer, datetime.timedelta(days=2), title="Elm Street")

    with django_capture_on_commit_callbacks(execute=True):
        output = send_report_requests()

    assert output == "2 report request(s) and 0 reminder(s) queued.\n"
    assert sorted(message.subject for message in mailoutbox) == [
        "How did “Elm Street” go?",
        "How did “Maple Street” go?",
    ]


def test_send_report_requests_mail_is_plain_text(
    organizer, django_capture_on_commit_callbacks, mailoutbox
):
    ended(organizer, datetime.timedelta(days=1), title="O'Brien & Sons Cookout")

    with django_capture_on_commit_callbacks(execute=True):
        send_report_requests()

    assert mailoutbox[0].subject == "How did “O'Brien & Sons Cookout” go?"
    assert "“O'Brien & Sons Cookout”" in mailoutbox[0].body


# When


@pytest.mark.parametrize(
    ("ago", "asked"),
    [
        (datetime.timedelta(hours=1), False),
        (datetime.timedelta(hours=11, minutes=59), False),
        (datetime.timedelta(hours=12), True),
        (datetime.timedelta(days=13, hours=23), True),
        (datetime.timedelta(days=14), False),
        (datetime.timedelta(days=20), False),
    ],
)
def test_send_report_requests_asks_between_12_hours_and_14_days_after_the_end(
    organizer, ago, asked
):
    now = timezone.now()
    event = ended(organizer, ago, now=now)

    sent = services.send_report_requests(now=now)

    assert sent == (1 if asked else 0)
    assert asked_at(event) == (now if asked else None)


def test_send_report_requests_event_still_going_on_is_not_asked(
    organizer, django_capture_on_commit_callbacks, mailoutbox
):
    ended(organizer, -datetime.timedelta(hours=1))

    with django_capture_on_commit_callbacks(execute=True):
        output = send_report_requests()

    assert output == "0 report request(s) and 0 reminder(s) queued.\n"
    assert mailoutbox == []


def test_send_report_requests_event_ended_an_hour_ago_is_asked_the_next_day(organizer):
    now = timezone.now()
    event = ended(organizer, datetime.timedelta(hours=1), now=now)

    tonight = services.send_report_requests(now=now)
    tomorrow = services.send_report_requests(now=now + datetime.timedelta(days=1))

    assert (tonight, tomorrow) == (0, 1)
    assert asked_at(event) == now + datetime.timedelta(days=1)


# Which events


@pytest.mark.parametrize(
    "status",
    [
        Event.Status.DRAFT,
        Event.Status.SUBMITTED,
        Event.Status.CHANGES_REQUESTED,
        Event.Status.CANCELLED,
    ],
)
def test_send_report_requests_event_not_approved_is_not_asked(
    organizer, status, django_capture_on_commit_callbacks, mailoutbox
):
    cancelled_at = timezone.now() if status == Event.Status.CANCELLED else None
    event = ended(organizer, datetime.timedelta(days=1), status=status, cancelled_at=cancelled_at)

    with django_capture_on_commit_callbacks(execute=True):
        output = send_report_requests()

    assert output == "0 report request(s) and 0 reminder(s) queued.\n"
    assert mailoutbox == []
    assert asked_at(event) is None


def test_send_report_requests_event_already_reported_is_not_asked(
    last_night, django_capture_on_commit_callbacks, mailoutbox
):
    EventReport.objects.create(event=last_night, actual_adults=12, actual_children=4)

    with django_capture_on_commit_callbacks(execute=True):
        output = send_report_requests()

    assert output == "0 report request(s) and 0 reminder(s) queued.\n"
    assert mailoutbox == []
    assert asked_at(last_night) is None


def test_send_report_requests_event_asked_before_is_not_asked_again(
    last_night, django_capture_on_commit_callbacks, mailoutbox
):
    earlier = timezone.now() - datetime.timedelta(hours=2)
    Event.objects.filter(pk=last_night.pk).update(report_requested_at=earlier)

    with django_capture_on_commit_callbacks(execute=True):
        output = send_report_requests()

    assert output == "0 report request(s) and 0 reminder(s) queued.\n"
    assert mailoutbox == []
    assert asked_at(last_night) == earlier


def test_send_report_requests_deactivated_organizer_is_not_mailed(
    organizer, last_night, django_capture_on_commit_callbacks, mailoutbox
):
    User.objects.filter(pk=organizer.pk).update(is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        output = send_report_requests()

    assert output == "0 report request(s) and 0 reminder(s) queued.\n"
    assert mailoutbox == []


def test_send_report_requests_only_the_events_due(
    organizer, other_organizer, django_capture_on_commit_callbacks, mailoutbox
):
    ended(organizer, datetime.timedelta(days=1), title="Due")
    ended(organizer, datetime.timedelta(days=30), title="Long ago")
    make_event(other_organizer, title="Next week")

    with django_capture_on_commit_callbacks(execute=True):
        send_report_requests()

    assert [message.subject for message in mailoutbox] == ["How did “Due” go?"]

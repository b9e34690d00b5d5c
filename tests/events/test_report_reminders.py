"""Five days after asking, organizers who have not reported get one reminder."""

import datetime
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from events.models import Event, EventReport
from events.services import report as services
from tests.conftest import make_event

DAY = datetime.timedelta(days=1)


def asked(organizer, days_ago, **fields):
    """An event of `organizer` that ended a day before its organizer was asked about it,
    `days_ago` days ago."""
    asked_at = timezone.now() - days_ago * DAY
    end = asked_at - DAY
    event = make_event(
        organizer, starts_at=end - datetime.timedelta(hours=4), ends_at=end, **fields
    )
    Event.objects.filter(pk=event.pk).update(report_requested_at=asked_at)
    return event


def run_command():
    out = StringIO()
    call_command("send_report_requests", stdout=out)
    return out.getvalue()


def reminded_at(event):
    return Event.objects.values_list("report_reminded_at", flat=True).get(pk=event.pk)


@pytest.fixture
def silent(organizer):
    """Asked about five days ago; no report since."""
    return asked(organizer, 5, title="Quiet Street Party")


def test_reminder_mails_the_organizer_once(silent, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        first = run_command()
    with django_capture_on_commit_callbacks(execute=True):
        second = run_command()

    assert first == "0 report request(s) and 1 reminder(s) queued.\n"
    assert second == "0 report request(s) and 0 reminder(s) queued.\n"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["olivia@example.com"]
    assert message.subject == "A reminder: how did “Quiet Street Party” go?"
    assert message.body.startswith("Hello Olivia Organizer,")
    assert f"{settings.SITE_URL}{reverse('events:report', args=[silent.pk])}" in message.body
    assert "This is the only reminder we send about this event." in message.body
    assert reminded_at(silent) is not None


def test_reminder_waits_five_days_after_asking(organizer, mailoutbox):
    event = asked(organizer, 4)

    assert services.send_report_reminders() == 0
    assert services.send_report_reminders(now=timezone.now() + DAY) == 1
    assert reminded_at(event) is not None


def test_reminder_not_sent_to_organizers_never_asked(organizer):
    end = timezone.now() - 10 * DAY
    make_event(organizer, starts_at=end - datetime.timedelta(hours=4), ends_at=end)

    assert services.send_report_reminders() == 0


def test_reminder_not_sent_once_reported(silent, mailoutbox):
    EventReport.objects.create(event=silent, actual_adults=30, actual_children=12)

    assert services.send_report_reminders() == 0
    assert reminded_at(silent) is None


def test_reminder_not_sent_for_a_cancelled_event(organizer):
    asked(organizer, 6, status=Event.Status.CANCELLED)

    assert services.send_report_reminders() == 0


def test_reminder_not_sent_to_a_deactivated_organizer(organizer, silent):
    User.objects.filter(pk=organizer.pk).update(is_active=False)

    assert services.send_report_reminders() == 0
    assert reminded_at(silent) is None

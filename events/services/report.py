"""After the night: asking organizers how it went, their reports, visits made."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.mail import send_templated_email

from ..models import Event, EventReport, VisitRequest

# Ask about events that ended at least this long ago (the day after), and not about
# events older than REPORT_WINDOW (a reminder weeks later would only confuse).
ASK_AFTER = datetime.timedelta(hours=12)
REPORT_WINDOW = datetime.timedelta(days=14)
# Organizers who have not reported this long after being asked get one reminder.
REMIND_AFTER = datetime.timedelta(days=5)


class ReportError(Exception):
    """A report or a visit mark that cannot be saved; the message says why."""


def report_refusal(event) -> str | None:
    """Why `event`'s organizer cannot report on it (yet), or None if they can."""
    if event.status == Event.Status.CANCELLED:
        return _("This event was cancelled: there is nothing to report.")
    if event.status != Event.Status.APPROVED:
        return _("Only approved events can be reported on.")
    if not event.is_past:
        return _("You can tell how it went once the event is over.")
    return None


def events_to_ask_about(now):
    """Approved events that ended between REPORT_WINDOW and ASK_AFTER before `now`,
    not asked about yet and not reported on, of organizers who still use nno."""
    return Event.objects.filter(
        status=Event.Status.APPROVED,
        ends_at__lte=now - ASK_AFTER,
        ends_at__gt=now - REPORT_WINDOW,
        report_requested_at__isnull=True,
        report__isnull=True,
        organizer__is_active=True,
    ).select_related("organizer")


def send_report_requests(*, now=None) -> int:
    """Mail each organizer of a recent approved event a link to tell how it went (once)."""
    now = now or timezone.now()
    return _mail_once(events_to_ask_about(now), "report_requested_at", "report_request", now)


def events_to_remind(now):
    """Approved events asked about at least REMIND_AFTER before `now`, not reported on
    and not reminded of yet, of organizers who still use nno."""
    return Event.objects.filter(
        status=Event.Status.APPROVED,
        report_requested_at__lte=now - REMIND_AFTER,
        report_reminded_at__isnull=True,
        report__isnull=True,
        organizer__is_active=True,
    ).select_related("organizer")


def send_report_reminders(*, now=None) -> int:
    """Mail the organizers asked REMIND_AFTER ago who have not reported yet: once."""
    now = now or timezone.now()
    return _mail_once(events_to_remind(now), "report_reminded_at", "report_reminder", now)


def _mail_once(events, sent_field, template, now) -> int:
    """Mail each of `events`' organizers `template` with a link to the report form,
    recording `now` in `sent_field`; a conditional update makes two runs at once mail
    each organizer once. Returns how many were mailed."""
    sent = 0
    for event in events:
        with transaction.atomic():
            if not Event.objects.filter(pk=event.pk, **{f"{sent_field}__isnull": True}).update(
                **{sent_field: now}
            ):
                continue
            send_templated_email(
                template=f"events/email/{template}",
                context={"event": event, "path": reverse("events:report", args=[event.pk])},
                to=[event.organizer.email],
            )
            sent += 1
    return sent


@transaction.atomic
def save_report(*, form, event) -> EventReport:
    """Save a new report, or changes to the existing one, from a valid ReportForm."""
    # Lock the event: its status is checked as it is now, and two first reports sent
    # at once (two tabs) cannot both be created.
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if refusal := report_refusal(locked):
        raise ReportError(refusal)
    if form.instance.pk is None and EventReport.objects.filter(event=locked).exists():
        raise ReportError(
            _("A report on this event was saved meanwhile. Here it is: change it if need be.")
        )
    report = form.save(commit=False)
    report.event = locked
    report.save()
    form.save_m2m()
    return report


@transaction.atomic
def mark_visit_made(*, visit, by, made: bool) -> VisitRequest:
    """A liaison records that an accepted visit took place, or undoes it.

    Marking again keeps who marked it first and when.
    """
    locked = VisitRequest.objects.select_for_update().select_related("event").get(pk=visit.pk)
    if locked.status != VisitRequest.Status.ACCEPTED:
        raise ReportError(
            _("Only accepted visits can be marked as made; this request is “%(status)s”.")
            % {"status": locked.get_status_display()}
        )
    if locked.event.status == Event.Status.CANCELLED:
        raise ReportError(_("This event was cancelled."))
    now = timezone.now()
    if locked.event.starts_at > now:
        raise ReportError(_("The event has not started yet."))
    if made and locked.made_at is None:
        locked.made_at, locked.made_by = now, by
        locked.save(update_fields=["made_at", "made_by", "updated_at"])
    elif not made and locked.made_at is not None:
        locked.made_at, locked.made_by = None, None
        locked.save(update_fields=["made_at", "made_by", "updated_at"])
    return locked

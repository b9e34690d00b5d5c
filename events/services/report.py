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


class ReportError(Exception):
    pass


def events_to_ask_about(now):
    return Event.objects.filter(
        status=Event.Status.APPROVED,
        ends_at__lte=now - ASK_AFTER,
        ends_at__gt=now - REPORT_WINDOW,
        report_requested_at__isnull=True,
        report__isnull=True,
    ).select_related("organizer")


def send_report_requests(*, now=None) -> int:
    """Mail each organizer of a recent approved event a link to tell how it went (once)."""
    now = now or timezone.now()
    sent = 0
    for event in events_to_ask_about(now):
        with transaction.atomic():
            if not Event.objects.filter(pk=event.pk, report_requested_at__isnull=True).update(
                report_requested_at=now
            ):
                continue  # another run got there first
            send_templated_email(
                template="events/email/report_request",
                context={"event": event, "path": reverse("events:report", args=[event.pk])},
                to=[event.organizer.email],
            )
            sent += 1
    return sent


@transaction.atomic
def save_report(*, form, event) -> EventReport:
    if event.status != Event.Status.APPROVED or not event.is_past:
        raise ReportError(_("You can tell how it went once your approved event is over."))
    report = form.save(commit=False)
    report.event = event
    report.save()
    form.save_m2m()
    return report


def mark_visit_made(*, visit, by, made: bool) -> None:
    """A liaison records that the accepted visit took place (or undoes it)."""
    if visit.status != VisitRequest.Status.ACCEPTED:
        raise ReportError(_("Only accepted visits can be marked as made."))
    if made and not visit.event.starts_at <= timezone.now():
        raise ReportError(_("The event has not started yet."))
    VisitRequest.objects.filter(pk=visit.pk, status=VisitRequest.Status.ACCEPTED).update(
        made_at=timezone.now() if made else None,
        made_by=by if made else None,
        updated_at=timezone.now(),
    )

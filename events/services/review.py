"""An event's lifecycle: draft → submitted → approved | changes requested → …; cancelled.

Every change is recorded (EventStatusChange: who, when, from → to, comment). A
community that approves automatically publishes a submitted event at once;
otherwise one of its municipal admins approves it or asks for changes.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.mail import send_templated_email

from ..models import CommunityAdmin, Event, EventStatusChange

Status = Event.Status


class ReviewError(Exception):
    """A move the lifecycle does not allow; the message says why."""


def record_change(*, event, from_status, to_status, by=None, comment=""):
    EventStatusChange.objects.create(
        event=event, from_status=from_status, to_status=to_status, by=by, comment=comment
    )


def _move(event, *, allowed_from, to, by, comment="") -> str:
    """Move `event` to `to` if it is still in one of `allowed_from` (a conditional update,
    so that two admins acting at once cannot both succeed). Returns the old status."""
    old = (
        Event.objects.select_for_update()
        .filter(pk=event.pk)
        .values_list("status", flat=True)
        .first()
    )
    moved = old in allowed_from and Event.objects.filter(pk=event.pk, status=old).update(
        status=to, updated_at=timezone.now()
    )
    if not moved:
        raise ReviewError(
            _("This event is “%(status)s”: it cannot be changed that way.")
            % {"status": Status(old).label}
        )
    record_change(event=event, from_status=old, to_status=to, by=by, comment=comment)
    event.status = to
    return old


def _admin_emails(community):
    return list(
        CommunityAdmin.objects.filter(
            community=community, status=CommunityAdmin.Status.APPROVED, user__is_active=True
        ).values_list("user__email", flat=True)
    )


@transaction.atomic
def submit_event(*, event, by) -> None:
    """Send a draft (or an event returned for changes) in; publish it at once if its
    community approves automatically, else ask the community's admins to review it."""
    _move(event, allowed_from=[Status.DRAFT, Status.CHANGES_REQUESTED], to=Status.SUBMITTED, by=by)
    _after_submission(event)


def _after_submission(event):
    if not event.community.reviews_events:
        _move(
            event,
            allowed_from=[Status.SUBMITTED],
            to=Status.APPROVED,
            by=None,
            comment=_("Approved automatically: the community publishes events at once."),
        )
        return
    to = _admin_emails(event.community)
    if to:
        send_templated_email(template="events/email/review_needed", context={"event": event}, to=to)


@transaction.atomic
def resubmit_after_edit(*, event, by) -> bool:
    """An approved event whose community reviews events goes back to review when its
    organizer changes it. Returns True if it did."""
    if event.status != Status.APPROVED or not event.community.reviews_events:
        return False
    _move(
        event,
        allowed_from=[Status.APPROVED],
        to=Status.SUBMITTED,
        by=by,
        comment=_("Changed by the organizer: back to review."),
    )
    _after_submission(event)
    return True


@transaction.atomic
def approve_event(*, event, by, comment="") -> None:
    _move(event, allowed_from=[Status.SUBMITTED], to=Status.APPROVED, by=by, comment=comment)
    send_templated_email(
        template="events/email/event_approved",
        context={"event": event, "comment": comment},
        to=[event.organizer.email],
    )


@transaction.atomic
def request_changes(*, event, by, comment) -> None:
    if not comment.strip():
        raise ReviewError(_("Tell the organizer what to change."))
    _move(
        event, allowed_from=[Status.SUBMITTED], to=Status.CHANGES_REQUESTED, by=by, comment=comment
    )
    send_templated_email(
        template="events/email/event_changes_requested",
        context={"event": event, "comment": comment},
        to=[event.organizer.email],
    )

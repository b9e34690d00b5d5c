from django.db import transaction
from django.utils import timezone

from .. import participation
from ..models import Community, Event
from .review import record_change, resubmit_after_edit, submit_event
from .visit import cancel_requests_of


@transaction.atomic
def save_event(*, form, by, submit: bool) -> Event:
    """Save a registration or an edit from a valid EventForm.

    The event joins the community the ZIP data places it in. A new event starts
    as a draft; `submit` sends a draft (or an event returned for changes) in. An
    approved event that is changed goes back to review if its community reviews.
    """
    is_new = form.instance.pk is None
    # The dashboard rows that count the event where it was, before the edit moves it.
    before = (set(), set()) if is_new else participation.pairs_of_event(form.instance)
    event = form.save(commit=False)
    if is_new:
        event.organizer = by
        event.status = Event.Status.DRAFT
    info = form.zip_info
    event.community = Community.objects.for_place(
        name=form.cleaned_data["city"], state=info.state, county=info.county
    )
    event.save()
    form.save_m2m()
    if before != participation.pairs_of_event(event):
        participation.refresh(community_years=before[0], agency_years=before[1])
    if submit and event.status in (Event.Status.DRAFT, Event.Status.CHANGES_REQUESTED):
        submit_event(event=event, by=by)
    elif not is_new and form.has_changed():
        resubmit_after_edit(event=event, by=by)
    return event


@transaction.atomic
def cancel_event(*, event: Event, by=None) -> bool:
    """Cancel `event` (kept, never deleted) and its open visit requests, telling the
    agencies. False if it was already cancelled."""
    now = timezone.now()
    old = event.status
    updated = (
        Event.objects.filter(pk=event.pk)
        .exclude(status=Event.Status.CANCELLED)
        .update(status=Event.Status.CANCELLED, cancelled_at=now, updated_at=now)
    )
    if updated:
        event.refresh_from_db()
        record_change(event=event, from_status=old, to_status=Event.Status.CANCELLED, by=by)
        cancel_requests_of(event)
    return bool(updated)

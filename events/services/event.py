from django.db import transaction
from django.utils import timezone

from ..models import Community, Event
from .visit import cancel_requests_of


@transaction.atomic
def save_event(*, form, organizer=None, submit: bool) -> Event:
    """Save a registration or an edit from a valid EventForm.

    The event joins the community the ZIP data places it in. `submit` sends a
    draft in (an already submitted event stays submitted).
    """
    event = form.save(commit=False)
    if organizer is not None:
        event.organizer = organizer
    info = form.zip_info
    event.community = Community.objects.for_place(
        name=form.cleaned_data["city"], state=info.state, county=info.county
    )
    if submit:
        event.status = Event.Status.SUBMITTED
    event.save()
    form.save_m2m()
    return event


@transaction.atomic
def cancel_event(*, event: Event) -> bool:
    """Cancel `event` (kept, never deleted) and its open visit requests, telling the
    agencies. False if it was already cancelled."""
    now = timezone.now()
    updated = (
        Event.objects.filter(pk=event.pk)
        .exclude(status=Event.Status.CANCELLED)
        .update(status=Event.Status.CANCELLED, cancelled_at=now, updated_at=now)
    )
    if updated:
        event.refresh_from_db()
        cancel_requests_of(event)
    return bool(updated)

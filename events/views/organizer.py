"""The organizer's pages: My events, register, detail, edit, cancel."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms import EventForm
from ..models import Event, EventReport
from ..services import event as services

EVENTS_PER_PAGE = 20


def _status_message(event, edited=False):
    Status = Event.Status
    if event.status == Status.APPROVED:
        return (
            _("Your changes are saved and published.")
            if edited
            else _("Your event is registered and published. Thank you for taking part!")
        )
    if event.status == Status.SUBMITTED:
        return _(
            "Your event is sent to your community's municipal admins for review. "
            "We will e-mail you when it is approved."
        )
    if event.status == Status.DRAFT:
        return _("Your draft is saved. Submit it when it is ready.")
    return _("Your changes are saved.")


@login_required
def my_events(request):
    events = Event.objects.organized_by(request.user).for_listing().upcoming_first()
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "events/my_events.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def register(request):
    form = EventForm(request.POST or None)
    if form.is_valid():
        submit = "save_draft" not in request.POST
        event = services.save_event(form=form, by=request.user, submit=submit)
        messages.success(request, _status_message(event))
        return redirect(event)
    return render(request, "events/event_form.html", {"form": form})


@login_required
def detail(request, pk):
    event = get_object_or_404(Event.objects.visible_to(request.user).for_listing(), pk=pk)
    visits = event.visit_requests.select_related("agency").order_by("agency__name")
    last_review = event.status_changes.filter(to_status=Event.Status.CHANGES_REQUESTED).first()
    can_review = (
        event.status == Event.Status.SUBMITTED
        and Event.objects.reviewable_by(request.user).filter(pk=event.pk).exists()
    )
    report = EventReport.objects.filter(event=event).prefetch_related("agencies_came").first()
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "can_edit": event.can_edit(request.user),
            "visits": visits,
            "last_review": last_review,
            "can_review": can_review,
            "history": event.status_changes.select_related("by"),
            "report": report,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    event = get_object_or_404(Event.objects.editable_by(request.user), pk=pk)
    form = EventForm(request.POST or None, instance=event)
    if form.is_valid():
        services.save_event(form=form, by=request.user, submit="submit" in request.POST)
        messages.success(request, _status_message(event, edited=True))
        return redirect(event)
    return render(request, "events/event_form.html", {"form": form, "event": event})


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request, pk):
    event = get_object_or_404(Event.objects.organized_by(request.user), pk=pk)
    if event.is_cancelled:
        messages.info(request, _("This event was already cancelled."))
        return redirect(event)
    if request.method == "POST":
        services.cancel_event(event=event, by=request.user)
        messages.success(request, _("Your event is cancelled. It stays in your list as cancelled."))
        return redirect(event)
    return render(request, "events/event_cancel.html", {"event": event})

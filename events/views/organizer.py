"""The organizer's pages: My events, register, detail, edit, cancel."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms import EventForm
from ..models import Event
from ..services import event as services

EVENTS_PER_PAGE = 20


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
        event = services.save_event(form=form, organizer=request.user, submit=submit)
        if submit:
            messages.success(request, _("Your event is registered. Thank you for taking part!"))
        else:
            messages.success(request, _("Your draft is saved. Submit it when it is ready."))
        return redirect(event)
    return render(request, "events/event_form.html", {"form": form})


@login_required
def detail(request, pk):
    event = get_object_or_404(Event.objects.visible_to(request.user).for_listing(), pk=pk)
    visits = event.visit_requests.select_related("agency").order_by("agency__name")
    return render(
        request,
        "events/event_detail.html",
        {"event": event, "can_edit": event.can_edit(request.user), "visits": visits},
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    event = get_object_or_404(Event.objects.editable_by(request.user), pk=pk)
    form = EventForm(request.POST or None, instance=event)
    if form.is_valid():
        submit = "submit" in request.POST
        services.save_event(form=form, submit=submit)
        messages.success(request, _("Your changes are saved."))
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
        services.cancel_event(event=event)
        messages.success(request, _("Your event is cancelled. It stays in your list as cancelled."))
        return redirect(event)
    return render(request, "events/event_cancel.html", {"event": event})

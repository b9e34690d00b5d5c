"""After the night: the organizer tells how it went; liaisons mark visits as made."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..forms.report import MadeForm, ReportForm
from ..models import Event, EventReport, VisitRequest
from ..services import report as services


@login_required
@require_http_methods(["GET", "POST"])
def report(request, pk):
    event = get_object_or_404(Event.objects.organized_by(request.user), pk=pk)
    if refusal := services.report_refusal(event):
        messages.info(request, refusal)
        return redirect(event)
    instance = EventReport.objects.filter(event=event).first() or EventReport(event=event)
    form = ReportForm(request.POST or None, instance=instance, event=event)
    if form.is_valid():
        try:
            services.save_report(form=form, event=event)
        except services.ReportError as error:
            messages.error(request, str(error))
            return redirect("events:report", event.pk)
        messages.success(request, _("Thank you! Your report is saved: it counts in the figures."))
        return redirect(event)
    return render(request, "events/report_form.html", {"form": form, "event": event})


@login_required
@require_POST
def mark_made(request, pk):
    visit = get_object_or_404(VisitRequest.objects.for_liaison(request.user), pk=pk)
    form = MadeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose “Mark as made” or “Not made”."))
    else:
        made = form.cleaned_data["made"]
        try:
            services.mark_visit_made(visit=visit, by=request.user, made=made)
        except services.ReportError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Marked as made. Thank you!") if made else _("Marked as not made.")
            )
    # Back to the page the button was on: the request or the evening's plan.
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, require_https=request.is_secure()
    ):
        return redirect("events:liaison_request", visit.pk)
    return redirect(next_url)

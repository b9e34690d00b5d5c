"""The liaison's side: the inbox of requests to their agencies, and answering them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..forms.visit import AcceptForm, DeclineForm, InboxFilterForm
from ..models import VisitRequest
from ..services import visit as services

REQUESTS_PER_PAGE = 25


@login_required
def inbox(request):
    mine = VisitRequest.objects.for_liaison(request.user)
    counts = dict(mine.values_list("status").annotate(n=Count("pk")).order_by())
    filters = InboxFilterForm(request.GET or None)
    visits = (
        filters.filter(mine)
        .select_related("event", "agency")
        .order_by("event__starts_at", "preferred_start", "pk")
    )
    page = Paginator(visits, REQUESTS_PER_PAGE).get_page(request.GET.get("page"))
    status_counts = [
        (value, label, counts.get(value, 0)) for value, label in VisitRequest.Status.choices
    ]
    return render(
        request,
        "events/liaison/inbox.html",
        {"page": page, "filters": filters, "status_counts": status_counts},
    )


def _liaison_visit(request, pk):
    return get_object_or_404(
        VisitRequest.objects.for_liaison(request.user).select_related(
            "event", "event__organizer", "agency", "answered_by", "made_by"
        ),
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_detail(request, pk):
    visit = _liaison_visit(request, pk)
    accept_form = AcceptForm(request.POST or None, visit=visit)
    warnings = []
    if request.method == "POST" and accept_form.is_valid():
        try:
            services.accept_request(
                visit=visit,
                by=request.user,
                start=accept_form.cleaned_data.get("start"),
                end=accept_form.cleaned_data.get("end"),
                unit=accept_form.cleaned_data["unit"],
                confirmed=accept_form.cleaned_data["confirmed"],
            )
        except services.NeedsConfirmation as needs:
            warnings = needs.warnings
        except services.VisitError as error:
            messages.error(request, str(error))
            return redirect("events:liaison_request", visit.pk)
        else:
            messages.success(request, _("Accepted. The organizer has been told."))
            return redirect("events:liaison_request", visit.pk)
    return render(
        request,
        "events/liaison/request_detail.html",
        {
            "visit": visit,
            "event": visit.event,
            "accept_form": accept_form,
            "decline_form": DeclineForm(),
            "warnings": warnings,
            "now": timezone.now(),
        },
    )


@login_required
@require_POST
def decline(request, pk):
    visit = _liaison_visit(request, pk)
    form = DeclineForm(request.POST, instance=visit)
    if not form.is_valid():
        return render(
            request,
            "events/liaison/request_detail.html",
            {
                "visit": visit,
                "event": visit.event,
                "accept_form": AcceptForm(visit=visit),
                "decline_form": form,
                "warnings": [],
            },
        )
    try:
        services.decline_request(
            visit=visit, by=request.user, reason=form.cleaned_data["decline_reason"]
        )
    except services.VisitError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Declined. The organizer has been told."))
    return redirect("events:liaison_request", visit.pk)

"""The organizer's side of visit requests: pick agencies, ask, withdraw."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..forms.visit import VisitRequestForm
from ..geo import miles_between
from ..models import Agency, Event, VisitRequest
from ..services import visit as services

AGENCIES_PER_PAGE = 20


def _ranked_agencies(event, query):
    """Agencies serving the event's place first, each group nearest first."""
    serving_ids = set(Agency.objects.serving(event).values_list("pk", flat=True))
    agencies = Agency.objects.all()
    if query:
        agencies = agencies.filter(Q(name__icontains=query) | Q(city__icontains=query))
    else:
        agencies = agencies.filter(Q(pk__in=serving_ids) | Q(state=event.state))
    ranked = []
    for agency in agencies.only(
        "name", "kind", "city", "state", "latitude", "longitude", "is_verified"
    ):
        agency.serves_event = agency.pk in serving_ids
        agency.miles = miles_between(
            event.latitude, event.longitude, agency.latitude, agency.longitude
        )
        ranked.append(agency)
    ranked.sort(key=lambda a: (not a.serves_event, a.miles, a.name))
    return ranked


@login_required
def pick_agencies(request, pk):
    event = get_object_or_404(Event.objects.editable_by(request.user), pk=pk)
    query = request.GET.get("q", "").strip()[:100]
    asked = set(event.visit_requests.values_list("agency_id", flat=True))
    page = Paginator(_ranked_agencies(event, query), AGENCIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "events/visits/pick_agencies.html",
        {"event": event, "page": page, "query": query, "asked": asked},
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_agency(request, pk, agency_pk):
    event = get_object_or_404(Event.objects.editable_by(request.user), pk=pk)
    agency = get_object_or_404(Agency, pk=agency_pk)
    form = VisitRequestForm(request.POST or None, event=event)
    if form.is_valid():
        try:
            services.request_agency(
                event=event,
                agency=agency,
                kind=form.cleaned_data["kind"],
                preferred_start=form.cleaned_data["preferred_start"],
                preferred_end=form.cleaned_data["preferred_end"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except services.VisitError as error:
            messages.error(request, str(error))
            return redirect("events:pick_agencies", event.pk)
        messages.success(request, _("Your request went to %(agency)s.") % {"agency": agency.name})
        return redirect(event)
    return render(
        request,
        "events/visits/request_form.html",
        {"event": event, "agency": agency, "form": form},
    )


@login_required
@require_POST
def withdraw(request, pk, visit_pk):
    visit = get_object_or_404(
        VisitRequest.objects.filter(event__organizer=request.user, event_id=pk), pk=visit_pk
    )
    try:
        services.withdraw_request(visit=visit, by=request.user)
    except services.VisitError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Your request to %(agency)s is withdrawn.") % {"agency": visit.agency.name}
        )
    return redirect("events:detail", pk)

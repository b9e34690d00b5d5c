"""A liaison's plan of an evening: stops in order, route suggestion, CSV, calendar feed."""

import csv
import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import calendar
from ..csv import csv_safe
from ..models import Agency, AgencyMembership, VisitRequest
from ..national_night import next_national_night
from ..services import visit as services


def _plan_day(request, agency):
    """The evening asked for (?date=YYYY-MM-DD), else the next national night."""
    value = request.GET.get("date", "")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        if value:
            messages.error(
                request,
                _("“%(value)s” is not a date; showing the next national night.")
                % {"value": value[:20]},
            )
        return next_national_night(timezone.localdate(timezone=agency.tz), agency.state)


def _liaison_agency(request, pk):
    return get_object_or_404(Agency.objects.with_liaison(request.user), pk=pk)


@login_required
def plan(request, pk):
    agency = _liaison_agency(request, pk)
    day = _plan_day(request, agency)
    rows = services.night_plan(agency, day)
    others = (
        VisitRequest.objects.on_evening(agency, day)
        .filter(status__in=[VisitRequest.Status.REQUESTED])
        .select_related("event")
        # Requests that came after the route was applied go last, on every database.
        .order_by(F("route_position").asc(nulls_last=True), "event__starts_at", "pk")
    )
    taking_part = (
        VisitRequest.objects.on_evening(agency, day)
        .filter(kind=VisitRequest.Kind.PARTICIPATION, status=VisitRequest.Status.ACCEPTED)
        .select_related("event")
    )
    return render(
        request,
        "events/plan/plan.html",
        {
            "agency": agency,
            "day": day,
            "rows": rows,
            "pending": others,
            "taking_part": taking_part,
            "total_miles": sum(r.miles_from_previous or 0 for r in rows),
            "now": timezone.now(),
        },
    )


@login_required
def plan_csv(request, pk):
    agency = _liaison_agency(request, pk)
    day = _plan_day(request, agency)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="nno-plan-{agency.pk}-{day}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "stop",
            "from",
            "until",
            "event",
            "address",
            "city",
            "state",
            "zip",
            "unit",
            "miles from previous",
            "travel minutes",
            "gap minutes",
            "too tight",
            "organizer",
            "organizer phone",
            "note",
        ]
    )
    for number, row in enumerate(services.night_plan(agency, day), start=1):
        visit, event = row.visit, row.visit.event
        writer.writerow(
            [
                number,
                timezone.localtime(visit.scheduled_start, event.tz).strftime("%H:%M"),
                timezone.localtime(visit.scheduled_end, event.tz).strftime("%H:%M"),
                csv_safe(event.title),
                csv_safe(event.address),
                csv_safe(event.city),
                event.state,
                event.zip_code,
                csv_safe(visit.unit),
                "" if row.miles_from_previous is None else f"{row.miles_from_previous:.1f}",
                "" if row.travel_minutes is None else round(row.travel_minutes),
                "" if row.gap_minutes is None else round(row.gap_minutes),
                "yes" if row.too_tight else "",
                csv_safe(event.organizer.full_name),
                csv_safe(event.organizer.phone),
                csv_safe(visit.note),
            ]
        )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def route(request, pk):
    agency = _liaison_agency(request, pk)
    day = _plan_day(request, agency)
    if request.method == "POST":
        count = services.apply_route(agency, day)
        messages.success(request, _("The route is applied to %(count)d stops.") % {"count": count})
        return redirect(f"{reverse('events:plan', args=[agency.pk])}?date={day.isoformat()}")
    pairs, suggested = services.suggest_route(agency, day)
    return render(
        request,
        "events/plan/route.html",
        {"agency": agency, "day": day, "pairs": pairs, "route": suggested},
    )


def calendar_feed(request, token):
    membership = (
        AgencyMembership.objects.filter(
            calendar_token=token, status=AgencyMembership.Status.APPROVED, user__is_active=True
        )
        .select_related("agency")
        .first()
    )
    if membership is None:
        raise Http404
    since = timezone.now() - datetime.timedelta(days=60)
    visits = (
        VisitRequest.objects.filter(
            agency=membership.agency,
            status=VisitRequest.Status.ACCEPTED,
            kind=VisitRequest.Kind.VISIT,
            scheduled_end__gte=since,
        )
        .select_related("event", "agency")
        .order_by("scheduled_start")
    )
    body = calendar.visits_calendar(membership.agency, visits, request)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="nno-{membership.agency.pk}.ics"'
    return response

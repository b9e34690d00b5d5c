"""Pages anyone may see: home, search, public event pages, calendars, flyer, embeds."""

import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override

from .. import calendar, search
from ..forms.search import SearchForm
from ..models import Community, Event, VisitRequest
from ..public_cache import public_page
from ..states import State

RESULTS_PER_PAGE = 20
GEOJSON_LIMIT = 1000
EMBED_LIMIT = 50
FEED_LIMIT = 100


def home(request):
    return render(request, "home.html")


def health(request):
    """For load balancers and uptime checks; also the benchmark's trivial baseline."""
    return HttpResponse("ok", content_type="text/plain")


def _search(request):
    """(form, events): the events a search finds, in order (`search.Nearby` after a
    ZIP search, else a QuerySet); `search.rows` reads them."""
    form = SearchForm(request.GET or None)
    if request.GET and not form.is_valid():
        return form, Event.objects.none()
    cleaned = form.cleaned_data if request.GET else {"date": form.initial["date"]}
    if form.zip_info is not None:
        return form, search.near(cleaned, form.zip_info, cleaned["radius"])
    return form, search.search_queryset(cleaned).order_by("starts_at", "state", "city", "pk")


@public_page
def find(request):
    form, events = _search(request)
    page = search.page_of(events, request.GET.get("page"), RESULTS_PER_PAGE, origin=form.zip_info)
    return render(
        request,
        "events/public/find.html",
        {
            "form": form,
            "page": page,
            "results": page.object_list,
            "day": form.cleaned_data.get("date") if request.GET else form.initial["date"],
            "geojson_url": reverse("events:geojson") + "?" + request.GET.urlencode(),
        },
    )


def feature(event, miles=None, request=None):
    latitude, longitude = event.public_position
    url = event.get_public_url()
    return {
        "type": "Feature",
        # RFC 7946: longitude first.
        "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
        "properties": {
            "id": event.pk,
            "title": event.title,
            "url": request.build_absolute_uri(url) if request else url,
            "date": event.date.isoformat(),
            "starts": event.local_start.isoformat(),
            "ends": event.local_end.isoformat(),
            "address": event.public_address,
            "city": event.city,
            "state": event.state,
            "miles": None if miles is None else round(miles, 1),
        },
    }


@public_page
def geojson(request):
    form, events = _search(request)
    if request.GET and not form.is_valid():
        return JsonResponse(
            {"errors": {field: list(errors) for field, errors in form.errors.items()}},
            status=400,
        )
    collection = {
        "type": "FeatureCollection",
        "features": [
            feature(event, search.miles_from(form.zip_info, event), request)
            for event in search.rows(events, 0, GEOJSON_LIMIT)
        ],
    }
    return JsonResponse(collection, content_type="application/geo+json")


def _public_event(pk):
    return get_object_or_404(
        Event.objects.public()
        .select_related("community")
        .prefetch_related(
            "activities",
            Prefetch(
                "visit_requests",
                queryset=VisitRequest.objects.filter(status=VisitRequest.Status.ACCEPTED)
                .select_related("agency")
                .order_by("agency__name"),
                to_attr="accepted_requests",
            ),
        ),
        pk=pk,
    )


@public_page
def public_event(request, pk):
    event = _public_event(pk)
    latitude, longitude = event.public_position
    return render(
        request,
        "events/public_event.html",
        {
            "event": event,
            "agencies": [visit.agency for visit in event.accepted_requests],
            "map_point": {"lat": latitude, "lon": longitude, "title": event.title},
        },
    )


def _ics_response(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@public_page
def event_ics(request, pk):
    event = _public_event(pk)
    return _ics_response(
        calendar.events_calendar(event.title, [event], request), f"night-out-{event.pk}.ics"
    )


@public_page
def flyer(request, pk):
    event = _public_event(pk)
    return render(
        request,
        "events/public/flyer.html",
        {"event": event, "public_url": request.build_absolute_uri(event.get_public_url())},
    )


@public_page
def qr_code(request, pk):
    event = _public_event(pk)
    image = qrcode.make(
        request.build_absolute_uri(event.get_public_url()),
        image_factory=qrcode.image.svg.SvgPathImage,
        box_size=10,
        border=2,
    )
    buffer = io.BytesIO()
    image.save(buffer)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


def upcoming_public(**filters):
    return (
        Event.objects.public()
        .filter(ends_at__gte=timezone.now(), **filters)
        .select_related("community")
        .prefetch_related("activities")
        .order_by("starts_at", "pk")
    )


# Outside the cache, so that cached responses get the relaxed framing headers too.
@xframe_options_exempt
@csp_override({**settings.SECURE_CSP, "frame-ancestors": ["*"]})
@public_page
def embed(request, pk):
    """A community's upcoming approved events, for an iframe on a city's website."""
    community = get_object_or_404(Community, pk=pk)
    events = list(upcoming_public(community=community)[:EMBED_LIMIT])
    return render(
        request,
        "events/public/embed.html",
        {
            "community": community,
            "events": events,
            "find_url": request.build_absolute_uri(reverse("events:find")),
        },
    )


@public_page
def community_ics(request, pk):
    community = get_object_or_404(Community, pk=pk)
    return _ics_response(
        calendar.events_calendar(
            f"National Night Out: {community}",
            upcoming_public(community=community)[:FEED_LIMIT],
            request,
        ),
        f"night-out-community-{community.pk}.ics",
    )


@public_page
def state_ics(request, state):
    if state not in State.values:
        raise Http404
    return _ics_response(
        calendar.events_calendar(
            f"National Night Out: {State(state).label}",
            upcoming_public(state=state)[:FEED_LIMIT],
            request,
        ),
        f"night-out-{state}.ics",
    )

"""Finding public events: the query behind the search page, the GeoJSON and the map."""

import math
from dataclasses import dataclass

from django.utils import timezone

from .addresses import BLOCK_PRECISION
from .geo import miles_between
from .models import Event

MILES_PER_DEGREE_LATITUDE = 69.0


@dataclass
class Found:
    event: Event | int  # an id until `hydrate` loads the event
    miles: float | None


def bounding_box(latitude, longitude, miles):
    """A latitude/longitude box around a point that holds every point within `miles`."""
    lat, lon = float(latitude), float(longitude)
    dlat = miles / MILES_PER_DEGREE_LATITUDE
    dlon = miles / (MILES_PER_DEGREE_LATITUDE * max(math.cos(math.radians(lat)), 0.01))
    return (lat - dlat, lat + dlat), (lon - dlon, lon + dlon)


def search_queryset(cleaned):
    """Approved public events matching the form's filters, not yet by distance."""
    # Past events are never listed, not even when their date is asked for.
    events = Event.objects.public().filter(ends_at__gte=timezone.now()).select_related("community")
    if cleaned.get("date"):
        events = events.filter(date=cleaned["date"])
    if cleaned.get("state"):
        events = events.filter(state=cleaned["state"])
    if cleaned.get("city"):
        events = events.filter(city__iexact=" ".join(cleaned["city"].split()))
    if cleaned.get("activity"):
        events = events.filter(activities=cleaned["activity"])
    return events


def near(events, info, radius):
    """The events within `radius` miles of the ZIP's center, nearest first.

    The database narrows by a bounding box (indexed); the exact distance is the
    great-circle distance from the ZIP's center to each event's public position."""
    (lat_min, lat_max), (lon_min, lon_max) = bounding_box(info.latitude, info.longitude, radius)
    # A block-only event is measured from its rounded position, up to half the
    # rounding step from the stored one that the box compares.
    slack = 0.5 * 10**-BLOCK_PRECISION
    candidates = events.filter(
        latitude__gte=lat_min - slack,
        latitude__lte=lat_max + slack,
        longitude__gte=lon_min - slack,
        longitude__lte=lon_max + slack,
    )
    # Only what the distance and the order need: building whole events for every
    # candidate (a thousand around a big city on the national night) cost most of the
    # page. `hydrate` loads the page's events afterwards.
    found = []
    for (
        pk,
        latitude,
        longitude,
        block_only,
        date,
        time_zone,
        starts_at,
    ) in candidates.order_by().values_list(
        "pk", "latitude", "longitude", "block_only", "date", "time_zone", "starts_at"
    ):
        hidden = Event.block_only_applies(block_only=block_only, date=date, time_zone=time_zone)
        lat, lon = Event.position_shown(latitude, longitude, hidden=hidden)
        miles = miles_between(info.latitude, info.longitude, lat, lon)
        if miles <= radius:
            found.append((miles, starts_at, pk))
    found.sort()
    return [Found(pk, miles) for miles, _starts_at, pk in found]


def hydrate(found, events):
    """`found` (Found with event ids) with their events from `events`, in order."""
    by_pk = events.in_bulk([f.event for f in found])
    return [Found(by_pk[f.event], f.miles) for f in found if f.event in by_pk]

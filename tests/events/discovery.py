"""Helpers for the tests of public discovery: search, GeoJSON, event pages, feeds.

Distances are great-circle miles between the ZIP centers of the offline `zipcodes`
data (`events.geo.miles_between`); an event's position is its ZIP's center.
"""

import math
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from events import zips
from events.geo import EARTH_RADIUS_MILES
from events.national_night import next_national_night
from tests.conftest import make_event

SPRINGFIELD = zips.lookup("62701")
MICRODEGREE = Decimal("0.000001")


def find_url():
    return reverse("events:find")


def geojson_url():
    return reverse("events:geojson")


def night(state=None):
    """The next national night (in `state`: Texas holds it in October)."""
    return next_national_night(timezone.localdate(), state)


def make_party(organizer, zip_code, **fields):
    """An approved public event at `zip_code`'s center on the next national night."""
    info = zips.lookup(zip_code)
    fields.setdefault("date", night(info.state))
    fields.setdefault("title", f"Party at {zip_code}")
    return make_event(organizer, zip_code=zip_code, **fields)


def point_from(center, *, miles_north=0.0, miles_east=0.0):
    """(latitude, longitude), to the microdegree, `miles_north` or `miles_east` of
    `center` along its meridian or its parallel, at that great-circle distance."""
    latitude = math.radians(float(center.latitude))
    north = miles_north / EARTH_RADIUS_MILES
    # On a parallel, a great-circle distance d spans 2·asin(sin(d/2R) / cos(latitude)).
    east = 2 * math.asin(math.sin(miles_east / (2 * EARTH_RADIUS_MILES)) / math.cos(latitude))
    return (
        (center.latitude + Decimal(math.degrees(north))).quantize(MICRODEGREE),
        (center.longitude + Decimal(math.degrees(east))).quantize(MICRODEGREE),
    )


def found_titles(response):
    """The titles of the events on a search page, in order."""
    return [found.event.title for found in response.context["results"]]


def feature_ids(response):
    return [feature["properties"]["id"] for feature in response.json()["features"]]

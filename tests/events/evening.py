"""Helpers for the tests of a liaison's evening: parties north of Springfield, IL, and
the agency's visits to them (the personas live in tests/conftest.py).

A party `miles_north` of Springfield's centre is that many miles from the centre in a
straight line; at the test agency's 25 mph, 5 miles take 12 minutes.
"""

import datetime
import math
from decimal import Decimal
from zoneinfo import ZoneInfo

from events import zips
from events.geo import EARTH_RADIUS_MILES
from events.models import VisitRequest
from tests.conftest import make_event, make_visit, next_week

SPRINGFIELD = zips.lookup("62701")
SPRINGFIELD_TZ = ZoneInfo(SPRINGFIELD.time_zone)
DEGREES_PER_MILE = Decimal(180 / (math.pi * EARTH_RADIUS_MILES))


def local(day, clock):
    """`day` at `clock` ("17:40"), Springfield time."""
    return datetime.datetime.combine(day, datetime.time.fromisoformat(clock), SPRINGFIELD_TZ)


def make_party(organizer, *, miles_north=0, day=None, **fields):
    """An event `miles_north` of Springfield's centre, from 5 to 9 pm on `day` (next week)."""
    latitude = SPRINGFIELD.latitude + Decimal(str(miles_north)) * DEGREES_PER_MILE
    return make_event(
        organizer,
        date=day or next_week(),
        latitude=latitude.quantize(Decimal("0.000001")),
        **fields,
    )


def make_stop(organizer, agency, *, at, minutes=20, miles_north=0, day=None, **fields):
    """`agency`'s accepted visit to a new party `miles_north`, from `at` ("17:40") for
    `minutes`. `fields` go to the visit, except `title` and `address` (the party's)."""
    party = {key: fields.pop(key) for key in ("title", "address") if key in fields}
    event = make_party(organizer, miles_north=miles_north, day=day, **party)
    start = local(event.date, at)
    return make_visit(
        event,
        agency,
        status=VisitRequest.Status.ACCEPTED,
        scheduled_start=start,
        scheduled_end=start + datetime.timedelta(minutes=minutes),
        **fields,
    )

"""Finding public events: the query behind the search page, the GeoJSON and the map."""

import math
from dataclasses import dataclass, field
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, FloatField, Window
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from . import timezones, zips
from .addresses import BLOCK_PRECISION
from .geo import EARTH_RADIUS_MILES, miles_between
from .models import Activity, Event
from .templatetags.events_tags import event_date, event_times

MILES_PER_DEGREE_LATITUDE = 69.0


# What a search result shows (the list, the map): loading no more keeps a page cheap.
RESULT_FIELDS = [
    "title",
    "venue_name",
    "address",
    "city",
    "state",
    "latitude",
    "longitude",
    "time_zone",
    "starts_at",
    "ends_at",
    "date",
    "block_only",
]


@dataclass
class Found:
    """A search result: the event, its distance from the ZIP searched around, the names
    of its activities, its public page's URL, and the lines the results list shows
    (written once here: the list is the busiest template of the national night)."""

    event: Event
    miles: float | None
    activities: list[str] = field(default_factory=list)
    url: str = ""

    @cached_property
    def when(self) -> str:
        """'Tuesday, August 4, 2026, 5 p.m. – 9 p.m. CDT'."""
        return f"{event_date(self.event)}, {event_times(self.event)}"

    @cached_property
    def where(self) -> str:
        """'Lincoln Park, 100 block of Main St, Springfield, IL · 0.5 mi'."""
        event = self.event
        place = [event.venue_name] if event.venue_name else []
        place += [event.public_address, event.city, event.state]
        where = ", ".join(place)
        if self.miles is None:
            return where
        return _("%(place)s · %(miles)s mi") % {
            "place": where,
            # Rounded as the GeoJSON rounds it.
            "miles": number_format(round(self.miles, 1), 1),
        }


def public_urls():
    """A function giving the public page's URL of an event id, as
    `Event.get_public_url` does: the URL pattern is reversed once for a page of
    results, not once for each (a reverse() per result was a tenth of the page)."""
    marker = 2**31 - 1
    head, _, tail = reverse("events:public", args=[marker]).partition(str(marker))
    return lambda pk: f"{head}{pk}{tail}"


def bounding_box(latitude, longitude, miles):
    """A latitude/longitude box around a point that holds every point within `miles`."""
    lat, lon = float(latitude), float(longitude)
    dlat = miles / MILES_PER_DEGREE_LATITUDE
    dlon = miles / (MILES_PER_DEGREE_LATITUDE * max(math.cos(math.radians(lat)), 0.01))
    return (lat - dlat, lat + dlat), (lon - dlon, lon + dlon)


def search_queryset(cleaned):
    """Approved public events matching the form's filters, not yet by distance."""
    # Past events are never listed, not even when their date is asked for.
    events = Event.objects.public().filter(ends_at__gte=timezone.now())
    if cleaned.get("date"):
        events = events.filter(date=cleaned["date"])
    if cleaned.get("state"):
        events = events.filter(state=cleaned["state"])
    if cleaned.get("city"):
        events = events.filter(city__iexact=" ".join(cleaned["city"].split()))
    if cleaned.get("activity"):
        events = events.filter(activities=cleaned["activity"])
    return events


def _hiding_house_numbers(column) -> tuple[str, list]:
    """(SQL, params): whether an event's block-only choice applies now, as
    `Event.block_only_applies` decides it, for `column(name)` the event's columns.

    The address stays hidden while the event's date is after today where it takes
    place. Across the time zones of the ZIP data, today is one date or two; on the
    later one an event is hidden unless its zone has reached that date. A zone the
    ZIP data does not name (none should occur) counts as not there yet."""
    today = {zone: timezone.localdate(timezone=timezones.zone(zone)) for zone in zips.time_zones()}
    days = sorted(set(today.values()))
    date, zone = column("date"), column("time_zone")
    sql, params = [f"{date} > %s"], [days[-1].isoformat()]
    for day in days[1:]:
        reached = [name for name, zone_today in today.items() if zone_today >= day]
        placeholders = ", ".join(["%s"] * len(reached))
        sql.append(f"({date} = %s AND {zone} NOT IN ({placeholders}))")
        params += [day.isoformat(), *reached]
    return f"({column('block_only')} AND ({' OR '.join(sql)}))", params


def great_circle_miles(latitude, longitude) -> RawSQL:
    """The haversine distance in miles from (latitude, longitude) to each event's
    public position (`Event.public_position`), as `events.geo.miles_between` gives it.

    In SQL that both PostgreSQL and SQLite run (Django gives SQLite the functions):
    the ORM's expression tree for it took longer to compile than the query to run."""
    table = connection.ops.quote_name(Event._meta.db_table)

    def column(name):
        return f"{table}.{connection.ops.quote_name(name)}"

    def haversine(lat, lon):
        # Within a search's bounding box the SQRT stays far below 1, where ASIN is defined.
        return (
            f"{2 * EARTH_RADIUS_MILES} * ASIN(SQRT(POWER(SIN((RADIANS({lat}) - %s) / 2), 2) "
            f"+ %s * COS(RADIANS({lat})) * POWER(SIN((RADIANS({lon}) - %s) / 2), 2)))"
        )

    latitude_column, longitude_column = column("latitude"), column("longitude")
    hidden, hidden_params = _hiding_house_numbers(column)
    # ROUND rounds halves away from zero, as `addresses.blur` does.
    rounded = haversine(
        f"ROUND({latitude_column}, {BLOCK_PRECISION})",
        f"ROUND({longitude_column}, {BLOCK_PRECISION})",
    )
    exact = haversine(latitude_column, longitude_column)
    phi0 = math.radians(float(latitude))
    center = [phi0, math.cos(phi0), math.radians(float(longitude))]
    return RawSQL(  # noqa: S611 (column names and placeholders only)
        f"CASE WHEN {hidden} THEN {rounded} ELSE {exact} END",
        [*hidden_params, *center, *center],
        output_field=FloatField(),
    )


def near(events, info, radius):
    """The events within `radius` miles of the ZIP's center, nearest first (by the
    great-circle distance to their public position).

    The database narrows by a bounding box (indexed), then computes the distances
    and sorts: only the events asked for leave it (`page_of`, `miles_from`)."""
    (lat_min, lat_max), (lon_min, lon_max) = bounding_box(info.latitude, info.longitude, radius)
    # A block-only event is measured from its rounded position, up to half the
    # rounding step from the stored one that the box compares.
    slack = 0.5 * 10**-BLOCK_PRECISION
    return (
        events.filter(
            latitude__gte=lat_min - slack,
            latitude__lte=lat_max + slack,
            longitude__gte=lon_min - slack,
            longitude__lte=lon_max + slack,
        )
        .alias(miles=great_circle_miles(info.latitude, info.longitude))
        .filter(miles__lte=radius)
        .order_by("miles", "starts_at", "pk")
    )


class _CountedPaginator(Paginator):
    """A Paginator told its count, which came with the page's rows."""

    def __init__(self, count, per_page):
        super().__init__((), per_page)
        self.count = count


def miles_from(info, event) -> float | None:
    """The distance shown for `event` after a search around ZIP `info` (None without)."""
    if info is None:
        return None
    return miles_between(info.latitude, info.longitude, *event.public_position)


def page_of(events, number, per_page, *, origin=None) -> Page:
    """Page `number` of `events` (ordered) as `Paginator.get_page` gives it, each entry a
    `Found` with its event, its activities and its distance from ZIP `origin`.

    One query for the page's events (what a result shows) with the count of them all
    (a window function), one for their activities' names; a page past the end costs
    a count and the last page."""
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    rows = events.only(*RESULT_FIELDS).annotate(total=Window(Count("pk")))
    page = list(rows[(number - 1) * per_page : number * per_page])
    if page:
        total = page[0].total
    else:
        total = events.count() if number > 1 else 0
        if total:
            number = math.ceil(total / per_page)
            page = list(rows[(number - 1) * per_page : number * per_page])
    names = activity_names([event.pk for event in page])
    url = public_urls()
    results = [
        Found(event, miles_from(origin, event), names.get(event.pk, []), url(event.pk))
        for event in page
    ]
    return Page(results, number, _CountedPaginator(total, per_page))


def activity_names(ids) -> dict[int, list[str]]:
    """{event id: the names of its activities, in the vocabulary's order}.

    In SQL: for the 20 results of a page, the ORM took three times longer to write
    this query than the database to answer it."""
    if not ids:
        return {}
    links, activities = Event.activities.through._meta.db_table, Activity._meta.db_table
    placeholders = ", ".join(["%s"] * len(ids))
    names = {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT link.event_id, activity.name FROM {links} link "  # noqa: S608 (table names)
            f"JOIN {activities} activity ON activity.id = link.activity_id "
            f"WHERE link.event_id IN ({placeholders}) ORDER BY activity.position, activity.name",
            ids,
        )
        for event_id, name in cursor.fetchall():
            names.setdefault(event_id, []).append(name)
    return names


def activity_menu() -> list[tuple[str, str]]:
    """(slug, name) of the activities offered, in the vocabulary's order: the search
    form's menu. In SQL for the reason `activity_names` gives."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT slug, name FROM {Activity._meta.db_table} "  # noqa: S608 (table name)
            "WHERE is_active ORDER BY position, name"
        )
        return cursor.fetchall()

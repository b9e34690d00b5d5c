"""Finding public events: the query behind the search page, the GeoJSON and the map."""

import math
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, lru_cache

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import timezones, zips
from .addresses import BLOCK_PRECISION
from .geo import EARTH_RADIUS_MILES, miles_between
from .models import Activity, Event
from .templatetags.events_tags import when_line

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
# What `Nearby` selects (the ORM adds the primary key to RESULT_FIELDS by itself).
FOUND_COLUMNS = ["id", *RESULT_FIELDS]


@dataclass
class Found:
    """A search result: the event, its distance from the ZIP searched around, the names
    of its activities, its public page's URL, and the lines the results list shows
    (written once here, in `language`: the list is the busiest template of the
    national night)."""

    event: Event
    miles: float | None
    activities: list[str] = field(default_factory=list)
    url: str = ""
    language: str = "en"

    @cached_property
    def when(self) -> str:
        """'Tuesday, August 4, 2026, 5 p.m. – 9 p.m. CDT'."""
        event = self.event
        return when_line(event.starts_at, event.ends_at, event.time_zone, self.language)

    @cached_property
    def where(self) -> str:
        """'Lincoln Park, 100 block of Main St, Springfield, IL · 0.5 mi'."""
        event = self.event
        place = [event.venue_name] if event.venue_name else []
        place += [event.public_address, event.city, event.state]
        where = ", ".join(place)
        if self.miles is None:
            return where
        line, decimal_separator = _distance_line(self.language)
        # Rounded as the GeoJSON rounds it.
        miles = f"{round(self.miles, 1):.1f}".replace(".", decimal_separator)
        return line % {"place": where, "miles": miles}


@lru_cache
def _distance_line(language):
    """('%(place)s · %(miles)s mi', the decimal separator) in `language`."""
    return _("%(place)s · %(miles)s mi"), get_format("DECIMAL_SEPARATOR", language)


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


def great_circle_miles(latitude, longitude, column) -> tuple[str, list]:
    """(SQL, params): the haversine distance in miles from (latitude, longitude) to
    each event's public position (`Event.public_position`), as
    `events.geo.miles_between` gives it, for `column(name)` the event's columns.

    In SQL that both PostgreSQL and SQLite run (Django gives SQLite the functions)."""

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
    return (
        f"CASE WHEN {hidden} THEN {rounded} ELSE {exact} END",
        [*hidden_params, *center, *center],
    )


def near(cleaned, info, radius) -> "Nearby":
    """The events matching the form's filters (`cleaned`, as `search_queryset` reads
    them) within `radius` miles of ZIP `info`'s center, nearest first (by the
    great-circle distance to their public position), then soonest."""
    return Nearby(cleaned, info, radius)


@dataclass
class Nearby:
    """What `near` finds; `rows` and `count` read it.

    The database narrows by a bounding box (indexed), computes each candidate's
    distance once, then filters by the radius, sorts and counts: only the events
    asked for leave it. Written in SQL, for the busiest search of the national
    night: the ORM took longer to build and compile this query than the database
    to answer it. Its filters are `search_queryset`'s (tests/events/test_search.py
    compares the two). The distances are computed in a materialized CTE: in the
    WHERE and the ORDER BY of one query, PostgreSQL computed each twice (PostgreSQL
    12 and SQLite 3.35 know MATERIALIZED). The CTE holds only what the index
    `event_public_search` covers, so PostgreSQL reads the candidates from the index
    alone; the page's events are read whole afterwards."""

    cleaned: dict
    info: zips.ZipInfo
    radius: int

    def _found(self) -> tuple[str, list]:
        """(SQL, params): the CTE `found` of the candidates' ids, start times and
        distances, and the radius, the parameter that follows it."""
        ops = connection.ops
        table = ops.quote_name(Event._meta.db_table)

        def column(name):
            return f"{table}.{ops.quote_name(name)}"

        (lat_min, lat_max), (lon_min, lon_max) = bounding_box(
            self.info.latitude, self.info.longitude, self.radius
        )
        # A block-only event is measured from its rounded position, up to half the
        # rounding step from the stored one that the box compares.
        slack = 0.5 * 10**-BLOCK_PRECISION
        where = [
            # Event.objects.public(); past events are never listed.
            column("is_public"),
            f"{column('status')} = %s",
            f"{column('ends_at')} >= %s",
            f"{column('latitude')} >= %s",
            f"{column('latitude')} <= %s",
            f"{column('longitude')} >= %s",
            f"{column('longitude')} <= %s",
        ]
        params = [
            Event.Status.APPROVED,
            ops.adapt_datetimefield_value(timezone.now()),
            *(
                ops.adapt_decimalfield_value(Decimal(str(round(value, 6))))
                for value in (lat_min - slack, lat_max + slack, lon_min - slack, lon_max + slack)
            ),
        ]
        cleaned = self.cleaned
        if cleaned.get("date"):
            where.append(f"{column('date')} = %s")
            params.append(ops.adapt_datefield_value(cleaned["date"]))
        if cleaned.get("state"):
            where.append(f"{column('state')} = %s")
            params.append(cleaned["state"])
        if cleaned.get("city"):
            where.append(f"UPPER({column('city')}) = UPPER(%s)")
            params.append(" ".join(cleaned["city"].split()))
        if cleaned.get("activity"):
            links = ops.quote_name(Event.activities.through._meta.db_table)
            where.append(
                f"EXISTS (SELECT 1 FROM {links} link WHERE link.event_id = {column('id')} "  # noqa: S608
                "AND link.activity_id = %s)"
            )
            params.append(cleaned["activity"].pk)
        miles, miles_params = great_circle_miles(self.info.latitude, self.info.longitude, column)
        sql = (
            f"WITH found AS MATERIALIZED (SELECT {column('id')} AS id, "  # noqa: S608 (names)
            f"{column('starts_at')} AS starts_at, {miles} AS miles "
            f"FROM {table} WHERE {' AND '.join(where)}) "
        )
        return sql, [*miles_params, *params, self.radius]

    def rows(self, offset, limit) -> list[Event]:
        """The events from `offset` on (at most `limit`), each with `miles` and
        `total`, the number of all the events found.

        Made from the rows as `QuerySet.raw` makes them (the database's values
        converted as the ORM converts them), without its general machinery, which
        cost more than the rest of this method."""
        found, params = self._found()
        ops = connection.ops
        table = ops.quote_name(Event._meta.db_table)
        columns = ", ".join(f"event.{ops.quote_name(name)}" for name in FOUND_COLUMNS)
        with connection.cursor() as cursor:
            # Only the page's events are read whole: the candidates' ids, start
            # times and distances are all that is sorted (a third faster).
            cursor.execute(
                f"{found}SELECT {columns}, page.miles, page.total FROM ("  # noqa: S608 (names)
                "SELECT id, starts_at, miles, COUNT(*) OVER () AS total FROM found "
                "WHERE miles <= %s ORDER BY miles, starts_at, id LIMIT %s OFFSET %s"
                f") page JOIN {table} event ON event.id = page.id "
                "ORDER BY page.miles, page.starts_at, page.id",
                [*params, limit, offset],
            )
            rows = cursor.fetchall()
        compiler = Event.objects.all().query.get_compiler(connection=connection)
        converters = compiler.get_converters(
            [Event._meta.get_field(name).get_col(Event._meta.db_table) for name in FOUND_COLUMNS]
        )
        if converters:
            rows = compiler.apply_converters(rows, converters)
        events, width = [], len(FOUND_COLUMNS)
        for row in rows:
            event = Event.from_db(connection.alias, FOUND_COLUMNS, row[:width])
            event.miles, event.total = row[width:]
            events.append(event)
        return events

    def count(self) -> int:
        found, params = self._found()
        with connection.cursor() as cursor:
            cursor.execute(f"{found}SELECT COUNT(*) FROM found WHERE miles <= %s", params)  # noqa: S608
            return cursor.fetchone()[0]


def rows(events, offset, limit) -> list[Event]:
    """The events of a search (`Nearby`, or a QuerySet in its order) from `offset` on,
    at most `limit`, with only the fields a result shows and `total`, the number of
    all the events found."""
    if isinstance(events, Nearby):
        return events.rows(offset, limit)
    ordered = events.only(*RESULT_FIELDS).annotate(total=Window(Count("pk")))
    return list(ordered[offset : offset + limit])


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
    page = rows(events, (number - 1) * per_page, per_page)
    if page:
        total = page[0].total
    else:
        total = events.count() if number > 1 else 0
        if total:
            number = math.ceil(total / per_page)
            page = rows(events, (number - 1) * per_page, per_page)
    names = activity_names([event.pk for event in page])
    url, language = public_urls(), get_language()
    results = [
        Found(event, miles_from(origin, event), names.get(event.pk, []), url(event.pk), language)
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


def activity_menu() -> tuple[tuple[str, str], ...]:
    """(slug, name) of the activities offered, in the vocabulary's order: the search
    form's menu. In SQL for the reason `activity_names` gives."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT slug, name FROM {Activity._meta.db_table} "  # noqa: S608 (table name)
            "WHERE is_active ORDER BY position, name"
        )
        return tuple(cursor.fetchall())

"""Offline US ZIP code lookup (the `zipcodes` package). No Django models here."""

import re
import zoneinfo
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

import zipcodes

ZIP_RE = re.compile(r"^\s*(\d{5})(?:-?\d{4})?\s*$")


@dataclass(frozen=True)
class ZipInfo:
    zip_code: str
    city: str
    other_cities: tuple[str, ...]
    state: str
    county: str
    time_zone: str
    latitude: Decimal
    longitude: Decimal

    @property
    def cities(self) -> tuple[str, ...]:
        return (self.city, *self.other_cities)

    def place_named(self, city: str) -> str | None:
        """The ZIP data's spelling of `city` if the ZIP serves a place of that name."""
        wanted = " ".join(city.split()).casefold()
        return next((name for name in self.cities if name.casefold() == wanted), None)


def normalize(value: str) -> str | None:
    """'02138-1234' or ' 02138 ' -> '02138'; None when it is not a ZIP code."""
    match = ZIP_RE.match(value or "")
    return match.group(1) if match else None


def lookup(value: str) -> ZipInfo | None:
    """The ZIP's place, or None for a malformed or unknown ZIP code."""
    zip_code = normalize(value)
    return None if zip_code is None else _lookup(zip_code)


@cache
def _lookup(zip_code: str) -> ZipInfo | None:
    # The data never changes while nno runs; the package scans a list (about 1 ms).
    rows = zipcodes.matching(zip_code)
    if not rows:
        return None
    row = rows[0]
    return ZipInfo(
        zip_code=zip_code,
        city=row["city"],
        other_cities=tuple(row["acceptable_cities"]),
        state=row["state"],
        county=row["county"],
        time_zone=_time_zone(row),
        latitude=Decimal(row["lat"]),
        longitude=Decimal(row["long"]),
    )


def _time_zone(row) -> str:
    """The row's time zone; where the data names none that exists (99634 says
    "Napakiak"), the one most ZIP codes of its county, else of its state, are in.
    Military ZIP codes keep their empty zone: no event takes place there."""
    if not row["timezone"] or row["timezone"] in zoneinfo.available_timezones():
        return row["timezone"]
    counties, states = _zone_counts()
    common = counties.get((row["state"], row["county"])) or states.get(row["state"])
    return common.most_common(1)[0][0] if common else ""


@cache
def _zone_counts():
    valid = zoneinfo.available_timezones()
    counties, states = {}, {}
    for row in zipcodes.list_all():
        if row["timezone"] in valid:
            counties.setdefault((row["state"], row["county"]), Counter())[row["timezone"]] += 1
            states.setdefault(row["state"], Counter())[row["timezone"]] += 1
    return counties, states


@cache
def state_centers() -> dict[str, tuple[float, float]]:
    """The mean position of each state's ZIP codes: where a state's marker goes on a map."""
    sums: dict[str, list[float]] = {}
    for row in zipcodes.list_all():
        total = sums.setdefault(row["state"], [0.0, 0.0, 0])
        total[0] += float(row["lat"])
        total[1] += float(row["long"])
        total[2] += 1
    return {state: (lat / n, lon / n) for state, (lat, lon, n) in sums.items()}


@cache
def _places() -> dict[tuple[str, str], tuple[str, str]]:
    """(state, casefolded name) -> (the ZIP data's spelling, a county) for every place
    a ZIP code serves, primary cities first, then the other names a ZIP accepts."""
    places: dict[tuple[str, str], tuple[str, str]] = {}
    rows = zipcodes.list_all()
    for primary in (True, False):
        for row in rows:
            for name in [row["city"]] if primary else row["acceptable_cities"]:
                key = (row["state"], name.casefold())
                # Keep a row that names the county (P.O. box ZIP codes often do not).
                if key not in places or (not places[key][1] and row["county"]):
                    places[key] = (name, row["county"])
    return places


def find_place(city: str, state: str) -> tuple[str, str] | None:
    """The ZIP data's spelling of the place `city` in `state` and its county, or None."""
    return _places().get((state, " ".join(city.split()).casefold()))


@cache
def time_zones() -> tuple[str, ...]:
    """The time zones of the places in the ZIP data: the zones events take place in."""
    named = {row["timezone"] for row in zipcodes.list_all()}
    return tuple(sorted(named & zoneinfo.available_timezones()))

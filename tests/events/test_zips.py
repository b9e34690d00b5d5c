import zoneinfo
from decimal import Decimal

import pytest

from events import zips


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("62701", "62701"),
        (" 62701 ", "62701"),
        ("62701-1234", "62701"),
        ("627011234", "62701"),
        ("02138", "02138"),
        ("6270", None),
        ("627012", None),
        ("62701-12", None),
        ("abcde", None),
        ("", None),
        (None, None),
        ("62701\x00", None),
    ],
)
def test_normalize_zip_code(value, expected):
    zip_code = zips.normalize(value)

    assert zip_code == expected


def test_lookup_returns_place_county_position_and_time_zone():
    info = zips.lookup("90210")

    assert info == zips.ZipInfo(
        zip_code="90210",
        city="Beverly Hills",
        other_cities=(),
        state="CA",
        county="Los Angeles County",
        time_zone="America/Los_Angeles",
        latitude=Decimal("34.0901"),
        longitude=Decimal("-118.4065"),
    )


def test_lookup_accepts_zip_plus_four():
    info = zips.lookup("60614-2201")

    assert (info.zip_code, info.city, info.state, info.time_zone) == (
        "60614",
        "Chicago",
        "IL",
        "America/Chicago",
    )


@pytest.mark.parametrize("value", ["00000", "99999", "abcde", "1234", ""])
def test_lookup_of_unknown_or_malformed_zip_is_none(value):
    info = zips.lookup(value)

    assert info is None


def test_lookup_keeps_acceptable_city_names():
    info = zips.lookup("11201")

    assert info.cities == ("Brooklyn", "Brooklyn Heights", "Brooklyn Hgts")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Brooklyn", "Brooklyn"),
        ("brooklyn heights", "Brooklyn Heights"),
        ("  BROOKLYN   HEIGHTS ", "Brooklyn Heights"),
        ("Manhattan", None),
        ("", None),
    ],
)
def test_place_named_uses_the_zip_data_spelling(typed, expected):
    info = zips.lookup("11201")

    place = info.place_named(typed)

    assert place == expected


def test_lookup_gives_every_place_a_time_zone_that_exists():
    # The data names "Napakiak" as the zone of 99634; the county's other ZIP codes
    # are in America/Anchorage.
    assert zips.lookup("99634").time_zone == "America/Anchorage"
    assert set(zips.time_zones()) <= zoneinfo.available_timezones()
    assert "America/Chicago" in zips.time_zones()

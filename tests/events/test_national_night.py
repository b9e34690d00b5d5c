import datetime

import pytest

from events.national_night import national_night, next_national_night


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2016, datetime.date(2016, 8, 2)),
        (2017, datetime.date(2017, 8, 1)),
        (2020, datetime.date(2020, 8, 4)),
        (2026, datetime.date(2026, 8, 4)),
        (2027, datetime.date(2027, 8, 3)),
    ],
)
def test_national_night_is_first_tuesday_of_august(year, expected):
    night = national_night(year)

    assert night == expected
    assert night.weekday() == 1


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("TX", datetime.date(2026, 10, 6)),
        ("CA", datetime.date(2026, 8, 4)),
        ("PR", datetime.date(2026, 8, 4)),
        (None, datetime.date(2026, 8, 4)),
    ],
)
def test_national_night_in_texas_is_first_tuesday_of_october(state, expected):
    night = national_night(2026, state)

    assert night == expected


def test_national_night_on_the_first_of_the_month_when_it_is_a_tuesday():
    # August 1st, 2017 was a Tuesday.
    night = national_night(2017, "IL")

    assert night == datetime.date(2017, 8, 1)


@pytest.mark.parametrize(
    ("today", "state", "expected"),
    [
        (datetime.date(2026, 1, 1), None, datetime.date(2026, 8, 4)),
        (datetime.date(2026, 8, 3), None, datetime.date(2026, 8, 4)),
        (datetime.date(2026, 8, 4), None, datetime.date(2026, 8, 4)),
        (datetime.date(2026, 8, 5), None, datetime.date(2027, 8, 3)),
        (datetime.date(2026, 12, 31), None, datetime.date(2027, 8, 3)),
        (datetime.date(2026, 8, 5), "TX", datetime.date(2026, 10, 6)),
        (datetime.date(2026, 10, 6), "TX", datetime.date(2026, 10, 6)),
        (datetime.date(2026, 10, 7), "TX", datetime.date(2027, 10, 5)),
    ],
)
def test_next_national_night_before_on_and_after_the_date(today, state, expected):
    night = next_national_night(today, state)

    assert night == expected

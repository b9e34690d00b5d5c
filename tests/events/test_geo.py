"""Straight-line distances and travel times (events/geo.py)."""

import math
from decimal import Decimal

from events.geo import EARTH_RADIUS_MILES, miles_between, travel_minutes

MILES_PER_DEGREE = EARTH_RADIUS_MILES * math.pi / 180


def test_miles_between_same_point_is_zero():
    miles = miles_between(39.8, -89.6495, 39.8, -89.6495)

    assert miles == 0.0


def test_miles_between_one_degree_of_latitude_is_an_arc_of_the_earth():
    miles = miles_between(0, 0, 1, 0)

    assert round(miles, 6) == round(MILES_PER_DEGREE, 6)
    assert round(miles, 2) == 69.09


def test_miles_between_one_degree_of_longitude_shrinks_with_latitude():
    at_equator = miles_between(0, 0, 0, 1)
    at_sixty_north = miles_between(60, 0, 60, 1)

    assert round(at_equator, 6) == round(MILES_PER_DEGREE, 6)
    assert round(at_sixty_north, 2) == 34.55


def test_miles_between_is_symmetric():
    there = miles_between(39.8, -89.6495, 41.8781, -87.6298)
    back = miles_between(41.8781, -87.6298, 39.8, -89.6495)

    assert there == back
    assert round(there) == 178


def test_miles_between_antipodes_is_half_the_circumference():
    miles = miles_between(0, 0, 0, 180)

    assert round(miles, 6) == round(math.pi * EARTH_RADIUS_MILES, 6)


def test_miles_between_accepts_decimals_from_the_database():
    miles = miles_between(Decimal("39.800000"), Decimal("-89.649500"), Decimal("40.8"), -89.6495)

    assert round(miles, 6) == round(MILES_PER_DEGREE, 6)


def test_travel_minutes_at_average_speed():
    minutes = travel_minutes(10, 25)

    assert minutes == 24.0


def test_travel_minutes_no_distance_is_zero():
    minutes = travel_minutes(0.0, 25)

    assert minutes == 0.0

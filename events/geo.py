"""Straight-line distances and travel times. Pure functions: no Django models here."""

import math

EARTH_RADIUS_MILES = 3958.8


def miles_between(lat1, lon1, lat2, lon2) -> float:
    """Great-circle (haversine) distance in miles between two points in degrees."""
    phi1, phi2 = math.radians(float(lat1)), math.radians(float(lat2))
    dphi = phi2 - phi1
    dlambda = math.radians(float(lon2) - float(lon1))
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))


def travel_minutes(miles: float, speed_mph: float) -> float:
    """Minutes to cover `miles` in a straight line at `speed_mph` on average."""
    return miles / speed_mph * 60 if miles else 0.0

"""Time zones by name, each loaded once. Pure functions: no Django models here."""

from functools import cache
from zoneinfo import ZoneInfo


@cache
def zone(name: str) -> ZoneInfo:
    """`ZoneInfo(name)`, kept for good.

    zoneinfo keeps only the 8 zones used last and reads the others from disk again
    once unused; events span about 40 zones, and a search page went through all of
    them on every request."""
    return ZoneInfo(name)

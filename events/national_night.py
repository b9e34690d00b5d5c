"""National Night Out dates. Pure functions: no Django models here.

National Night Out is the first Tuesday of August; Texas holds it on the first
Tuesday of October. Towns may pick another night: these dates are defaults only.
"""

import datetime

TUESDAY = 1  # date.weekday()
OCTOBER_STATES = frozenset({"TX"})


def first_tuesday(year: int, month: int) -> datetime.date:
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(TUESDAY - first.weekday()) % 7)


def national_night(year: int, state: str | None = None) -> datetime.date:
    """The national night of `year`, for `state` (a two-letter code) if given."""
    month = 10 if state in OCTOBER_STATES else 8
    return first_tuesday(year, month)


def next_national_night(today: datetime.date, state: str | None = None) -> datetime.date:
    """This year's national night, or next year's once this year's has passed."""
    night = national_night(today.year, state)
    return night if night >= today else national_night(today.year + 1, state)

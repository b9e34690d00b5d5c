"""What the public may see of an address. Pure functions: no Django models here."""

import re
from decimal import ROUND_HALF_UP, Decimal

HOUSE_NUMBER_RE = re.compile(r"^\s*(\d+)(?:[-/]?[A-Za-z0-9]+)?\s+(\S.*)$")
# Two decimals of a degree: about 1 km (0.7 mile) of latitude.
BLOCK_PRECISION = 2


def block_of(address: str) -> str:
    """'120 Maple St' → '100 block of Maple St', '8 Quail Ct' → '1–99 block of Quail Ct';
    an address without a house number
    (a park, a named building) is returned as it is."""
    match = HOUSE_NUMBER_RE.match(address)
    if not match:
        return address.strip()
    number, street = int(match.group(1)), match.group(2).strip()
    block = number // 100 * 100
    return f"{block} block of {street}" if block else f"1–99 block of {street}"


def blur(coordinate, precision: int = BLOCK_PRECISION) -> float:
    """`coordinate` rounded to `precision` decimals, halves away from zero: the
    rounding of SQL's ROUND, which the search uses for distances (`events.search`)."""
    step = Decimal(1).scaleb(-precision)
    return float(Decimal(str(coordinate)).quantize(step, rounding=ROUND_HALF_UP))

"""Helpers for the CSV downloads. No Django model imports here."""


def csv_safe(value: str) -> str:
    """Keep spreadsheet programs from running text that looks like a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value

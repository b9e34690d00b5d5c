from functools import lru_cache

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..timezones import zone

register = template.Library()


@register.filter
def event_date(event):
    """'Tuesday, August 4, 2026' in the event's own time zone."""
    return _event_date(event.starts_at, event.time_zone, get_language())


@register.filter
def event_times(event):
    """'5 p.m. – 9 p.m. CDT': the event's local times, whoever looks at them."""
    return _event_times(event.starts_at, event.ends_at, event.time_zone, get_language())


# Most events of a night start and end at the same few times: a page of results (or a
# night's plan) formats each pair once.
@lru_cache(maxsize=4096)
def _event_date(starts_at, time_zone, language):
    return date_format(timezone.localtime(starts_at, zone(time_zone)), "l, F j, Y")


@lru_cache(maxsize=4096)
def when_line(starts_at, ends_at, time_zone, language):
    """'Tuesday, August 4, 2026, 5 p.m. – 9 p.m. CDT' (a search result's line)."""
    return (
        f"{_event_date(starts_at, time_zone, language)}, "
        f"{_event_times(starts_at, ends_at, time_zone, language)}"
    )


@lru_cache(maxsize=4096)
def _event_times(starts_at, ends_at, time_zone, language):
    start = timezone.localtime(starts_at, zone(time_zone))
    end = timezone.localtime(ends_at, zone(time_zone))
    return _("%(start)s – %(end)s %(zone)s") % {
        "start": date_format(start, "P"),
        "end": date_format(end, "P"),
        "zone": date_format(end, "T"),
    }


STATUS_BADGES = {
    "draft": "text-bg-secondary",
    "submitted": "text-bg-info",
    "approved": "text-bg-success",
    "changes_requested": "text-bg-warning",
    "cancelled": "text-bg-danger",
}


@register.inclusion_tag("events/_status_badge.html")
def status_badge(event):
    return {"event": event, "css": STATUS_BADGES.get(event.status, "text-bg-secondary")}

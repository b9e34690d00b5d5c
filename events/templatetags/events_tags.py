from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def event_date(event):
    """'Tuesday, August 4, 2026' in the event's own time zone."""
    return date_format(event.local_start, "l, F j, Y")


@register.filter
def event_times(event):
    """'5 p.m. – 9 p.m. CDT': the event's local times, whoever looks at them."""
    start, end = event.local_start, event.local_end
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

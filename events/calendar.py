"""iCalendar (RFC 5545) documents, built with the `icalendar` library."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

PRODID = "-//nno//National Night Out//EN"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    return cal


def visits_calendar(agency, visits, request=None) -> bytes:
    """An agency's accepted visits, each at its event's place and in its time zone."""
    cal = _calendar(f"nno: {agency.name}")
    host = request.get_host() if request else settings.SITE_URL.split("://")[-1]
    for visit in visits:
        event = visit.event
        item = CalendarEvent()
        item.add("uid", f"visit-{visit.pk}@{host}")
        item.add("dtstamp", visit.updated_at)
        item.add("dtstart", timezone.localtime(visit.scheduled_start, event.tz))
        item.add("dtend", timezone.localtime(visit.scheduled_end, event.tz))
        item.add("summary", f"National Night Out: {event.title}")
        item.add("location", f"{event.address}, {event.city}, {event.state} {event.zip_code}")
        item.add("geo", (float(event.latitude), float(event.longitude)))
        details = [f"Unit: {visit.unit}" if visit.unit else "", visit.note]
        item.add("description", "\n".join(line for line in details if line))
        cal.add_component(item)
    cal.add_missing_timezones()
    return cal.to_ical()

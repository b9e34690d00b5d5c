"""iCalendar (RFC 5545) documents, built with the `icalendar` library."""

import datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Timezone
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
    visits = list(visits)
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
    # Time zone rules only around the visits (a day either side covers any UTC
    # offset): the library's default, 1970 to 2038, takes kilobytes per time zone.
    day = datetime.timedelta(days=1)
    if visits:
        cal.add_missing_timezones(
            first_date=min(visit.scheduled_start for visit in visits).date() - day,
            last_date=max(visit.scheduled_end for visit in visits).date() + day,
        )
    else:
        # RFC 5545 wants at least one component, even before the first visit.
        today = timezone.localdate(timezone=agency.tz)
        cal.add_component(
            Timezone.from_tzinfo(
                agency.tz, agency.time_zone, first_date=today, last_date=today + day
            )
        )
    return cal.to_ical()


def events_calendar(name: str, events, request=None) -> bytes:
    """Public events (an event's "add to calendar", a community's or state's feed),
    as the public may see them: the block instead of the house number where the
    organizer chose so, never the organizer's contact."""
    cal = _calendar(name)
    host = request.get_host() if request else settings.SITE_URL.split("://")[-1]
    events = list(events)
    for event in events:
        item = CalendarEvent()
        item.add("uid", f"event-{event.pk}@{host}")
        item.add("dtstamp", event.updated_at)
        item.add("dtstart", event.local_start)
        item.add("dtend", event.local_end)
        item.add("summary", event.title)
        place = ", ".join(filter(None, [event.venue_name, event.public_address]))
        item.add("location", f"{place}, {event.city}, {event.state} {event.zip_code}")
        item.add("geo", event.public_position)
        activities = ", ".join(a.name for a in event.activities.all())
        item.add("description", "\n\n".join(filter(None, [event.description, activities])))
        url = event.get_public_url()
        item.add("url", request.build_absolute_uri(url) if request else settings.SITE_URL + url)
        cal.add_component(item)
    day = datetime.timedelta(days=1)
    if events:
        cal.add_missing_timezones(
            first_date=min(e.starts_at for e in events).date() - day,
            last_date=max(e.ends_at for e in events).date() + day,
        )
    else:
        today = timezone.localdate()
        cal.add_component(
            Timezone.from_tzinfo(datetime.UTC, "UTC", first_date=today, last_date=today + day)
        )
    return cal.to_ical()

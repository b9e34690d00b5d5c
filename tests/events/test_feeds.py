"""Feeds of upcoming public events per community and per state: RSS, Atom, iCalendar."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from events.models import Community, Event
from tests.conftest import make_event, next_week

ATOM = "{http://www.w3.org/2005/Atom}"


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def springfield(organizer):
    """Three upcoming Springfield, IL events, created out of order, and others that no
    Springfield feed lists."""
    make_event(organizer, title="Third", date=days_from_today(30))
    make_event(organizer, title="First", date=days_from_today(2))
    make_event(organizer, title="Second", date=days_from_today(9))
    make_event(organizer, title="Past", date=days_from_today(-2))
    make_event(organizer, title="Draft", status=Event.Status.DRAFT)
    make_event(organizer, title="Submitted", status=Event.Status.SUBMITTED)
    make_event(organizer, title="Private", is_public=False)
    make_event(
        organizer,
        title="Cancelled",
        status=Event.Status.CANCELLED,
        cancelled_at=timezone.now(),
    )
    make_event(organizer, title="Chatham", zip_code="62629", date=days_from_today(5))
    make_event(organizer, title="Boston", zip_code="02108", date=days_from_today(3))
    return Community.objects.get(name="Springfield", state="IL")


def parse(response):
    return ET.fromstring(response.content)  # noqa: S314 (our own response)


def test_community_rss_lists_upcoming_public_events_soonest_first(client, springfield):
    response = client.get(reverse("events:community_rss", args=[springfield.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    rss = parse(response)
    assert rss.tag == "rss"
    assert rss.get("version") == "2.0"
    channel = rss.find("channel")
    assert channel.findtext("title") == "National Night Out events in Springfield, IL"
    assert channel.findtext("link") == ("http://testserver/find/?city=Springfield&state=IL&date=")
    assert [item.findtext("title") for item in channel.iter("item")] == [
        "First",
        "Second",
        "Third",
    ]


def test_community_rss_items_link_to_the_public_pages(client, springfield):
    first = Event.objects.get(title="First")

    response = client.get(reverse("events:community_rss", args=[springfield.pk]))

    item = parse(response).find("channel").find("item")
    assert item.findtext("link") == f"http://testserver/events/{first.pk}/"
    assert item.findtext("guid") == f"http://testserver/events/{first.pk}/"
    assert item.findtext("description").splitlines() == [
        f"{first.local_start:%A, %B %-d, %Y}, 5 p.m. – 9 p.m. {first.local_start:%Z}",
        "120 Maple St, Springfield",
    ]


def test_community_atom_lists_upcoming_public_events_soonest_first(client, springfield):
    first = Event.objects.get(title="First")

    response = client.get(reverse("events:community_atom", args=[springfield.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = parse(response)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "National Night Out events in Springfield, IL"
    assert feed.findtext(f"{ATOM}subtitle") == (
        "Upcoming approved public events in Springfield, IL, soonest first."
    )
    entries = list(feed.iter(f"{ATOM}entry"))
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["First", "Second", "Third"]
    assert entries[0].find(f"{ATOM}link").get("href") == f"http://testserver/events/{first.pk}/"
    assert entries[0].findtext(f"{ATOM}id") == f"http://testserver/events/{first.pk}/"


def test_state_rss_lists_the_state_upcoming_public_events(client, springfield):
    response = client.get(reverse("events:state_rss", args=["IL"]))

    channel = parse(response).find("channel")
    assert channel.findtext("title") == "National Night Out events in Illinois"
    assert channel.findtext("link") == "http://testserver/find/?state=IL&date="
    assert [item.findtext("title") for item in channel.iter("item")] == [
        "First",
        "Chatham",
        "Second",
        "Third",
    ]


def test_state_atom_lists_the_state_upcoming_public_events(client, springfield):
    response = client.get(reverse("events:state_atom", args=["MA"]))

    feed = parse(response)
    assert feed.findtext(f"{ATOM}title") == "National Night Out events in Massachusetts"
    assert [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")] == ["Boston"]


def test_state_feed_without_events_is_an_empty_feed(client, springfield):
    response = client.get(reverse("events:state_rss", args=["WY"]))

    assert response.status_code == 200
    assert list(parse(response).find("channel").iter("item")) == []


@pytest.mark.parametrize("name", ["community_rss", "community_atom", "community_ics"])
def test_community_feed_of_unknown_community_gives_404(client, db, name):
    response = client.get(reverse(f"events:{name}", args=[999999]))

    assert response.status_code == 404


@pytest.mark.parametrize("name", ["state_rss", "state_atom", "state_ics"])
@pytest.mark.parametrize("state", ["ZZ", "il", "Illinois"])
def test_state_feed_of_unknown_state_gives_404(client, db, name, state):
    response = client.get(reverse(f"events:{name}", args=[state]))

    assert response.status_code == 404


def test_community_ics_lists_upcoming_public_events_in_their_zone(client, springfield):
    response = client.get(reverse("events:community_ics", args=[springfield.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="night-out-community-{springfield.pk}.ics"'
    )
    cal = Calendar.from_ical(response.content)
    assert cal["X-WR-CALNAME"] == "National Night Out: Springfield, IL"
    assert [zone["TZID"] for zone in cal.walk("VTIMEZONE")] == ["America/Chicago"]
    items = cal.walk("VEVENT")
    assert [item["SUMMARY"] for item in items] == ["First", "Second", "Third"]
    assert {item["DTSTART"].params["TZID"] for item in items} == {"America/Chicago"}
    assert [item.decoded("DTSTART") for item in items] == [
        Event.objects.get(title=title).starts_at for title in ["First", "Second", "Third"]
    ]


def test_state_ics_lists_the_state_events_across_time_zones(client, organizer):
    make_event(organizer, title="Chicago", zip_code="60601")
    make_event(
        organizer, title="Kankakee", zip_code="60901", date=next_week() + datetime.timedelta(1)
    )

    response = client.get(reverse("events:state_ics", args=["IL"]))

    assert response["Content-Disposition"] == 'attachment; filename="night-out-IL.ics"'
    cal = Calendar.from_ical(response.content)
    assert cal["X-WR-CALNAME"] == "National Night Out: Illinois"
    assert [item["SUMMARY"] for item in cal.walk("VEVENT")] == ["Chicago", "Kankakee"]


def test_state_ics_of_an_eastern_and_central_state_carries_both_zones(client, organizer):
    # Indiana: Indianapolis keeps Eastern time, Gary (46402) Central.
    make_event(organizer, title="Indianapolis", zip_code="46204")
    make_event(organizer, title="Gary", zip_code="46402")

    response = client.get(reverse("events:state_ics", args=["IN"]))

    cal = Calendar.from_ical(response.content)
    items = cal.walk("VEVENT")
    assert {item["SUMMARY"]: item["DTSTART"].params["TZID"] for item in items} == {
        "Indianapolis": "America/Indiana/Indianapolis",
        "Gary": "America/Chicago",
    }
    assert sorted(zone["TZID"] for zone in cal.walk("VTIMEZONE")) == [
        "America/Chicago",
        "America/Indiana/Indianapolis",
    ]


def test_community_ics_without_events_is_still_a_valid_calendar(client, organizer):
    community = make_event(organizer, title="Past", date=days_from_today(-3)).community

    response = client.get(reverse("events:community_ics", args=[community.pk]))

    cal = Calendar.from_ical(response.content)
    assert cal.walk("VEVENT") == []
    assert [zone["TZID"] for zone in cal.walk("VTIMEZONE")] == ["UTC"]

"""A neighbor finds a Night Out near a ZIP code, clicked through in Chromium, anonymously.

Approved public events around Springfield, IL (62701), one 31 miles away and one draft
are arranged in the database; the visitor searches, sees the list and the map, opens
an event, downloads its .ics and opens the flyer. axe-core scans every page visited.
"""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from events.models import Activity, Event
from events.national_night import next_national_night
from tests.browser.axe import assert_accessible
from tests.browser.test_organizer_flow import field
from tests.conftest import make_event, make_user

CHICAGO = ZoneInfo("America/Chicago")
# Map tiles come from the internet, which tests do not have: the page must work without.
TILES = re.compile(r"^https?://([^/]+\.)?openstreetmap\.org/")


def arrange_events(day):
    """Three events within 10 miles of 62701, listed by start time in the opposite
    order of their distance, one 31 miles away and one draft (2.2 miles away)."""
    organizer = make_user("olivia@example.com", full_name="Olivia Organizer", phone="555-0199")

    def event(title, zip_code, hour, **fields):
        return make_event(
            organizer,
            title=title,
            zip_code=zip_code,
            date=day,
            starts_at=datetime.datetime.combine(day, datetime.time(hour), CHICAGO),
            ends_at=datetime.datetime.combine(day, datetime.time(21), CHICAGO),
            is_public=True,
            **fields,
        )

    return {
        "chatham": event("Chatham Park Picnic", "62629", 16),  # 9.3 miles
        "oak": event(
            "Oak Avenue Cookout",
            "62704",  # 2.8 miles
            17,
            address="1200 Oak Ave",
            venue_name="Oak Avenue Park",
            description="Hot dogs, lemonade and the K9 unit at 7.",
            activities=Activity.objects.filter(slug__in=["k9-demonstration", "kids-games"]),
        ),
        "maple": event("Maple Street Block Party", "62701", 18),  # 0 miles
        "far": event("Jacksonville Square Social", "62650", 17),  # 31 miles
        "draft": event("Elm Court Draft", "62702", 17, status=Event.Status.DRAFT),
    }


def search_near(page, day):
    page.goto("/")
    assert_accessible(page)
    page.get_by_role("link", name="Find a Night Out near you").click()

    expect(page.get_by_role("heading", name="Find a National Night Out near you")).to_be_visible()
    # The date defaults to the coming national night, which is the events' day.
    expect(field(page, "Date")).to_have_value(day.isoformat())
    assert_accessible(page)
    field(page, "ZIP code").fill("62701")
    field(page, "Within").select_option(label="10 miles")
    page.get_by_role("button", name="Search").click()

    results = page.get_by_role("region", name=re.compile("events within"))
    expect(results.get_by_role("heading", level=2)).to_have_text(
        re.compile(rf"3 events\s+within 10 miles of 62701\s+on {day:%A, %B} {day.day}, {day.year}")
    )
    # Nearest first, whatever the start times; not the far event, not the draft.
    expect(results.get_by_role("heading", level=3)).to_have_text(
        ["Maple Street Block Party", "Oak Avenue Cookout", "Chatham Park Picnic"]
    )
    cards = results.get_by_role("listitem")
    expect(cards.nth(0)).to_contain_text("120 Maple St, Springfield, IL · 0.0 mi")
    expect(cards.nth(1)).to_contain_text("5 p.m. – 9 p.m. CDT")
    expect(cards.nth(1)).to_contain_text("Oak Avenue Park, 1200 Oak Ave, Springfield, IL · 2.8 mi")
    expect(cards.nth(1)).to_contain_text("K9 demonstration")
    expect(cards.nth(2)).to_contain_text("9.3 mi")
    # The map draws one marker per event found, from the GeoJSON of the same search.
    results_map = page.locator("#events-map")
    expect(results_map).to_have_attribute("data-markers", "3")
    expect(results_map.locator(".event-marker")).to_have_count(3)
    assert_accessible(page)


def open_event(page, day, organizer):
    page.get_by_role("link", name="Oak Avenue Cookout").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Oak Avenue Cookout")
    main = page.get_by_role("main")
    expect(main).to_contain_text(f"{day:%A, %B} {day.day}, {day.year}")
    expect(main).to_contain_text("5 p.m. – 9 p.m. CDT")
    expect(main).to_contain_text("Oak Avenue Park")
    expect(main).to_contain_text("1200 Oak Ave")
    expect(main).to_contain_text("Springfield, IL 62704")
    expect(main).to_contain_text("K9 demonstration")
    expect(main).to_contain_text("Hot dogs, lemonade and the K9 unit at 7.")
    # Never the organizer's contact on a public page.
    for private in (organizer.email, organizer.phone, organizer.full_name):
        expect(main).not_to_contain_text(private)
    expect(page.locator("#event-map .event-marker")).to_have_count(1)
    assert_accessible(page)


def download_ics(page):
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar (.ics)").click()

    download = download_info.value
    assert download.failure() is None
    with open(download.path(), "rb") as file:
        return download.suggested_filename, Calendar.from_ical(file.read())


def open_flyer(page, day):
    page.get_by_role("link", name="Printable flyer").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Oak Avenue Cookout")
    main = page.get_by_role("main")
    expect(main).to_contain_text(f"{day:%A, %B} {day.day}, {day.year}")
    expect(main).to_contain_text("Oak Avenue Park")
    expect(main).to_contain_text("K9 demonstration")
    qr = page.get_by_role("img", name=re.compile("QR code linking to"))
    expect(qr).to_be_visible()
    # The QR code is an SVG served by the app: it must have loaded, not be a broken image.
    assert qr.evaluate("image => image.complete && image.naturalWidth > 0")
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_visitor_finds_an_event_near_a_zip_downloads_it_and_opens_the_flyer(live_server, page):
    day = next_national_night(timezone.localdate(), "IL")
    events = arrange_events(day)
    oak = events["oak"]
    page.route(TILES, lambda route: route.abort())

    search_near(page, day)
    open_event(page, day, oak.organizer)
    filename, ics = download_ics(page)
    open_flyer(page, day)

    assert filename == f"night-out-{oak.pk}.ics"
    (vevent,) = ics.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Oak Avenue Cookout"
    assert vevent["DTSTART"].params["TZID"] == "America/Chicago"
    assert [str(tz["TZID"]) for tz in ics.walk("VTIMEZONE")] == ["America/Chicago"]
    assert vevent.decoded("DTSTART") == oak.starts_at
    assert vevent.decoded("DTEND") == oak.ends_at
    assert str(vevent["LOCATION"]) == "Oak Avenue Park, 1200 Oak Ave, Springfield, IL 62704"
    # Looking changes nothing: the same five events, in the same states.
    assert sorted(Event.objects.values_list("title", "status")) == [
        ("Chatham Park Picnic", Event.Status.APPROVED),
        ("Elm Court Draft", Event.Status.DRAFT),
        ("Jacksonville Square Social", Event.Status.APPROVED),
        ("Maple Street Block Party", Event.Status.APPROVED),
        ("Oak Avenue Cookout", Event.Status.APPROVED),
    ]

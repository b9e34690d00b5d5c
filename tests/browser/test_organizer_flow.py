"""An organizer's first visit, clicked through in Chromium, every page scanned by axe-core."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from events.models import Event
from tests.browser.axe import assert_accessible

EMAIL = "rosa@example.com"
PASSWORD = "Night-out on Maple 2026"
CONFIRM_LINK_RE = re.compile(r"https?://\S+/accounts/confirm/\S+/")


def field(page, label):
    """The form control labelled `label`, with or without crispy's required-field asterisk."""
    # A regular expression is matched against the label's raw text, spaces included.
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def sign_up_and_confirm(page, mailoutbox):
    page.goto("/")
    assert_accessible(page)
    page.get_by_role("link", name="Sign up to register an event").click()

    expect(page.get_by_role("heading", name="Sign up")).to_be_visible()
    assert_accessible(page)
    field(page, "Full name").fill("Rosa Parks")
    field(page, "E-mail address").fill(EMAIL)
    field(page, "Phone").fill("555-0142")
    field(page, "Password").fill(PASSWORD)
    field(page, "Password confirmation").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign up").click()

    expect(page.get_by_role("main")).to_contain_text(EMAIL)
    assert_accessible(page)
    assert [message.to for message in mailoutbox] == [[EMAIL]]
    page.goto(CONFIRM_LINK_RE.search(mailoutbox[0].body)[0])

    expect(page.get_by_role("status")).to_contain_text("your e-mail address is confirmed")
    assert_accessible(page)


def log_in(page):
    field(page, "E-mail address").fill(EMAIL)
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log in").click()

    expect(page.get_by_role("heading", name="My events")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("You have not registered any event yet.")
    assert_accessible(page)


def register_event(page, day):
    page.get_by_role("link", name="Register your first event").click()

    heading = page.get_by_role("heading", name="Register your National Night Out event")
    expect(heading).to_be_visible()
    assert_accessible(page)
    field(page, "Title").fill("Maple Street Block Party")
    field(page, "Description").fill("Bring a chair. Rain plan: the school gym.")
    field(page, "Date").fill(day.isoformat())
    field(page, "Starts at").fill("17:30")
    field(page, "Ends at").fill("21:00")
    field(page, "Venue").fill("Lincoln Park")
    field(page, "Street address").fill("120 Maple St")
    field(page, "City").fill("Springfield")
    field(page, "State").select_option("IL")
    field(page, "ZIP code").fill("10001")  # New York's: a typo the form must catch
    field(page, "Kids' games").check()
    field(page, "Live music").check()
    field(page, "Other activities").fill("Sidewalk chalk")
    field(page, "Expected adults").fill("40")
    field(page, "Expected children").fill("25")
    field(page, "List this event publicly so neighbors can find it").check()
    page.get_by_role("button", name="Register event").click()

    expect(field(page, "ZIP code")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("main")).to_contain_text("ZIP code 10001 is in New York")
    assert_accessible(page)
    assert Event.objects.count() == 0
    field(page, "ZIP code").fill("62701")
    page.get_by_role("button", name="Register event").click()

    expect(page.get_by_role("status")).to_contain_text("Your event is registered and published.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Maple Street Block Party")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Approved")
    assert_accessible(page)


def find_in_my_events(page, title, status):
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My events").click()

    event_link = page.get_by_role("link", name=re.compile(title))
    expect(event_link).to_have_count(1)
    expect(event_link).to_contain_text(status)
    expect(event_link).to_contain_text("Springfield, IL")
    assert_accessible(page)
    return event_link


def edit_event(page):
    page.get_by_role("link", name="Edit", exact=True).click()

    expect(page.get_by_role("heading", name="Edit “Maple Street Block Party”")).to_be_visible()
    assert_accessible(page)
    field(page, "Title").fill("Maple Street Night Out")
    field(page, "Expected adults").fill("60")
    field(page, "Live music").uncheck()
    page.get_by_role("button", name="Save changes").click()

    expect(page.get_by_role("status")).to_contain_text("Your changes are saved and published.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Maple Street Night Out")
    expect(page.get_by_role("main")).to_contain_text("60 adults, 25 children")
    assert_accessible(page)


def cancel_event(page):
    page.get_by_role("link", name="Cancel event").click()

    expect(page.get_by_role("heading", name="Cancel “Maple Street Night Out”?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, cancel the event").click()

    expect(page.get_by_role("status").first).to_contain_text("Your event is cancelled.")
    expect(page.get_by_role("main")).to_contain_text("This event was cancelled")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cancelled")
    expect(page.get_by_role("link", name="Cancel event")).to_have_count(0)
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_organizer_signs_up_registers_edits_and_cancels_an_event(live_server, page, mailoutbox):
    day = timezone.localdate() + datetime.timedelta(days=30)

    sign_up_and_confirm(page, mailoutbox)
    log_in(page)
    register_event(page, day)
    find_in_my_events(page, "Maple Street Block Party", "Approved").click()
    edit_event(page)
    cancel_event(page)
    find_in_my_events(page, "Maple Street Night Out", "Cancelled")

    user = User.objects.get()
    assert (user.email, user.full_name, user.phone, user.is_active) == (
        EMAIL,
        "Rosa Parks",
        "555-0142",
        True,
    )
    event = Event.objects.get()
    chicago = ZoneInfo("America/Chicago")
    assert event.organizer == user
    assert event.title == "Maple Street Night Out"
    assert event.status == Event.Status.CANCELLED
    assert event.cancelled_at is not None
    assert (event.venue_name, event.address, event.city, event.state, event.zip_code) == (
        "Lincoln Park",
        "120 Maple St",
        "Springfield",
        "IL",
        "62701",
    )
    assert event.time_zone == "America/Chicago"
    assert event.starts_at == datetime.datetime.combine(day, datetime.time(17, 30), chicago)
    assert event.ends_at == datetime.datetime.combine(day, datetime.time(21), chicago)
    assert [a.slug for a in event.activities.all()] == ["kids-games"]
    assert event.other_activities == "Sidewalk chalk"
    assert (event.expected_adults, event.expected_children, event.is_public) == (60, 25, True)

"""An event reviewed by its community and counted nationally, clicked through in Chromium.

Springfield, IL reviews its events; its municipal admin, an organizer and a national
admin are arranged in the database. The organizer registers an event through the
form, the municipal admin approves it from the review queue, and the national
dashboard counts it, down to the state and the community. axe-core scans every page.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Community, CommunityAdmin, Event
from events.national_night import next_national_night
from tests.browser.axe import assert_accessible
from tests.browser.test_organizer_flow import field
from tests.browser.test_visit_flow import log_in, log_out
from tests.conftest import make_user

ORGANIZER = "olivia@example.com"
MUNICIPAL_ADMIN = "mona@example.com"
NATIONAL_ADMIN = "nadia@example.com"
TITLE = "Maple Street Block Party"
COMMENT = "Welcome to National Night Out, Maple Street!"
TILES = re.compile(r"^https?://([^/]+\.)?openstreetmap\.org/")


def register_event(page, day):
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Register an event"
    ).click()

    expect(
        page.get_by_role("heading", name="Register your National Night Out event")
    ).to_be_visible()
    assert_accessible(page)
    field(page, "Title").fill(TITLE)
    field(page, "Date").fill(day.isoformat())
    field(page, "Starts at").fill("17:30")
    field(page, "Ends at").fill("21:00")
    field(page, "Street address").fill("120 Maple St")
    field(page, "City").fill("Springfield")
    field(page, "State").select_option("IL")
    field(page, "ZIP code").fill("62701")
    field(page, "Kids' games").check()
    field(page, "Expected adults").fill("40")
    field(page, "Expected children").fill("25")
    field(page, "List this event publicly so neighbors can find it").check()
    page.get_by_role("button", name="Register event").click()

    expect(page.get_by_role("status").first).to_contain_text(
        "Your event is sent to your community's municipal admins for review."
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Waiting for review")
    expect(page.get_by_role("main")).to_contain_text(
        "Waiting for review by your community's municipal admins."
    )
    assert_accessible(page)


def approve_from_review_queue(page):
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My community").click()

    expect(page.get_by_role("heading", name="My communities")).to_be_visible()
    community_link = page.get_by_role("link", name=re.compile(r"^Springfield, IL"))
    expect(community_link).to_contain_text("1 event waiting for review")
    assert_accessible(page)
    community_link.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Springfield, Illinois")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^Review queue")).click()

    expect(page.get_by_role("link", name=re.compile(r"^Review queue"))).to_have_attribute(
        "aria-current", "page"
    )
    rows = page.get_by_role("table").get_by_role("row")
    expect(rows).to_have_count(2)  # the header and the event
    expect(rows.nth(1)).to_contain_text(TITLE)
    expect(rows.nth(1)).to_contain_text("Olivia Organizer")
    assert_accessible(page)
    rows.nth(1).get_by_role("link", name=TITLE).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Waiting for review")
    review = page.get_by_role("region", name="Review this event")
    expect(review).to_be_visible()
    assert_accessible(page)
    field(review, "Comment for the organizer (optional)").fill(COMMENT)
    review.get_by_role("button", name="Approve and publish").click()

    expect(page.get_by_role("status").first).to_contain_text(
        f"“{TITLE}” is approved. The organizer has been told."
    )
    expect(page.get_by_role("main")).to_contain_text("No event is waiting for review.")
    expect(page.get_by_role("link", name=re.compile(r"^Review queue"))).to_contain_text("0")
    assert_accessible(page)


def see_it_counted(page, day):
    page.goto("/dashboard/")
    # The national night may be next year's already: choose its year.
    field(page, "Year").select_option(str(day.year))
    page.get_by_role("button", name="Show").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"National Night Out {day.year}")
    figures = {"communities": "1", "events": "1", "states": "1", "expected": "65"}
    for name, value in figures.items():
        expect(page.locator(f'[data-figure="{name}"]')).to_have_text(value)
    states = page.locator("#state-table").get_by_role("row")
    expect(states).to_have_count(2)  # the header and Illinois
    expect(states.nth(1).get_by_role("cell")).to_have_text(["1", "1", "65", "0", "0"])
    # Tiles cannot load; the state's marker is drawn all the same.
    expect(page.locator("#state-map .state-marker.state-IL")).to_have_count(1)
    assert_accessible(page)
    states.nth(1).get_by_role("link", name="IL").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Illinois in {day.year}")
    communities = page.get_by_role("table").get_by_role("row")
    expect(communities).to_have_count(2)
    expect(communities.nth(1)).to_contain_text("Springfield")
    expect(communities.nth(1).get_by_role("cell")).to_have_text(["—", "1", "65", "0", "0"])
    assert_accessible(page)
    communities.nth(1).get_by_role("link", name="Springfield").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Springfield in {day.year}")
    events = page.get_by_role("table").get_by_role("row")
    expect(events).to_have_count(2)
    expect(events.nth(1)).to_contain_text(TITLE)
    expect(events.nth(1)).to_contain_text(ORGANIZER)
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_community_reviews_an_event_and_the_national_dashboard_counts_it(
    live_server, page, mailoutbox
):
    day = next_national_night(timezone.localdate(), "IL")
    springfield = Community.objects.create(
        name="Springfield",
        state="IL",
        county="Sangamon County",
        approval=Community.Approval.REVIEW,
    )
    organizer = make_user(ORGANIZER, full_name="Olivia Organizer", phone="555-0199")
    mona = make_user(MUNICIPAL_ADMIN, full_name="Mona Municipal")
    CommunityAdmin.objects.create(
        user=mona, community=springfield, status=CommunityAdmin.Status.APPROVED
    )
    make_user(NATIONAL_ADMIN, full_name="Nadia National", is_staff=True)
    page.route(TILES, lambda route: route.abort())
    page.goto("/")

    log_in(page, ORGANIZER)
    register_event(page, day)
    log_out(page)
    log_in(page, MUNICIPAL_ADMIN)
    approve_from_review_queue(page)
    log_out(page)
    log_in(page, NATIONAL_ADMIN)
    see_it_counted(page, day)

    event = Event.objects.get()
    assert (event.title, event.organizer, event.community) == (TITLE, organizer, springfield)
    assert (event.status, event.is_public, event.date) == (Event.Status.APPROVED, True, day)
    assert event.starts_at == datetime.datetime.combine(day, datetime.time(17, 30), event.tz)
    assert (event.expected_adults, event.expected_children) == (40, 25)
    assert Community.objects.get() == springfield  # the event joined it; none was created
    assert list(
        event.status_changes.order_by("created_at", "pk").values_list(
            "from_status", "to_status", "by", "comment"
        )
    ) == [
        (Event.Status.DRAFT, Event.Status.SUBMITTED, organizer.pk, ""),
        (Event.Status.SUBMITTED, Event.Status.APPROVED, mona.pk, COMMENT),
    ]
    assert [message.to for message in mailoutbox] == [[MUNICIPAL_ADMIN], [ORGANIZER]]

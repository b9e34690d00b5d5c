"""A visit asked for and accepted, clicked through in Chromium, every page scanned by axe-core.

The organizer, their submitted event, the police department serving its community and
the department's liaison are arranged in the database; everything else is clicked.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.models import VisitRequest
from events.national_night import next_national_night
from tests.browser.axe import assert_accessible
from tests.browser.test_organizer_flow import field
from tests.conftest import PASSWORD, make_agency, make_event, make_liaison, make_user

ORGANIZER = "olivia@example.com"
LIAISON = "lee@example.com"
POLICE = "Springfield Police Department"
# The event is on the first Tuesday of August: Springfield, IL keeps daylight time.
ZONE = "CDT"


def log_in(page, email):
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in").click()

    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    assert_accessible(page)
    field(page, "E-mail address").fill(email)
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log in").click()

    expect(page.get_by_role("heading", name="My events")).to_be_visible()
    assert_accessible(page)


def log_out(page):
    page.get_by_role("navigation", name="Main").get_by_role("button", name="Log out").click()

    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in")
    ).to_be_visible()
    assert_accessible(page)


def open_my_event(page, title):
    page.get_by_role("link", name=re.compile(title)).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    assert_accessible(page)


def request_a_visit(page):
    page.get_by_role("link", name="Invite agencies").click()

    expect(page.get_by_role("heading", name="Invite agencies to your event")).to_be_visible()
    police = page.get_by_role("listitem").filter(has_text=POLICE)
    expect(police).to_contain_text("Serves your area")
    assert_accessible(page)
    page.get_by_role("link", name=f"Ask {POLICE}").click()

    expect(page.get_by_role("heading", name=f"Ask {POLICE}")).to_be_visible()
    assert_accessible(page)
    field(page, "A visit").check()
    field(page, "Preferred from").fill("18:00")
    field(page, "Preferred until").fill("19:00")
    field(page, "Note").fill("K9 demo for the kids at 6")
    page.get_by_role("button", name="Send the request").click()

    expect(page.get_by_role("status")).to_contain_text(f"Your request went to {POLICE}.")
    agencies = page.get_by_role("region", name="Agencies")
    expect(agencies).to_contain_text(POLICE)
    expect(agencies).to_contain_text("Requested")
    expect(agencies).to_contain_text("Your note: K9 demo for the kids at 6")
    assert_accessible(page)


def accept_the_visit(page):
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Requests").click()

    expect(page.get_by_role("heading", name="Requests to your agencies")).to_be_visible()
    expect(page.get_by_role("link", name="Requested: 1")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Maple Street Block Party").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Maple Street Block Party")
    expect(page.get_by_role("main")).to_contain_text(f"Preferred time: 6 p.m. to 7 p.m. {ZONE}.")
    expect(page.get_by_role("main")).to_contain_text("K9 demo for the kids at 6")
    assert_accessible(page)
    field(page, "Visit from").fill("18:15")
    field(page, "Visit until").fill("18:35")
    field(page, "Unit or people").fill("K9 unit")
    page.get_by_role("button", name="Accept", exact=True).click()

    expect(page.get_by_role("status").first).to_contain_text(
        "Accepted. The organizer has been told."
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text("Accepted")
    expect(page.get_by_role("main")).to_contain_text(f"Visit from 6:15 p.m. to 6:35 p.m. {ZONE}.")
    assert_accessible(page)


def see_the_plan(page, day):
    page.get_by_role("link", name="See the evening's plan").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(
        f"{POLICE}: the night of {day:%A, %B} {day.day}, {day.year}"
    )
    stops = page.get_by_role("table").get_by_role("row")
    expect(stops).to_have_count(2)  # the header and one stop
    expect(stops.nth(1)).to_contain_text(f"6:15 p.m.–6:35 p.m. {ZONE}")
    expect(stops.nth(1)).to_contain_text("Maple Street Block Party")
    expect(stops.nth(1)).to_contain_text("120 Maple St, Springfield 62701")
    expect(stops.nth(1)).to_contain_text("K9 unit")
    assert_accessible(page)


def see_the_answer(page):
    page.get_by_role("link", name=re.compile("Maple Street Block Party")).click()

    agencies = page.get_by_role("region", name="Agencies")
    expect(agencies).to_contain_text(POLICE)
    expect(agencies).to_contain_text("Accepted")
    expect(agencies).to_contain_text(f"Visit from 6:15 p.m. to 6:35 p.m. {ZONE} · K9 unit")
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_organizer_asks_police_for_a_visit_and_the_liaison_accepts(live_server, page, mailoutbox):
    organizer = make_user(ORGANIZER, full_name="Olivia Organizer", phone="555-0199")
    event = make_event(organizer, date=next_national_night(timezone.localdate(), "IL"))
    police = make_agency(POLICE, serves=event.community, capacity=5)
    liaison = make_liaison(LIAISON, police, full_name="Lee Liaison")
    page.goto("/")

    log_in(page, ORGANIZER)
    open_my_event(page, "Maple Street Block Party")
    request_a_visit(page)
    log_out(page)
    log_in(page, LIAISON)
    accept_the_visit(page)
    see_the_plan(page, event.date)
    log_out(page)
    log_in(page, ORGANIZER)
    see_the_answer(page)

    visit = VisitRequest.objects.get()
    local = datetime.datetime.combine
    assert (visit.event, visit.agency, visit.kind, visit.requested_by) == (
        event,
        police,
        VisitRequest.Kind.VISIT,
        organizer,
    )
    assert (visit.preferred_start, visit.preferred_end) == (
        local(event.date, datetime.time(18), event.tz),
        local(event.date, datetime.time(19), event.tz),
    )
    assert visit.note == "K9 demo for the kids at 6"
    assert visit.status == VisitRequest.Status.ACCEPTED
    assert visit.answered_by == liaison
    assert visit.answered_at is not None
    assert (visit.scheduled_start, visit.scheduled_end) == (
        local(event.date, datetime.time(18, 15), event.tz).astimezone(datetime.UTC),
        local(event.date, datetime.time(18, 35), event.tz).astimezone(datetime.UTC),
    )
    assert visit.unit == "K9 unit"
    assert [message.to for message in mailoutbox] == [[LIAISON], [ORGANIZER]]

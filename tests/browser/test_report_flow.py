"""After the night, clicked through in Chromium, every page scanned by axe-core: the
liaison marks the visit as made from the evening's plan, the organizer tells how it went.

The organizer, their event of two days ago, the police department and its liaison and
the accepted visit are arranged in the database; everything else is clicked.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.models import EventReport, VisitRequest
from tests.browser.axe import assert_accessible
from tests.browser.test_organizer_flow import field
from tests.browser.test_visit_flow import LIAISON, ORGANIZER, POLICE, log_in, log_out
from tests.conftest import make_agency, make_event, make_liaison, make_user, make_visit

TITLE = "Maple Street Block Party"


def mark_the_visit_made(page, agency, day):
    page.goto(f"/agencies/{agency.pk}/plan/?date={day.isoformat()}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(POLICE)
    assert_accessible(page)

    page.get_by_role("button", name=f"Mark as made ({TITLE})").click()

    expect(page.get_by_role("status").first).to_contain_text("Marked as made. Thank you!")
    expect(page.get_by_role("heading", level=1)).to_contain_text(POLICE)
    expect(page.get_by_role("button", name=f"Not made ({TITLE})")).to_be_visible()
    assert_accessible(page)


def tell_how_it_went(page):
    page.get_by_role("link", name=re.compile(TITLE)).click()
    report = page.get_by_role("region", name="How did it go?")
    expect(report).to_be_visible()
    expect(page.get_by_role("region", name="Agencies")).to_contain_text("Made")
    assert_accessible(page)
    report.get_by_role("link", name="Tell us how it went").click()

    expect(page.get_by_role("heading", name=f"How did “{TITLE}” go?")).to_be_visible()
    expect(page.get_by_role("checkbox", name=f"{POLICE} (Springfield, IL)")).to_be_checked()
    assert_accessible(page)
    field(page, "Adults who came").fill("52")
    field(page, "Children who came").fill("31")
    field(page, "Highlights").fill("The K9 demo was a hit.")
    page.get_by_role("button", name="Send the report").click()

    expect(page.get_by_role("status").first).to_contain_text("Thank you! Your report is saved")
    report = page.get_by_role("region", name="How did it go?")
    expect(report).to_contain_text("52 adults, 31 children (83 reported, 60 expected)")
    expect(report).to_contain_text(POLICE)
    expect(report).to_contain_text("The K9 demo was a hit.")
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_liaison_marks_the_visit_made_and_the_organizer_reports(live_server, page):
    organizer = make_user(ORGANIZER, full_name="Olivia Organizer", phone="555-0199")
    event = make_event(organizer, date=timezone.localdate() - datetime.timedelta(days=2))
    police = make_agency(POLICE, serves=event.community)
    liaison = make_liaison(LIAISON, police, full_name="Lee Liaison")
    start = event.starts_at + datetime.timedelta(hours=1)
    make_visit(
        event,
        police,
        status=VisitRequest.Status.ACCEPTED,
        scheduled_start=start,
        scheduled_end=start + datetime.timedelta(minutes=20),
        unit="K9 unit",
    )
    page.goto("/")

    log_in(page, LIAISON)
    mark_the_visit_made(page, police, event.date)
    log_out(page)
    log_in(page, ORGANIZER)
    tell_how_it_went(page)

    visit = VisitRequest.objects.get()
    assert visit.made_by == liaison
    assert visit.made_at is not None
    report = EventReport.objects.get()
    assert (report.event, report.actual_adults, report.actual_children, report.highlights) == (
        event,
        52,
        31,
        "The K9 demo was a hit.",
    )
    assert list(report.agencies_came.all()) == [police]

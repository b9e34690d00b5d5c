"""The liaison's iCalendar feed (RFC 5545): a secret, revocable address, no login."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from events.calendar import PRODID
from events.models import AgencyMembership, VisitRequest
from tests.conftest import make_event, make_liaison, make_user, make_visit, next_week
from tests.events.evening import make_party, make_stop


def feed_url(user, agency):
    token = AgencyMembership.objects.get(user=user, agency=agency).calendar_token
    return reverse("events:calendar_feed", args=[token])


@pytest.fixture
def two_stops(organizer, agency):
    second = make_stop(
        organizer,
        agency,
        at="18:00",
        minutes=30,
        miles_north=5,
        title="Birch Lane",
        address="14 Birch Ln",
        unit="K9 unit",
        note="K9 demo for the kids at 6",
    )
    first = make_stop(organizer, agency, at="17:00", title="Elm Street", unit="Car 12")
    return first, second


def test_calendar_feed_is_valid_icalendar_with_one_event_per_visit(
    client, liaison, agency, two_stops
):
    first, second = two_stops

    response = client.get(feed_url(liaison, agency))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    cal = Calendar.from_ical(response.content)
    assert cal.name == "VCALENDAR"
    assert cal["VERSION"] == "2.0"
    assert cal["PRODID"] == PRODID
    events = cal.walk("VEVENT")
    assert [str(item["UID"]) for item in events] == [
        f"visit-{first.pk}@testserver",
        f"visit-{second.pk}@testserver",
    ]
    assert [item["SUMMARY"] for item in events] == [
        "National Night Out: Elm Street",
        "National Night Out: Birch Lane",
    ]
    assert [(item["DTSTART"].dt, item["DTEND"].dt) for item in events] == [
        (first.scheduled_start, first.scheduled_end),
        (second.scheduled_start, second.scheduled_end),
    ]
    assert [item["LOCATION"] for item in events] == [
        "120 Maple St, Springfield, IL 62701",
        "14 Birch Ln, Springfield, IL 62701",
    ]
    assert events[1]["DESCRIPTION"] == "Unit: K9 unit\nK9 demo for the kids at 6"


def test_calendar_feed_times_carry_the_events_time_zone(client, liaison, agency, two_stops):
    response = client.get(feed_url(liaison, agency))

    cal = Calendar.from_ical(response.content)
    for item in cal.walk("VEVENT"):
        assert item["DTSTART"].params["TZID"] == "America/Chicago"
        assert item["DTEND"].params["TZID"] == "America/Chicago"
        assert item["DTSTART"].dt.tzinfo == ZoneInfo("America/Chicago")
        assert item["DTSTAMP"].dt.utcoffset() == datetime.timedelta(0)
    text = response.content.decode()
    day = next_week().strftime("%Y%m%d")
    assert f"DTSTART;TZID=America/Chicago:{day}T170000\r\n" in text
    assert f"DTEND;TZID=America/Chicago:{day}T172000\r\n" in text
    assert re.search(r"\r\nDTSTAMP:\d{8}T\d{6}Z\r\n", text)


def test_calendar_feed_has_a_small_vtimezone_for_each_tzid(
    client, organizer, liaison, agency, two_stops
):
    denver = make_event(organizer, zip_code="80202", title="Mile High Picnic")
    make_visit(
        denver,
        agency,
        status=VisitRequest.Status.ACCEPTED,
        scheduled_start=denver.starts_at,
        scheduled_end=denver.starts_at + datetime.timedelta(minutes=20),
    )

    response = client.get(feed_url(liaison, agency))

    cal = Calendar.from_ical(response.content)
    assert cal.get_missing_tzids() == set()
    tzids = {item["DTSTART"].params["TZID"] for item in cal.walk("VEVENT")}
    assert tzids == {"America/Chicago", "America/Denver"}
    assert sorted(str(zone["TZID"]) for zone in cal.walk("VTIMEZONE")) == sorted(tzids)
    for zone in cal.walk("VTIMEZONE"):
        # Only the rules around the visits, not every change from 1970 to 2038.
        assert 1 <= len(zone.subcomponents) <= 3
        assert "RDATE" not in zone.to_ical().decode()
        tz = zone.to_tz()
        for item in cal.walk("VEVENT"):
            if item["DTSTART"].params["TZID"] == zone["TZID"]:
                start = item["DTSTART"].dt
                assert start.replace(tzinfo=tz).utcoffset() == start.utcoffset()
    assert len(response.content) < 3000


def test_calendar_feed_leaves_out_requests_answers_and_other_agencies(
    client, organizer, liaison, agency, other_agency, two_stops
):
    make_visit(make_party(organizer, title="Pending Place"), agency)
    for status in (
        VisitRequest.Status.DECLINED,
        VisitRequest.Status.WITHDRAWN,
        VisitRequest.Status.CANCELLED,
    ):
        make_visit(make_party(organizer, title=f"{status} place"), agency, status=status)
    make_visit(
        make_party(organizer, title="Booth Place"),
        agency,
        kind=VisitRequest.Kind.PARTICIPATION,
        status=VisitRequest.Status.ACCEPTED,
    )
    make_stop(organizer, other_agency, at="17:00", title="Other Agency Street")

    response = client.get(feed_url(liaison, agency))

    cal = Calendar.from_ical(response.content)
    assert [item["SUMMARY"] for item in cal.walk("VEVENT")] == [
        "National Night Out: Elm Street",
        "National Night Out: Birch Lane",
    ]


def test_calendar_feed_without_visits_is_still_valid(client, liaison, agency):
    response = client.get(feed_url(liaison, agency))

    cal = Calendar.from_ical(response.content)
    assert cal["VERSION"] == "2.0"
    assert cal.walk("VEVENT") == []
    # RFC 5545 asks for at least one component: the agency's time zone.
    assert [str(zone["TZID"]) for zone in cal.walk("VTIMEZONE")] == ["America/Chicago"]


def test_calendar_feed_needs_no_login_and_sets_no_session(client, liaison, agency, two_stops):
    response = client.get(feed_url(liaison, agency))

    assert response.status_code == 200
    assert "sessionid" not in response.cookies


def test_calendar_feed_unknown_token_is_404(client, liaison, agency, two_stops):
    response = client.get(reverse("events:calendar_feed", args=["not-a-token"]))

    assert response.status_code == 404


@pytest.mark.parametrize(
    "status", [AgencyMembership.Status.PENDING, AgencyMembership.Status.DECLINED]
)
def test_calendar_feed_of_a_membership_not_approved_is_404(client, agency, two_stops, status):
    member = make_user("pat@example.com", full_name="Pat Pending")
    AgencyMembership.objects.create(user=member, agency=agency, status=status)

    response = client.get(feed_url(member, agency))

    assert response.status_code == 404


def test_calendar_feed_of_a_deactivated_liaison_is_404(client, agency, two_stops):
    former = make_liaison("former@example.com", agency)
    url = feed_url(former, agency)
    former.is_active = False
    former.save()

    response = client.get(url)

    assert response.status_code == 404


def test_calendar_feed_reset_revokes_the_old_address(client_of, liaison, agency, two_stops):
    old_url = feed_url(liaison, agency)
    client = client_of(liaison)

    response = client.post(reverse("events:reset_calendar", args=[agency.pk]))

    assert response.status_code == 302
    assert response.url == agency.get_absolute_url()
    new_url = feed_url(liaison, agency)
    assert new_url != old_url
    client.logout()
    assert client.get(old_url).status_code == 404
    assert client.get(new_url).status_code == 200


def test_calendar_feed_reset_by_another_user_is_404_and_keeps_the_address(
    client_of, liaison, other_liaison, agency, two_stops
):
    url = feed_url(liaison, agency)

    response = client_of(other_liaison).post(reverse("events:reset_calendar", args=[agency.pk]))

    assert response.status_code == 404
    assert feed_url(liaison, agency) == url


def test_calendar_feed_reset_needs_post(client_of, liaison, agency):
    url = feed_url(liaison, agency)

    response = client_of(liaison).get(reverse("events:reset_calendar", args=[agency.pk]))

    assert response.status_code == 405
    assert feed_url(liaison, agency) == url


@pytest.mark.parametrize("count", [1, 20])
def test_calendar_feed_query_count_does_not_grow_with_visits(
    client, organizer, liaison, agency, django_assert_num_queries, count
):
    for number in range(count):
        make_stop(organizer, agency, at=f"{17 + number // 6}:{number % 6 * 10:02}", minutes=5)
    url = feed_url(liaison, agency)

    with django_assert_num_queries(2):
        response = client.get(url)

    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == count

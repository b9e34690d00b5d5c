"""The public page of an event: what, where, when, who comes, its map and its .ics."""

import datetime
import json
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from events.calendar import PRODID
from events.models import Activity, Agency, Event, VisitRequest
from tests.conftest import make_agency, make_event, make_visit
from tests.events.discovery import make_party, night

DENVER = ZoneInfo("America/Denver")


@pytest.fixture
def denver_party(organizer):
    """From 8 to 10 pm in Denver on the national night: 2 to 4 am the next day in UTC."""
    day = night()
    return make_party(
        organizer,
        "80202",
        title="Larimer Square Night Out",
        venue_name="Larimer Square",
        address="1430 Larimer St",
        description="Bring a flashlight.",
        starts_at=datetime.datetime.combine(day, datetime.time(20), DENVER),
        ends_at=datetime.datetime.combine(day, datetime.time(22), DENVER),
        activities=Activity.objects.filter(slug__in=["k9-demonstration", "potluck"]),
        other_activities="Chalk art",
    )


def accepted(event, agency):
    start = event.starts_at + datetime.timedelta(minutes=30)
    return make_visit(
        event,
        agency,
        status=VisitRequest.Status.ACCEPTED,
        scheduled_start=start,
        scheduled_end=start + datetime.timedelta(minutes=20),
    )


def ics_of(response):
    [item] = Calendar.from_ical(response.content).walk("VEVENT")
    return item


def test_public_event_page_shows_what_where_and_when_in_the_event_zone(client, denver_party):
    day = night()

    response = client.get(denver_party.get_public_url())

    assert response.status_code == 200
    assert timezone.localtime(
        denver_party.starts_at, datetime.UTC
    ).date() == day + datetime.timedelta(days=1)
    assert '<h1 class="h3 mb-3">Larimer Square Night Out</h1>' in response.text
    assert f"{day:%A, %B %-d, %Y}<br>8 p.m. – 10 p.m. MDT" in response.text
    assert "Larimer Square<br>1430 Larimer St<br>Denver, CO 80202" in response.text
    assert "<p>Bring a flashlight.</p>" in response.text
    assert "National Night Out · Denver, CO" in response.text


def test_public_event_page_lists_the_activities(client, denver_party):
    response = client.get(denver_party.get_public_url())

    assert re.findall(r'<li class="badge[^"]*">([^<]+)</li>', response.text) == [
        "K9 demonstration",
        "Potluck",
        "Chalk art",
    ]


def test_public_event_page_lists_only_accepted_agencies(client, organizer):
    event = make_event(organizer)
    police = make_agency("Springfield Police Department")
    fire = make_agency("Springfield Fire Department", kind=Agency.Kind.FIRE)
    accepted(event, fire)
    accepted(event, police)
    make_visit(event, make_agency("Sangamon County Sheriff", kind=Agency.Kind.SHERIFF))
    make_visit(
        event,
        make_agency("Illinois State Police", kind=Agency.Kind.STATE_POLICE),
        status=VisitRequest.Status.DECLINED,
    )
    make_visit(
        event,
        make_agency("Salvation Army", kind=Agency.Kind.SALVATION_ARMY),
        status=VisitRequest.Status.WITHDRAWN,
    )

    response = client.get(event.get_public_url())

    assert response.context["agencies"] == [fire, police]
    assert "Springfield Fire Department <span" in response.text
    assert "(Fire department)" in response.text
    assert "Springfield Police Department <span" in response.text
    assert "Sheriff" not in response.text
    assert "Illinois State Police" not in response.text
    assert "Salvation Army" not in response.text


def test_public_event_page_without_accepted_agencies_has_no_coming_list(client, organizer):
    event = make_event(organizer)
    make_visit(event, make_agency())

    response = client.get(event.get_public_url())

    assert response.context["agencies"] == []
    assert "Coming" not in response.text


def test_public_event_page_has_the_map_data_and_links(client, denver_party):
    pk = denver_party.pk

    response = client.get(denver_party.get_public_url())

    data = re.search(
        r'<script id="event-map-data" type="application/json">(.*?)</script>', response.text
    )
    assert json.loads(data.group(1)) == {
        "lat": 39.7491,
        "lon": -104.9946,
        "title": "Larimer Square Night Out",
    }
    assert 'id="event-map" class="event-map' in response.text
    assert f'href="/events/{pk}/event.ics">Add to calendar (.ics)</a>' in response.text
    assert f'href="/events/{pk}/flyer/">Printable flyer</a>' in response.text
    assert (
        f'href="/find/?zip=80202&amp;radius=5&amp;date={night().isoformat()}">Other events nearby'
        in response.text
    )


def test_event_ics_is_an_icalendar_event_in_its_time_zone(client, denver_party):
    url = reverse("events:event_ics", args=[denver_party.pk])

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert (
        response["Content-Disposition"] == f'attachment; filename="night-out-{denver_party.pk}.ics"'
    )
    cal = Calendar.from_ical(response.content)
    assert cal["VERSION"] == "2.0"
    assert cal["PRODID"] == PRODID
    [zone] = cal.walk("VTIMEZONE")
    assert zone["TZID"] == "America/Denver"
    item = ics_of(response)
    assert item["DTSTART"].params["TZID"] == "America/Denver"
    assert item["DTEND"].params["TZID"] == "America/Denver"
    assert item["DTSTART"].to_ical() == f"{night():%Y%m%d}T200000".encode()
    assert item["DTEND"].to_ical() == f"{night():%Y%m%d}T220000".encode()
    assert item.decoded("DTSTART") == denver_party.starts_at
    assert item.decoded("DTEND") == denver_party.ends_at
    assert item["SUMMARY"] == "Larimer Square Night Out"
    assert item["LOCATION"] == "Larimer Square, 1430 Larimer St, Denver, CO 80202"
    assert item["URL"] == f"http://testserver/events/{denver_party.pk}/"
    assert item["UID"] == f"event-{denver_party.pk}@testserver"
    assert item["DESCRIPTION"] == "Bring a flashlight.\n\nK9 demonstration, Potluck"
    assert (item["GEO"].latitude, item["GEO"].longitude) == (39.7491, -104.9946)


def test_event_ics_lines_end_with_crlf(client, denver_party):
    response = client.get(reverse("events:event_ics", args=[denver_party.pk]))

    lines = response.content.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR"
    assert lines[-2:] == [b"END:VCALENDAR", b""]
    assert all(b"\n" not in line for line in lines)


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": Event.Status.DRAFT},
        {"status": Event.Status.SUBMITTED},
        {"status": Event.Status.CHANGES_REQUESTED},
        {"is_public": False},
        {"status": Event.Status.CANCELLED, "cancelled_at": timezone.now()},
    ],
    ids=["draft", "submitted", "changes-requested", "private", "cancelled"],
)
@pytest.mark.parametrize("name", ["public", "event_ics", "flyer", "qr_code"])
def test_public_pages_of_an_event_that_is_not_listed_give_404(client, organizer, overrides, name):
    event = make_event(organizer, **overrides)

    response = client.get(reverse(f"events:{name}", args=[event.pk]))

    assert response.status_code == 404
    assert "Maple Street" not in response.text


@pytest.mark.parametrize("name", ["public", "event_ics", "flyer", "qr_code"])
def test_public_pages_of_an_unknown_event_give_404(client, db, name):
    response = client.get(reverse(f"events:{name}", args=[999999]))

    assert response.status_code == 404


def test_public_event_page_of_a_past_event_still_shows_it(client, organizer):
    event = make_event(organizer, date=timezone.localdate() - datetime.timedelta(days=7))

    response = client.get(event.get_public_url())

    assert response.status_code == 200
    assert response.context["event"] == event

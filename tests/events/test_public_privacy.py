"""What the public may see of an event: the block only, when the organizer chose so,
until the event's day; never the organizer's name, e-mail or phone."""

import datetime
import json
import re
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from events.models import Activity, VisitRequest
from tests.conftest import make_agency, make_event, make_visit

CHICAGO = ZoneInfo("America/Chicago")
ATOM = "{http://www.w3.org/2005/Atom}"
# 62702's center, (39.8317, -89.6465), rounded to two decimals.
ROUNDED = (39.83, -89.65)
EXACT = (39.8317, -89.6465)


@pytest.fixture
def hidden(organizer):
    """Next week, block only: the public sees '100 block of Maple St' until the day."""
    return make_event(organizer, zip_code="62702", block_only=True, address="120 Maple St")


@pytest.fixture
def today(organizer):
    """Block only, but today (all day, Springfield time): the full address shows."""
    start = datetime.datetime.combine(
        timezone.localdate(timezone=CHICAGO), datetime.time(0), CHICAGO
    )
    return make_event(
        organizer,
        zip_code="62702",
        block_only=True,
        address="120 Maple St",
        starts_at=start,
        ends_at=start + datetime.timedelta(days=1),
    )


def urls_of(event):
    """Every public address that shows `event`, its community or its state."""
    community, state = event.community.pk, event.state
    return [
        reverse("events:public", args=[event.pk]),
        reverse("events:event_ics", args=[event.pk]),
        reverse("events:flyer", args=[event.pk]),
        f"{reverse('events:find')}?zip={event.zip_code}&date=",
        f"{reverse('events:find')}?city=Springfield&state=IL&date=",
        f"{reverse('events:geojson')}?zip={event.zip_code}&date=",
        reverse("events:embed", args=[community]),
        reverse("events:community_ics", args=[community]),
        reverse("events:community_rss", args=[community]),
        reverse("events:community_atom", args=[community]),
        reverse("events:state_ics", args=[state]),
        reverse("events:state_rss", args=[state]),
        reverse("events:state_atom", args=[state]),
    ]


def every_public_response(client, event):
    responses = {url: client.get(url) for url in urls_of(event)}
    assert {url: r.status_code for url, r in responses.items()} == dict.fromkeys(responses, 200)
    return responses


def rss_descriptions(response):
    # Our own responses: trusted XML.
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314
    return [item.findtext("description") for item in channel.iter("item")]


def atom_summaries(response):
    return [
        entry.findtext(f"{ATOM}summary")
        for entry in ET.fromstring(response.content).iter(f"{ATOM}entry")  # noqa: S314
    ]


def ics_locations(response):
    items = Calendar.from_ical(response.content).walk("VEVENT")
    return [
        (str(item["LOCATION"]), (item["GEO"].latitude, item["GEO"].longitude)) for item in items
    ]


def test_block_only_event_page_shows_the_block_until_the_day(client, hidden):
    response = client.get(hidden.get_public_url())

    assert "100 block of Maple St<br>Springfield, IL 62702" in response.text
    assert "The exact address is shown on the day of the event." in response.text
    data = re.search(r'id="event-map-data" type="application/json">(.*?)</script>', response.text)
    assert json.loads(data.group(1)) == {
        "lat": ROUNDED[0],
        "lon": ROUNDED[1],
        "title": "Maple Street Block Party",
    }


def test_block_only_event_search_shows_the_block(client, hidden):
    response = client.get(reverse("events:find"), {"zip": "62702", "date": ""})

    assert [found.event for found in response.context["results"]] == [hidden]
    assert "100 block of Maple St, Springfield, IL · 0.2 mi" in response.text


def test_block_only_event_geojson_has_the_block_and_rounded_coordinates(client, hidden):
    response = client.get(reverse("events:geojson"), {"zip": "62702", "date": ""})

    [feature] = response.json()["features"]
    assert feature["geometry"]["coordinates"] == [ROUNDED[1], ROUNDED[0]]
    assert feature["properties"]["address"] == "100 block of Maple St"


@pytest.mark.parametrize("name", ["event_ics", "community_ics", "state_ics"])
def test_block_only_event_icalendar_has_the_block_and_rounded_position(client, hidden, name):
    arg = (
        hidden.state
        if name == "state_ics"
        else hidden.community.pk
        if name == "community_ics"
        else hidden.pk
    )

    response = client.get(reverse(f"events:{name}", args=[arg]))

    assert ics_locations(response) == [("100 block of Maple St, Springfield, IL 62702", ROUNDED)]


@pytest.mark.parametrize("name", ["community_rss", "state_rss"])
def test_block_only_event_rss_has_the_block(client, hidden, name):
    arg = hidden.state if name == "state_rss" else hidden.community.pk

    response = client.get(reverse(f"events:{name}", args=[arg]))

    [description] = rss_descriptions(response)
    assert description.splitlines()[1] == "100 block of Maple St, Springfield"


@pytest.mark.parametrize("name", ["community_atom", "state_atom"])
def test_block_only_event_atom_has_the_block(client, hidden, name):
    arg = hidden.state if name == "state_atom" else hidden.community.pk

    response = client.get(reverse(f"events:{name}", args=[arg]))

    [summary] = atom_summaries(response)
    assert summary.splitlines()[1] == "100 block of Maple St, Springfield"


def test_block_only_event_flyer_shows_the_block(client, hidden):
    response = client.get(reverse("events:flyer", args=[hidden.pk]))

    assert "100 block of Maple St<br>Springfield, IL 62702" in response.text


def test_block_only_event_embed_shows_the_block(client, hidden):
    response = client.get(reverse("events:embed", args=[hidden.community.pk]))

    assert "· 100 block of Maple St</span>" in response.text


def test_block_only_event_never_shows_house_number_or_exact_position(client, hidden):
    responses = every_public_response(client, hidden)

    for url, response in responses.items():
        assert "120 Maple" not in response.content.decode(), url
        assert str(EXACT[0]) not in response.content.decode(), url
        assert str(EXACT[1]) not in response.content.decode(), url


def test_block_only_event_shows_the_full_address_on_its_day(client, today):
    responses = every_public_response(client, today)

    for url, response in responses.items():
        if url.endswith(".ics"):
            continue  # Long lines fold there; see the test below.
        assert "120 Maple St" in response.content.decode(), url
        assert "100 block" not in response.content.decode(), url


def test_block_only_event_on_its_day_has_exact_position_everywhere(client, today):
    community = today.community.pk
    geojson = client.get(reverse("events:geojson"), {"zip": "62702", "date": ""})
    page = client.get(today.get_public_url())
    feeds = [
        client.get(reverse("events:event_ics", args=[today.pk])),
        client.get(reverse("events:community_ics", args=[community])),
        client.get(reverse("events:state_ics", args=["IL"])),
    ]
    rss = client.get(reverse("events:community_rss", args=[community]))
    atom = client.get(reverse("events:state_atom", args=["IL"]))

    assert geojson.json()["features"][0]["geometry"]["coordinates"] == [EXACT[1], EXACT[0]]
    assert geojson.json()["features"][0]["properties"]["address"] == "120 Maple St"
    assert '"lat": 39.8317, "lon": -89.6465' in page.text
    assert "The exact address is shown on the day of the event." not in page.text
    for feed in feeds:
        assert ics_locations(feed) == [("120 Maple St, Springfield, IL 62702", EXACT)]
    assert rss_descriptions(rss)[0].splitlines()[1] == "120 Maple St, Springfield"
    assert atom_summaries(atom)[0].splitlines()[1] == "120 Maple St, Springfield"


def test_event_without_block_only_shows_the_full_address(client, organizer):
    event = make_event(organizer, zip_code="62702")

    response = client.get(event.get_public_url())

    assert "120 Maple St<br>Springfield, IL 62702" in response.text
    assert "The exact address is shown" not in response.text


@pytest.fixture
def busy_event(organizer):
    """A public event with activities, a description and an agency coming."""
    event = make_event(
        organizer,
        description="Bring a chair.",
        activities=Activity.objects.filter(slug="kids-games"),
    )
    start = event.starts_at + datetime.timedelta(hours=1)
    make_visit(
        event,
        make_agency(),
        status=VisitRequest.Status.ACCEPTED,
        scheduled_start=start,
        scheduled_end=start + datetime.timedelta(minutes=20),
    )
    return event


@pytest.mark.parametrize("persona", [None, "stranger"])
def test_public_responses_never_contain_the_organizer_contact(
    client_of, request, busy_event, persona
):
    user = request.getfixturevalue(persona) if persona else None
    client = client_of(user)
    showing = urls_of(busy_event)
    urls = [
        *showing,
        reverse("events:qr_code", args=[busy_event.pk]),
        reverse("events:find"),
        reverse("home"),
    ]

    responses = {url: client.get(url) for url in urls}

    assert {url: r.status_code for url, r in responses.items()} == dict.fromkeys(urls, 200)
    for url in showing:
        assert "Maple Street Block Party" in responses[url].content.decode(), url
    for url, response in responses.items():
        body = response.content.decode()
        assert "olivia@example.com" not in body, url
        assert "555-0199" not in body, url
        assert "Olivia" not in body, url

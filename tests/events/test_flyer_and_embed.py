"""Sharing an event: the printable flyer with its QR code; the embeddable list."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from events.models import Activity, Event
from tests.conftest import make_event, next_week
from tests.events.discovery import make_party, night

SVG = "{http://www.w3.org/2000/svg}svg"


@pytest.fixture
def party(organizer):
    return make_party(
        organizer,
        "62701",
        title="Maple Street Block Party",
        venue_name="Maple Street",
        activities=Activity.objects.filter(slug__in=["kids-games", "k9-demonstration"]),
        other_activities="Chalk art",
    )


def test_flyer_has_what_when_where_and_activities(client, party):
    response = client.get(reverse("events:flyer", args=[party.pk]))

    assert response.status_code == 200
    assert '<h1 class="flyer-title">Maple Street Block Party</h1>' in response.text
    assert (
        f'<p class="flyer-when">{night():%A, %B %-d, %Y}<br>5 p.m. – 9 p.m. CDT</p>'
        in response.text
    )
    assert (
        '<p class="flyer-where">Maple Street<br>120 Maple St<br>Springfield, IL 62701</p>'
        in response.text
    )
    assert re.findall(r"<li>([^<]+)</li>", response.text) == [
        "Kids&#x27; games",
        "K9 demonstration",
        "Chalk art",
    ]


def test_flyer_links_to_the_public_page_by_a_qr_code(client, party):
    response = client.get(reverse("events:flyer", args=[party.pk]))

    public_url = f"http://testserver/events/{party.pk}/"
    assert (
        f'<img src="/events/{party.pk}/qr.svg" alt="QR code linking to {public_url}"'
        in response.text
    )
    assert f'<span class="flyer-url">{public_url}</span>' in response.text


def test_flyer_uses_the_letter_size_print_stylesheet(client, party):
    stylesheet = finders.find("css/flyer.css")

    response = client.get(reverse("events:flyer", args=[party.pk]))

    assert '<link rel="stylesheet" href="/static/css/flyer.css">' in response.text
    with open(stylesheet, encoding="utf-8") as file:
        css = file.read()
    page_rule = re.search(r"@page\s*{([^}]*)}", css).group(1)
    assert re.search(r"size:\s*letter\s*;", page_rule)
    assert "@media print" in css


def test_flyer_has_no_site_navigation(client, party):
    response = client.get(reverse("events:flyer", args=[party.pk]))

    assert "navbar" not in response.text
    assert '<p class="no-print' in response.text


def test_qr_code_is_an_svg_image(client, party):
    response = client.get(reverse("events:qr_code", args=[party.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    svg = ET.fromstring(response.content)  # noqa: S314 (our own response)
    assert svg.tag == SVG
    assert svg.find("{http://www.w3.org/2000/svg}path") is not None


def test_qr_code_depends_on_the_event(client, party, organizer):
    other = make_party(organizer, "62702")

    first = client.get(reverse("events:qr_code", args=[party.pk]))
    second = client.get(reverse("events:qr_code", args=[other.pk]))

    assert first.content != second.content


@pytest.fixture
def community_events(organizer):
    """Two upcoming approved events in Springfield, IL, and others the embed leaves out."""
    make_event(organizer, title="Second", date=next_week() + datetime.timedelta(days=1))
    make_event(organizer, title="First")
    make_event(organizer, title="Draft", status=Event.Status.DRAFT)
    make_event(organizer, title="Private", is_public=False)
    make_event(organizer, title="Past", date=timezone.localdate() - datetime.timedelta(days=2))
    make_event(organizer, title="Chatham", zip_code="62629")
    return Event.objects.get(title="First").community


def test_embed_lists_the_community_upcoming_approved_events(client, community_events):
    first, second = Event.objects.filter(title__in=["First", "Second"]).order_by("starts_at")

    response = client.get(reverse("events:embed", args=[community_events.pk]))

    assert response.status_code == 200
    assert response.context["events"] == [first, second]
    assert (
        f'<a href="http://testserver/events/{first.pk}/" target="_blank" rel="noopener">'
        "First</a>" in response.text
    )
    assert "National Night Out in Springfield, IL" in response.text
    assert "navbar" not in response.text


def test_embed_of_unknown_community_gives_404(client, db):
    response = client.get(reverse("events:embed", args=[999999]))

    assert response.status_code == 404


def test_embed_may_be_framed_by_any_site_even_from_the_cache(client, community_events):
    url = reverse("events:embed", args=[community_events.pk])
    cache.clear()

    first = client.get(url)
    second = client.get(url)

    for response in [first, second]:
        assert response.status_code == 200
        assert "X-Frame-Options" not in response
        csp = response["Content-Security-Policy"]
        assert "frame-ancestors *" in csp.split("; ")
        assert "script-src 'self'" in csp.split("; ")
    assert second.content == first.content


@pytest.mark.parametrize(
    "url",
    [
        lambda event: reverse("events:find"),
        lambda event: f"{reverse('events:geojson')}?zip=62701",
        lambda event: event.get_public_url(),
        lambda event: reverse("events:flyer", args=[event.pk]),
        lambda event: reverse("home"),
    ],
    ids=["find", "geojson", "public", "flyer", "home"],
)
def test_other_public_pages_may_not_be_framed_even_from_the_cache(client, party, url):
    cache.clear()

    first = client.get(url(party))
    second = client.get(url(party))

    for response in [first, second]:
        assert response.status_code == 200
        assert response["X-Frame-Options"] == settings.X_FRAME_OPTIONS == "DENY"
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"].split("; ")

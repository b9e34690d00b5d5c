"""The public pages on the national night: a fixed number of queries whatever the
data size, and a cache for anonymous visitors that any change makes stale."""

import datetime
import time
from unittest import mock

import markupsafe
import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from events import public_cache
from events.models import Activity, Agency, Event, VisitRequest
from events.services.event import cancel_event
from events.services.review import approve_event
from events.services.visit import accept_request
from tests.conftest import make_agency, make_event, make_user, make_visit
from tests.events.discovery import find_url, geojson_url, make_party

# The data version: the latest change to any event and to any visit request (one query,
# made at most once a second by each process).
VERSION_QUERIES = 1
# + the page's events with the count of them all, their activities, the activities for
# the form's menu.
FIND_BY_ZIP_QUERIES = VERSION_QUERIES + 3
FIND_BY_CITY_QUERIES = VERSION_QUERIES + 3
# + the events near the ZIP with their distances (computed by the database).
GEOJSON_QUERIES = VERSION_QUERIES + 1
# + the event with its community, its activities, its accepted visits with their agencies.
PUBLIC_EVENT_QUERIES = VERSION_QUERIES + 3


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def activities(db):
    return list(Activity.objects.all()[:3])


def a_second_later():
    """The clock of the data version's reading, VERSION_SECONDS on."""
    later = time.monotonic() + public_cache.VERSION_SECONDS
    return mock.patch("events.public_cache.time.monotonic", return_value=later)


def make_parties(organizer, count, activities):
    return [make_party(organizer, "62701", activities=activities) for _ in range(count)]


def accepted(event, agency):
    start = event.starts_at + datetime.timedelta(minutes=30)
    return make_visit(
        event,
        agency,
        status=VisitRequest.Status.ACCEPTED,
        scheduled_start=start,
        scheduled_end=start + datetime.timedelta(minutes=20),
    )


@pytest.mark.parametrize("count", [1, 50])
@pytest.mark.parametrize(
    ("params", "queries"),
    [
        ({"zip": "62701", "radius": 25}, FIND_BY_ZIP_QUERIES),
        ({"city": "Springfield", "state": "IL"}, FIND_BY_CITY_QUERIES),
        ({}, FIND_BY_CITY_QUERIES),
    ],
    ids=["zip", "city", "default"],
)
def test_search_page_query_count_does_not_grow_with_results(
    client, organizer, activities, django_assert_num_queries, count, params, queries
):
    make_parties(organizer, count, activities)

    with django_assert_num_queries(queries):
        response = client.get(find_url(), params)

    assert response.context["page"].paginator.count == count


@pytest.mark.parametrize("count", [1, 50])
def test_geojson_query_count_does_not_grow_with_results(
    client, organizer, activities, django_assert_num_queries, count
):
    make_parties(organizer, count, activities)

    with django_assert_num_queries(GEOJSON_QUERIES):
        response = client.get(geojson_url(), {"zip": "62701", "radius": 25})

    assert len(response.json()["features"]) == count


@pytest.mark.parametrize("count", [1, 50])
def test_public_event_page_query_count_does_not_grow_with_agencies(
    client, organizer, activities, django_assert_num_queries, count
):
    event = make_party(organizer, "62701", activities=activities)
    for number in range(count):
        accepted(event, make_agency(f"Agency {number:02}"))

    with django_assert_num_queries(PUBLIC_EVENT_QUERIES):
        response = client.get(event.get_public_url())

    assert len(response.context["agencies"]) == count


@pytest.mark.parametrize("count", [1, 50])
@pytest.mark.parametrize(
    "url",
    [
        lambda event: f"{find_url()}?zip=62701&radius=25",
        lambda event: f"{find_url()}?city=Springfield&state=IL",
        lambda event: f"{geojson_url()}?zip=62701&radius=25",
        lambda event: event.get_public_url(),
        lambda event: reverse("events:event_ics", args=[event.pk]),
        lambda event: reverse("events:flyer", args=[event.pk]),
        lambda event: reverse("events:embed", args=[event.community.pk]),
        lambda event: reverse("events:community_rss", args=[event.community.pk]),
        lambda event: reverse("events:state_atom", args=["IL"]),
        lambda event: reverse("events:state_ics", args=["IL"]),
    ],
    ids=[
        "find-zip",
        "find-city",
        "geojson",
        "public",
        "ics",
        "flyer",
        "embed",
        "rss",
        "atom",
        "state-ics",
    ],
)
def test_cached_public_page_costs_no_query_then_only_the_data_version(
    client, organizer, activities, django_assert_num_queries, count, url
):
    event = make_parties(organizer, count, activities)[0]
    accepted(event, make_agency())
    first = client.get(url(event))

    with django_assert_num_queries(0):
        second = client.get(url(event))
    with a_second_later(), django_assert_num_queries(VERSION_QUERIES):
        third = client.get(url(event))

    assert first.status_code == second.status_code == third.status_code == 200
    assert second.content == third.content == first.content
    assert second["Content-Type"] == third["Content-Type"] == first["Content-Type"]


def test_cached_ics_keeps_its_attachment_name(client, event):
    url = reverse("events:event_ics", args=[event.pk])
    client.get(url)

    response = client.get(url)

    assert response["Content-Disposition"] == f'attachment; filename="night-out-{event.pk}.ics"'


def test_changed_title_shows_at_once(client, organizer):
    event = make_party(organizer, "62701", title="Old title")
    urls = [event.get_public_url(), f"{find_url()}?zip=62701", f"{geojson_url()}?zip=62701"]
    for url in urls:
        assert "Old title" in client.get(url).content.decode()

    event.title = "New title"
    event.save()

    for url in urls:
        body = client.get(url).content.decode()
        assert "New title" in body, url
        assert "Old title" not in body, url


def test_change_by_another_process_shows_within_a_second(client, organizer):
    event = make_party(organizer, "62701", title="Old title")
    url = event.get_public_url()
    client.get(url)
    # As another gunicorn worker would change it: no signal reaches this process.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE events_event SET title = %s, updated_at = %s WHERE id = %s",
            ["New title", timezone.now(), event.pk],
        )

    within_the_second = client.get(url)
    with a_second_later():
        after_it = client.get(url)

    assert "Old title" in within_the_second.text
    assert "New title" in after_it.text


def test_approved_event_shows_in_the_cached_search_at_once(client, organizer):
    # Approval is an update(), which sends no post_save.
    event = make_party(organizer, "62701", status=Event.Status.SUBMITTED)
    assert client.get(find_url(), {"zip": "62701"}).context["results"] == []

    approve_event(event=event, by=make_user("ada@example.com", is_staff=True))

    response = client.get(find_url(), {"zip": "62701"})
    assert [found.event for found in response.context["results"]] == [event]


def test_cancelled_event_leaves_the_cached_pages_at_once(client, organizer):
    event = make_party(organizer, "62701")
    client.get(event.get_public_url())
    client.get(find_url(), {"zip": "62701"})

    cancel_event(event=event, by=organizer)

    assert client.get(event.get_public_url()).status_code == 404
    assert client.get(find_url(), {"zip": "62701"}).context["results"] == []


def test_accepted_visit_shows_on_the_cached_page_at_once(client, event, agency, liaison, visit):
    assert "Springfield Police Department" not in client.get(event.get_public_url()).text
    start = event.starts_at + datetime.timedelta(hours=1)

    accept_request(visit=visit, by=liaison, start=start, end=start + datetime.timedelta(minutes=20))

    response = client.get(event.get_public_url())
    assert response.context["agencies"] == [agency]
    assert "Springfield Police Department" in response.text


@pytest.mark.parametrize("how", ["save", "update"])
def test_renamed_agency_shows_on_the_cached_page_at_once(
    client, event, agency, liaison, visit, how
):
    start = event.starts_at + datetime.timedelta(hours=1)
    accept_request(visit=visit, by=liaison, start=start, end=start + datetime.timedelta(minutes=20))
    assert "Springfield Police Department" in client.get(event.get_public_url()).text

    if how == "save":
        agency.name = "Springfield Police"
        agency.save()
    else:
        Agency.objects.filter(pk=agency.pk).update(name="Springfield Police")

    response = client.get(event.get_public_url())
    assert "Springfield Police Department" not in response.text
    assert "Springfield Police <span" in response.text


def test_renamed_agency_changes_the_data_version_of_every_process(client, agency):
    before = public_cache._latest_change()

    Agency.objects.filter(pk=agency.pk).update(name="Springfield Police")

    assert public_cache._latest_change() != before


# An uncached ZIP search: the page's events with their count, their activities, and
# the activity menu when it was not read within the second.
UNCACHED_FIND_QUERIES = 2


def personal(client):
    """A visitor whose pages are never served from the cache (a message waits)."""
    client.cookies["messages"] = "personal"
    return client


def test_uncached_search_reads_the_activity_menu_at_most_once_a_second(
    client, organizer, activities, django_assert_num_queries
):
    make_parties(organizer, 1, activities)
    visitor = personal(client)
    with django_assert_num_queries(UNCACHED_FIND_QUERIES + 1):
        visitor.get(find_url(), {"zip": "62701"})

    with django_assert_num_queries(UNCACHED_FIND_QUERIES):
        response = visitor.get(find_url(), {"zip": "62701"})
    with a_second_later(), django_assert_num_queries(UNCACHED_FIND_QUERIES + 1):
        visitor.get(find_url(), {"zip": "62701"})

    assert f'<option value="{activities[0].slug}">' in response.text


def test_changed_activity_shows_in_the_uncached_search_menu_at_once(client, organizer, activities):
    visitor = personal(client)
    visitor.get(find_url(), {"zip": "62701"})

    activities[0].name = "Bike rodeo"
    activities[0].save()
    activities[1].is_active = False
    activities[1].save()

    response = visitor.get(find_url(), {"zip": "62701"})
    assert f'<option value="{activities[0].slug}">Bike rodeo</option>' in response.text
    assert f'value="{activities[1].slug}"' not in response.text


def test_renamed_activity_shows_in_the_cached_search_at_once(client, organizer, activities):
    make_party(organizer, "62701", activities=activities[:1])
    assert (
        str(markupsafe.escape(activities[0].name)) in client.get(find_url(), {"zip": "62701"}).text
    )

    activities[0].name = "Bike rodeo"
    activities[0].save()

    assert "Bike rodeo" in client.get(find_url(), {"zip": "62701"}).text


def test_new_event_shows_in_the_cached_search_at_once(client, organizer):
    make_party(organizer, "62701", title="First")
    client.get(find_url(), {"zip": "62701"})

    make_party(organizer, "62713", title="Second")

    response = client.get(find_url(), {"zip": "62701"})
    assert [found.event.title for found in response.context["results"]] == ["First", "Second"]


def test_public_page_sends_an_etag_and_answers_304_when_unchanged(client, event):
    first = client.get(event.get_public_url())

    response = client.get(event.get_public_url(), HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200
    assert first["ETag"].startswith('"')
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert first["Vary"] == "Cookie, Accept-Language"
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == first["ETag"]


def test_public_page_etag_changes_with_the_event(client, event):
    first = client.get(event.get_public_url())
    event.title = "Renamed"
    event.save()

    response = client.get(event.get_public_url(), HTTP_IF_NONE_MATCH=first["ETag"])

    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]
    assert "Renamed" in response.text


def test_public_pages_have_different_etags(client, organizer, event):
    other = make_event(organizer)

    etags = {client.get(e.get_public_url())["ETag"] for e in [event, other]}

    assert len(etags) == 2


def test_block_only_page_shows_the_address_on_the_day_even_to_a_browser_with_its_etag(
    client, organizer
):
    event = make_event(organizer, block_only=True)
    before = client.get(event.get_public_url())
    on_the_day = event.starts_at - datetime.timedelta(hours=1)

    # No event changed since: only the clock says that the day has come, and the
    # cached copy has expired by then (after CACHE_SECONDS).
    cache.clear()
    with mock.patch("django.utils.timezone.now", return_value=on_the_day):
        response = client.get(event.get_public_url(), HTTP_IF_NONE_MATCH=before["ETag"])

    assert "100 block of Maple St" in before.text
    assert response.status_code == 200
    assert "120 Maple St<br>" in response.text


@pytest.mark.parametrize("persona", ["stranger", "organizer"])
def test_signed_in_user_is_never_served_from_the_cache(client, request, event, persona):
    user = request.getfixturevalue(persona)
    url = event.get_public_url()
    anonymous = client.get(url)
    client.force_login(user)

    signed_in = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=anonymous["ETag"])

    assert "Log in" in anonymous.text
    assert user.get_short_name() not in anonymous.text
    for response in [signed_in, again]:
        assert response.status_code == 200
        assert f'href="/accounts/profile/">{user.get_short_name()}</a>' in response.text
        assert "ETag" not in response


def test_signed_in_page_is_never_served_to_anonymous_visitors(client, stranger, event):
    url = event.get_public_url()
    client.force_login(stranger)
    client.get(url)
    client.logout()

    response = client.get(url)

    assert "Sam" not in response.text
    assert "Log in" in response.text


def test_search_of_a_signed_in_user_is_not_cached(
    client, stranger, event, django_assert_num_queries
):
    client.force_login(stranger)
    client.get(find_url())

    response = client.get(find_url())

    assert "Sam" in response.text
    assert "ETag" not in response


def test_visitor_with_a_message_is_not_served_from_the_cache(client, event):
    url = event.get_public_url()
    client.get(url)
    client.cookies["messages"] = "anything"

    response = client.get(url)

    assert "ETag" not in response


def test_cached_pages_keep_the_host_they_were_asked_for(client, settings, event):
    settings.ALLOWED_HOSTS = ["testserver", "nno.example.org"]
    url = f"{geojson_url()}?date="
    client.get(url)

    response = client.get(url, HTTP_HOST="nno.example.org")

    assert response.json()["features"][0]["properties"]["url"] == (
        f"http://nno.example.org/events/{event.pk}/"
    )

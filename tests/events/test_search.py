"""The public search: by ZIP code and radius, city and state, date and activity."""

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import markupsafe
import pytest
from django.utils import timezone

from events import search, zips
from events.geo import miles_between
from events.models import Activity, Event
from tests.conftest import make_event
from tests.events.discovery import (
    SPRINGFIELD,
    find_url,
    found_titles,
    geojson_url,
    make_party,
    night,
    point_from,
)

CHICAGO = ZoneInfo("America/Chicago")
ONE_DAY = datetime.timedelta(days=1)

# Great-circle miles from the center of 62701 (downtown Springfield, IL) to the
# centers of ZIP codes around it, chosen on both sides of each radius.
MILES_FROM_62701 = {
    "62701": 0.0,
    "62713": 0.504,  # inside 1 mile
    "62721": 1.471,  # outside 1, inside 5
    "62712": 4.902,  # inside 5, a tenth of a mile from its edge
    "62761": 6.801,  # outside 5, inside 10
    "62629": 9.322,  # Chatham: inside 10
    "62520": 10.767,  # Dawson: outside 10, inside 25
    "62533": 24.927,  # Farmersville: inside 25, 0.07 mile from its edge
    "62568": 25.640,  # Taylorville: outside 25
}


@pytest.fixture
def neighborhood(organizer):
    """One party at the center of each ZIP code above, created far ones first."""
    for zip_code in sorted(MILES_FROM_62701, key=MILES_FROM_62701.get, reverse=True):
        make_party(organizer, zip_code)


@pytest.mark.parametrize(("zip_code", "miles"), MILES_FROM_62701.items())
def test_distance_between_zip_centers_is_the_one_the_tests_rely_on(zip_code, miles):
    info = zips.lookup(zip_code)

    distance = miles_between(
        SPRINGFIELD.latitude, SPRINGFIELD.longitude, info.latitude, info.longitude
    )

    assert round(distance, 3) == miles


@pytest.mark.parametrize(
    ("radius", "expected"),
    [
        (1, ["62701", "62713"]),
        (5, ["62701", "62713", "62721", "62712"]),
        (10, ["62701", "62713", "62721", "62712", "62761", "62629"]),
        (25, ["62701", "62713", "62721", "62712", "62761", "62629", "62520", "62533"]),
    ],
)
def test_search_by_zip_lists_events_within_the_radius_nearest_first(
    client, neighborhood, radius, expected
):
    response = client.get(find_url(), {"zip": "62701", "radius": radius})

    assert response.status_code == 200
    assert found_titles(response) == [f"Party at {zip_code}" for zip_code in expected]
    assert [round(found.miles, 3) for found in response.context["results"]] == [
        MILES_FROM_62701[zip_code] for zip_code in expected
    ]


def test_search_by_zip_shows_each_distance_and_the_radius(client, neighborhood):
    response = client.get(find_url(), {"zip": "62701", "radius": 5})

    assert "4 events" in response.text
    assert "within 5 miles of 62701" in response.text
    assert "Springfield, IL · 0.5 mi" in response.text
    assert "Springfield, IL · 4.9 mi" in response.text


@pytest.mark.parametrize("radius", [1, 5, 10, 25])
def test_search_by_zip_cuts_exactly_at_the_radius(client, organizer, radius):
    # Two parties a thousandth of a mile (5 feet) inside the radius, two as far
    # outside, due north and due east of the ZIP's center.
    for side, miles in [("inside", radius - 0.001), ("outside", radius + 0.001)]:
        for direction in ["north", "east"]:
            latitude, longitude = point_from(SPRINGFIELD, **{f"miles_{direction}": miles})
            make_party(
                organizer,
                "62701",
                title=f"{side} {direction}",
                latitude=latitude,
                longitude=longitude,
            )

    response = client.get(find_url(), {"zip": "62701", "radius": radius})

    assert sorted(found_titles(response)) == ["inside east", "inside north"]


def test_search_by_zip_plus_four_uses_the_five_digit_zip(client, neighborhood):
    response = client.get(find_url(), {"zip": "62701-1234", "radius": 1})

    assert found_titles(response) == ["Party at 62701", "Party at 62713"]
    assert response.context["form"].cleaned_data["zip"] == "62701"


def test_search_by_zip_without_radius_looks_within_5_miles(client, neighborhood):
    response = client.get(find_url(), {"zip": "62701"})

    assert found_titles(response) == [
        "Party at 62701",
        "Party at 62713",
        "Party at 62721",
        "Party at 62712",
    ]


def test_search_by_zip_finds_events_across_the_state_line(client, organizer):
    # 63101 (St. Louis, MO) is 2.893 miles from 62201 (East St. Louis, IL).
    make_party(organizer, "63101")

    response = client.get(find_url(), {"zip": "62201", "radius": 5})

    assert found_titles(response) == ["Party at 63101"]
    assert round(response.context["results"][0].miles, 3) == 2.893


def test_search_by_city_and_state_lists_that_city_soonest_first(client, organizer):
    day = night()
    make_party(
        organizer,
        "62702",
        title="Late",
        starts_at=datetime.datetime.combine(day, datetime.time(18), CHICAGO),
    )
    make_party(organizer, "62701", title="Early")
    make_party(organizer, "01103", title="Springfield, Massachusetts")
    make_party(organizer, "62629", title="Chatham")

    response = client.get(find_url(), {"city": "  springfield ", "state": "IL"})

    assert found_titles(response) == ["Early", "Late"]
    assert response.context["day"] == day
    assert [found.miles for found in response.context["results"]] == [None, None]


def test_search_by_city_without_state_lists_every_state(client, organizer):
    make_party(organizer, "62701", title="Illinois")
    make_party(organizer, "01103", title="Massachusetts")

    response = client.get(find_url(), {"city": "Springfield"})

    # Massachusetts starts first: 5 pm Eastern is 4 pm Central.
    assert found_titles(response) == ["Massachusetts", "Illinois"]


def test_search_by_state_alone_lists_that_state(client, organizer):
    make_party(organizer, "62701", title="Illinois")
    make_party(organizer, "01103", title="Massachusetts")

    response = client.get(find_url(), {"state": "MA"})

    assert found_titles(response) == ["Massachusetts"]


def test_search_page_without_input_lists_the_next_national_night(client, organizer):
    make_party(organizer, "62701", title="On the night")
    make_party(organizer, "62701", title="The day after", date=night() + ONE_DAY)

    response = client.get(find_url())

    assert response.status_code == 200
    assert found_titles(response) == ["On the night"]
    assert response.context["day"] == night()
    assert "on " + night().strftime("%A, %B %-d, %Y") in response.text


def test_search_date_defaults_to_the_next_national_night(client, organizer):
    make_party(organizer, "62701", title="On the night")
    make_party(organizer, "62701", title="The day after", date=night() + ONE_DAY)

    response = client.get(find_url(), {"zip": "62701"})

    assert found_titles(response) == ["On the night"]
    assert response.context["form"].cleaned_data["date"] == night()
    assert night().month == 8
    assert night().weekday() == 1


@pytest.mark.parametrize(
    "params", [{"zip": "78701"}, {"state": "TX"}, {"city": "Austin", "state": "TX"}]
)
def test_search_date_defaults_to_october_in_texas(client, organizer, params):
    make_party(organizer, "78701", title="October night")
    make_party(organizer, "78701", title="August night", date=night())

    response = client.get(find_url(), params)

    assert found_titles(response) == ["October night"]
    assert response.context["form"].cleaned_data["date"] == night("TX")
    assert night("TX").month == 10


def test_search_with_empty_date_lists_every_upcoming_date(client, organizer):
    make_party(organizer, "62701", title="The day after", date=night() + ONE_DAY)
    make_party(organizer, "62701", title="On the night")
    make_event(organizer, title="Last week", date=timezone.localdate() - datetime.timedelta(days=7))

    response = client.get(find_url(), {"zip": "62701", "date": ""})

    assert found_titles(response) == ["On the night", "The day after"]
    assert response.context["day"] is None
    assert "on every upcoming date" in response.text


def test_search_by_date_lists_that_date_only(client, organizer):
    make_party(organizer, "62701", title="The day after", date=night() + ONE_DAY)
    make_party(organizer, "62701", title="On the night")

    response = client.get(find_url(), {"zip": "62701", "date": (night() + ONE_DAY).isoformat()})

    assert found_titles(response) == ["The day after"]


def test_search_by_past_date_lists_nothing(client, organizer):
    last_week = make_event(
        organizer, title="Last week", date=timezone.localdate() - datetime.timedelta(days=7)
    )

    response = client.get(find_url(), {"zip": "62701", "date": last_week.date.isoformat()})

    assert found_titles(response) == []


def test_search_by_activity_lists_events_offering_it_once(client, organizer):
    k9 = Activity.objects.get(slug="k9-demonstration")
    games = Activity.objects.get(slug="kids-games")
    make_party(organizer, "62701", title="Both", activities=[k9, games])
    make_party(organizer, "62701", title="Games", activities=[games])
    make_party(organizer, "62713", title="K9", activities=[k9])

    response = client.get(find_url(), {"zip": "62701", "activity": "k9-demonstration"})

    assert found_titles(response) == ["Both", "K9"]


def test_search_shows_each_event_with_its_activities(client, organizer):
    make_party(
        organizer, "62701", activities=Activity.objects.filter(slug__in=["kids-games", "potluck"])
    )

    response = client.get(find_url(), {"zip": "62701"})

    assert str(markupsafe.escape("Kids' games, Potluck")) in response.text


def test_search_results_link_to_each_events_public_page(client, organizer):
    events = [make_party(organizer, zip_code) for zip_code in ("62701", "62702", "62703")]

    response = client.get(find_url(), {"zip": "62701", "radius": 25})

    links = [found.url for found in response.context["results"]]
    assert sorted(links) == sorted(event.get_public_url() for event in events)
    for link in links:
        assert f'<a href="{link}">' in response.text


def test_search_form_points_each_error_to_its_message(client, organizer):
    response = client.get(find_url(), {"zip": "0000", "date": "2026-02-30"})

    assert 'id="id_zip" name="zip" aria-describedby="id_zip_error" aria-invalid="true"' in (
        response.text
    )
    assert 'aria-describedby="id_date_helptext id_date_error" aria-invalid="true"' in (
        response.text
    )
    assert '<div class="invalid-feedback d-block" id="id_zip_error">Enter a five-digit' in (
        response.text
    )
    assert 'id="id_date_helptext">Leave empty for every upcoming date.</div>' in response.text
    assert 'id="id_date_error">This date does not exist. Please check it.</div>' in (response.text)


def test_search_form_keeps_what_the_visitor_chose(client, organizer):
    activity = Activity.objects.get(slug="potluck")

    response = client.get(
        find_url(),
        {
            "zip": "62701",
            "radius": 10,
            "city": "Springfield",
            "state": "IL",
            "date": "2027-08-03",
            "activity": activity.slug,
        },
    )

    assert (
        'name="zip" inputmode="numeric" autocomplete="postal-code" maxlength="10" value="62701">'
        in response.text
    )
    assert '<option value="10" selected>10 miles</option>' in response.text
    assert 'name="city" maxlength="100" value="Springfield">' in response.text
    assert '<option value="IL" selected>Illinois</option>' in response.text
    assert 'name="date" aria-describedby="id_date_helptext" value="2027-08-03">' in response.text
    assert '<option value="potluck" selected>Potluck</option>' in response.text
    assert response.text.count(" selected>") == 3


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": Event.Status.DRAFT},
        {"status": Event.Status.SUBMITTED},
        {"status": Event.Status.CHANGES_REQUESTED},
        {"status": Event.Status.CANCELLED, "cancelled_at": timezone.now()},
        {"is_public": False},
    ],
    ids=["draft", "submitted", "changes-requested", "cancelled", "private"],
)
@pytest.mark.parametrize(
    "params",
    [{"zip": "62701"}, {"city": "Springfield", "state": "IL"}, {"zip": "62701", "date": ""}],
    ids=["zip", "city", "every-date"],
)
def test_search_never_lists_events_that_are_not_approved_and_public(
    client, organizer, overrides, params
):
    make_party(organizer, "62701", title="Listed")
    make_party(organizer, "62701", title="Hidden", **overrides)

    response = client.get(find_url(), params)

    assert found_titles(response) == ["Listed"]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"zip": "00000"}, "zip", "We don't know the ZIP code 00000. Please check it."),
        ({"zip": "1234"}, "zip", "Enter a five-digit US ZIP code, such as 20500."),
        ({"zip": "Main St"}, "zip", "Enter a five-digit US ZIP code, such as 20500."),
        # Canada's parliament: not a US ZIP code.
        ({"zip": "K1A 0B1"}, "zip", "Enter a five-digit US ZIP code, such as 20500."),
        (
            {"zip": "09001"},
            "zip",
            "09001 is a military or overseas ZIP code; nno lists events in the US states, "
            "DC and the territories.",
        ),
        ({"date": "2026-02-31"}, "date", "This date does not exist. Please check it."),
        ({"date": "31/02/2026"}, "date", "This date does not exist. Please check it."),
        (
            {"zip": "62701", "radius": "3"},
            "radius",
            "Select a valid choice. 3 is not one of the available choices.",
        ),
        (
            {"activity": "juggling"},
            "activity",
            "Select a valid choice. That choice is not one of the available choices.",
        ),
        (
            {"state": "ZZ"},
            "state",
            "Select a valid choice. ZZ is not one of the available choices.",
        ),
    ],
)
def test_search_with_odd_input_explains_the_problem(client, organizer, params, field, message):
    make_party(organizer, "62701")

    response = client.get(find_url(), params)

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert response.context["results"] == []
    assert "Please check the search above." in response.text
    # The page is Jinja2's: MarkupSafe writes ' as &#39;.
    assert str(markupsafe.escape(message)) in response.text


def test_search_without_results_suggests_the_next_radius(client, organizer):
    make_party(organizer, "62721")  # 1.471 miles from 62701

    response = client.get(find_url(), {"zip": "62701", "radius": 1})

    assert found_titles(response) == []
    assert "No event matches this search yet." in response.text
    assert '<a href="?zip=62701&amp;radius=5">Look within 5 miles instead</a>' in response.text


def test_search_suggested_radius_finds_the_event(client, organizer):
    make_party(organizer, "62721")

    response = client.get(find_url(), {"zip": "62701", "radius": 5})

    assert found_titles(response) == ["Party at 62721"]


def test_search_without_results_at_25_miles_suggests_every_date(client, organizer):
    make_party(organizer, "62568")  # 25.640 miles from 62701

    response = client.get(find_url(), {"zip": "62701", "radius": 25})

    assert found_titles(response) == []
    assert "Look within" not in response.text
    assert (
        '<a href="?zip=62701&amp;radius=25&amp;date=">Look at every upcoming date</a>'
        in response.text
    )


def test_search_pages_results_twenty_at_a_time(client, organizer):
    for number in range(1, 26):
        make_party(organizer, "62701", title=f"Party {number:02}")

    first = client.get(find_url(), {"zip": "62701"})
    second = client.get(find_url(), {"zip": "62701", "page": 2})

    assert found_titles(first) == [f"Party {number:02}" for number in range(1, 21)]
    assert found_titles(second) == [f"Party {number:02}" for number in range(21, 26)]
    assert "25 events" in first.text
    assert "Page 1 of 2" in first.text
    assert '<a class="page-link" href="?zip=62701&amp;page=2">Next</a>' in first.text
    assert '<a class="page-link" href="?zip=62701&amp;page=1">Previous</a>' in second.text


def test_search_by_city_pages_results_twenty_at_a_time(client, organizer):
    for number in range(1, 26):
        make_party(organizer, "62701", title=f"Party {number:02}")

    second = client.get(find_url(), {"city": "Springfield", "state": "IL", "page": 2})

    assert found_titles(second) == [f"Party {number:02}" for number in range(21, 26)]
    assert "Page 2 of 2" in second.text


def test_search_page_out_of_range_shows_the_last_page(client, organizer):
    make_party(organizer, "62701")

    response = client.get(find_url(), {"zip": "62701", "page": 9})

    assert found_titles(response) == ["Party at 62701"]


def test_search_radius_choices_read_naturally(client, db):
    response = client.get(find_url(), {"zip": "62701", "radius": 1})

    assert '<option value="1" selected>1 mile</option>' in response.text
    assert '<option value="5">5 miles</option>' in response.text
    assert "0 events\n        within 1 mile of 62701" in response.text


def test_search_measures_a_block_only_event_from_its_rounded_position(client, organizer):
    # Really 1.022 miles north of 62701's center (39.8, -89.6495), outside a 1-mile
    # search; the public sees it at (39.81, -89.65), 0.691 mile away, inside.
    make_party(organizer, "62701", block_only=True, latitude="39.814800", longitude="-89.649500")

    response = client.get(find_url(), {"zip": "62701", "radius": 1})

    assert found_titles(response) == ["Party at 62701"]
    assert round(response.context["results"][0].miles, 3) == 0.691


def test_search_rounds_a_block_only_position_half_away_from_zero(client, organizer):
    # 39.815 lies halfway: the public position is 39.82 (as SQL's ROUND has it), 1.382
    # miles north of 62701's center (39.8), not 39.81, which a 1-mile search would reach.
    make_party(organizer, "62701", block_only=True, latitude="39.815000", longitude="-89.649500")

    within_1 = client.get(find_url(), {"zip": "62701", "radius": 1})
    within_5 = client.get(find_url(), {"zip": "62701", "radius": 5})
    geojson = client.get(geojson_url(), {"zip": "62701", "radius": 5})

    assert found_titles(within_1) == []
    assert found_titles(within_5) == ["Party at 62701"]
    assert round(within_5.context["results"][0].miles, 3) == 1.382
    assert geojson.json()["features"][0]["geometry"]["coordinates"] == [-89.65, 39.82]


# The national night of 2030 is August 6. At 03:00 UTC it is still August 5 all over the
# US; at 08:00 UTC it is August 6 in New York but not yet in Honolulu; at 10:30 UTC it is
# August 6 in Honolulu too.
NIGHT_2030 = datetime.date(2030, 8, 6)
UTC = datetime.UTC


@pytest.mark.parametrize(
    ("zip_code", "position", "hour", "hidden"),
    [
        ("10001", ("40.763000", "-73.996700"), 3, True),
        ("10001", ("40.763000", "-73.996700"), 8, False),
        ("96813", ("21.332500", "-157.852100"), 8, True),
        ("96813", ("21.332500", "-157.852100"), 10.5, False),
    ],
    ids=["new-york-eve", "new-york-day", "honolulu-eve", "honolulu-day"],
)
def test_search_measures_block_only_events_by_their_own_day(
    client, organizer, zip_code, position, hour, hidden
):
    # Each party is 1.008 miles north of its ZIP's center: outside a 1-mile search, but
    # its rounded position is inside. It is rounded until its own day, where it is.
    latitude, longitude = position
    make_party(
        organizer,
        zip_code,
        date=NIGHT_2030,
        block_only=True,
        latitude=latitude,
        longitude=longitude,
    )
    now = datetime.datetime.combine(NIGHT_2030, datetime.time(), UTC) + datetime.timedelta(
        hours=hour
    )

    with mock.patch("django.utils.timezone.now", return_value=now):
        response = client.get(find_url(), {"zip": zip_code, "radius": 1, "date": NIGHT_2030})

    assert found_titles(response) == ([f"Party at {zip_code}"] if hidden else [])


@pytest.fixture
def varied_events(organizer):
    """Events around Springfield, IL that differ from one another in every way the
    search filters: status, public or not, over or not, date, state, city, activity,
    block-only or not, and distance."""
    potluck = Activity.objects.get(slug="potluck")
    near, farther = point_from(SPRINGFIELD, miles_north=0.4), point_from(SPRINGFIELD, miles_east=7)
    day, other_day = night(), night() + datetime.timedelta(days=1)
    start = timezone.now().replace(microsecond=0)
    variations = [
        {},
        {"status": Event.Status.SUBMITTED},
        {"is_public": False},
        {"date": other_day},
        {"activities": [potluck]},
        {"block_only": True},
        {"block_only": True, "latitude": near[0], "longitude": near[1]},
        {"latitude": farther[0], "longitude": farther[1]},
        {"latitude": farther[0], "longitude": farther[1], "activities": [potluck]},
        {"city": "Chatham"},
        {"zip_code": "62704", "city": "Springfield"},
        {"zip_code": "62629"},  # Chatham, IL, 8 miles south
        {"zip_code": "63101"},  # St. Louis, MO
        # Under way now, and over an hour ago: only the first is still listed.
        {
            "starts_at": start - datetime.timedelta(hours=1),
            "ends_at": start + datetime.timedelta(hours=1),
        },
        {
            "starts_at": start - datetime.timedelta(hours=3),
            "ends_at": start - datetime.timedelta(hours=1),
        },
    ]
    events = []
    for number, overrides in enumerate(variations):
        overrides = {"date": day, **overrides}
        if "starts_at" in overrides:
            overrides["date"] = timezone.localdate(overrides["starts_at"])
        events.append(
            make_party(
                organizer, overrides.pop("zip_code", "62701"), title=f"Event {number}", **overrides
            )
        )
    return events


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"date": "night"},
        {"date": "other"},
        {"state": "IL"},
        {"state": "MO"},
        {"city": "springfield"},
        {"city": " Chatham "},
        {"activity": "potluck"},
        {"date": "night", "state": "IL", "city": "Springfield", "activity": "potluck"},
    ],
)
@pytest.mark.parametrize("radius", [1, 5, 10, 25])
def test_search_by_zip_finds_what_the_other_searches_find_within_the_radius(
    varied_events, filters, radius
):
    """The ZIP search is written in SQL (`search.Nearby`); its filters must be those of
    the ORM's `search_queryset`, which the other searches use."""
    cleaned = {**filters}
    if "date" in cleaned:
        cleaned["date"] = (
            night() if cleaned["date"] == "night" else night() + datetime.timedelta(days=1)
        )
    if "activity" in cleaned:
        cleaned["activity"] = Activity.objects.get(slug=cleaned["activity"])

    found = search.near(cleaned, SPRINGFIELD, radius).rows(0, 100)

    expected = sorted(
        (
            (search.miles_from(SPRINGFIELD, event), event.starts_at, event.pk)
            for event in search.search_queryset(cleaned)
            if search.miles_from(SPRINGFIELD, event) <= radius
        ),
    )
    assert [event.pk for event in found] == [pk for _, _, pk in expected]
    assert [round(event.miles, 9) for event in found] == [round(m, 9) for m, _, _ in expected]
    assert {event.total for event in found} <= {len(expected)}
    assert search.near(cleaned, SPRINGFIELD, radius).count() == len(expected)

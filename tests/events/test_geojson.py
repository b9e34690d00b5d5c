"""The search's markers as GeoJSON (RFC 7946), the same events as the list."""

import json

import pytest

from events import zips
from events.models import Event
from tests.events.discovery import (
    feature_ids,
    find_url,
    found_titles,
    geojson_url,
    make_party,
    night,
)


@pytest.fixture
def parties(organizer):
    """Parties 0, 0.504, 1.471 and 9.322 miles from 62701's center."""
    return {
        zip_code: make_party(organizer, zip_code)
        for zip_code in ["62629", "62721", "62701", "62713"]
    }


def test_geojson_is_a_feature_collection_of_points(client, parties):
    response = client.get(geojson_url(), {"zip": "62701", "radius": 5})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    collection = json.loads(response.content)
    assert set(collection) == {"type", "features"}
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 3
    for feature in collection["features"]:
        assert set(feature) == {"type", "geometry", "properties"}
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        longitude, latitude = feature["geometry"]["coordinates"]
        assert type(longitude) is float
        assert type(latitude) is float
        assert -180 <= longitude <= 180
        assert -90 <= latitude <= 90
        assert isinstance(feature["properties"], dict)


def test_geojson_puts_longitude_first(client, parties):
    chatham = zips.lookup("62629")

    response = client.get(geojson_url(), {"zip": "62629", "radius": 1})

    [feature] = response.json()["features"]
    assert chatham.longitude < 0 < chatham.latitude
    assert feature["geometry"]["coordinates"] == [float(chatham.longitude), float(chatham.latitude)]
    assert feature["geometry"]["coordinates"] == [-89.7112, 39.6737]


def test_geojson_feature_properties_describe_the_event(client, parties):
    event = parties["62713"]

    response = client.get(geojson_url(), {"zip": "62701", "radius": 1})

    assert response.json()["features"][1]["properties"] == {
        "id": event.pk,
        "title": "Party at 62713",
        "url": f"http://testserver/events/{event.pk}/",
        "date": night().isoformat(),
        "starts": f"{night().isoformat()}T17:00:00-05:00",
        "ends": f"{night().isoformat()}T21:00:00-05:00",
        "address": "120 Maple St",
        "city": "Springfield",
        "state": "IL",
        "miles": 0.5,
    }


@pytest.mark.parametrize(
    "params",
    [
        {"zip": "62701", "radius": 1},
        {"zip": "62701", "radius": 5},
        {"zip": "62701", "radius": 10},
        {"zip": "62721", "radius": 1},
        {"city": "Springfield", "state": "IL"},
        {"city": "Chatham", "state": "IL"},
        {"zip": "62701", "date": ""},
        {"zip": "62701", "activity": "k9-demonstration"},
        {},
    ],
)
def test_geojson_lists_the_same_events_as_the_search_page(client, parties, params):
    listed = client.get(find_url(), params)

    response = client.get(geojson_url(), params)

    assert feature_ids(response) == [found.event.pk for found in listed.context["results"]]


def test_geojson_lists_events_nearest_first(client, parties):
    response = client.get(geojson_url(), {"zip": "62701", "radius": 10})

    assert [f["properties"]["title"] for f in response.json()["features"]] == [
        "Party at 62701",
        "Party at 62713",
        "Party at 62721",
        "Party at 62629",
    ]
    assert [f["properties"]["miles"] for f in response.json()["features"]] == [0.0, 0.5, 1.5, 9.3]


def test_geojson_lists_every_result_beyond_the_first_page(client, organizer):
    for number in range(1, 26):
        make_party(organizer, "62701", title=f"Party {number:02}")

    response = client.get(geojson_url(), {"zip": "62701"})

    assert len(response.json()["features"]) == 25


def test_geojson_without_results_is_an_empty_collection(client, parties):
    response = client.get(geojson_url(), {"zip": "62568", "radius": 1})

    assert response.status_code == 200
    assert response.json() == {"type": "FeatureCollection", "features": []}


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": Event.Status.DRAFT},
        {"status": Event.Status.SUBMITTED},
        {"is_public": False},
    ],
    ids=["draft", "submitted", "private"],
)
def test_geojson_never_lists_events_that_are_not_approved_and_public(client, organizer, overrides):
    make_party(organizer, "62701", title="Hidden", **overrides)

    response = client.get(geojson_url(), {"zip": "62701"})

    assert response.json()["features"] == []


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"zip": "00000"}, {"zip": ["We don't know the ZIP code 00000. Please check it."]}),
        ({"zip": "K1A 0B1"}, {"zip": ["Enter a five-digit US ZIP code, such as 20500."]}),
        (
            {"zip": "09001"},
            {
                "zip": [
                    "09001 is a military or overseas ZIP code; nno lists events in the US "
                    "states, DC and the territories."
                ]
            },
        ),
        ({"date": "2026-02-31"}, {"date": ["This date does not exist. Please check it."]}),
        (
            {"zip": "62701", "radius": "100"},
            {"radius": ["Select a valid choice. 100 is not one of the available choices."]},
        ),
    ],
)
def test_geojson_with_bad_input_gives_400_with_the_errors(client, parties, params, errors):
    response = client.get(geojson_url(), params)

    assert response.status_code == 400
    assert response.json() == {"errors": errors}


def test_search_page_points_its_map_at_the_same_search(client, parties):
    response = client.get(find_url(), {"zip": "62701", "radius": 10})

    assert found_titles(response)
    assert 'data-geojson-url="/find/events.geojson?zip=62701&amp;radius=10"' in response.text

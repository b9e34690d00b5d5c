"""Who may see an agency's plan, its CSV and its route, and what a bad ?date= does."""

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import AgencyMembership, VisitRequest
from events.national_night import next_national_night
from tests.conftest import make_user, next_week
from tests.events.evening import make_stop

PAGES = ["events:plan", "events:plan_csv", "events:route"]
REFUSED = ["organizer", "other_organizer", "other_liaison", "pending_member", "national_admin"]


@pytest.fixture
def pending_member(agency):
    """Asked to join `agency` as a liaison; nobody has approved yet."""
    user = make_user("pat@example.com", full_name="Pat Pending")
    AgencyMembership.objects.create(user=user, agency=agency)
    return user


@pytest.fixture
def evening(organizer, agency, visit):
    """The pending `visit` and an accepted one, on the same evening next week."""
    return [visit, make_stop(organizer, agency, at="17:00", title="Elm Street")]


def url_of(name, agency, day=None):
    url = reverse(name, args=[agency.pk])
    return f"{url}?date={day.isoformat()}" if day else url


def routes(visits):
    return [
        tuple(
            VisitRequest.objects.filter(pk=visit.pk)
            .values_list("route_position", "suggested_start")
            .get()
        )
        for visit in visits
    ]


@pytest.mark.parametrize("name", PAGES)
def test_plan_pages_liaison_of_the_agency_succeeds(client_of, liaison, agency, evening, name):
    response = client_of(liaison).get(url_of(name, agency, next_week()))

    assert response.status_code == 200


@pytest.mark.parametrize("persona", REFUSED)
@pytest.mark.parametrize("name", PAGES)
def test_plan_pages_others_get_404(client_of, request, agency, evening, name, persona):
    user = request.getfixturevalue(persona)

    response = client_of(user).get(url_of(name, agency, next_week()))

    assert response.status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_plan_pages_anonymous_is_sent_to_log_in(client, agency, evening, name):
    url = url_of(name, agency)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={url}"


def test_route_post_liaison_of_the_agency_applies(client_of, liaison, agency, evening):
    response = client_of(liaison).post(url_of("events:route", agency, next_week()))

    assert response.status_code == 302
    assert [position for position, _start in routes(evening)] == [2, 1]


@pytest.mark.parametrize("persona", REFUSED)
def test_route_post_others_get_404_and_nothing_changes(
    client_of, request, agency, evening, persona
):
    user = request.getfixturevalue(persona)

    response = client_of(user).post(url_of("events:route", agency, next_week()))

    assert response.status_code == 404
    assert routes(evening) == [(None, None), (None, None)]


def test_route_post_anonymous_is_sent_to_log_in_and_nothing_changes(client, agency, evening):
    url = url_of("events:route", agency)

    response = client.post(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={url}"
    assert routes(evening) == [(None, None), (None, None)]


def test_route_other_methods_are_not_allowed(client_of, liaison, agency, evening):
    response = client_of(liaison).put(url_of("events:route", agency, next_week()))

    assert response.status_code == 405
    assert routes(evening) == [(None, None), (None, None)]


BAD_DATES = ["nonsense", "2027-02-30", "2027-8-3", "03/08/2027", "%00", "9" * 200]


@pytest.mark.parametrize("value", BAD_DATES)
@pytest.mark.parametrize("name", ["events:plan", "events:route"])
def test_plan_pages_bad_date_shows_the_next_national_night(client_of, liaison, agency, name, value):
    night = next_national_night(timezone.localdate(timezone=agency.tz), "IL")

    response = client_of(liaison).get(f"{reverse(name, args=[agency.pk])}?date={value}")

    assert response.status_code == 200
    assert response.context["day"] == night
    shown = value.replace("%00", "\x00")[:20]
    assert [str(message) for message in response.context["messages"]] == [
        f"“{shown}” is not a date; showing the next national night."
    ]


@pytest.mark.parametrize("value", BAD_DATES)
def test_plan_csv_bad_date_downloads_the_next_national_night(client_of, liaison, agency, value):
    night = next_national_night(timezone.localdate(timezone=agency.tz), "IL")

    response = client_of(liaison).get(
        f"{reverse('events:plan_csv', args=[agency.pk])}?date={value}"
    )

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="nno-plan-{agency.pk}-{night.isoformat()}.csv"'
    )


def test_plan_without_date_shows_the_next_national_night_quietly(client_of, liaison, agency):
    night = next_national_night(timezone.localdate(timezone=agency.tz), "IL")

    response = client_of(liaison).get(reverse("events:plan", args=[agency.pk]))

    assert response.context["day"] == night
    assert list(response.context["messages"]) == []


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize("name", PAGES)
def test_plan_pages_far_dates_do_not_fail(client_of, liaison, agency, evening, name, value):
    response = client_of(liaison).get(f"{reverse(name, args=[agency.pk])}?date={value}")

    assert response.status_code == 200

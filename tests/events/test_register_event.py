import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from events.models import Activity, Community, Event
from events.national_night import next_national_night
from tests.events.conftest import summer_day

UTC = datetime.UTC
REGISTER_URL = reverse("events:register")


def test_register_page_proposes_next_national_night(client_of, organizer):
    night = next_national_night(timezone.localdate())
    texas_night = next_national_night(timezone.localdate(), "TX")

    response = client_of(organizer).get(REGISTER_URL)

    assert response.status_code == 200
    assert response.context["form"].initial["date"] == night
    assert f'name="date" value="{night:%Y-%m-%d}"' in response.text
    assert (
        f"National Night Out is {date_format(night, 'l, F j, Y')} "
        f"(in Texas: {date_format(texas_night, 'l, F j, Y')}). Any other date works too"
    ) in response.text


def test_register_page_offers_active_activities_only(client_of, organizer):
    Activity.objects.filter(slug="k9-demonstration").update(is_active=False)

    response = client_of(organizer).get(REGISTER_URL)

    choices = list(response.context["form"].fields["activities"].queryset)
    assert len(choices) == Activity.objects.filter(is_active=True).count()
    assert Activity.objects.get(slug="k9-demonstration") not in choices


def test_register_event_on_another_date_is_accepted(client_of, organizer, form_data):
    activities = Activity.objects.filter(slug__in=["kids-games", "live-music"])

    response = client_of(organizer).post(
        REGISTER_URL, {**form_data, "activities": [a.pk for a in activities]}
    )

    event = Event.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("events:detail", args=[event.pk])
    assert event.organizer == organizer
    assert event.title == "Maple Street Block Party"
    assert event.local_start.date() == summer_day()
    assert event.status == Event.Status.APPROVED
    assert event.is_public is True
    assert event.cancelled_at is None
    assert (event.expected_adults, event.expected_children) == (40, 20)
    assert set(event.activities.all()) == set(activities)


def test_register_event_stores_utc_for_pacific_local_time(client_of, organizer, form_data):
    day = summer_day()

    client_of(organizer).post(
        REGISTER_URL, {**form_data, "city": "Beverly Hills", "state": "CA", "zip_code": "90210"}
    )

    event = Event.objects.get()
    # 5 pm Pacific Daylight Time is midnight UTC, the next day.
    assert event.starts_at == datetime.datetime(day.year, 7, 16, 0, 0, tzinfo=UTC)
    assert event.ends_at == datetime.datetime(day.year, 7, 16, 4, 0, tzinfo=UTC)
    assert event.starts_at.tzinfo == UTC
    assert event.time_zone == "America/Los_Angeles"
    assert (event.local_start.hour, event.local_end.hour) == (17, 21)


def test_register_event_stores_utc_for_chicago_local_time(client_of, organizer, form_data):
    day = summer_day()

    client_of(organizer).post(REGISTER_URL, {**form_data, "city": "Chicago", "zip_code": "60614"})

    event = Event.objects.get()
    assert event.starts_at == datetime.datetime(day.year, 7, 15, 22, 0, tzinfo=UTC)
    assert event.ends_at == datetime.datetime(day.year, 7, 16, 2, 0, tzinfo=UTC)
    assert event.time_zone == "America/Chicago"


@pytest.mark.parametrize(
    ("city", "state", "zip_code", "day_offset", "utc_hour"),
    [
        ("Phoenix", "AZ", "85004", 1, 0),  # no daylight saving time in Arizona
        ("Anchorage", "AK", "99501", 1, 1),
        ("Honolulu", "HI", "96813", 1, 3),
        ("Cambridge", "MA", "02138", 0, 21),
        ("Adjuntas", "PR", "00601", 0, 21),
        ("Hagatna", "GU", "96910", 0, 7),
    ],
)
def test_register_event_stores_utc_across_time_zones(
    client_of, organizer, form_data, city, state, zip_code, day_offset, utc_hour
):
    day = summer_day()

    client_of(organizer).post(
        REGISTER_URL, {**form_data, "city": city, "state": state, "zip_code": zip_code}
    )

    event = Event.objects.get()
    expected = datetime.datetime(day.year, 7, 15 + day_offset, utc_hour, 0, tzinfo=UTC)
    assert event.starts_at == expected
    assert (event.local_start.date(), event.local_start.hour) == (day, 17)


def test_register_event_in_winter_uses_standard_time(client_of, organizer, form_data):
    day = datetime.date(timezone.localdate().year + 1, 1, 15)

    client_of(organizer).post(
        REGISTER_URL,
        {**form_data, "city": "Chicago", "zip_code": "60614", "date": day.isoformat()},
    )

    event = Event.objects.get()
    assert event.starts_at == datetime.datetime(day.year, 1, 15, 23, 0, tzinfo=UTC)


def test_register_event_fills_place_from_zip(client_of, organizer, form_data):
    client_of(organizer).post(
        REGISTER_URL, {**form_data, "city": "Beverly Hills", "state": "CA", "zip_code": "90210"}
    )

    event = Event.objects.get()
    assert (event.city, event.state, event.zip_code) == ("Beverly Hills", "CA", "90210")
    assert event.county == "Los Angeles County"
    assert event.latitude == Decimal("34.0901")
    assert event.longitude == Decimal("-118.4065")
    assert event.time_zone == "America/Los_Angeles"


def test_register_event_accepts_zip_plus_four(client_of, organizer, form_data):
    response = client_of(organizer).post(REGISTER_URL, {**form_data, "zip_code": "62701-1234"})

    assert response.status_code == 302
    assert Event.objects.get().zip_code == "62701"


def test_register_event_creates_community(client_of, organizer, form_data):
    client_of(organizer).post(REGISTER_URL, form_data)

    community = Community.objects.get()
    assert (community.name, community.state, community.county) == (
        "Springfield",
        "IL",
        "Sangamon County",
    )
    assert Event.objects.get().community == community


def test_register_event_joins_existing_community(client_of, organizer, form_data):
    springfield = Community.objects.create(name="Springfield", state="IL", population=114_394)
    Community.objects.create(name="Springfield", state="MA")

    client_of(organizer).post(REGISTER_URL, form_data)

    assert Event.objects.get().community == springfield
    assert Community.objects.count() == 2


def test_register_event_uses_acceptable_city_name_of_zip(client_of, organizer, form_data):
    client_of(organizer).post(
        REGISTER_URL,
        {**form_data, "city": "brooklyn heights", "state": "NY", "zip_code": "11201"},
    )

    event = Event.objects.get()
    assert event.city == "Brooklyn Heights"
    assert (event.community.name, event.community.state) == ("Brooklyn Heights", "NY")
    assert event.county == "Kings County"


def test_register_event_save_as_draft_keeps_draft(client_of, organizer, form_data):
    response = client_of(organizer).post(REGISTER_URL, {**form_data, "save_draft": "1"})

    event = Event.objects.get()
    assert response.url == reverse("events:detail", args=[event.pk])
    assert event.status == Event.Status.DRAFT


def test_register_event_shows_confirmation_on_detail_page(client_of, organizer, form_data):
    response = client_of(organizer).post(REGISTER_URL, form_data, follow=True)

    assert response.status_code == 200
    assert "Your event is registered and published. Thank you for taking part!" in response.text
    assert response.context["event"] == Event.objects.get()


def test_register_event_private(client_of, organizer, form_data):
    del form_data["is_public"]

    client_of(organizer).post(REGISTER_URL, form_data)

    assert Event.objects.get().is_public is False


def test_register_page_anonymous_is_sent_to_log_in(client, db, form_data):
    get = client.get(REGISTER_URL)
    post = client.post(REGISTER_URL, form_data)

    login = f"{reverse('accounts:login')}?next={REGISTER_URL}"
    assert (get.status_code, get.url) == (302, login)
    assert (post.status_code, post.url) == (302, login)
    assert Event.objects.count() == 0


@pytest.mark.parametrize("method", ["put", "delete"])
def test_register_page_other_methods_are_not_allowed(client_of, organizer, method):
    response = getattr(client_of(organizer), method)(REGISTER_URL)

    assert response.status_code == 405

"""Personas and helpers shared by the whole suite (see ../shared/STYLE.md)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone

from accounts.models import User
from events import zips
from events.models import Activity, Community, Event

PASSWORD = "correct horse battery staple"  # noqa: S105


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # Test-only speed-ups live here, not in a second settings module.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.SECURE_SSL_REDIRECT = False


def make_user(email, *, full_name="Test Person", is_staff=False, **extra):
    return User.objects.create_user(
        email=email, password=PASSWORD, full_name=full_name, is_staff=is_staff, **extra
    )


@pytest.fixture
def organizer(db):
    return make_user("olivia@example.com", full_name="Olivia Organizer", phone="555-0199")


@pytest.fixture
def other_organizer(db):
    return make_user("oscar@example.com", full_name="Oscar Other")


@pytest.fixture
def national_admin(db):
    return make_user("nadia@example.com", full_name="Nadia National", is_staff=True)


@pytest.fixture
def stranger(db):
    return make_user("sam@example.com", full_name="Sam Stranger")


def next_week():
    return timezone.localdate() + datetime.timedelta(days=7)


def make_event(organizer, **overrides):
    """An event in Springfield, IL (62701) next week from 5 to 9 pm local time."""
    zip_code = overrides.pop("zip_code", "62701")
    info = zips.lookup(zip_code)
    day = overrides.pop("date", next_week())
    tz = ZoneInfo(info.time_zone)
    activities = overrides.pop("activities", [])
    fields = {
        "organizer": organizer,
        "community": Community.objects.for_place(
            name=info.city, state=info.state, county=info.county
        ),
        "title": "Maple Street Block Party",
        "address": "120 Maple St",
        "city": info.city,
        "state": info.state,
        "zip_code": zip_code,
        "county": info.county,
        "latitude": info.latitude,
        "longitude": info.longitude,
        "time_zone": info.time_zone,
        "starts_at": datetime.datetime.combine(day, datetime.time(17), tz),
        "ends_at": datetime.datetime.combine(day, datetime.time(21), tz),
        "expected_adults": 40,
        "expected_children": 20,
        "status": Event.Status.SUBMITTED,
        **overrides,
    }
    if "date" not in fields:
        fields["date"] = timezone.localtime(fields["starts_at"], ZoneInfo(fields["time_zone"])).date()
    event = Event.objects.create(**fields)
    event.activities.set(activities)
    return event


@pytest.fixture
def event(organizer):
    return make_event(organizer, activities=Activity.objects.filter(slug="kids-games"))


@pytest.fixture
def client_of(client):
    """`client_of(user)`: the test client, logged in as `user` (or anonymous for None)."""

    def log_in(user):
        if user is not None:
            client.force_login(user)
        return client

    return log_in


__all__ = ["PASSWORD", "make_event", "make_user", "next_week", "settings"]

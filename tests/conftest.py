"""Personas and helpers shared by the whole suite (see ../shared/STYLE.md)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone

from accounts.models import User
from events import public_cache, zips
from events.models import (
    Activity,
    Agency,
    AgencyArea,
    AgencyMembership,
    Community,
    Event,
    VisitRequest,
)

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # Test-only speed-ups live here, not in a second settings module.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def _fresh_data_version():
    # Each test's database starts anew (rolled back, which sends no signal): the public
    # pages' data version read by an earlier test must not serve this one.
    public_cache.forget_version()


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
    """An approved event in Springfield, IL (62701) next week from 5 to 9 pm local time."""
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
        "status": Event.Status.APPROVED,
        **overrides,
    }
    if "date" not in fields:
        fields["date"] = timezone.localtime(
            fields["starts_at"], ZoneInfo(fields["time_zone"])
        ).date()
    event = Event.objects.create(**fields)
    event.activities.set(activities)
    return event


@pytest.fixture
def event(organizer):
    return make_event(organizer, activities=Activity.objects.filter(slug="kids-games"))


def make_agency(name="Springfield Police Department", *, zip_code="62701", serves=None, **fields):
    """A verified agency at `zip_code`; `serves` is a Community (or None for no area)."""
    info = zips.lookup(zip_code)
    agency = Agency.objects.create(
        name=name,
        kind=fields.pop("kind", Agency.Kind.LOCAL_POLICE),
        city=fields.pop("city", info.city),
        state=info.state,
        zip_code=info.zip_code,
        latitude=info.latitude,
        longitude=info.longitude,
        time_zone=info.time_zone,
        is_verified=fields.pop("is_verified", True),
        **fields,
    )
    if serves is not None:
        AgencyArea.objects.create(
            agency=agency, kind=AgencyArea.Kind.COMMUNITY, state=serves.state, community=serves
        )
    return agency


def make_liaison(email, agency, *, full_name="Lee Liaison", **extra):
    user = make_user(email, full_name=full_name, **extra)
    AgencyMembership.objects.create(
        user=user, agency=agency, status=AgencyMembership.Status.APPROVED
    )
    return user


def make_visit(event, agency, **overrides):
    """A visit request from `event`'s organizer to `agency`, waiting for an answer."""
    fields = {"kind": VisitRequest.Kind.VISIT, "requested_by": event.organizer, **overrides}
    return VisitRequest.objects.create(event=event, agency=agency, **fields)


@pytest.fixture
def agency(event):
    """Springfield PD, serving the `event`'s community."""
    return make_agency(serves=event.community, capacity=10)


@pytest.fixture
def liaison(agency):
    return make_liaison("lee@example.com", agency, full_name="Lee Liaison")


@pytest.fixture
def other_agency(db):
    """An agency in another state, with its own liaison (see `other_liaison`)."""
    return make_agency("Austin Fire Department", zip_code="78701", kind=Agency.Kind.FIRE)


@pytest.fixture
def other_liaison(other_agency):
    return make_liaison("fran@example.com", other_agency, full_name="Fran Fire")


@pytest.fixture
def visit(event, agency, liaison):
    """A pending visit request from `event` to `agency` (which has `liaison`)."""
    return make_visit(event, agency, note="K9 demo for the kids at 6")


@pytest.fixture
def client_of(client):
    """`client_of(user)`: the test client, logged in as `user` (or anonymous for None)."""

    def log_in(user):
        if user is not None:
            client.force_login(user)
        return client

    return log_in


__all__ = [
    "PASSWORD",
    "make_agency",
    "make_event",
    "make_liaison",
    "make_user",
    "make_visit",
    "next_week",
    "settings",
]

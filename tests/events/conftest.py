"""Helpers for the events tests. Personas live in tests/conftest.py."""

import datetime

import pytest
from django.utils import timezone

from events.models import AgencyMembership, Community, CommunityAdmin
from tests.conftest import make_user


def summer_day():
    """July 15th of next year: always ahead, within the two-year limit, on daylight time."""
    return datetime.date(timezone.localdate().year + 1, 7, 15)


@pytest.fixture
def form_data():
    """Valid POST data for the event form: Springfield, IL, from 5 to 9 pm local time."""
    return {
        "title": "Maple Street Block Party",
        "description": "Bring a chair.",
        "date": summer_day().isoformat(),
        "start_time": "17:00",
        "end_time": "21:00",
        "venue_name": "",
        "address": "120 Maple St",
        "city": "Springfield",
        "state": "IL",
        "zip_code": "62701",
        "other_activities": "",
        "expected_adults": "40",
        "expected_children": "20",
        "is_public": "on",
    }


@pytest.fixture
def pending_member(agency):
    """Asked to join `agency` as a liaison; nobody has approved yet."""
    user = make_user("pat@example.com", full_name="Pat Pending")
    AgencyMembership.objects.create(user=user, agency=agency)
    return user


def row(obj):
    """`obj`'s database row as a dict: compare it before and after a refused change."""
    return type(obj).objects.filter(pk=obj.pk).values().get()


def make_municipal_admin(email, community, *, full_name="Mia Municipal"):
    user = make_user(email, full_name=full_name)
    CommunityAdmin.objects.create(
        user=user,
        community=community,
        status=CommunityAdmin.Status.APPROVED,
        reason="Community engagement coordinator",
        granted_at=timezone.now(),
    )
    return user


@pytest.fixture
def municipal_admin(event):
    """An approved municipal admin of `event`'s community (Springfield, IL)."""
    return make_municipal_admin("mia@example.com", event.community)


@pytest.fixture
def other_municipal_admin(db):
    """An approved municipal admin of another community: Austin, TX."""
    austin = Community.objects.for_place(name="Austin", state="TX", county="Travis County")
    return make_municipal_admin("max@example.com", austin, full_name="Max Municipal")

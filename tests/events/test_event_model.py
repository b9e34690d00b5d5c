import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.models import Community, Event
from tests.conftest import make_event

UTC = datetime.UTC


def update_row(event, **changes):
    """Write `changes` straight to the event's row: no model validation on the way."""
    Event.objects.filter(pk=event.pk).update(**changes)


def test_event_ending_before_it_starts_is_refused_by_database(event):
    with pytest.raises(IntegrityError), transaction.atomic():
        update_row(event, ends_at=event.starts_at - datetime.timedelta(hours=1))

    assert Event.objects.get().ends_at == event.ends_at


def test_event_ending_when_it_starts_is_refused_by_database(event):
    with pytest.raises(IntegrityError), transaction.atomic():
        update_row(event, ends_at=event.starts_at)

    assert Event.objects.get().ends_at == event.ends_at


@pytest.mark.parametrize("field", ["expected_adults", "expected_children"])
def test_event_attendance_over_the_bound_is_refused_by_database(event, field):
    with pytest.raises(IntegrityError), transaction.atomic():
        update_row(event, **{field: 100_001})

    assert getattr(Event.objects.get(), field) == getattr(event, field)


@pytest.mark.parametrize("field", ["expected_adults", "expected_children"])
def test_event_negative_attendance_is_refused_by_database(event, field):
    with pytest.raises(IntegrityError), transaction.atomic():
        update_row(event, **{field: -1})

    assert getattr(Event.objects.get(), field) == getattr(event, field)


def test_event_attendance_at_the_bound_is_accepted_by_database(event):
    update_row(event, expected_adults=100_000, expected_children=100_000)

    assert Event.objects.get().expected_attendance == 200_000


def test_event_unknown_status_is_refused_by_database(event):
    with pytest.raises(IntegrityError), transaction.atomic():
        update_row(event, status="deleted")

    assert Event.objects.get().status == Event.Status.APPROVED


def test_event_cancelled_at_on_a_submitted_event_is_refused_by_database(event):
    with pytest.raises(IntegrityError), transaction.atomic():
        update_row(event, cancelled_at=timezone.now())

    assert Event.objects.get().cancelled_at is None


def test_event_cancelled_at_on_a_draft_is_refused_by_database(organizer):
    draft = make_event(organizer, status=Event.Status.DRAFT)

    with pytest.raises(IntegrityError), transaction.atomic():
        update_row(draft, cancelled_at=timezone.now())

    assert Event.objects.get().cancelled_at is None


def test_event_cancelled_with_cancelled_at_is_accepted_by_database(event):
    now = timezone.now()

    update_row(event, status=Event.Status.CANCELLED, cancelled_at=now)

    assert Event.objects.get().cancelled_at == now


def test_event_create_with_end_before_start_is_refused(organizer):
    starts = timezone.now() + datetime.timedelta(days=3)

    with pytest.raises(IntegrityError), transaction.atomic():
        make_event(organizer, starts_at=starts, ends_at=starts - datetime.timedelta(minutes=1))

    assert Event.objects.count() == 0


def test_event_local_times_are_in_its_own_time_zone(organizer):
    day = datetime.date(2027, 7, 15)

    event = make_event(organizer, zip_code="90210", date=day)

    event.refresh_from_db()
    assert event.starts_at == datetime.datetime(2027, 7, 16, 0, 0, tzinfo=UTC)
    assert event.local_start == datetime.datetime(
        2027, 7, 15, 17, 0, tzinfo=ZoneInfo("America/Los_Angeles")
    )
    assert event.local_start.tzname() == "PDT"
    assert event.local_end.hour == 21


def test_event_expected_attendance_adds_adults_and_children(event):
    total = event.expected_attendance

    assert total == 60


def test_event_can_edit_only_own_upcoming_uncancelled_event(
    organizer, other_organizer, national_admin
):
    upcoming = make_event(organizer)
    past = make_event(organizer, date=timezone.localdate() - datetime.timedelta(days=3))
    cancelled = make_event(organizer, status=Event.Status.CANCELLED, cancelled_at=timezone.now())

    assert upcoming.can_edit(organizer) is True
    assert upcoming.can_edit(other_organizer) is False
    assert upcoming.can_edit(national_admin) is False
    assert past.can_edit(organizer) is False
    assert cancelled.can_edit(organizer) is False


def test_event_queryset_editable_by_matches_can_edit(organizer, other_organizer):
    upcoming = make_event(organizer, title="Upcoming")
    make_event(organizer, title="Past", date=timezone.localdate() - datetime.timedelta(days=3))
    make_event(
        organizer, title="Cancelled", status=Event.Status.CANCELLED, cancelled_at=timezone.now()
    )
    make_event(other_organizer, title="Someone else's")

    editable = list(Event.objects.editable_by(organizer))

    assert editable == [upcoming]


def test_event_queryset_visible_to_own_events_or_all_for_national_admin(
    organizer, other_organizer, national_admin, stranger
):
    mine = make_event(organizer, title="Mine")
    theirs = make_event(other_organizer, title="Theirs")

    assert list(Event.objects.visible_to(organizer)) == [mine]
    assert list(Event.objects.visible_to(stranger)) == []
    assert set(Event.objects.visible_to(national_admin)) == {mine, theirs}


def test_event_queryset_public_only_public_submitted_events(organizer):
    listed = make_event(organizer, title="Listed")
    make_event(organizer, title="Draft", status=Event.Status.DRAFT)
    make_event(organizer, title="Private", is_public=False)
    make_event(
        organizer, title="Cancelled", status=Event.Status.CANCELLED, cancelled_at=timezone.now()
    )

    public = list(Event.objects.public())

    assert public == [listed]


def test_community_for_place_reuses_existing_community(db):
    first = Community.objects.for_place(name="Springfield", state="IL", county="Sangamon County")

    second = Community.objects.for_place(name="Springfield", state="IL")
    other_state = Community.objects.for_place(name="Springfield", state="MA")

    assert second == first
    assert other_state != first
    assert Community.objects.count() == 2


def test_community_same_name_and_state_twice_is_refused_by_database(db):
    Community.objects.create(name="Springfield", state="IL")

    with pytest.raises(IntegrityError), transaction.atomic():
        Community.objects.create(name="Springfield", state="IL")

    assert Community.objects.count() == 1

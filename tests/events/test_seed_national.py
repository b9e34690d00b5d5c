"""manage.py seed_national: national-scale synthetic data for the dashboard and the benchmark."""

import io

from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from events.models import Agency, AgencyArea, AgencyMembership, Community, Event, VisitRequest
from events.national_night import national_night, next_national_night

EVENTS = 300


def seed(seed=7, events=EVENTS, years=2):
    call_command("seed_national", events=events, years=years, seed=seed, stdout=io.StringIO())


def event_rows(events):
    """What an event is made of, without its primary key."""
    return list(
        events.order_by("pk").values_list(
            "title",
            "address",
            "zip_code",
            "starts_at",
            "ends_at",
            "date",
            "status",
            "expected_adults",
            "expected_children",
            "is_public",
            "organizer__email",
            "community__name",
        )
    )


def visit_rows(events):
    """The visit requests of `events`, keyed by the event's position among them."""
    position = {
        pk: index for index, pk in enumerate(events.order_by("pk").values_list("pk", flat=True))
    }
    visits = VisitRequest.objects.filter(event__in=events).values_list(
        "event", "agency__name", "kind", "status", "scheduled_start", "scheduled_end", "made_at"
    )
    return sorted((position[event], *rest) for event, *rest in visits)


def counts():
    return (
        Community.objects.count(),
        Agency.objects.count(),
        AgencyArea.objects.count(),
        AgencyMembership.objects.count(),
    )


def test_seed_national_creates_the_events_and_their_places(db):
    seed()

    events = Event.objects.select_related("community", "organizer")
    assert events.count() == EVENTS
    for event in events:
        assert (event.community.name, event.community.state) == (event.city, event.state)
        assert event.organizer.email.endswith("@seed.example")
        assert not event.organizer.has_usable_password()
    assert Community.objects.filter(population__isnull=True).count() == 0
    assert AgencyArea.objects.count() == Agency.objects.count()
    assert AgencyMembership.objects.filter(status="approved").count() == Agency.objects.count()
    assert Event.objects.filter(report__isnull=False).exclude(status="approved").count() == 0
    assert Event.objects.filter(report__isnull=False, ends_at__gt=timezone.now()).count() == 0
    assert Event.objects.filter(status="approved").count() > EVENTS * 0.75


def test_seed_national_stores_local_evenings_in_utc(db):
    seed()

    for event in Event.objects.all():
        assert event.ends_at > event.starts_at
        assert event.date == event.local_start.date()
        assert 17 <= event.local_start.hour <= 19


def test_seed_national_puts_most_events_on_the_national_night(db):
    seed()

    dates = Event.objects.values_list("date", "state")
    on_night = [day for day, state in dates if day == national_night(day.year, state)]
    assert len(on_night) > EVENTS * 0.65
    last = next_national_night(timezone.localdate()).year
    assert {day.year for day, _state in dates} == {last - 1, last}


def test_seed_national_schedules_accepted_visits_inside_the_event(db):
    seed()

    visits = VisitRequest.objects.select_related("event", "agency")
    assert visits.filter(status="accepted").count() > 0
    for visit in visits:
        assert visit.agency in Agency.objects.serving(visit.event)
        if visit.status == "accepted":
            assert visit.event.starts_at <= visit.scheduled_start < visit.scheduled_end
            assert visit.scheduled_end <= visit.event.ends_at
        if visit.made_at is not None:
            assert visit.event.ends_at <= timezone.now()
        if visit.event.status == "cancelled":
            assert visit.status == "cancelled"


def test_seed_national_twice_with_one_seed_adds_the_same_events(db):
    seed()
    first = Event.objects.all()
    first_pks = list(first.values_list("pk", flat=True))
    first_events, first_visits = event_rows(first), visit_rows(first)
    places = counts()
    users = User.objects.count()

    seed()

    second = Event.objects.exclude(pk__in=first_pks)
    assert Event.objects.count() == 2 * EVENTS
    assert event_rows(second) == first_events
    assert visit_rows(second) == first_visits
    assert counts() == places
    assert User.objects.count() == users


def test_seed_national_with_another_seed_differs(db):
    seed(seed=7)
    first_pks = list(Event.objects.values_list("pk", flat=True))
    first = event_rows(Event.objects.all())

    seed(seed=8)

    assert event_rows(Event.objects.exclude(pk__in=first_pks)) != first

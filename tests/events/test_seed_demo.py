import io

from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from events.models import Community, Event
from events.national_night import next_national_night


def seed():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts():
    return (User.objects.count(), Community.objects.count(), Event.objects.count())


def test_seed_demo_creates_accounts_and_events(db):
    seed()

    assert counts() == (3, 7, 7)
    assert set(Event.objects.values_list("state", flat=True)) == {
        "IL",
        "TX",
        "WA",
        "AZ",
        "MA",
        "CO",
    }
    assert len(set(Event.objects.values_list("time_zone", flat=True))) == 5
    assert User.objects.get(email="admin@example.com").is_superuser is True


def test_seed_demo_twice_duplicates_nothing(db):
    first_output = seed()
    first = counts()
    first_events = list(Event.objects.values_list("pk", "title", "starts_at"))

    second_output = seed()

    assert counts() == first
    assert list(Event.objects.values_list("pk", "title", "starts_at")) == first_events
    assert "Demo data ready (7 new events)." in first_output
    assert "Demo data ready (0 new events)." in second_output


def test_seed_demo_prints_demo_accounts(db):
    output = seed()

    assert "Demo accounts (password for all: nightout-demo):" in output
    assert "organizer@example.com" in output
    assert "maria@example.com" in output
    assert "admin@example.com" in output


def test_seed_demo_accounts_can_log_in(client, db):
    seed()

    for email in ["organizer@example.com", "maria@example.com", "admin@example.com"]:
        assert client.login(username=email, password="nightout-demo") is True


def test_seed_demo_events_are_valid_and_on_the_national_night(db):
    seed()
    today = timezone.localdate()

    for event in Event.objects.all():
        event.full_clean()
    texas = Event.objects.get(title="Barrio Unido Night Out")
    assert texas.local_start.date() == next_national_night(today, "TX")
    assert texas.local_start.hour == 18
    springfield = Event.objects.get(title="Maple Street Block Party")
    assert springfield.local_start.date() == next_national_night(today)
    assert springfield.community.name == "Springfield"
    assert list(springfield.activities.values_list("slug", flat=True)) == [
        "kids-games",
        "k9-demonstration",
        "free-food",
    ]

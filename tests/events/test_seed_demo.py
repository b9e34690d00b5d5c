import io

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from events.models import (
    Agency,
    AgencyArea,
    AgencyMembership,
    Community,
    CommunityAdmin,
    Event,
    VisitRequest,
)
from events.national_night import next_national_night

LIAISONS = [
    "police@example.com",
    "sheriff@example.com",
    "trooper@example.com",
    "fire@example.com",
    "corps@example.com",
    "mayor@example.com",
]


def seed():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts():
    return (
        User.objects.count(),
        Community.objects.count(),
        Event.objects.count(),
        Agency.objects.count(),
        AgencyArea.objects.count(),
        AgencyMembership.objects.count(),
        VisitRequest.objects.count(),
    )


def test_seed_demo_creates_accounts_and_events(db):
    seed()

    assert counts() == (10, 7, 7, 7, 7, 6, 6)
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
    first_visits = list(VisitRequest.objects.order_by("pk").values())

    second_output = seed()

    assert counts() == first
    assert list(Event.objects.values_list("pk", "title", "starts_at")) == first_events
    assert list(VisitRequest.objects.order_by("pk").values()) == first_visits
    assert "Demo data ready (7 new events, 7 new agencies, 6 new requests)." in first_output
    assert "Demo data ready (0 new events, 0 new agencies, 0 new requests)." in second_output
    assert second_output.split("\n")[1:] == first_output.split("\n")[1:]


def test_seed_demo_prints_demo_accounts(db):
    output = seed()

    assert "Demo accounts (password for all: nightout-demo):" in output
    assert "organizer@example.com" in output
    assert "maria@example.com" in output
    assert "admin@example.com" in output
    assert (
        "  liaison         police@example.com         Dana Diaz (Springfield Police Department)"
    ) in output
    for email in LIAISONS:
        assert f"  liaison         {email:<26} " in output


def test_seed_demo_has_a_municipal_admin_of_springfield(db):
    output = seed()

    role = CommunityAdmin.objects.get()
    assert (role.user.email, str(role.community), role.status) == (
        "city@example.com",
        "Springfield, IL",
        CommunityAdmin.Status.APPROVED,
    )
    assert "  municipal admin city@example.com           Mona Municipal (Springfield, IL)" in output


def test_seed_demo_accounts_can_log_in(client, db):
    seed()

    for email in [
        "organizer@example.com",
        "maria@example.com",
        "admin@example.com",
        "city@example.com",
        *LIAISONS,
    ]:
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


def test_seed_demo_agencies_of_every_kind_serve_the_events(db):
    seed()
    serving = {
        event.title: sorted(Agency.objects.serving(event).values_list("name", flat=True))
        for event in Event.objects.all()
    }

    assert sorted(Agency.objects.values_list("name", "kind", "state", "is_verified")) == [
        ("Illinois State Police", "state_police", "IL", True),
        ("Lincoln Park Neighbors Association", "nonprofit", "IL", False),
        ("Office of the Mayor of Seattle", "elected", "WA", True),
        ("San Antonio Fire Department", "fire", "TX", True),
        ("Sangamon County Sheriff's Office", "sheriff", "IL", True),
        ("Springfield Police Department", "police", "IL", True),
        ("The Salvation Army San Antonio Citadel Corps", "salvation_army", "TX", True),
    ]
    assert serving == {
        "Maple Street Block Party": [
            "Illinois State Police",
            "Sangamon County Sheriff's Office",
            "Springfield Police Department",
        ],
        "Lincoln Park Cookout": ["Illinois State Police", "Lincoln Park Neighbors Association"],
        "Barrio Unido Night Out": [
            "San Antonio Fire Department",
            "The Salvation Army San Antonio Citadel Corps",
        ],
        "Harbor View Open House": ["Office of the Mayor of Seattle"],
        "Cul-de-sac Potluck": [],
        "Elm Avenue Ice Cream Social": [],
        "Fall Festival on Oak": [],
    }
    assert sorted(AgencyArea.objects.values_list("agency__name", "kind", "county")) == [
        ("Illinois State Police", "state", ""),
        ("Lincoln Park Neighbors Association", "community", ""),
        ("Office of the Mayor of Seattle", "community", ""),
        ("San Antonio Fire Department", "community", ""),
        ("Sangamon County Sheriff's Office", "county", "Sangamon County"),
        ("Springfield Police Department", "community", ""),
        ("The Salvation Army San Antonio Citadel Corps", "community", ""),
    ]
    unverified = Agency.objects.get(is_verified=False)
    assert unverified.proposed_by.email == "organizer@example.com"
    for agency in Agency.objects.all():
        agency.full_clean()


def test_seed_demo_liaisons_are_approved_members_of_their_agency(db):
    seed()

    assert sorted(
        AgencyMembership.objects.values_list("user__email", "agency__name", "status")
    ) == [
        ("corps@example.com", "The Salvation Army San Antonio Citadel Corps", "approved"),
        ("fire@example.com", "San Antonio Fire Department", "approved"),
        ("mayor@example.com", "Office of the Mayor of Seattle", "approved"),
        ("police@example.com", "Springfield Police Department", "approved"),
        ("sheriff@example.com", "Sangamon County Sheriff's Office", "approved"),
        ("trooper@example.com", "Illinois State Police", "approved"),
    ]


def test_seed_demo_requests_are_valid_and_answered_in_several_states(db):
    seed()
    visits = VisitRequest.objects.select_related("event", "agency").order_by("agency__name")

    assert [(v.event.state, v.agency.name, v.kind, v.status) for v in visits] == [
        ("IL", "Illinois State Police", "visit", "declined"),
        ("WA", "Office of the Mayor of Seattle", "visit", "requested"),
        ("TX", "San Antonio Fire Department", "visit", "accepted"),
        ("IL", "Sangamon County Sheriff's Office", "visit", "requested"),
        ("IL", "Springfield Police Department", "visit", "accepted"),
        ("TX", "The Salvation Army San Antonio Citadel Corps", "participation", "requested"),
    ]
    for visit in visits:
        visit.full_clean()
        assert visit.requested_by == visit.event.organizer
        if visit.preferred_start:
            assert visit.event.starts_at <= visit.preferred_start < visit.preferred_end
            assert visit.preferred_end <= visit.event.ends_at
    accepted = {
        v.agency.name: (
            v.scheduled_start.astimezone(v.event.tz).strftime("%H:%M"),
            v.scheduled_end.astimezone(v.event.tz).strftime("%H:%M"),
            v.unit,
            v.answered_by.email,
        )
        for v in visits
        if v.status == "accepted"
    }
    assert accepted == {
        "Springfield Police Department": ("18:00", "18:20", "K9 unit", "police@example.com"),
        "San Antonio Fire Department": ("18:30", "19:00", "Engine 7", "fire@example.com"),
    }
    declined = visits.get(status="declined")
    assert declined.decline_reason == (
        "Our troopers in Cook County are all on the expressway detail that evening."
    )
    assert declined.answered_by.email == "trooper@example.com"


def test_seed_demo_organizer_sees_the_answers_on_the_event_page(client, db):
    seed()
    event = Event.objects.get(title="Maple Street Block Party")
    client.login(username="organizer@example.com", password="nightout-demo")

    response = client.get(event.get_absolute_url())

    assert "Visit from 6 p.m. to 6:20 p.m. CDT · K9 unit" in response.text
    assert '<span class="badge text-bg-primary">Requested</span>' in response.text


def test_seed_demo_events_can_be_found_by_visitors(client, db):
    seed()

    springfield = client.get(reverse("events:find"), {"zip": "62701"})
    every_upcoming = client.get(reverse("events:find"), {"date": ""})

    assert [found.event.title for found in springfield.context["results"]] == [
        "Maple Street Block Party"
    ]
    assert sorted(found.event.title for found in every_upcoming.context["results"]) == [
        "Barrio Unido Night Out",
        "Lincoln Park Cookout",
        "Maple Street Block Party",
    ]

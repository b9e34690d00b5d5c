"""Demo accounts, events, agencies and visit requests for `make run`.

Safe to run again: nothing is duplicated."""

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from events import zips
from events.models import (
    Activity,
    Agency,
    AgencyArea,
    AgencyMembership,
    Community,
    CommunityAdmin,
    Event,
    VisitRequest,
)
from events.national_night import next_national_night
from events.timezones import zone

DEMO_PASSWORD = "nightout-demo"  # noqa: S105 (printed for the demo, never used in production)

ORGANIZERS = [
    ("organizer@example.com", "Olivia Organizer", "555-0100"),
    ("maria@example.com", "María García", "555-0101"),
]

# (organizer index, title, address, city, ZIP, start hour, end hour, activities, adults, kids,
#  public, status, days after the national night). The approved public ones show on the
# public search ("Find an event"); the submitted ones wait in their community's review.
# Administers Springfield, IL (which publishes events at once; switch it to review
# on its page to try the review queue).
MUNICIPAL_ADMIN = ("city@example.com", "Mona Municipal")

EVENTS = [
    (
        0,
        "Maple Street Block Party",
        "120 Maple St",
        "Springfield",
        "62701",
        17,
        21,
        ["kids-games", "free-food", "k9-demonstration"],
        80,
        40,
        True,
        "approved",
        0,
    ),
    (
        0,
        "Lincoln Park Cookout",
        "Lincoln Park, 2045 N Lincoln Park W",
        "Chicago",
        "60614",
        18,
        21,
        ["free-food", "live-music"],
        150,
        60,
        True,
        "approved",
        0,
    ),
    (
        1,
        "Barrio Unido Night Out",
        "310 W Cesar Chavez Blvd",
        "San Antonio",
        "78204",
        18,
        21,
        ["kids-games", "fire-truck-visit", "free-food"],
        120,
        70,
        True,
        "approved",
        0,
    ),
    (
        1,
        "Harbor View Open House",
        "55 Harbor Way",
        "Seattle",
        "98101",
        17,
        20,
        ["open-house", "safety-demonstration"],
        40,
        10,
        True,
        "submitted",
        0,
    ),
    (
        0,
        "Cul-de-sac Potluck",
        "8 Quail Ct",
        "Phoenix",
        "85004",
        18,
        21,
        ["potluck", "bike-safety"],
        30,
        25,
        False,
        "submitted",
        0,
    ),
    (
        1,
        "Elm Avenue Ice Cream Social",
        "400 Elm Ave",
        "Boston",
        "02108",
        18,
        20,
        ["kids-games", "face-painting"],
        50,
        30,
        True,
        "draft",
        0,
    ),
    (
        0,
        "Fall Festival on Oak",
        "77 Oak St",
        "Denver",
        "80202",
        16,
        19,
        ["bounce-house", "free-food"],
        90,
        80,
        True,
        "submitted",
        60,
    ),
]


# Agencies near the demo events. (name, kind, ZIP of its headquarters, areas served as
# (kind, community name or county), visits per evening, public phone, verified)
AGENCIES = [
    (
        "Springfield Police Department",
        "police",
        "62701",
        [("community", "Springfield")],
        8,
        "217-555-0111",
        True,
    ),
    (
        "Sangamon County Sheriff's Office",
        "sheriff",
        "62701",
        [("county", "Sangamon County")],
        4,
        "217-555-0112",
        True,
    ),
    ("Illinois State Police", "state_police", "62703", [("state", "")], 12, "217-555-0113", True),
    (
        "Lincoln Park Neighbors Association",
        "nonprofit",
        "60614",
        [("community", "Chicago")],
        None,
        "",
        False,
    ),
    (
        "San Antonio Fire Department",
        "fire",
        "78205",
        [("community", "San Antonio")],
        6,
        "210-555-0114",
        True,
    ),
    (
        "The Salvation Army San Antonio Citadel Corps",
        "salvation_army",
        "78204",
        [("community", "San Antonio")],
        None,
        "210-555-0115",
        True,
    ),
    (
        "Office of the Mayor of Seattle",
        "elected",
        "98104",
        [("community", "Seattle")],
        3,
        "206-555-0116",
        True,
    ),
]

# (e-mail, name, agency)
LIAISONS = [
    ("police@example.com", "Dana Diaz", "Springfield Police Department"),
    ("sheriff@example.com", "Sam Hart", "Sangamon County Sheriff's Office"),
    ("trooper@example.com", "Riley Reed", "Illinois State Police"),
    ("fire@example.com", "Tomás Ruiz", "San Antonio Fire Department"),
    ("corps@example.com", "Jordan Brooks", "The Salvation Army San Antonio Citadel Corps"),
    ("mayor@example.com", "Morgan Lee", "Office of the Mayor of Seattle"),
]

# (event title, agency, kind, preferred window, note, status, scheduled time, unit,
#  decline reason); times are the event's local (hour, minute).
VISITS = [
    (
        "Maple Street Block Party",
        "Springfield Police Department",
        "visit",
        ((18, 0), (19, 0)),
        "K9 demo for the kids at 6",
        "accepted",
        ((18, 0), (18, 20)),
        "K9 unit",
        "",
    ),
    (
        "Maple Street Block Party",
        "Sangamon County Sheriff's Office",
        "visit",
        ((19, 0), (20, 0)),
        "The kids would love to sit in a patrol car.",
        "requested",
        None,
        "",
        "",
    ),
    (
        "Lincoln Park Cookout",
        "Illinois State Police",
        "visit",
        None,
        "",
        "declined",
        None,
        "",
        "Our troopers in Cook County are all on the expressway detail that evening.",
    ),
    (
        "Barrio Unido Night Out",
        "San Antonio Fire Department",
        "visit",
        ((18, 30), (19, 30)),
        "A fire truck tour, please!",
        "accepted",
        ((18, 30), (19, 0)),
        "Engine 7",
        "",
    ),
    (
        "Barrio Unido Night Out",
        "The Salvation Army San Antonio Citadel Corps",
        "participation",
        None,
        "A table with water and snacks?",
        "requested",
        None,
        "",
        "",
    ),
    (
        "Harbor View Open House",
        "Office of the Mayor of Seattle",
        "visit",
        ((17, 30), (18, 30)),
        "A few words from the mayor's office to open the evening.",
        "requested",
        None,
        "",
        "",
    ),
]


class Command(BaseCommand):
    help = "Create demo accounts, events, agencies and visit requests (safe to run twice)."

    @transaction.atomic
    def handle(self, *args, **options):
        User = get_user_model()
        organizers = []
        for email, name, phone in ORGANIZERS:
            user, created = User.objects.get_or_create(
                email=email, defaults={"full_name": name, "phone": phone}
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            organizers.append(user)
        admin, created = User.objects.get_or_create(
            email="admin@example.com",
            defaults={"full_name": "Nadia National", "is_staff": True, "is_superuser": True},
        )
        if created:
            admin.set_password(DEMO_PASSWORD)
            admin.save()

        today = timezone.localdate()
        made = 0
        events = {}
        for (
            who,
            title,
            address,
            city,
            zip_code,
            start,
            end,
            slugs,
            adults,
            kids,
            public,
            status,
            offset,
        ) in EVENTS:
            info = zips.lookup(zip_code)
            place = info.place_named(city) or info.city
            tz = zone(info.time_zone)
            night = next_national_night(today, info.state) + datetime.timedelta(days=offset)
            event, created = Event.objects.get_or_create(
                organizer=organizers[who],
                title=title,
                defaults={
                    "community": Community.objects.for_place(
                        name=place, state=info.state, county=info.county
                    ),
                    "address": address,
                    "city": place,
                    "state": info.state,
                    "zip_code": info.zip_code,
                    "county": info.county,
                    "latitude": info.latitude,
                    "longitude": info.longitude,
                    "time_zone": info.time_zone,
                    "starts_at": datetime.datetime.combine(night, datetime.time(start), tz),
                    "ends_at": datetime.datetime.combine(night, datetime.time(end), tz),
                    "date": night,
                    "expected_adults": adults,
                    "expected_children": kids,
                    "is_public": public,
                    "status": status,
                    "description": "Bring a chair and a dish to share. Everyone is welcome!",
                },
            )
            if created:
                event.activities.set(Activity.objects.filter(slug__in=slugs))
                made += 1
            events[title] = event

        self._municipal_admin(events["Maple Street Block Party"].community, admin=admin)
        new_agencies, agencies = self._agencies(proposer=organizers[0])
        liaisons = self._liaisons(agencies, admin=admin)
        new_visits = self._visits(events, agencies, liaisons)

        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready ({made} new events, {new_agencies} new agencies, "
                f"{new_visits} new requests)."
            )
        )
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for email, name, _phone in ORGANIZERS:
            self.stdout.write(f"  organizer       {email:<26} {name}")
        for email, name, agency in LIAISONS:
            self.stdout.write(f"  liaison         {email:<26} {name} ({agency})")
        self.stdout.write(
            f"  municipal admin {MUNICIPAL_ADMIN[0]:<26} {MUNICIPAL_ADMIN[1]} (Springfield, IL)"
        )
        self.stdout.write(
            "  national admin  admin@example.com          Nadia National (admin site)"
        )

    def _municipal_admin(self, community, *, admin):
        email, name = MUNICIPAL_ADMIN
        user, created = get_user_model().objects.get_or_create(
            email=email, defaults={"full_name": name}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        CommunityAdmin.objects.get_or_create(
            user=user,
            community=community,
            defaults={
                "status": CommunityAdmin.Status.APPROVED,
                "reason": "Community engagement coordinator",
                "granted_by": admin,
                "granted_at": timezone.now(),
            },
        )

    def _agencies(self, *, proposer):
        """The demo agencies and their areas: (how many are new, agencies by name)."""
        made, agencies = 0, {}
        for name, kind, zip_code, areas, capacity, phone, verified in AGENCIES:
            info = zips.lookup(zip_code)
            agency, created = Agency.objects.get_or_create(
                name=name,
                city=info.city,
                state=info.state,
                defaults={
                    "kind": kind,
                    "zip_code": info.zip_code,
                    "latitude": info.latitude,
                    "longitude": info.longitude,
                    "time_zone": info.time_zone,
                    "phone": phone,
                    "is_verified": verified,
                    "capacity": capacity,
                    "proposed_by": None if verified else proposer,
                },
            )
            made += created
            agencies[name] = agency
            for area_kind, place in areas:
                community = None
                if area_kind == AgencyArea.Kind.COMMUNITY:
                    community = Community.objects.for_place(
                        name=place, state=info.state, county=info.county
                    )
                AgencyArea.objects.get_or_create(
                    agency=agency,
                    kind=area_kind,
                    state=info.state,
                    community=community,
                    county=place if area_kind == AgencyArea.Kind.COUNTY else "",
                )
        return made, agencies

    def _liaisons(self, agencies, *, admin):
        """The demo liaison accounts, approved by the admin: liaisons by agency name."""
        User = get_user_model()
        liaisons = {}
        for email, name, agency_name in LIAISONS:
            user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            AgencyMembership.objects.get_or_create(
                user=user,
                agency=agencies[agency_name],
                defaults={
                    "status": AgencyMembership.Status.APPROVED,
                    "decided_by": admin,
                    "decided_at": timezone.now(),
                },
            )
            liaisons[agency_name] = user
        return liaisons

    def _visits(self, events, agencies, liaisons):
        """The demo visit requests, some answered by the agency's liaison. How many are new."""
        made = 0
        for title, agency_name, kind, window, note, status, scheduled, unit, reason in VISITS:
            event = events[title]
            answered = status != VisitRequest.Status.REQUESTED
            _visit, created = VisitRequest.objects.get_or_create(
                event=event,
                agency=agencies[agency_name],
                defaults={
                    "kind": kind,
                    "preferred_start": local_time(event, window[0]) if window else None,
                    "preferred_end": local_time(event, window[1]) if window else None,
                    "note": note,
                    "requested_by": event.organizer,
                    "status": status,
                    "answered_by": liaisons.get(agency_name) if answered else None,
                    "answered_at": timezone.now() if answered else None,
                    "scheduled_start": local_time(event, scheduled[0]) if scheduled else None,
                    "scheduled_end": local_time(event, scheduled[1]) if scheduled else None,
                    "unit": unit,
                    "decline_reason": reason,
                },
            )
            made += created
        return made


def local_time(event, hour_minute):
    """(hour, minute) on `event`'s evening, in its time zone."""
    return datetime.datetime.combine(
        event.local_start.date(), datetime.time(*hour_minute), event.tz
    )

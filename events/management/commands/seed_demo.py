"""Demo accounts and events for `make run`. Safe to run again: nothing is duplicated."""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from events import zips
from events.models import Activity, Community, Event
from events.national_night import next_national_night

DEMO_PASSWORD = "nightout-demo"  # noqa: S105 (printed for the demo, never used in production)

ORGANIZERS = [
    ("organizer@example.com", "Olivia Organizer", "555-0100"),
    ("maria@example.com", "María García", "555-0101"),
]

# (organizer index, title, address, city, ZIP, start hour, end hour, activities, adults, kids,
#  public, status, days after the national night)
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
        "submitted",
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
        "submitted",
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
        "submitted",
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


class Command(BaseCommand):
    help = "Create demo accounts and realistic events (safe to run twice)."

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
            tz = ZoneInfo(info.time_zone)
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

        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({made} new events)."))
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for email, name, _phone in ORGANIZERS:
            self.stdout.write(f"  organizer       {email:<26} {name}")
        self.stdout.write(
            "  national admin  admin@example.com          Nadia National (admin site)"
        )

"""National-scale synthetic data, for the dashboard and the benchmark (`bench/run.py`).

    python manage.py seed_national --events 100000 --years 5 --seed 1

How the data is made (all of it deterministic for a given --seed and day):

- Places are the residential ZIP codes of the offline `zipcodes` data (type STANDARD,
  active, with a valid time zone, in one of nno's states and territories). Each event
  picks a ZIP uniformly, so a community (a city name in a state) is chosen in proportion
  to its number of ZIP codes: the data has no population, and the ZIP count is our
  measure of size (Houston has 97, most towns have 1).
- Community.population is a synthetic estimate from that count:
  4,000 × zips^1.4 × a stable factor between 0.5 and 1.5 taken from the name, rounded to
  the hundred (one ZIP: 2,000-6,000; 10 ZIPs: about 100,000; Houston: about 2.4 million).
  About one community in five (one in two from 100,000 people) reviews its events.
- The years are the last --years years up to the year of the next national night (this
  year until it has passed, then the next), slightly growing. Three events in
  four fall on their state's national night (Texas in October), one in ten elsewhere in
  the same month, the rest anywhere in the year; they start between 5 and 7 pm local
  time and last 2 to 4 hours (stored in UTC, `date` the local date).
- Statuses: mostly approved; some drafts and cancellations; submitted and returned events
  only in communities that review. About half of the past approved events have a report.
- Agencies: a police and a fire department for each community with 2 ZIP codes or more,
  a sheriff for each county, a state police for each state, a Salvation Army corps from
  8 ZIP codes, the mayor's office from 20; each with its area and one liaison. About 45%
  of the submitted or approved events ask one to three of the agencies serving them;
  accepted visits are scheduled inside the event (within the agency's capacity for the
  evening, counted in this run), most past ones marked made.
- Users: organizer{n}@seed.example (a pool of about one per three events, reused by
  later runs) and liaison{n}@seed.example, all with an unusable password.

Running it again adds events; communities, agencies and users that already exist are
reused (found by name and state, name and place, e-mail). Status changes are recorded
only for the events waiting for review; `created_at` is the time of the run. Rows go in
with `bulk_create`, in batches of --batch-size, one transaction per batch.
"""

import argparse
import datetime
import gc
import random
import time
import zlib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from itertools import accumulate
from zoneinfo import available_timezones

import zipcodes
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter
from django.db import transaction
from django.utils import timezone

from events import participation
from events.models import (
    Activity,
    Agency,
    AgencyArea,
    AgencyMembership,
    Community,
    Event,
    EventReport,
    EventStatusChange,
    VisitRequest,
)
from events.models.event import MAX_ATTENDANCE
from events.national_night import national_night, next_national_night
from events.states import State
from events.timezones import zone

UTC = datetime.UTC
Status = Event.Status
VisitStatus = VisitRequest.Status
Kind = Agency.Kind

# Sizes (in ZIP codes) from which a community has each kind of agency.
POLICE_FROM_ZIPS = 2
SALVATION_ARMY_FROM_ZIPS = 8
MAYOR_FROM_ZIPS = 20
# Share of communities that review events, below and from 100,000 people (percent).
REVIEW_PERCENT = (20, 50)

FIRST_NAMES = [
    "Olivia", "Liam", "Emma", "Noah", "Ava", "Mateo", "Sofia", "Elijah", "Mia", "James",
    "Amara", "Lucas", "Isabella", "Mohammed", "Chloe", "Wei", "Grace", "Diego", "Hannah",
    "Kwame", "Priya", "Jack", "Lucía", "Omar", "Nora", "Ethan", "Aisha", "Samuel", "Leah",
    "Hiro", "Zoe", "Daniel", "Maya", "Carlos", "Ruth", "Andre", "Julia", "Tomás", "Ivy",
    "Marcus",
]  # fmt: skip
LAST_NAMES = [
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
    "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson",
    "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White",
    "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Nguyen", "Kim", "Patel",
    "Okafor", "Cohen", "Novak", "Silva", "Yamamoto", "O'Brien", "Begay",
]  # fmt: skip
STREETS = [
    "Maple", "Oak", "Pine", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park", "Main",
    "Lincoln", "Jefferson", "Sunset", "Willow", "Church", "Highland", "Meadow", "River",
    "Forest", "Spring", "Chestnut", "Walnut", "Magnolia", "Dogwood", "Hickory", "Jackson",
    "Franklin", "Madison", "Cherry", "Birch", "Ridge", "Valley", "Orchard", "Mill",
    "Prospect", "Grove", "Lakeview", "Hillcrest", "Bayview", "Cesar Chavez",
]  # fmt: skip
STREET_TYPES = ["Street", "Avenue", "Road", "Drive", "Lane", "Court", "Way", "Boulevard"]
GATHERINGS = [
    "Block Party", "Cookout", "Night Out", "Ice Cream Social", "Potluck", "Picnic",
    "Neighborhood Walk", "Open House", "Movie Night", "Fall Festival", "Barbecue",
    "Kids' Carnival",
]  # fmt: skip
DESCRIPTIONS = [
    "Bring a chair and a dish to share.",
    "Meet your neighbors and the officers who serve our streets.",
    "Games for the kids, music, and plenty of food.",
    "Our yearly get-together: the street is closed to traffic from 5 pm.",
    "Lights on, doors open: come say hello.",
]
HIGHLIGHTS = [
    "The kids loved the fire truck.",
    "We met three new families on the block.",
    "Great turnout despite the heat.",
    "The K9 demonstration was the hit of the night.",
    "We started a neighborhood group chat.",
]
UNITS = {
    Kind.LOCAL_POLICE: ["Patrol unit", "K9 unit", "Community officers", "Bike patrol"],
    Kind.SHERIFF: ["Deputy on patrol", "Mounted unit", "K9 unit"],
    Kind.STATE_POLICE: ["Trooper", "Safety education team"],
    Kind.FIRE: ["Engine 1", "Engine 3", "Ladder 7", "Rescue 2"],
    Kind.SALVATION_ARMY: ["Canteen truck", "Corps volunteers"],
    Kind.ELECTED: ["Council member", "The mayor"],
}
DECLINE_REASONS = [
    "All our units are booked that evening.",
    "Too far from our coverage area that night.",
    "Staffing is short that week; sorry.",
]
# How often an event asks for each kind of agency serving it (relative weights).
ASK_WEIGHTS = {
    Kind.LOCAL_POLICE: 6,
    Kind.FIRE: 4,
    Kind.SHERIFF: 2,
    Kind.STATE_POLICE: 0.15,
    Kind.SALVATION_ARMY: 1,
    Kind.ELECTED: 1,
}
# Local start times (hour, minute) and lengths in minutes.
STARTS = [(17, 0), (17, 30), (18, 0), (18, 0), (18, 0), (18, 30), (19, 0)]
LENGTHS = [120, 150, 180, 180, 180, 210, 240]


@dataclass(frozen=True)
class Place:
    zip_code: str
    city: str
    state: str
    county: str
    time_zone: str
    latitude: float
    longitude: float


@dataclass
class Town:
    """A community as the ZIP data sees it: its name, state and ZIP codes."""

    name: str
    state: str
    places: list

    @property
    def size(self) -> int:
        return len(self.places)

    @property
    def hq(self) -> Place:
        return self.places[0]


def stable_hash(*parts) -> int:
    """The same number for the same strings in every process (unlike hash())."""
    return zlib.crc32("|".join(parts).encode())


def estimated_population(name: str, state: str, zip_count: int) -> int:
    factor = 0.5 + stable_hash(name, state) % 1000 / 1000
    return max(100, round(4000 * zip_count**1.4 * factor, -2))


def approval_for(name: str, state: str, population: int) -> str:
    percent = REVIEW_PERCENT[population >= 100_000]
    reviews = (stable_hash(name, state) >> 10) % 100 < percent
    return Community.Approval.REVIEW if reviews else Community.Approval.AUTOMATIC


@cache
def load_places() -> list[Place]:
    """Residential ZIP codes of nno's states and territories, in ZIP order."""
    zones = available_timezones()
    states = set(State.values)
    return [
        Place(
            zip_code=row["zip_code"],
            city=row["city"],
            state=row["state"],
            county=row["county"],
            time_zone=row["timezone"],
            latitude=float(row["lat"]),
            longitude=float(row["long"]),
        )
        for row in sorted(zipcodes.list_all(), key=lambda row: row["zip_code"])
        if row["zip_code_type"] == "STANDARD"
        and row["active"]
        and row["state"] in states
        and row["timezone"] in zones
    ]


@cache
def load_towns() -> dict[tuple[str, str], Town]:
    towns = {}
    for place in load_places():
        key = (place.city, place.state)
        towns.setdefault(key, Town(place.city, place.state, [])).places.append(place)
    return towns


def biggest(towns):
    """The town with the most ZIP codes (ties: by name), where a county's or state's
    agency has its headquarters."""
    return min(towns, key=lambda town: (-town.size, town.name))


@dataclass(frozen=True)
class AgencyPlan:
    name: str
    kind: str
    town: Town
    area: tuple  # (kind, community key or county or "")
    capacity: int | None


def agencies_for(town: Town, county_seat: Town, state_hq: Town) -> list[AgencyPlan]:
    """The agencies that serve events in `town`."""
    place = town.hq
    key = (town.name, town.state)
    plans = []
    if town.size >= POLICE_FROM_ZIPS:
        plans += [
            AgencyPlan(
                f"{town.name} Police Department",
                Kind.LOCAL_POLICE,
                town,
                ("community", key),
                2 + town.size,
            ),
            AgencyPlan(
                f"{town.name} Fire Department",
                Kind.FIRE,
                town,
                ("community", key),
                1 + town.size // 2,
            ),
        ]
    if town.size >= SALVATION_ARMY_FROM_ZIPS:
        plans.append(
            AgencyPlan(
                f"The Salvation Army {town.name} Corps",
                Kind.SALVATION_ARMY,
                town,
                ("community", key),
                3,
            )
        )
    if town.size >= MAYOR_FROM_ZIPS:
        plans.append(
            AgencyPlan(
                f"Office of the Mayor of {town.name}", Kind.ELECTED, town, ("community", key), 3
            )
        )
    if place.county:
        plans.append(
            AgencyPlan(
                f"{place.county} Sheriff's Office",
                Kind.SHERIFF,
                county_seat,
                ("county", place.county),
                4,
            )
        )
    plans.append(
        AgencyPlan(
            f"{State(town.state).label} State Police",
            Kind.STATE_POLICE,
            state_hq,
            ("state", ""),
            12,
        )
    )
    return plans


def decimal6(value: float) -> Decimal:
    return Decimal(f"{value:.6f}")


class Progress:
    """A one-line text progress bar (rewritten in place on a terminal)."""

    WIDTH = 30

    def __init__(self, out, label, total, enabled=True):
        self.out, self.label, self.total, self.enabled = out, label, total, enabled
        self.started = time.perf_counter()
        self.tty = enabled and out.isatty()

    def update(self, done):
        if not self.enabled:
            return
        filled = self.WIDTH * done // max(self.total, 1)
        line = (
            f"{self.label:<12} [{'#' * filled}{'.' * (self.WIDTH - filled)}] "
            f"{done:>9,}/{self.total:,}  {time.perf_counter() - self.started:6.1f} s"
        )
        if self.tty:
            self.out.write("\r" + line, ending="")
            self.out.flush()
            if done >= self.total:
                self.out.write("")
        else:
            self.out.write(line)


class RawDescriptionFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Shows the module docstring as written in --help."""


class Command(BaseCommand):
    help = __doc__

    def create_parser(self, *args, **kwargs):
        parser = super().create_parser(*args, **kwargs)
        parser.formatter_class = RawDescriptionFormatter
        return parser

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, default=1000, help="How many events to add.")
        parser.add_argument(
            "--years",
            type=int,
            default=3,
            help="Spread over this many years, up to that of the next national night.",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed (same seed, same data)."
        )
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args, events, years, seed, batch_size, verbosity, **options):
        if events < 1 or years < 1 or batch_size < 1:
            raise CommandError("--events, --years and --batch-size must be positive.")
        # Python's cycle collector would rescan the ZIP table and every batch's objects
        # over and over (40% of the run time); the run makes little cyclic garbage, so
        # it is collected once per batch instead.
        gc.disable()
        try:
            self.seed(events, years, seed, batch_size, verbosity)
        finally:
            gc.enable()

    def seed(self, events, years, seed, batch_size, verbosity):
        started = time.perf_counter()
        self.verbose = verbosity > 0
        self.batch_size = batch_size
        self.rng = random.Random(seed)
        # A fixed "now" for the whole day, so that one seed gives the same data all day.
        self.now = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
        # Up to the year of the next national night: once this year's night has passed,
        # organizers register for next year's, and that is what the public searches.
        last_year = next_national_night(self.now.date()).year
        self.years = list(range(last_year - years + 1, last_year + 1))
        self.year_weights = list(accumulate(1 + 0.08 * index for index in range(years)))
        self.password = make_password(None)  # unusable; one value is enough for all

        towns = load_towns()
        all_places = load_places()
        places = self.rng.choices(all_places, k=events)
        used = {(place.city, place.state): towns[(place.city, place.state)] for place in places}

        self.communities = self.ensure_communities(used.values())
        self.agencies = self.ensure_agencies(towns, used.values())
        self.organizers = self.ensure_organizers(max(1, events // 3))
        self.activities = list(
            Activity.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True)
        )
        self.booked = {}  # (agency pk, date) -> accepted visits this run

        totals = {"events": 0, "reports": 0, "visits": 0}
        progress = Progress(self.stdout, "events", events, self.verbose)
        for start in range(0, events, batch_size):
            with transaction.atomic():
                counts = self.create_batch(places[start : start + batch_size])
            for key, value in counts.items():
                totals[key] += value
            gc.collect()
            progress.update(totals["events"])
        # Bulk inserts bypass the catch-up's window on purpose: count everything anew.
        summary_started = time.perf_counter()
        participation.rebuild(quiet=True)
        if self.verbose:
            self.stdout.write(
                f"Dashboard summary rebuilt in {time.perf_counter() - summary_started:.1f} s."
            )
        if self.verbose:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Added {totals['events']:,} events, {totals['reports']:,} reports and "
                    f"{totals['visits']:,} visit requests in {time.perf_counter() - started:.1f} s "
                    f"({self.years[0]}–{self.years[-1]}, seed {seed})."
                )
            )

    # Communities, agencies, users: found if they exist, created in bulk if not.

    def ensure_communities(self, towns) -> dict:
        """{(name, state): (pk, approval)} of all communities, creating `towns` if missing."""
        existing = self.community_pks()
        missing = []
        for town in towns:
            if (town.name, town.state) in existing:
                continue
            population = estimated_population(town.name, town.state, town.size)
            missing.append(
                Community(
                    name=town.name,
                    state=town.state,
                    county=town.hq.county,
                    population=population,
                    approval=approval_for(town.name, town.state, population),
                )
            )
        self.bulk(Community, missing, "communities")
        return self.community_pks() if missing else existing

    def community_pks(self):
        return {
            (name, state): (pk, approval)
            for pk, name, state, approval in Community.objects.values_list(
                "pk", "name", "state", "approval"
            )
        }

    def ensure_agencies(self, towns, used) -> dict:
        """{(town name, state): [(agency pk, kind, liaison pk, capacity), ...]}: the
        agencies serving each used town, created (with area and liaison) if missing."""
        counties, states = {}, {}
        for town in towns.values():
            counties.setdefault((town.state, town.hq.county), []).append(town)
            states.setdefault(town.state, []).append(town)
        county_seats = {key: biggest(members) for key, members in counties.items()}
        state_hqs = {key: biggest(members) for key, members in states.items()}
        plans = {}
        for town in used:
            plans[(town.name, town.state)] = agencies_for(
                town, county_seats[(town.state, town.hq.county)], state_hqs[town.state]
            )
        wanted = {}
        for town_plans in plans.values():
            for plan in town_plans:
                wanted.setdefault((plan.name, plan.town.name, plan.town.state), plan)

        existing = self.agency_pks()
        new = [plan for key, plan in wanted.items() if key not in existing]
        self.bulk(
            Agency,
            [
                Agency(
                    name=plan.name,
                    kind=plan.kind,
                    city=plan.town.name,
                    state=plan.town.state,
                    zip_code=plan.town.hq.zip_code,
                    latitude=decimal6(plan.town.hq.latitude),
                    longitude=decimal6(plan.town.hq.longitude),
                    time_zone=plan.town.hq.time_zone,
                    capacity=plan.capacity,
                    is_verified=True,
                )
                for plan in new
            ],
            "agencies",
        )
        if new:
            existing = self.agency_pks()
            self.create_areas_and_liaisons(new, existing)
        liaisons = dict(
            AgencyMembership.objects.filter(
                status=AgencyMembership.Status.APPROVED, user__email__endswith="@seed.example"
            )
            .order_by("pk")
            .values_list("agency_id", "user_id")
        )
        return {
            town: [
                (pk, plan.kind, liaisons.get(pk), plan.capacity)
                for plan in town_plans
                for pk in [existing[(plan.name, plan.town.name, plan.town.state)]]
            ]
            for town, town_plans in plans.items()
        }

    def agency_pks(self):
        return {
            (name, city, state): pk
            for pk, name, city, state in Agency.objects.values_list("pk", "name", "city", "state")
        }

    def create_areas_and_liaisons(self, new, agency_pks):
        areas = []
        for plan in new:
            pk = agency_pks[(plan.name, plan.town.name, plan.town.state)]
            kind, where = plan.area
            if kind == "community":
                areas.append(
                    AgencyArea(
                        agency_id=pk,
                        kind=kind,
                        state=where[1],
                        community_id=self.communities[where][0],
                    )
                )
            else:
                areas.append(
                    AgencyArea(agency_id=pk, kind=kind, state=plan.town.state, county=where)
                )
        self.bulk(AgencyArea, areas, "areas")

        User = get_user_model()
        first = self.last_seed_number("liaison") + 1
        emails = [f"liaison{first + index}@seed.example" for index in range(len(new))]
        self.bulk(
            User,
            [
                User(email=email, full_name=self.person(first + index), password=self.password)
                for index, email in enumerate(emails)
            ],
            "liaisons",
        )
        user_pks = dict(User.objects.filter(email__in=emails).values_list("email", "pk"))
        self.bulk(
            AgencyMembership,
            [
                AgencyMembership(
                    user_id=user_pks[email],
                    agency_id=agency_pks[(plan.name, plan.town.name, plan.town.state)],
                    status=AgencyMembership.Status.APPROVED,
                    decided_at=self.now,
                    notify=AgencyMembership.Notify.DAILY,
                )
                for plan, email in zip(new, emails, strict=True)
            ],
            "memberships",
        )

    def last_seed_number(self, prefix) -> int:
        emails = (
            get_user_model()
            .objects.filter(email__startswith=prefix, email__endswith="@seed.example")
            .values_list("email", flat=True)
        )
        numbers = [email[len(prefix) : -len("@seed.example")] for email in emails]
        return max((int(number) for number in numbers if number.isdigit()), default=0)

    def ensure_organizers(self, count) -> list:
        """The pks of organizer1…organizer{count}@seed.example, created if missing."""
        User = get_user_model()
        emails = [f"organizer{n}@seed.example" for n in range(1, count + 1)]
        existing = dict(
            User.objects.filter(
                email__startswith="organizer", email__endswith="@seed.example"
            ).values_list("email", "pk")
        )
        self.bulk(
            User,
            [
                User(email=email, full_name=self.person(n), password=self.password)
                for n, email in enumerate(emails, start=1)
                if email not in existing
            ],
            "organizers",
        )
        existing = dict(
            User.objects.filter(
                email__startswith="organizer", email__endswith="@seed.example"
            ).values_list("email", "pk")
        )
        return [existing[email] for email in emails]

    def person(self, n) -> str:
        first = FIRST_NAMES[n % len(FIRST_NAMES)]
        return f"{first} {LAST_NAMES[n // len(FIRST_NAMES) % len(LAST_NAMES)]}"

    def bulk(self, model, objects, label):
        progress = Progress(self.stdout, label, len(objects), self.verbose and bool(objects))
        for start in range(0, len(objects), self.batch_size):
            with transaction.atomic():
                model.objects.bulk_create(objects[start : start + self.batch_size])
            progress.update(min(start + self.batch_size, len(objects)))

    # Events and what hangs on them.

    def create_batch(self, places) -> dict:
        events = [self.make_event(place) for place in places]
        Event.objects.bulk_create(events)
        activities, reports, visits = [], [], []
        Through = Event.activities.through
        for event in events:
            for activity in self.pick_activities():
                activities.append(Through(event_id=event.pk, activity_id=activity))
            if report := self.make_report(event):
                reports.append(report)
            visits += self.make_visits(event)
        Through.objects.bulk_create(activities)
        EventReport.objects.bulk_create(reports)
        VisitRequest.objects.bulk_create(visits)
        # The review queue orders events by when they were submitted.
        EventStatusChange.objects.bulk_create(
            EventStatusChange(
                event_id=event.pk,
                from_status=Status.DRAFT,
                to_status=Status.SUBMITTED,
                by_id=event.organizer_id,
            )
            for event in events
            if event.status == Status.SUBMITTED
        )
        return {"events": len(events), "reports": len(reports), "visits": len(visits)}

    def pick_day(self, state) -> datetime.date:
        rng = self.rng
        year = rng.choices(self.years, cum_weights=self.year_weights)[0]
        night = national_night(year, state)
        draw = rng.random()
        if draw < 0.75:
            return night
        if draw < 0.85:  # another evening of the same month
            return night.replace(day=rng.randint(1, 28))
        return datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))

    def pick_status(self, is_past, reviews) -> str:
        draw = self.rng.random()
        # Cumulative shares: (draft, cancelled, submitted, changes requested); the rest approved.
        if is_past:
            shares = (0.04, 0.09, 0.11, 0.12) if reviews else (0.04, 0.09, 0.09, 0.09)
        else:
            shares = (0.10, 0.13, 0.28, 0.30) if reviews else (0.10, 0.13, 0.13, 0.13)
        for status, share in zip(
            [Status.DRAFT, Status.CANCELLED, Status.SUBMITTED, Status.CHANGES_REQUESTED],
            shares,
            strict=True,
        ):
            if draw < share:
                return status
        return Status.APPROVED

    def make_event(self, place: Place) -> Event:
        rng = self.rng
        community_pk, approval = self.communities[(place.city, place.state)]
        day = self.pick_day(place.state)
        hour, minute = rng.choice(STARTS)
        tz = zone(place.time_zone)
        starts_at = datetime.datetime(
            day.year, day.month, day.day, hour, minute, tzinfo=tz
        ).astimezone(UTC)
        ends_at = starts_at + datetime.timedelta(minutes=rng.choice(LENGTHS))
        is_past = ends_at <= self.now
        status = self.pick_status(is_past, approval == Community.Approval.REVIEW)
        street = f"{rng.choice(STREETS)} {rng.choice(STREET_TYPES)}"
        adults = min(5 + int(rng.lognormvariate(3.5, 0.8)), 3000)
        event = Event(
            organizer_id=self.organizers[rng.randrange(len(self.organizers))],
            community_id=community_pk,
            title=f"{street} {rng.choice(GATHERINGS)}",
            description=rng.choice(DESCRIPTIONS) if rng.random() < 0.4 else "",
            venue_name=f"{street.split()[0]} Park" if rng.random() < 0.25 else "",
            address=f"{rng.randint(1, 9999)} {street}",
            city=place.city,
            state=place.state,
            zip_code=place.zip_code,
            county=place.county,
            latitude=decimal6(place.latitude + rng.uniform(-0.02, 0.02)),
            longitude=decimal6(place.longitude + rng.uniform(-0.02, 0.02)),
            time_zone=place.time_zone,
            starts_at=starts_at,
            ends_at=ends_at,
            date=day,
            expected_adults=adults,
            expected_children=int(adults * rng.uniform(0.2, 0.9)),
            is_public=rng.random() < 0.9,
            status=status,
        )
        if status == Status.CANCELLED:
            event.cancelled_at = min(
                starts_at - datetime.timedelta(days=rng.randint(1, 30)), self.now
            )
        if is_past and status == Status.APPROVED:
            event.report_requested_at = min(ends_at + datetime.timedelta(hours=14), self.now)
        return event

    def pick_activities(self):
        count = min(self.rng.choice([0, 1, 1, 1, 2, 3]), len(self.activities))
        return self.rng.sample(self.activities, count)

    def make_report(self, event) -> EventReport | None:
        if event.report_requested_at is None or self.rng.random() >= 0.55:
            return None
        rng = self.rng
        return EventReport(
            event_id=event.pk,
            actual_adults=min(round(event.expected_adults * rng.uniform(0.5, 1.4)), MAX_ATTENDANCE),
            actual_children=min(
                round(event.expected_children * rng.uniform(0.5, 1.4)), MAX_ATTENDANCE
            ),
            highlights=rng.choice(HIGHLIGHTS) if rng.random() < 0.5 else "",
        )

    def make_visits(self, event) -> list:
        rng = self.rng
        if event.status == Status.DRAFT or rng.random() >= 0.45:
            return []
        candidates = list(self.agencies[(event.city, event.state)])
        weights = [ASK_WEIGHTS[kind] for _pk, kind, _liaison, _capacity in candidates]
        wanted = min(rng.choice([1, 1, 1, 1, 2, 2, 3]), len(candidates))
        visits = []
        for _ in range(wanted):
            index = rng.choices(range(len(candidates)), weights=weights)[0]
            agency = candidates.pop(index)
            weights.pop(index)
            visits.append(self.make_visit(event, *agency))
        return visits

    def make_visit(self, event, agency_pk, kind, liaison_pk, capacity) -> VisitRequest:
        rng = self.rng
        participation = kind in (Kind.SALVATION_ARMY, Kind.ELECTED) and rng.random() < 0.5
        visit = VisitRequest(
            event_id=event.pk,
            agency_id=agency_pk,
            kind=VisitRequest.Kind.PARTICIPATION if participation else VisitRequest.Kind.VISIT,
            requested_by_id=event.organizer_id,
        )
        length = int((event.ends_at - event.starts_at).total_seconds() // 60)
        if rng.random() < 0.5:
            visit.preferred_start = event.starts_at + datetime.timedelta(
                minutes=30 * rng.randint(0, 2)
            )
            visit.preferred_end = visit.preferred_start + datetime.timedelta(hours=1)

        status = self.pick_visit_status(event)
        key = (agency_pk, event.date)
        if status == VisitStatus.ACCEPTED and capacity and self.booked.get(key, 0) >= capacity:
            status = VisitStatus.DECLINED
        visit.status = status
        if status in (VisitStatus.ACCEPTED, VisitStatus.DECLINED):
            visit.answered_by_id = liaison_pk
            visit.answered_at = min(
                event.starts_at - datetime.timedelta(days=rng.randint(1, 20)), self.now
            )
        if status == VisitStatus.DECLINED:
            visit.decline_reason = rng.choice(DECLINE_REASONS)
        if status == VisitStatus.ACCEPTED:
            self.booked[key] = self.booked.get(key, 0) + 1
            if participation:
                visit.scheduled_start, visit.scheduled_end = event.starts_at, event.ends_at
            else:
                minutes = rng.choice([15, 20, 30, 45])
                offset = 15 * rng.randint(0, (length - minutes) // 15)
                visit.scheduled_start = event.starts_at + datetime.timedelta(minutes=offset)
                visit.scheduled_end = visit.scheduled_start + datetime.timedelta(minutes=minutes)
            visit.unit = rng.choice(UNITS[kind])
            if event.ends_at <= self.now and rng.random() < 0.8:
                visit.made_at = visit.scheduled_end
                visit.made_by_id = liaison_pk
        return visit

    def pick_visit_status(self, event) -> str:
        if event.status == Status.CANCELLED:
            return VisitStatus.CANCELLED
        draw = self.rng.random()
        if event.status != Status.APPROVED:  # still waiting for the community's review
            return VisitStatus.REQUESTED if draw < 0.8 else VisitStatus.WITHDRAWN
        is_past = event.ends_at <= self.now
        accepted, declined, withdrawn = (0.65, 0.8, 0.85) if is_past else (0.35, 0.45, 0.5)
        if draw < accepted:
            return VisitStatus.ACCEPTED
        if draw < declined:
            return VisitStatus.DECLINED
        if draw < withdrawn:
            return VisitStatus.WITHDRAWN
        return VisitStatus.REQUESTED

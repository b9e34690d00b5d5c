"""A small nation whose dashboard figures were added up by hand (see test_dashboard_figures.py).

Years 2023, 2024 and 2025 in Illinois, Texas and Massachusetts. National nights: 2025-08-05
(Texas 2025-10-07), 2024-08-06 (Texas 2024-10-01), 2023-08-01.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from events import participation, zips
from events.models import Agency, Community, Event, EventReport, VisitRequest
from tests.conftest import make_agency, make_event, make_visit

YEAR = 2025
BEFORE = 2024

# Populations chosen on the categories' edges; Chicago's is not known.
POPULATIONS = {
    ("Springfield", "IL"): 100_000,
    ("Peoria", "IL"): 110_000,
    ("Austin", "TX"): 300_000,
    ("Marfa", "TX"): 14_999,
    ("Cambridge", "MA"): 15_000,
    ("Salem", "MA"): 99_999,
}

SPRINGFIELD, CHICAGO, PEORIA = "62701", "60601", "61602"
AUSTIN, MARFA = "78701", "79843"
CAMBRIDGE, SALEM = "02138", "01970"

# Every event gets its own title and address, so a page can be searched for them.
TITLES = []
ADDRESSES = []


def day(text):
    return datetime.date.fromisoformat(text)


def event(organizer, zip_code, date, adults, children, status=Event.Status.APPROVED, **fields):
    number = len(TITLES) + 1
    title, address = f"Block party number {number}", f"{100 + number} Elm Street"
    TITLES.append(title)
    ADDRESSES.append(address)
    if status == Event.Status.CANCELLED:
        fields["cancelled_at"] = timezone.now()
    if date is not None:
        fields["date"] = day(date)
    return make_event(
        organizer,
        zip_code=zip_code,
        status=status,
        expected_adults=adults,
        expected_children=children,
        title=title,
        address=address,
        **fields,
    )


def report(event, adults, children):
    return EventReport.objects.create(event=event, actual_adults=adults, actual_children=children)


def accepted(event, agency, *, made=False, kind=VisitRequest.Kind.VISIT):
    start = event.starts_at + datetime.timedelta(hours=1)
    return make_visit(
        event,
        agency,
        kind=kind,
        status=VisitRequest.Status.ACCEPTED,
        scheduled_start=start,
        scheduled_end=start + datetime.timedelta(minutes=30),
        made_at=event.ends_at if made else None,
    )


def build_nation(organizer, other_organizer):
    """Every event, report and visit request below is counted (or not) in the tests."""
    TITLES.clear()
    ADDRESSES.clear()
    o, p = organizer, other_organizer
    e = {}
    # 2025, counted: 8 approved events.
    e[1] = event(o, SPRINGFIELD, "2025-08-05", 40, 20)  # national night
    e[3] = event(p, CHICAGO, "2025-06-14", 100, 50)  # another date
    e[13] = event(o, PEORIA, "2025-08-05", 10, 5)  # national night
    e[6] = event(p, AUSTIN, "2025-10-07", 200, 100)  # Texas's national night
    e[7] = event(o, AUSTIN, "2025-08-05", 20, 10)  # August: another date in Texas
    e[8] = event(p, MARFA, "2025-10-07", 7, 3)  # Texas's national night
    e[10] = event(o, SALEM, "2025-10-07", 25, 25)  # October: another date outside Texas
    e[11] = event(p, CAMBRIDGE, "2025-08-05", 30, 0)  # national night
    # 2025, not counted: not approved.
    e[4] = event(o, SPRINGFIELD, "2025-08-05", 1000, 0, Event.Status.DRAFT)
    e[5] = event(p, CHICAGO, "2025-08-05", 500, 0, Event.Status.CANCELLED)
    e[9] = event(o, AUSTIN, "2025-10-07", 999, 0, Event.Status.SUBMITTED)
    e[12] = event(p, SALEM, "2025-08-05", 77, 0, Event.Status.CHANGES_REQUESTED)
    # 2024: 4 approved events.
    chicago_time = ZoneInfo("America/Chicago")
    e["p1"] = event(o, SPRINGFIELD, "2024-08-06", 50, 10)  # national night
    e["p2"] = event(p, AUSTIN, "2024-10-01", 80, 20)  # Texas's national night
    e["p3"] = event(o, AUSTIN, "2024-08-06", 10, 10)  # another date in Texas
    # 8 pm on New Year's Eve in Springfield is already 2025 in UTC: the local date counts.
    e["p4"] = event(
        o,
        SPRINGFIELD,
        None,
        3,
        2,
        starts_at=datetime.datetime(2024, 12, 31, 20, tzinfo=chicago_time),
        ends_at=datetime.datetime(2024, 12, 31, 23, tzinfo=chicago_time),
    )
    e["p5"] = event(o, SPRINGFIELD, "2024-08-06", 300, 0, Event.Status.DRAFT)
    # 2023: 1 approved event.
    e["q1"] = event(p, CHICAGO, "2023-08-01", 40, 20)  # national night

    for (name, state), population in POPULATIONS.items():
        Community.objects.filter(name=name, state=state).update(population=population)

    report(e[1], 30, 25)  # 55
    report(e[3], 80, 40)  # 120
    report(e[6], 150, 50)  # 200
    report(e[8], 0, 0)  # 0, but it reported
    report(e[11], 20, 5)  # 25
    report(e["p1"], 40, 10)  # 50
    report(e["p3"], 5, 5)  # 10

    springfield_pd = make_agency("Springfield City Police", zip_code=SPRINGFIELD)
    chicago_pd = make_agency("Chicago City Police", zip_code=CHICAGO)
    austin_fd = make_agency("Austin Fire Department", zip_code=AUSTIN, kind=Agency.Kind.FIRE)
    sheriff = make_agency("Travis County Sheriff", zip_code=AUSTIN, kind=Agency.Kind.SHERIFF)
    army = make_agency("The Salvation Army", zip_code=AUSTIN, kind=Agency.Kind.SALVATION_ARMY)
    status = VisitRequest.Status
    # 2025
    accepted(e[1], springfield_pd, made=True)  # police
    accepted(e[13], springfield_pd)  # police
    make_visit(e[3], chicago_pd, status=status.WITHDRAWN)  # police, not requested any more
    make_visit(e[3], springfield_pd, status=status.DECLINED)  # police
    accepted(e[1], chicago_pd, kind=VisitRequest.Kind.PARTICIPATION)  # police
    accepted(e[6], austin_fd, made=True)  # fire
    make_visit(e[6], sheriff)  # sheriff, waiting
    accepted(e[7], austin_fd)  # fire
    accepted(e[8], sheriff, made=True)  # sheriff
    accepted(e[9], austin_fd, made=True)  # on an event waiting for review: not counted
    make_visit(e[5], springfield_pd, status=status.CANCELLED)  # on a cancelled event
    # 2024
    accepted(e["p1"], springfield_pd, made=True)  # police
    make_visit(e["p2"], austin_fd, status=status.DECLINED)  # fire
    make_visit(e["p3"], austin_fd, status=status.WITHDRAWN)  # fire, not requested any more
    accepted(e["p2"], army, kind=VisitRequest.Kind.PARTICIPATION)  # Salvation Army
    # The dashboard reads the summary tables: bring them up to date, as its views do.
    participation.catch_up()
    return e


def add_events(organizer, count):
    """`count` approved events in 2025, more than half of them in Springfield, IL (the
    community of the first); a third reported, a quarter visited. Made in bulk."""
    first = event(organizer, SPRINGFIELD, "2025-08-05", 40, 20)
    report(first, 30, 20)
    police = make_agency("Springfield City Police", zip_code=SPRINGFIELD)
    accepted(first, police, made=True)
    places = [CHICAGO, AUSTIN, MARFA, CAMBRIDGE, SALEM]
    communities = {
        zip_code: Community.objects.for_place(name=info.city, state=info.state)
        for zip_code, info in ((z, zips.lookup(z)) for z in places)
    }
    nights = [first.date, day("2025-10-07"), day("2025-06-14")]
    events = []
    for number in range(count - 1):
        copy = Event(
            **{
                field.attname: getattr(first, field.attname)
                for field in Event._meta.concrete_fields
                if not field.primary_key
            }
        )
        if number % 2:
            info = zips.lookup(places[number % len(places)])
            copy.community = communities[info.zip_code]
            copy.city, copy.state, copy.zip_code, copy.county = (
                info.city,
                info.state,
                info.zip_code,
                info.county,
            )
        copy.date = nights[number % len(nights)]
        offset = copy.date - first.date
        copy.starts_at, copy.ends_at = first.starts_at + offset, first.ends_at + offset
        copy.title, copy.address = f"Party {number}", f"{number} Oak Street"
        events.append(copy)
    events = Event.objects.bulk_create(events)
    EventReport.objects.bulk_create(
        EventReport(event=copy, actual_adults=10, actual_children=5) for copy in events[::3]
    )
    VisitRequest.objects.bulk_create(
        VisitRequest(
            event=copy,
            agency=police,
            kind=VisitRequest.Kind.VISIT,
            requested_by=organizer,
            status=VisitRequest.Status.ACCEPTED,
            scheduled_start=copy.starts_at,
            scheduled_end=copy.ends_at,
            made_at=copy.ends_at if number % 2 else None,
        )
        for number, copy in enumerate(events[::4])
    )
    return first

"""The night's plan as a CSV download."""

import csv
import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from events.models import VisitRequest
from tests.conftest import make_event, make_visit, next_week
from tests.events.evening import make_stop

HEADER = [
    "stop",
    "from",
    "until",
    "event",
    "address",
    "city",
    "state",
    "zip",
    "unit",
    "miles from previous",
    "travel minutes",
    "gap minutes",
    "too tight",
    "organizer",
    "organizer phone",
    "note",
]


def csv_url(agency, day):
    return f"{reverse('events:plan_csv', args=[agency.pk])}?date={day.isoformat()}"


def rows_of(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def test_plan_csv_has_a_header_and_a_row_per_stop(client_of, organizer, liaison, agency):
    make_stop(
        organizer,
        agency,
        at="17:25",
        miles_north=5,
        title='Birch Lane, "the big one"',
        unit="Car 12",
        note="K9 demo for the kids at 6",
    )
    make_stop(organizer, agency, at="17:00", title="Elm Street", unit="Car 12")
    make_visit(make_event(organizer, title="Pending Place"), agency)

    response = client_of(liaison).get(csv_url(agency, next_week()))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="nno-plan-{agency.pk}-{next_week().isoformat()}.csv"'
    )
    assert rows_of(response) == [
        HEADER,
        [
            "1",
            "17:00",
            "17:20",
            "Elm Street",
            "120 Maple St",
            "Springfield",
            "IL",
            "62701",
            "Car 12",
            "",
            "",
            "",
            "",
            "Olivia Organizer",
            "555-0199",
            "",
        ],
        [
            "2",
            "17:25",
            "17:45",
            'Birch Lane, "the big one"',
            "120 Maple St",
            "Springfield",
            "IL",
            "62701",
            "Car 12",
            "5.0",
            "12",
            "5",
            "yes",
            "Olivia Organizer",
            "555-0199",
            "K9 demo for the kids at 6",
        ],
    ]


def test_plan_csv_no_stops_is_only_the_header(client_of, liaison, agency):
    response = client_of(liaison).get(csv_url(agency, next_week()))

    assert rows_of(response) == [HEADER]


def test_plan_csv_times_are_the_events_local_times(client_of, organizer, liaison, agency):
    denver = make_event(organizer, zip_code="80202", title="Mile High Picnic")
    start = datetime.datetime.combine(
        next_week(), datetime.time(18, 15), ZoneInfo("America/Denver")
    )
    make_visit(
        denver,
        agency,
        status=VisitRequest.Status.ACCEPTED,
        scheduled_start=start,
        scheduled_end=start + datetime.timedelta(minutes=30),
    )

    response = client_of(liaison).get(csv_url(agency, next_week()))

    assert rows_of(response)[1][:4] == ["1", "18:15", "18:45", "Mile High Picnic"]


def test_plan_csv_neutralises_text_that_looks_like_a_formula(client_of, organizer, liaison, agency):
    make_stop(
        organizer,
        agency,
        at="17:00",
        title='=HYPERLINK("http://evil.example","click")',
        address="@SUM(A1:A9)",
        unit="+1 officer",
        note="-2+3",
    )

    response = client_of(liaison).get(csv_url(agency, next_week()))

    row = dict(zip(HEADER, rows_of(response)[1], strict=True))
    assert row["event"] == """'=HYPERLINK("http://evil.example","click")"""
    assert row["address"] == "'@SUM(A1:A9)"
    assert row["unit"] == "'+1 officer"
    assert row["note"] == "'-2+3"


CSV_QUERIES = 4


@pytest.mark.parametrize("count", [1, 20])
def test_plan_csv_query_count_does_not_grow_with_stops(
    client_of, organizer, liaison, agency, django_assert_num_queries, count
):
    for number in range(count):
        make_stop(organizer, agency, at=f"{17 + number // 6}:{number % 6 * 10:02}", minutes=5)
    client = client_of(liaison)

    with django_assert_num_queries(CSV_QUERIES):
        response = client.get(csv_url(agency, next_week()))

    assert len(rows_of(response)) == count + 1

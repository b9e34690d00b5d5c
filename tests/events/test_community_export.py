"""A community's events as CSV, with organizer contacts, each export recorded."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event, ExportRecord
from tests.conftest import make_event, make_user, next_week

HEADER = [
    "date",
    "starts",
    "ends",
    "title",
    "status",
    "public",
    "address",
    "city",
    "state",
    "zip",
    "expected adults",
    "expected children",
    "organizer",
    "organizer e-mail",
    "organizer phone",
]


def csv_url(community):
    return reverse("events:community_csv", args=[community.pk])


def rows_of(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def titles(response):
    return [line[3] for line in rows_of(response)[1:]]


@pytest.mark.parametrize("persona", ["national_admin", "municipal_admin"])
def test_export_by_an_admin_downloads_and_is_recorded(request, client_of, event, persona):
    user = request.getfixturevalue(persona)

    response = client_of(user).get(csv_url(event.community))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="nno-events-{event.community.pk}-{timezone.localdate()}.csv"'
    )
    record = ExportRecord.objects.get()
    assert (record.user, record.community, record.row_count, record.filters) == (
        user,
        event.community,
        1,
        "",
    )


@pytest.mark.parametrize("persona", ["other_municipal_admin", "organizer", "liaison"])
def test_export_by_others_gives_404_and_records_nothing(request, client_of, event, persona):
    user = request.getfixturevalue(persona)

    response = client_of(user).get(csv_url(event.community))

    assert response.status_code == 404
    assert ExportRecord.objects.count() == 0


def test_export_anonymous_is_sent_to_log_in_and_records_nothing(client, event):
    url = csv_url(event.community)

    response = client.get(url)

    assert (response.status_code, response.url) == (
        302,
        f"{reverse('accounts:login')}?next={url}",
    )
    assert ExportRecord.objects.count() == 0


def test_export_has_a_header_and_a_row_per_event_with_the_organizers_contact(
    client_of, municipal_admin, event
):
    response = client_of(municipal_admin).get(csv_url(event.community))

    assert rows_of(response) == [
        HEADER,
        [
            next_week().isoformat(),
            "17:00",
            "21:00",
            "Maple Street Block Party",
            "approved",
            "yes",
            "120 Maple St",
            "Springfield",
            "IL",
            "62701",
            "40",
            "20",
            "Olivia Organizer",
            "olivia@example.com",
            "555-0199",
        ],
    ]


def test_export_leaves_out_drafts_and_other_communities(
    client_of, organizer, municipal_admin, event
):
    make_event(organizer, title="Waiting", status=Event.Status.SUBMITTED)
    make_event(organizer, title="Draft", status=Event.Status.DRAFT)
    make_event(organizer, title="In Austin", zip_code="78701")

    response = client_of(municipal_admin).get(csv_url(event.community))

    assert titles(response) == ["Maple Street Block Party", "Waiting"]
    assert ExportRecord.objects.get().row_count == 2


def test_export_applies_the_filters_and_records_them(client_of, organizer, municipal_admin, event):
    day = next_week()
    make_event(organizer, title="Oak party", address="5 Oak Avenue")
    make_event(
        organizer, title="Oak, later", address="9 Oak Avenue", date=day + datetime.timedelta(days=3)
    )
    make_event(
        organizer, title="Oak, waiting", address="7 Oak Avenue", status=Event.Status.SUBMITTED
    )

    response = client_of(municipal_admin).get(
        csv_url(event.community),
        {"status": "approved", "street": "oak", "date_to": day.isoformat(), "page": "2"},
    )

    assert titles(response) == ["Oak party"]
    record = ExportRecord.objects.get()
    assert record.row_count == 1
    assert record.filters == f"status=approved&date_to={day.isoformat()}&street=oak"


def test_export_with_garbage_filters_applies_the_valid_ones(
    client_of, organizer, municipal_admin, event
):
    make_event(organizer, title="Waiting", status=Event.Status.SUBMITTED)

    response = client_of(municipal_admin).get(
        csv_url(event.community), {"status": "submitted", "date_from": "31/12/2026"}
    )

    assert response.status_code == 200
    assert titles(response) == ["Waiting"]
    assert ExportRecord.objects.get().filters == "status=submitted"


def test_export_neutralises_cells_that_look_like_formulas(client_of, municipal_admin, event):
    evil = make_user("evil@example.com", full_name="=cmd|' /C calc'!A0", phone="+1 555 0100")
    make_event(
        evil,
        title='=HYPERLINK("http://evil.example","Click")',
        address="@SUM(A1:A2)",
        date=next_week() + datetime.timedelta(days=1),
    )

    response = client_of(municipal_admin).get(csv_url(event.community))

    line = rows_of(response)[2]
    assert (line[3], line[6], line[12], line[14]) == (
        '\'=HYPERLINK("http://evil.example","Click")',
        "'@SUM(A1:A2)",
        "'=cmd|' /C calc'!A0",
        "'+1 555 0100",
    )


def test_export_of_an_empty_community_is_recorded_with_no_rows(client_of, municipal_admin, event):
    response = client_of(municipal_admin).get(csv_url(event.community), {"status": "cancelled"})

    assert rows_of(response) == [HEADER]
    assert ExportRecord.objects.get().row_count == 0


def test_each_export_is_recorded(client_of, municipal_admin, event):
    client = client_of(municipal_admin)

    client.get(csv_url(event.community))
    client.get(csv_url(event.community), {"status": "approved"})

    assert list(ExportRecord.objects.order_by("pk").values_list("user", "filters")) == [
        (municipal_admin.pk, ""),
        (municipal_admin.pk, "status=approved"),
    ]


def test_events_page_links_to_the_export_with_its_filters(client_of, municipal_admin, event):
    response = client_of(municipal_admin).get(
        reverse("events:community_events", args=[event.community.pk]),
        {"status": "approved", "page": "1"},
    )

    assert f'href="{csv_url(event.community)}?status=approved"' in response.text

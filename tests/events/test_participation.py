"""The dashboard's summary tables always equal a direct recount of the events.

Every kind of change that moves a figure goes through the real code paths (views,
services, the admin); after each, the tables must hold exactly what
`recount_*()` computes from the events, reports and requests."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events import participation
from events.forms.report import ReportForm
from events.models import AgencyYear, Community, CommunityYear, Event, SummaryState, VisitRequest
from events.services import report as report_services
from events.services import review
from events.services import visit as visit_services
from tests.conftest import make_agency, make_event, make_user, make_visit

pytestmark = pytest.mark.django_db


def community_rows():
    return sorted(
        CommunityYear.objects.values_list(
            "year",
            "community_id",
            "event_count",
            "on_night_count",
            "expected_total",
            "reported_event_count",
            "reported_total",
            "accepted_visit_count",
        )
    )


def agency_rows():
    return sorted(
        AgencyYear.objects.values_list(
            "year", "agency_id", "requested_count", "accepted_count", "made_count"
        )
    )


def recounted():
    return (
        sorted(
            (
                row.year,
                row.community_id,
                row.event_count,
                row.on_night_count,
                row.expected_total,
                row.reported_event_count,
                row.reported_total,
                row.accepted_visit_count,
            )
            for row in participation.recount_community_years()
        ),
        sorted(
            (row.year, row.agency_id, row.requested_count, row.accepted_count, row.made_count)
            for row in participation.recount_agency_years()
        ),
    )


def assert_summary_matches_events():
    participation.catch_up()
    assert (community_rows(), agency_rows()) == recounted()


def test_summary_first_catch_up_counts_everything(organizer):
    make_event(organizer)
    make_event(organizer, zip_code="78701", expected_adults=10)
    make_event(organizer, status=Event.Status.DRAFT)

    participation.catch_up()

    assert sorted((row[2], row[4]) for row in community_rows()) == [(1, 30), (1, 60)]
    assert (community_rows(), agency_rows()) == recounted()
    assert CommunityYear.objects.count() == 2


def test_summary_follows_registration_review_and_cancellation(client_of, organizer, form_data):
    assert_summary_matches_events()
    client = client_of(organizer)

    client.post(reverse("events:register"), form_data)
    assert_summary_matches_events()
    assert CommunityYear.objects.get().event_count == 1

    event = Event.objects.get()
    client.post(reverse("events:cancel", args=[event.pk]))

    assert_summary_matches_events()
    assert CommunityYear.objects.count() == 0


def test_summary_follows_approval_in_a_reviewing_community(organizer, national_admin):
    event = make_event(organizer, status=Event.Status.SUBMITTED)
    Community.objects.filter(pk=event.community_id).update(approval="review")
    assert_summary_matches_events()
    assert CommunityYear.objects.count() == 0

    review.approve_event(event=event, by=national_admin)

    assert_summary_matches_events()
    assert CommunityYear.objects.get().event_count == 1


def test_summary_follows_an_event_moved_to_another_community_and_year(
    client_of, organizer, form_data
):
    client = client_of(organizer)
    client.post(reverse("events:register"), form_data)
    event = Event.objects.get()
    assert_summary_matches_events()
    moved = {
        **form_data,
        "city": "Austin",
        "state": "TX",
        "zip_code": "78701",
        "date": datetime.date(event.date.year + 1, 10, 6).isoformat(),
    }

    response = client.post(reverse("events:edit", args=[event.pk]), moved)

    assert response.status_code == 302
    assert_summary_matches_events()
    row = CommunityYear.objects.get()
    assert (row.community.name, row.year) == ("Austin", event.date.year + 1)


def test_summary_follows_requests_answers_visits_made_and_reports(organizer, national_admin):
    event = make_event(
        organizer,
        date=timezone.localdate() - datetime.timedelta(days=2),
    )
    police = make_agency(serves=event.community)
    fire = make_agency("Springfield Fire Department", kind="fire")
    liaison = make_user("lee@example.com")
    accepted = make_visit(event, police)
    declined = make_visit(event, fire)
    assert_summary_matches_events()

    VisitRequest.objects.filter(pk=accepted.pk).update(
        status=VisitRequest.Status.ACCEPTED,
        scheduled_start=event.starts_at,
        scheduled_end=event.starts_at + datetime.timedelta(minutes=20),
        updated_at=timezone.now(),
    )
    visit_services.decline_request(visit=declined, by=liaison, reason="No one free")
    accepted.refresh_from_db()
    report_services.mark_visit_made(visit=accepted, by=liaison, made=True)
    form = ReportForm(
        {"actual_adults": "70", "actual_children": "30", "agencies_came": [police.pk]},
        event=event,
    )
    assert form.is_valid(), form.errors
    report_services.save_report(form=form, event=event)

    assert_summary_matches_events()
    row = CommunityYear.objects.get()
    assert (row.reported_event_count, row.reported_total, row.accepted_visit_count) == (1, 100, 1)
    assert sorted(AgencyYear.objects.values_list("agency_id", "accepted_count", "made_count")) == [
        (police.pk, 1, 1),
        (fire.pk, 0, 0),
    ]


def test_summary_follows_admin_edits_and_deletions(client_of, organizer, national_admin):
    national_admin.is_superuser = True
    national_admin.save()
    event = make_event(organizer)
    other = make_event(organizer, zip_code="78701")
    assert_summary_matches_events()
    client = client_of(national_admin)
    austin = other.community

    response = client.post(reverse("admin:events_event_delete", args=[other.pk]), {"post": "yes"})
    assert response.status_code == 302
    Event.objects.filter(pk=event.pk).update(community=austin)  # a bulk fix, then:
    participation.refresh(community_years={(event.community_id, event.date.year)})

    assert_summary_matches_events()
    assert list(CommunityYear.objects.values_list("community_id", "event_count")) == [
        (austin.pk, 1)
    ]


def test_rebuild_equals_a_direct_recount(organizer):
    for zip_code in ["62701", "62702", "78701", "02138"]:
        make_event(organizer, zip_code=zip_code)
    CommunityYear.objects.create(
        year=1999,
        community_id=Event.objects.first().community_id,
        event_count=9,
        on_night_count=0,
        expected_total=0,
        reported_event_count=0,
        reported_total=0,
        accepted_visit_count=0,
    )

    participation.rebuild()

    assert (community_rows(), agency_rows()) == recounted()
    assert SummaryState.objects.count() == 1


@pytest.mark.parametrize("count", [1, 20])
def test_catch_up_costs_the_same_for_1_and_20_changed_events(
    organizer, django_assert_num_queries, count
):
    for _ in range(count):
        make_visit(make_event(organizer), make_agency(f"Agency {_}"))
    participation.rebuild()
    Event.objects.update(updated_at=timezone.now() + datetime.timedelta(seconds=1))

    # state, changed events, reports, requests; lock, agencies of the changed events;
    # community rows: delete, recount (events, accepted visits), insert; agency rows:
    # delete, recount, insert; the new state; and 4 for the two (nested) savepoints.
    with django_assert_num_queries(18):
        participation.catch_up()

    assert (community_rows(), agency_rows()) == recounted()


def test_catch_up_with_nothing_new_costs_four_queries(organizer, django_assert_num_queries):
    make_event(organizer)
    participation.catch_up()
    SummaryState.objects.update(counted_until=timezone.now() + participation.OVERLAP)

    with django_assert_num_queries(4):
        participation.catch_up()


def test_catch_up_after_many_changes_rebuilds_and_still_matches(organizer, monkeypatch):
    for zip_code in ["62701", "62702", "78701"]:
        make_event(organizer, zip_code=zip_code)
    participation.rebuild()
    Event.objects.update(updated_at=timezone.now() + datetime.timedelta(seconds=1))
    monkeypatch.setattr(participation, "REBUILD_ABOVE", 2)

    participation.catch_up()

    assert (community_rows(), agency_rows()) == recounted()
    assert SummaryState.objects.get().counted_until >= timezone.now() - participation.OVERLAP

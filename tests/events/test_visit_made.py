"""Liaisons mark an accepted visit as made once the event has started (or undo it)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event, VisitRequest
from tests.conftest import make_event, make_liaison, make_visit
from tests.events.conftest import row


def made_url(visit):
    return reverse("events:mark_made", args=[visit.pk])


def request_url(visit):
    return reverse("events:liaison_request", args=[visit.pk])


def made(visit):
    """(made_at is set, made_by's e-mail or None) as stored."""
    made_at, email = (
        VisitRequest.objects.filter(pk=visit.pk).values_list("made_at", "made_by__email").get()
    )
    return made_at is not None, email


def accept(event, agency, **fields):
    start = event.starts_at + datetime.timedelta(minutes=30)
    return make_visit(
        event,
        agency,
        status=VisitRequest.Status.ACCEPTED,
        scheduled_start=start,
        scheduled_end=start + datetime.timedelta(minutes=20),
        unit="Car 12",
        **fields,
    )


@pytest.fixture
def tonight(organizer):
    """An approved party that started an hour ago and ends in three hours."""
    now = timezone.now()
    return make_event(
        organizer,
        title="Oak Street Party",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=3),
    )


@pytest.fixture
def accepted(tonight, agency, liaison):
    """`agency`'s accepted visit to `tonight`'s party (`liaison` is its liaison)."""
    return accept(tonight, agency)


def test_mark_made_liaison_marks_the_visit_as_made(client_of, liaison, accepted):
    before = timezone.now()

    response = client_of(liaison).post(made_url(accepted), {"made": "1"}, follow=True)

    assert response.redirect_chain == [(request_url(accepted), 302)]
    assert "Marked as made. Thank you!" in response.text
    assert made(accepted) == (True, "lee@example.com")
    accepted.refresh_from_db()
    assert before <= accepted.made_at <= timezone.now()
    assert accepted.status == VisitRequest.Status.ACCEPTED


def test_mark_made_liaison_undoes_it(client_of, liaison, accepted):
    VisitRequest.objects.filter(pk=accepted.pk).update(made_at=timezone.now(), made_by=liaison)

    response = client_of(liaison).post(made_url(accepted), {"made": "0"}, follow=True)

    assert "Marked as not made." in response.text
    assert made(accepted) == (False, None)


def test_mark_made_again_keeps_who_marked_it_first(client_of, agency, liaison, accepted):
    colleague = make_liaison("cole@example.com", agency, full_name="Cole Colleague")
    first = timezone.now() - datetime.timedelta(minutes=10)
    VisitRequest.objects.filter(pk=accepted.pk).update(made_at=first, made_by=liaison)

    client_of(colleague).post(made_url(accepted), {"made": "1"})

    accepted.refresh_from_db()
    assert accepted.made_at == first
    assert accepted.made_by == liaison


def test_mark_made_participation_can_be_marked(client_of, tonight, other_agency, other_liaison):
    taking_part = make_visit(
        tonight,
        other_agency,
        kind=VisitRequest.Kind.PARTICIPATION,
        status=VisitRequest.Status.ACCEPTED,
    )

    client_of(other_liaison).post(made_url(taking_part), {"made": "1"})

    assert made(taking_part) == (True, "fran@example.com")


def test_mark_made_from_the_plan_goes_back_to_the_plan(client_of, liaison, agency, accepted):
    plan = f"{reverse('events:plan', args=[agency.pk])}?date={accepted.event.date.isoformat()}"

    response = client_of(liaison).post(made_url(accepted), {"made": "1", "next": plan})

    assert response.status_code == 302
    assert response.url == plan


def test_mark_made_next_elsewhere_goes_to_the_request(client_of, liaison, accepted):
    response = client_of(liaison).post(
        made_url(accepted), {"made": "1", "next": "https://evil.example/"}
    )

    assert response.url == request_url(accepted)
    assert made(accepted) == (True, "lee@example.com")


# Refused


@pytest.mark.parametrize(
    "status",
    [
        VisitRequest.Status.REQUESTED,
        VisitRequest.Status.DECLINED,
        VisitRequest.Status.WITHDRAWN,
        VisitRequest.Status.CANCELLED,
    ],
)
def test_mark_made_request_not_accepted_is_refused(client_of, liaison, tonight, agency, status):
    visit = make_visit(tonight, agency, status=status)
    before = row(visit)

    response = client_of(liaison).post(made_url(visit), {"made": "1"}, follow=True)

    shown = VisitRequest.Status(status).label
    assert (
        f"Only accepted visits can be marked as made; this request is “{shown}”." in response.text
    )
    assert row(visit) == before


@pytest.mark.parametrize("value", ["1", "0"])
def test_mark_made_before_the_event_starts_is_refused(client_of, liaison, event, agency, value):
    visit = accept(event, agency)
    before = row(visit)

    response = client_of(liaison).post(made_url(visit), {"made": value}, follow=True)

    assert "The event has not started yet." in response.text
    assert row(visit) == before


def test_mark_made_cancelled_event_is_refused_and_the_visit_stays_made(
    client_of, liaison, tonight, accepted
):
    VisitRequest.objects.filter(pk=accepted.pk).update(made_at=timezone.now(), made_by=liaison)
    Event.objects.filter(pk=tonight.pk).update(
        status=Event.Status.CANCELLED, cancelled_at=timezone.now()
    )
    before = row(accepted)

    response = client_of(liaison).post(made_url(accepted), {"made": "0"}, follow=True)

    assert "This event was cancelled." in response.text
    assert row(accepted) == before


@pytest.mark.parametrize("data", [{}, {"made": "yes"}, {"made": "2"}, {"made": "1\x00"}])
def test_mark_made_bad_value_is_refused(client_of, liaison, accepted, data):
    before = row(accepted)

    response = client_of(liaison).post(made_url(accepted), data, follow=True)

    assert "Please choose “Mark as made” or “Not made”." in response.text
    assert row(accepted) == before


# Who may


@pytest.mark.parametrize(
    "persona", ["organizer", "other_organizer", "other_liaison", "national_admin", "stranger"]
)
def test_mark_made_others_get_404_and_nothing_changes(client_of, request, accepted, persona):
    before = row(accepted)

    response = client_of(request.getfixturevalue(persona)).post(made_url(accepted), {"made": "1"})

    assert response.status_code == 404
    assert row(accepted) == before


def test_mark_made_pending_member_gets_404(client_of, pending_member, accepted):
    before = row(accepted)

    response = client_of(pending_member).post(made_url(accepted), {"made": "1"})

    assert response.status_code == 404
    assert row(accepted) == before


def test_mark_made_anonymous_is_sent_to_log_in(client, accepted):
    before = row(accepted)

    response = client.post(made_url(accepted), {"made": "1"})

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={made_url(accepted)}"
    assert row(accepted) == before


def test_mark_made_get_is_not_allowed(client_of, liaison, accepted):
    response = client_of(liaison).get(made_url(accepted))

    assert response.status_code == 405


# The buttons


def test_request_page_offers_mark_as_made_once_the_event_started(client_of, liaison, accepted):
    response = client_of(liaison).get(request_url(accepted))

    assert f'action="{made_url(accepted)}"' in response.text
    assert 'name="made" value="1"' in response.text


def test_request_page_made_visit_says_who_and_offers_not_made(client_of, liaison, accepted):
    client_of(liaison).post(made_url(accepted), {"made": "1"})

    response = client_of(liaison).get(request_url(accepted))

    assert "Marked as made by Lee Liaison on " in response.text
    assert 'name="made" value="0"' in response.text
    assert 'name="made" value="1"' not in response.text


def test_request_page_no_button_before_the_event_starts(client_of, liaison, event, agency):
    visit = accept(event, agency)

    response = client_of(liaison).get(request_url(visit))

    assert made_url(visit) not in response.text


def test_request_page_no_button_for_a_pending_request(client_of, liaison, tonight, agency):
    visit = make_visit(tonight, agency)

    response = client_of(liaison).get(request_url(visit))

    assert made_url(visit) not in response.text


def test_plan_offers_mark_as_made_for_started_events_only(
    client_of, organizer, liaison, agency, accepted
):
    later = make_event(
        organizer,
        title="Birch Street Party",
        starts_at=timezone.now() + datetime.timedelta(hours=2),
        ends_at=timezone.now() + datetime.timedelta(hours=5),
    )
    not_yet = accept(later, agency)
    plan = reverse("events:plan", args=[agency.pk])

    response = client_of(liaison).get(plan, {"date": accepted.event.date.isoformat()})

    assert f'action="{made_url(accepted)}"' in response.text
    assert made_url(not_yet) not in response.text
    assert f'name="next" value="{plan}?date={accepted.event.date.isoformat()}"' in response.text


# What the organizer sees


def test_event_page_shows_a_made_visit_without_withdraw(client_of, organizer, liaison, accepted):
    client_of(liaison).post(made_url(accepted), {"made": "1"})
    withdraw = reverse("events:withdraw_request", args=[accepted.event_id, accepted.pk])

    response = client_of(organizer).get(reverse("events:detail", args=[accepted.event_id]))

    assert '<span class="badge text-bg-success">Made</span>' in response.text
    assert withdraw not in response.text


def test_withdraw_made_visit_is_refused_and_it_stays_made(client_of, organizer, liaison, accepted):
    VisitRequest.objects.filter(pk=accepted.pk).update(made_at=timezone.now(), made_by=liaison)
    before = row(accepted)
    withdraw = reverse("events:withdraw_request", args=[accepted.event_id, accepted.pk])

    response = client_of(organizer).post(withdraw, follow=True)

    assert "This visit was made: it stays on the record." in response.text
    assert row(accepted) == before

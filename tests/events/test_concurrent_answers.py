"""Two liaisons answering at the same moment, each through their own database connection.

The guarantee comes from the database (a row lock on the agency and the request, a
conditional update), so these tests run against PostgreSQL:
DATABASE_URL=postgres://postgres@127.0.0.1:5432/nno pytest tests/events/test_concurrent_answers.py
"""

import datetime
import threading

import pytest
from django.db import connection

from events.models import VisitRequest
from events.services import visit as services
from tests.conftest import make_event, make_liaison, make_visit

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite's shared in-memory test database refuses a second writer at once "
        "('database table is locked') instead of making it wait: run on PostgreSQL.",
    ),
]

# Races are won by chance: a few rounds make a missing lock very likely to show.
ROUNDS = 5
REASON = "No officer is free that evening."


def race(*actions):
    """Run `actions` in threads released at the same moment; their results or errors."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            results[index] = action()
        except Exception as error:  # The test looks at every outcome.
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def at(event, hour, minute=0):
    return datetime.datetime.combine(event.date, datetime.time(hour, minute), event.tz)


def accept_as(user, visit, unit, hour=18):
    start = at(visit.event, hour)
    return lambda: services.accept_request(
        visit=visit, by=user, start=start, end=start + datetime.timedelta(minutes=20), unit=unit
    )


def decline_as(user, visit):
    return lambda: services.decline_request(visit=visit, by=user, reason=REASON)


def kinds(results):
    return sorted(type(result).__name__ for result in results)


@pytest.fixture
def second_liaison(agency):
    return make_liaison("lou@example.com", agency, full_name="Lou Second")


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_accepts_of_one_request_exactly_one_wins(
    organizer, agency, liaison, second_liaison, mailoutbox, round_
):
    visit = make_visit(make_event(organizer), agency)

    results = race(accept_as(liaison, visit, "K9 unit"), accept_as(second_liaison, visit, "Car 7"))

    assert kinds(results) == ["AlreadyAnswered", "VisitRequest"]
    (winner,) = [r for r in results if isinstance(r, VisitRequest)]
    (loser,) = [r for r in results if isinstance(r, services.AlreadyAnswered)]
    assert str(loser) == "This request was already answered: it is now “Accepted”."
    visit.refresh_from_db()
    assert visit.status == VisitRequest.Status.ACCEPTED
    assert (visit.answered_by, visit.unit) == (winner.answered_by, winner.unit)
    assert visit.scheduled_start == at(visit.event, 18)
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_accept_and_decline_at_once_exactly_one_wins(
    organizer, agency, liaison, second_liaison, mailoutbox, round_
):
    visit = make_visit(make_event(organizer), agency)

    results = race(accept_as(liaison, visit, "K9 unit"), decline_as(second_liaison, visit))

    assert kinds(results) == ["AlreadyAnswered", "VisitRequest"]
    visit.refresh_from_db()
    if visit.status == VisitRequest.Status.ACCEPTED:
        assert (visit.answered_by, visit.unit, visit.decline_reason) == (liaison, "K9 unit", "")
        assert visit.scheduled_start == at(visit.event, 18)
        assert str(results[1]) == "This request was already answered: it is now “Accepted”."
    else:
        assert visit.status == VisitRequest.Status.DECLINED
        assert (visit.answered_by, visit.unit, visit.decline_reason) == (second_liaison, "", REASON)
        assert (visit.scheduled_start, visit.scheduled_end) == (None, None)
        assert str(results[0]) == "This request was already answered: it is now “Declined”."
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["olivia@example.com"]


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_accepts_for_the_last_slot_exactly_one_wins(
    organizer, agency, liaison, second_liaison, mailoutbox, round_
):
    agency.capacity = 1
    agency.save()
    first = make_visit(make_event(organizer, title="Maple Street"), agency)
    second = make_visit(make_event(organizer, title="Oak Avenue", zip_code="62702"), agency)

    results = race(
        accept_as(liaison, first, "K9 unit", hour=18),
        accept_as(second_liaison, second, "Car 7", hour=20),
    )

    assert kinds(results) == ["VisitError", "VisitRequest"]
    (refusal,) = [r for r in results if isinstance(r, services.VisitError)]
    assert str(refusal) == (
        "Springfield Police Department has already accepted 1 visit that evening, its capacity. "
        "Decline this request or raise the capacity."
    )
    statuses = sorted(
        VisitRequest.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)
    )
    assert statuses == [VisitRequest.Status.ACCEPTED, VisitRequest.Status.REQUESTED]
    assert len(mailoutbox) == 1

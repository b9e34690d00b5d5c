import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Activity, Event
from tests.conftest import make_event

MY_EVENTS_URL = reverse("events:my_events")


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def titles(response):
    return [event.title for event in response.context["page"].object_list]


def test_my_events_lists_upcoming_soonest_first_then_past_most_recent_first(client_of, organizer):
    make_event(organizer, title="Last month", date=days_from_today(-30))
    make_event(organizer, title="In ten days", date=days_from_today(10))
    make_event(organizer, title="Yesterday", date=days_from_today(-2))
    make_event(organizer, title="In three days", date=days_from_today(3))
    make_event(
        organizer,
        title="Cancelled, in five days",
        date=days_from_today(5),
        status=Event.Status.CANCELLED,
        cancelled_at=timezone.now(),
    )

    response = client_of(organizer).get(MY_EVENTS_URL)

    assert response.status_code == 200
    assert titles(response) == [
        "In three days",
        "Cancelled, in five days",
        "In ten days",
        "Yesterday",
        "Last month",
    ]


def test_my_events_shows_only_own_events(client_of, organizer, other_organizer):
    make_event(organizer, title="Mine")
    make_event(other_organizer, title="Oscar's party")

    response = client_of(organizer).get(MY_EVENTS_URL)

    assert titles(response) == ["Mine"]
    assert "Oscar&#x27;s party" not in response.text


def test_my_events_shows_status_of_each_event(client_of, organizer):
    make_event(organizer, title="Draft one", status=Event.Status.DRAFT)
    make_event(
        organizer,
        title="Called off",
        status=Event.Status.CANCELLED,
        cancelled_at=timezone.now(),
    )
    make_event(organizer, title="Over", date=days_from_today(-3))

    response = client_of(organizer).get(MY_EVENTS_URL)

    assert '<span class="badge text-bg-secondary">Draft</span>' in response.text
    assert '<span class="badge text-bg-danger">Cancelled</span>' in response.text
    assert response.text.count('<span class="badge text-bg-success">Approved</span>') == 1
    assert response.text.count(">Past</span>") == 1


def test_my_events_shows_local_date_and_time(client_of, organizer):
    event = make_event(organizer, zip_code="90210", date=datetime.date(2027, 7, 15))

    with timezone.override("Asia/Tokyo"):
        response = client_of(organizer).get(MY_EVENTS_URL)

    assert "Thursday, July 15, 2027, 5 p.m. – 9 p.m. PDT · Beverly Hills, CA" in response.text
    assert event.get_absolute_url() in response.text


def test_my_events_empty_state_invites_to_register(client_of, organizer):
    response = client_of(organizer).get(MY_EVENTS_URL)

    assert response.status_code == 200
    assert "You have not registered any event yet." in response.text
    assert "Register your first event" in response.text
    assert f'href="{reverse("events:register")}"' in response.text


def test_my_events_paginates_twenty_per_page(client_of, organizer):
    for day in range(1, 22):
        make_event(organizer, title=f"Party {day:02}", date=days_from_today(day))
    client = client_of(organizer)

    first = client.get(MY_EVENTS_URL)
    second = client.get(MY_EVENTS_URL, {"page": 2})

    assert titles(first) == [f"Party {day:02}" for day in range(1, 21)]
    assert titles(second) == ["Party 21"]
    assert "Page 1 of 2" in first.text
    assert 'href="?page=2"' in first.text
    assert "Page 2 of 2" in second.text
    assert 'href="?page=1"' in second.text


@pytest.mark.parametrize(("page", "expected"), [("99", 2), ("-1", 2), ("abc", 1), ("", 1)])
def test_my_events_page_out_of_range_or_malformed(client_of, organizer, page, expected):
    for day in range(1, 22):
        make_event(organizer, title=f"Party {day:02}", date=days_from_today(day))

    response = client_of(organizer).get(MY_EVENTS_URL, {"page": page})

    assert response.status_code == 200
    assert response.context["page"].number == expected


def test_my_events_one_page_has_no_pagination(client_of, organizer):
    make_event(organizer)

    response = client_of(organizer).get(MY_EVENTS_URL)

    assert "Page 1 of 1" not in response.text
    assert 'aria-label="Pages"' not in response.text


# Session, user, count, events with their community, activities, and whether the
# user is a liaison (the navigation shows "Requests" then).
MY_EVENTS_QUERIES = 6


@pytest.mark.parametrize("count", [1, 20])
def test_my_events_query_count_does_not_grow_with_events(
    client_of, organizer, django_assert_num_queries, count
):
    activities = list(Activity.objects.all()[:3])
    for day in range(1, count + 1):
        make_event(organizer, date=days_from_today(day), activities=activities)
    client = client_of(organizer)

    with django_assert_num_queries(MY_EVENTS_QUERIES):
        response = client.get(MY_EVENTS_URL)

    assert len(response.context["page"].object_list) == count


def test_my_events_anonymous_is_sent_to_log_in(client, db):
    response = client.get(MY_EVENTS_URL)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={MY_EVENTS_URL}"

"""The review queue and the reviewer's moves: approve, ask for changes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event, EventStatusChange
from tests.conftest import make_event
from tests.events.conftest import row

Status = Event.Status


def queue_url(community):
    return reverse("events:review_queue", args=[community.pk])


def approve_url(event):
    return reverse("events:approve", args=[event.pk])


def changes_url(event):
    return reverse("events:request_changes", args=[event.pk])


def titles(response):
    return [event.title for event in response.context["page"].object_list]


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def make_submitted(organizer, title="Waiting party", *, days_ago=0, **overrides):
    """A submitted event whose submission is recorded `days_ago` days back."""
    event = make_event(organizer, title=title, status=Status.SUBMITTED, **overrides)
    change = EventStatusChange.objects.create(
        event=event, from_status=Status.DRAFT, to_status=Status.SUBMITTED, by=organizer
    )
    EventStatusChange.objects.filter(pk=change.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return event


@pytest.fixture
def submitted(organizer):
    return make_submitted(organizer)


# The queue


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("national_admin", 200),
        ("municipal_admin", 200),
        ("other_municipal_admin", 404),
        ("organizer", 404),
        ("liaison", 404),
    ],
)
def test_review_queue_permissions(request, client_of, submitted, persona, status):
    user = request.getfixturevalue(persona)

    response = client_of(user).get(queue_url(submitted.community))

    assert response.status_code == status


def test_review_queue_anonymous_is_sent_to_log_in(client, submitted):
    url = queue_url(submitted.community)

    response = client.get(url)

    assert (response.status_code, response.url) == (
        302,
        f"{reverse('accounts:login')}?next={url}",
    )


def test_review_queue_lists_submitted_events_oldest_first(
    client_of, organizer, municipal_admin, event
):
    make_submitted(organizer, "Newest", days_ago=1)
    make_submitted(organizer, "Oldest", days_ago=5)
    make_submitted(organizer, "Middle", days_ago=3)
    make_event(organizer, title="A draft", status=Status.DRAFT)
    make_event(organizer, title="Returned", status=Status.CHANGES_REQUESTED)
    make_submitted(organizer, "In Austin", zip_code="78701")

    response = client_of(municipal_admin).get(queue_url(event.community))

    assert titles(response) == ["Oldest", "Middle", "Newest"]
    assert response.context["waiting"] == 3


def test_review_queue_orders_by_the_latest_submission(client_of, organizer, municipal_admin, event):
    resubmitted = make_submitted(organizer, "Resubmitted", days_ago=10)
    EventStatusChange.objects.create(
        event=resubmitted, from_status=Status.CHANGES_REQUESTED, to_status=Status.SUBMITTED
    )
    make_submitted(organizer, "Waiting two days", days_ago=2)

    response = client_of(municipal_admin).get(queue_url(event.community))

    assert titles(response) == ["Waiting two days", "Resubmitted"]


def test_review_queue_puts_events_without_a_recorded_submission_first(
    client_of, organizer, municipal_admin, event
):
    make_submitted(organizer, "Recorded", days_ago=30)
    make_event(organizer, title="Imported", status=Status.SUBMITTED)

    response = client_of(municipal_admin).get(queue_url(event.community))

    assert titles(response) == ["Imported", "Recorded"]


def test_review_queue_links_each_event_to_its_page(client_of, municipal_admin, submitted):
    response = client_of(municipal_admin).get(queue_url(submitted.community))

    assert f'href="{submitted.get_absolute_url()}"' in response.text


def test_review_queue_empty_says_so(client_of, municipal_admin, event):
    response = client_of(municipal_admin).get(queue_url(event.community))

    assert titles(response) == []
    assert "No event is waiting for review." in response.text


def test_review_queue_is_paginated_by_25(client_of, organizer, municipal_admin, event):
    for number in range(26):
        make_submitted(organizer, f"Party {number:02}", days_ago=30 - number)
    client = client_of(municipal_admin)

    first = client.get(queue_url(event.community))
    second = client.get(queue_url(event.community), {"page": 2})

    assert titles(first) == [f"Party {number:02}" for number in range(25)]
    assert titles(second) == ["Party 25"]


@pytest.mark.parametrize("count", [1, 20])
def test_review_queue_same_number_of_queries_for_1_and_20_events(
    client_of, organizer, municipal_admin, event, django_assert_num_queries, count
):
    for number in range(count):
        make_submitted(organizer, f"Party {number:02}")
    client = client_of(municipal_admin)

    # Session, user, community, page count and rows, the nav's roles.
    with django_assert_num_queries(6):
        response = client.get(queue_url(event.community))

    assert len(titles(response)) == count


# The review forms on the event's page


@pytest.mark.parametrize("persona", ["national_admin", "municipal_admin"])
def test_event_page_offers_the_review_to_reviewers(request, client_of, submitted, persona):
    user = request.getfixturevalue(persona)

    response = client_of(user).get(submitted.get_absolute_url())

    assert response.context["can_review"] is True
    assert f'action="{approve_url(submitted)}"' in response.text
    assert f'action="{changes_url(submitted)}"' in response.text


def test_event_page_shows_the_organizers_contact_to_reviewers(
    client_of, municipal_admin, submitted
):
    response = client_of(municipal_admin).get(submitted.get_absolute_url())

    assert "Olivia Organizer" in response.text
    assert "olivia@example.com" in response.text
    assert "555-0199" in response.text


def test_event_page_offers_no_review_to_the_organizer(client_of, organizer, submitted):
    response = client_of(organizer).get(submitted.get_absolute_url())

    assert response.context["can_review"] is False
    assert approve_url(submitted) not in response.text


@pytest.mark.parametrize("status", [Status.APPROVED, Status.CHANGES_REQUESTED, Status.CANCELLED])
def test_event_page_offers_no_review_unless_submitted(
    client_of, organizer, municipal_admin, event, status
):
    Event.objects.filter(pk=event.pk).update(status=status)

    response = client_of(municipal_admin).get(event.get_absolute_url())

    assert response.context["can_review"] is False
    assert approve_url(event) not in response.text


def test_event_page_of_a_draft_gives_404_to_municipal_admins(client_of, municipal_admin, event):
    Event.objects.filter(pk=event.pk).update(status=Status.DRAFT)

    response = client_of(municipal_admin).get(event.get_absolute_url())

    assert response.status_code == 404


def test_event_page_of_a_draft_is_seen_by_national_admins(client_of, national_admin, event):
    Event.objects.filter(pk=event.pk).update(status=Status.DRAFT)

    response = client_of(national_admin).get(event.get_absolute_url())

    assert response.status_code == 200
    assert response.context["can_review"] is False


def test_event_page_of_another_community_gives_404(client_of, other_municipal_admin, submitted):
    response = client_of(other_municipal_admin).get(submitted.get_absolute_url())

    assert response.status_code == 404


# Approving


@pytest.mark.parametrize("persona", ["national_admin", "municipal_admin"])
def test_approve_by_a_reviewer_approves_and_records_it(request, client_of, submitted, persona):
    user = request.getfixturevalue(persona)

    response = client_of(user).post(
        approve_url(submitted), {"approve-comment": "Lovely, thanks!"}, follow=True
    )

    submitted.refresh_from_db()
    assert submitted.status == Status.APPROVED
    change = submitted.status_changes.first()
    assert (change.from_status, change.to_status, change.by, change.comment) == (
        Status.SUBMITTED,
        Status.APPROVED,
        user,
        "Lovely, thanks!",
    )
    assert response.redirect_chain == [(queue_url(submitted.community), 302)]
    assert messages_of(response) == ["“Waiting party” is approved. The organizer has been told."]


@pytest.mark.parametrize("persona", ["other_municipal_admin", "organizer", "liaison", "stranger"])
def test_approve_by_others_gives_404_and_changes_nothing(
    request, client_of, submitted, persona, mailoutbox
):
    user = request.getfixturevalue(persona)
    before = row(submitted)

    response = client_of(user).post(approve_url(submitted))

    assert response.status_code == 404
    assert row(submitted) == before
    assert submitted.status_changes.count() == 1
    assert mailoutbox == []


def test_approve_anonymous_is_sent_to_log_in_and_changes_nothing(client, submitted):
    before = row(submitted)

    response = client.post(approve_url(submitted))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert row(submitted) == before


def test_approve_only_by_post(client_of, municipal_admin, submitted):
    response = client_of(municipal_admin).get(approve_url(submitted))

    assert response.status_code == 405
    assert Event.objects.get(pk=submitted.pk).status == Status.SUBMITTED


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (Status.DRAFT, "Draft"),
        (Status.APPROVED, "Approved"),
        (Status.CANCELLED, "Cancelled"),
        (Status.CHANGES_REQUESTED, "Changes requested"),
    ],
)
def test_approve_refuses_an_event_that_is_not_submitted(
    client_of, organizer, municipal_admin, event, status, label, mailoutbox
):
    Event.objects.filter(pk=event.pk).update(status=status)
    event.refresh_from_db()
    before = row(event)

    response = client_of(municipal_admin).post(approve_url(event), follow=True)

    assert response.redirect_chain == [(event.get_absolute_url(), 302)]
    assert messages_of(response) == [f"This event is “{label}”: it cannot be changed that way."]
    assert row(event) == before
    assert EventStatusChange.objects.count() == 0
    assert mailoutbox == []


def test_approve_another_communitys_event_gives_404(client_of, organizer, municipal_admin, event):
    austin = make_submitted(organizer, "In Austin", zip_code="78701")
    before = row(austin)

    response = client_of(municipal_admin).post(approve_url(austin))

    assert response.status_code == 404
    assert row(austin) == before


def test_approve_too_long_comment_changes_nothing(client_of, municipal_admin, submitted):
    before = row(submitted)

    response = client_of(municipal_admin).post(
        approve_url(submitted), {"approve-comment": "x" * 2001}, follow=True
    )

    assert messages_of(response) == ["Ensure this value has at most 2000 characters (it has 2001)."]
    assert row(submitted) == before


# Asking for changes


@pytest.mark.parametrize("persona", ["national_admin", "municipal_admin"])
def test_request_changes_by_a_reviewer_returns_the_event(request, client_of, submitted, persona):
    user = request.getfixturevalue(persona)

    response = client_of(user).post(
        changes_url(submitted), {"changes-comment": "Please add the street closure."}, follow=True
    )

    submitted.refresh_from_db()
    assert submitted.status == Status.CHANGES_REQUESTED
    change = submitted.status_changes.first()
    assert (change.from_status, change.to_status, change.by, change.comment) == (
        Status.SUBMITTED,
        Status.CHANGES_REQUESTED,
        user,
        "Please add the street closure.",
    )
    assert messages_of(response) == [
        "The organizer of “Waiting party” is asked for changes and has been told."
    ]


@pytest.mark.parametrize("comment", ["", "   \n  "])
def test_request_changes_without_a_comment_changes_nothing(
    client_of, municipal_admin, submitted, comment, mailoutbox
):
    before = row(submitted)

    response = client_of(municipal_admin).post(
        changes_url(submitted), {"changes-comment": comment}, follow=True
    )

    assert response.redirect_chain == [(submitted.get_absolute_url(), 302)]
    assert messages_of(response) == ["Tell the organizer what to change."]
    assert row(submitted) == before
    assert submitted.status_changes.count() == 1
    assert mailoutbox == []


@pytest.mark.parametrize("persona", ["other_municipal_admin", "organizer", "liaison", "stranger"])
def test_request_changes_by_others_gives_404_and_changes_nothing(
    request, client_of, submitted, persona
):
    user = request.getfixturevalue(persona)
    before = row(submitted)

    response = client_of(user).post(changes_url(submitted), {"changes-comment": "No."})

    assert response.status_code == 404
    assert row(submitted) == before


def test_request_changes_anonymous_is_sent_to_log_in(client, submitted):
    before = row(submitted)

    response = client.post(changes_url(submitted), {"changes-comment": "No."})

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert row(submitted) == before


def test_request_changes_of_an_approved_event_is_refused(
    client_of, municipal_admin, event, mailoutbox
):
    before = row(event)

    response = client_of(municipal_admin).post(
        changes_url(event), {"changes-comment": "Too late?"}, follow=True
    )

    assert messages_of(response) == ["This event is “Approved”: it cannot be changed that way."]
    assert row(event) == before
    assert mailoutbox == []

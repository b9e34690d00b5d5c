"""An event's lifecycle through the pages: submitted, approved or returned, resubmitted,
sent back to review by a change, approved automatically, cancelled from any state."""

import datetime
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from events.models import Community, CommunityAdmin, Event
from events.services import review
from tests.conftest import make_event, make_user
from tests.events.conftest import make_municipal_admin, summer_day

Status = Event.Status
REGISTER = reverse("events:register")
AUTOMATIC = "Approved automatically: the community publishes events at once."


def history(event):
    return list(
        event.status_changes.order_by("created_at", "pk").values_list(
            "from_status", "to_status", "by", "comment"
        )
    )


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def public_status(event):
    """The public page's status code for an anonymous neighbor."""
    return Client().get(event.get_public_url()).status_code


@pytest.fixture
def springfield(event):
    """Springfield, IL (the `event`'s community), reviewing each event."""
    community = event.community
    community.approval = Community.Approval.REVIEW
    community.save()
    return community


@pytest.fixture
def registered(client_of, organizer, springfield, municipal_admin, form_data):
    """A new event registered (and so submitted) in Springfield, waiting for review."""
    client_of(organizer).post(REGISTER, form_data, follow=True)
    return Event.objects.exclude(title="Maple Street Block Party").get()


@pytest.fixture
def form_data(form_data):
    return {**form_data, "title": "Elm Street Potluck"}


# Submitting


def test_submit_in_a_review_community_waits_and_mails_its_admins(
    client_of,
    organizer,
    springfield,
    municipal_admin,
    other_municipal_admin,
    form_data,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    make_municipal_admin("ann@example.com", springfield, full_name="Ann Another")
    gone = make_municipal_admin("gone@example.com", springfield)
    gone.is_active = False
    gone.save()
    CommunityAdmin.objects.create(user=make_user("pat@example.com"), community=springfield)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(organizer).post(REGISTER, form_data, follow=True)

    event = Event.objects.get(title="Elm Street Potluck")
    assert event.status == Status.SUBMITTED
    assert history(event) == [(Status.DRAFT, Status.SUBMITTED, organizer.pk, "")]
    assert messages_of(response) == [
        "Your event is sent to your community's municipal admins for review. "
        "We will e-mail you when it is approved."
    ]
    assert sorted(message.to[0] for message in mailoutbox) == [
        "ann@example.com",
        "mia@example.com",
    ]
    message = mailoutbox[0]
    assert message.subject == "To review: Elm Street Potluck"
    assert (
        "“Elm Street Potluck”, organized by Olivia Organizer, waits for your review before it "
        "is published in Springfield, IL." in message.body
    )
    assert f"http://127.0.0.1:8000{event.get_absolute_url()}" in message.body
    assert public_status(event) == 404


def test_submitted_event_is_in_the_review_queue(client_of, municipal_admin, registered):
    response = client_of(municipal_admin).get(
        reverse("events:review_queue", args=[registered.community_id])
    )

    assert list(response.context["page"].object_list) == [registered]


def test_submit_in_an_automatic_community_approves_at_once(
    client_of,
    organizer,
    municipal_admin,
    form_data,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(organizer).post(REGISTER, form_data, follow=True)

    event = Event.objects.get(title="Elm Street Potluck")
    assert event.status == Status.APPROVED
    assert history(event) == [
        (Status.DRAFT, Status.SUBMITTED, organizer.pk, ""),
        (Status.SUBMITTED, Status.APPROVED, None, AUTOMATIC),
    ]
    assert messages_of(response) == [
        "Your event is registered and published. Thank you for taking part!"
    ]
    assert mailoutbox == []
    assert public_status(event) == 200


def test_event_page_shows_an_automatic_approval_as_made_by_nno(client_of, organizer, form_data):
    client_of(organizer).post(REGISTER, form_data)
    event = Event.objects.get(title="Elm Street Potluck")

    response = client_of(organizer).get(event.get_absolute_url())

    assert "nno (automatic)" in response.text
    assert AUTOMATIC in response.text


def test_save_as_draft_in_a_review_community_stays_with_the_organizer(
    client_of, organizer, springfield, municipal_admin, form_data, mailoutbox
):
    client_of(organizer).post(REGISTER, {**form_data, "save_draft": "1"})

    event = Event.objects.get(title="Elm Street Potluck")
    assert event.status == Status.DRAFT
    assert history(event) == []
    assert mailoutbox == []
    assert client_of(municipal_admin).get(event.get_absolute_url()).status_code == 404


# Approving


def test_approve_publishes_and_mails_the_organizer(
    client_of, municipal_admin, registered, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        client_of(municipal_admin).post(
            reverse("events:approve", args=[registered.pk]),
            {"approve-comment": "See you there!"},
        )

    registered.refresh_from_db()
    assert registered.status == Status.APPROVED
    assert history(registered)[-1] == (
        Status.SUBMITTED,
        Status.APPROVED,
        municipal_admin.pk,
        "See you there!",
    )
    assert [message.to for message in mailoutbox] == [["olivia@example.com"]]
    message = mailoutbox[0]
    assert message.subject == "Approved: Elm Street Potluck"
    assert "Good news: Springfield, IL approved your event “Elm Street Potluck”." in message.body
    assert "A note from the reviewer:\nSee you there!" in message.body
    assert f"http://127.0.0.1:8000{registered.get_public_url()}" in message.body
    assert public_status(registered) == 200


def test_approved_event_leaves_the_review_queue(client_of, municipal_admin, registered):
    client = client_of(municipal_admin)
    client.post(reverse("events:approve", args=[registered.pk]))

    response = client.get(reverse("events:review_queue", args=[registered.community_id]))

    assert list(response.context["page"].object_list) == []


def test_approving_twice_is_refused(client_of, municipal_admin, registered, mailoutbox):
    client = client_of(municipal_admin)
    client.post(reverse("events:approve", args=[registered.pk]), follow=True)
    changes = history(registered)
    mailoutbox.clear()

    response = client.post(reverse("events:approve", args=[registered.pk]), follow=True)

    assert messages_of(response) == ["This event is “Approved”: it cannot be changed that way."]
    assert history(registered) == changes
    assert mailoutbox == []


# Asking for changes, editing, resubmitting


def test_request_changes_mails_the_organizer_with_the_comment(
    client_of, municipal_admin, registered, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        client_of(municipal_admin).post(
            reverse("events:request_changes", args=[registered.pk]),
            {"changes-comment": "Please say where the street is closed."},
        )

    registered.refresh_from_db()
    assert registered.status == Status.CHANGES_REQUESTED
    assert [message.to for message in mailoutbox] == [["olivia@example.com"]]
    message = mailoutbox[0]
    assert message.subject == "Changes requested: Elm Street Potluck"
    assert (
        "Springfield, IL asks for changes to your event “Elm Street Potluck” before publishing "
        "it:\n\nPlease say where the street is closed." in message.body
    )
    assert f"http://127.0.0.1:8000{reverse('events:edit', args=[registered.pk])}" in message.body
    assert public_status(registered) == 404


def test_organizer_sees_the_comment_edits_and_resubmits(
    client_of,
    organizer,
    municipal_admin,
    registered,
    form_data,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    client_of(municipal_admin).post(
        reverse("events:request_changes", args=[registered.pk]),
        {"changes-comment": "Please say where the street is closed."},
    )
    client = client_of(organizer)
    page = client.get(registered.get_absolute_url())
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("events:edit", args=[registered.pk]),
            {**form_data, "description": "Elm St closed from 1st to 3rd.", "submit": "1"},
        )

    assert "Your community asks for changes before publishing this event:" in page.text
    assert "Please say where the street is closed." in page.text
    registered.refresh_from_db()
    assert registered.status == Status.SUBMITTED
    assert registered.description == "Elm St closed from 1st to 3rd."
    assert [change[1] for change in history(registered)] == [
        Status.SUBMITTED,
        Status.CHANGES_REQUESTED,
        Status.SUBMITTED,
    ]
    assert [message.to for message in mailoutbox] == [["mia@example.com"]]


def test_organizer_saving_a_returned_event_without_submitting_keeps_it_returned(
    client_of, organizer, municipal_admin, registered, form_data
):
    client_of(municipal_admin).post(
        reverse("events:request_changes", args=[registered.pk]),
        {"changes-comment": "Please add a rain plan."},
    )

    client_of(organizer).post(
        reverse("events:edit", args=[registered.pk]),
        {**form_data, "description": "Rain plan: the school gym."},
    )

    registered.refresh_from_db()
    assert registered.status == Status.CHANGES_REQUESTED


def test_event_page_shows_the_status_history_to_organizer_and_admin(
    client_of, organizer, municipal_admin, registered
):
    client_of(municipal_admin).post(
        reverse("events:request_changes", args=[registered.pk]),
        {"changes-comment": "Please add a rain plan."},
    )

    for user in (organizer, municipal_admin):
        response = client_of(user).get(registered.get_absolute_url())

        changes = [
            (c.from_status, c.to_status, c.by, c.comment) for c in response.context["history"]
        ]
        assert changes == [
            (
                Status.SUBMITTED,
                Status.CHANGES_REQUESTED,
                municipal_admin,
                "Please add a rain plan.",
            ),
            (Status.DRAFT, Status.SUBMITTED, organizer, ""),
        ]
        assert "Waiting for review → Changes requested" in response.text
        assert "Mia Municipal" in response.text


# A change to an approved event


def test_changing_an_approved_events_date_sends_it_back_to_review(
    client_of,
    organizer,
    municipal_admin,
    registered,
    form_data,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    client_of(municipal_admin).post(reverse("events:approve", args=[registered.pk]), follow=True)
    new_day = summer_day() + datetime.timedelta(days=1)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(organizer).post(
            reverse("events:edit", args=[registered.pk]),
            {**form_data, "date": new_day.isoformat()},
            follow=True,
        )

    registered.refresh_from_db()
    assert registered.date == new_day
    assert registered.status == Status.SUBMITTED
    assert history(registered)[-1] == (
        Status.APPROVED,
        Status.SUBMITTED,
        organizer.pk,
        "Changed by the organizer: back to review.",
    )
    assert messages_of(response) == [
        "Your event is sent to your community's municipal admins for review. "
        "We will e-mail you when it is approved."
    ]
    assert [message.to for message in mailoutbox] == [["mia@example.com"]]
    assert public_status(registered) == 404


def test_changed_event_is_public_again_once_reapproved(
    client_of, organizer, municipal_admin, registered, form_data
):
    admin = client_of(municipal_admin)
    admin.post(reverse("events:approve", args=[registered.pk]))
    new_day = summer_day() + datetime.timedelta(days=1)
    client_of(organizer).post(
        reverse("events:edit", args=[registered.pk]), {**form_data, "date": new_day.isoformat()}
    )

    client_of(municipal_admin).post(reverse("events:approve", args=[registered.pk]))

    assert Event.objects.get(pk=registered.pk).status == Status.APPROVED
    assert public_status(registered) == 200


def test_saving_an_approved_event_unchanged_keeps_it_approved(
    client_of, organizer, municipal_admin, registered, form_data
):
    client_of(municipal_admin).post(reverse("events:approve", args=[registered.pk]))
    changes = history(registered)

    client_of(organizer).post(reverse("events:edit", args=[registered.pk]), form_data)

    assert Event.objects.get(pk=registered.pk).status == Status.APPROVED
    assert history(registered) == changes


def test_changing_an_approved_event_in_an_automatic_community_keeps_it_published(
    client_of, organizer, event, form_data
):
    client_of(organizer).post(
        reverse("events:edit", args=[event.pk]), {**form_data, "title": "New name"}
    )

    event.refresh_from_db()
    assert (event.title, event.status) == ("New name", Status.APPROVED)
    assert history(event) == []
    assert public_status(event) == 200


# Two admins at once


def test_two_admins_approving_at_once_one_wins(
    organizer, municipal_admin, registered, django_capture_on_commit_callbacks, mailoutbox
):
    colleague = make_municipal_admin("ann@example.com", registered.community)
    # Each admin loaded the page before either clicked.
    mine, theirs = Event.objects.get(pk=registered.pk), Event.objects.get(pk=registered.pk)

    with django_capture_on_commit_callbacks(execute=True):
        review.approve_event(event=mine, by=municipal_admin, comment="First")
        with pytest.raises(review.ReviewError) as refused:
            review.approve_event(event=theirs, by=colleague, comment="Second")

    assert str(refused.value) == "This event is “Approved”: it cannot be changed that way."
    assert history(registered)[1:] == [
        (Status.SUBMITTED, Status.APPROVED, municipal_admin.pk, "First")
    ]
    assert len(mailoutbox) == 1


def test_approve_and_request_changes_at_once_the_first_wins(
    municipal_admin, registered, mailoutbox
):
    colleague = make_municipal_admin("ann@example.com", registered.community)
    mine, theirs = Event.objects.get(pk=registered.pk), Event.objects.get(pk=registered.pk)

    review.request_changes(event=mine, by=municipal_admin, comment="Add a rain plan.")
    with pytest.raises(review.ReviewError):
        review.approve_event(event=theirs, by=colleague)

    assert Event.objects.get(pk=registered.pk).status == Status.CHANGES_REQUESTED
    assert [change[1] for change in history(registered)] == [
        Status.SUBMITTED,
        Status.CHANGES_REQUESTED,
    ]


def race(*actions):
    """Run `actions` in threads, each with its own database connection, released at the
    same moment; their results or errors."""
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


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's shared in-memory test database refuses a second writer at once: "
    "run on PostgreSQL.",
)
@pytest.mark.parametrize("round_", range(5))
def test_two_admins_approving_at_the_same_moment_exactly_one_wins(
    organizer, municipal_admin, mailoutbox, round_
):
    event = make_event(organizer, title="Raced", status=Status.SUBMITTED)
    colleague = make_municipal_admin("ann@example.com", event.community)

    def approve_as(user):
        return lambda: review.approve_event(event=Event.objects.get(pk=event.pk), by=user)

    results = race(approve_as(municipal_admin), approve_as(colleague))

    assert sorted(type(result).__name__ for result in results) == ["NoneType", "ReviewError"]
    assert Event.objects.get(pk=event.pk).status == Status.APPROVED
    assert event.status_changes.count() == 1
    assert len(mailoutbox) == 1


# Cancelling


@pytest.mark.parametrize(
    "status",
    [Status.DRAFT, Status.SUBMITTED, Status.APPROVED, Status.CHANGES_REQUESTED],
)
def test_cancel_from_any_state_is_recorded(client_of, organizer, springfield, status):
    event = make_event(organizer, title="To cancel", status=status)

    client_of(organizer).post(reverse("events:cancel", args=[event.pk]))

    event.refresh_from_db()
    assert event.status == Status.CANCELLED
    assert event.cancelled_at is not None
    assert history(event) == [(status, Status.CANCELLED, organizer.pk, "")]
    assert public_status(event) == 404


def test_cancelled_event_cannot_be_approved(client_of, organizer, municipal_admin, registered):
    client_of(organizer).post(reverse("events:cancel", args=[registered.pk]), follow=True)
    changes = history(registered)

    response = client_of(municipal_admin).post(
        reverse("events:approve", args=[registered.pk]), follow=True
    )

    assert messages_of(response) == ["This event is “Cancelled”: it cannot be changed that way."]
    assert Event.objects.get(pk=registered.pk).status == Status.CANCELLED
    assert history(registered) == changes

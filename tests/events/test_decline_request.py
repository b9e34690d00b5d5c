import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import VisitRequest
from tests.events.conftest import row

REASON = "All our officers are at the county fair that evening."


def decline_url(visit):
    return reverse("events:decline_request", args=[visit.pk])


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_decline_stores_the_reason_and_who_answered(client_of, liaison, visit):
    before = timezone.now()

    response = client_of(liaison).post(decline_url(visit), {"decline_reason": REASON})

    visit.refresh_from_db()
    assert (response.status_code, response.url) == (
        302,
        reverse("events:liaison_request", args=[visit.pk]),
    )
    assert visit.status == VisitRequest.Status.DECLINED
    assert visit.decline_reason == REASON
    assert visit.answered_by == liaison
    assert before <= visit.answered_at <= timezone.now()
    assert (visit.scheduled_start, visit.scheduled_end) == (None, None)


def test_decline_says_so_and_shows_the_reason(client_of, liaison, visit):
    client = client_of(liaison)

    response = client.post(decline_url(visit), {"decline_reason": REASON}, follow=True)

    assert messages_of(response) == ["Declined. The organizer has been told."]
    assert f"Reason: {REASON}" in response.text
    assert 'name="decline_reason"' not in response.text


def test_decline_mails_the_organizer_the_reason(
    client_of, liaison, visit, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        client_of(liaison).post(decline_url(visit), {"decline_reason": REASON})

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["olivia@example.com"]
    assert message.subject == "Springfield Police Department declined your request"
    assert (
        "Springfield Police Department cannot come to “Maple Street Block Party”." in message.body
    )
    assert f"Reason: {REASON}\n" in message.body


@pytest.mark.parametrize("reason", ["", "   "])
def test_decline_without_reason_shows_a_message_and_saves_nothing(
    client_of, liaison, visit, reason, django_capture_on_commit_callbacks, mailoutbox
):
    before = row(visit)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(liaison).post(decline_url(visit), {"decline_reason": reason})

    assert response.status_code == 200
    assert response.context["decline_form"].errors == {
        "decline_reason": ["This field is required."]
    }
    assert 'name="start_time"' in response.text
    assert row(visit) == before
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("reason", "error"),
    [
        ("x" * 501, "Ensure this value has at most 500 characters (it has 501)."),
        (
            "<script>alert(1)</script>",
            "Please use plain text here, without < > tags or control characters.",
        ),
    ],
)
def test_decline_bad_reason_is_refused(client_of, liaison, visit, reason, error):
    before = row(visit)

    response = client_of(liaison).post(decline_url(visit), {"decline_reason": reason})

    assert response.context["decline_form"].errors == {"decline_reason": [error]}
    assert row(visit) == before


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (VisitRequest.Status.ACCEPTED, "Accepted"),
        (VisitRequest.Status.DECLINED, "Declined"),
        (VisitRequest.Status.WITHDRAWN, "Withdrawn by the organizer"),
        (VisitRequest.Status.CANCELLED, "Cancelled with the event"),
    ],
)
def test_decline_answered_request_is_refused(
    client_of, liaison, visit, status, label, django_capture_on_commit_callbacks, mailoutbox
):
    schedule = {}
    if status == VisitRequest.Status.ACCEPTED:
        schedule = {"scheduled_start": visit.event.starts_at, "scheduled_end": visit.event.ends_at}
    VisitRequest.objects.filter(pk=visit.pk).update(status=status, **schedule)
    before = row(visit)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(liaison).post(
            decline_url(visit), {"decline_reason": REASON}, follow=True
        )

    assert messages_of(response) == [f"This request was already answered: it is now “{label}”."]
    assert row(visit) == before
    assert mailoutbox == []


@pytest.mark.parametrize(
    "persona", ["organizer", "other_organizer", "other_liaison", "pending_member", "national_admin"]
)
def test_decline_others_get_404_and_change_nothing(
    client_of, request, visit, persona, django_capture_on_commit_callbacks, mailoutbox
):
    before = row(visit)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(request.getfixturevalue(persona)).post(
            decline_url(visit), {"decline_reason": REASON}
        )

    assert response.status_code == 404
    assert row(visit) == before
    assert mailoutbox == []


def test_decline_anonymous_is_sent_to_log_in(client, visit):
    before = row(visit)

    response = client.post(decline_url(visit), {"decline_reason": REASON})

    assert (response.status_code, response.url) == (
        302,
        f"{reverse('accounts:login')}?next={decline_url(visit)}",
    )
    assert row(visit) == before


def test_decline_only_by_post(client_of, liaison, visit):
    before = row(visit)

    response = client_of(liaison).get(decline_url(visit), {"decline_reason": REASON})

    assert response.status_code == 405
    assert row(visit) == before


def test_decline_unknown_request_gives_404(client_of, liaison, visit):
    response = client_of(liaison).post(
        reverse("events:decline_request", args=[visit.pk + 1000]), {"decline_reason": REASON}
    )

    assert response.status_code == 404

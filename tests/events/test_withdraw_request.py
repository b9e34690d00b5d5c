import datetime

import pytest
from django.urls import reverse

from events.models import AgencyMembership, VisitRequest
from tests.conftest import make_event, make_liaison


def withdraw_url(visit):
    return reverse("events:withdraw_request", args=[visit.event_id, visit.pk])


def row(visit):
    return VisitRequest.objects.filter(pk=visit.pk).values().get()


@pytest.fixture
def accepted(visit):
    start = visit.event.starts_at + datetime.timedelta(hours=1)
    VisitRequest.objects.filter(pk=visit.pk).update(
        status=VisitRequest.Status.ACCEPTED,
        scheduled_start=start,
        scheduled_end=start + datetime.timedelta(minutes=20),
        unit="K9 unit",
    )
    visit.refresh_from_db()
    return visit


def test_withdraw_request_pending_one_is_withdrawn_and_liaisons_are_told(
    client_of, organizer, visit, mailoutbox, django_capture_on_commit_callbacks
):
    daily = make_liaison("dee@example.com", visit.agency, full_name="Dee Daily")
    AgencyMembership.objects.filter(user=daily).update(notify=AgencyMembership.Notify.DAILY)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(organizer).post(withdraw_url(visit), follow=True)

    assert response.redirect_chain == [(visit.event.get_absolute_url(), 302)]
    assert "Your request to Springfield Police Department is withdrawn." in response.text
    assert row(visit)["status"] == VisitRequest.Status.WITHDRAWN
    # Every liaison hears of it at once, whatever they chose for new requests.
    assert sorted(mail.to for mail in mailoutbox) == [["dee@example.com"], ["lee@example.com"]]
    mail = mailoutbox[0]
    assert mail.subject == "Request withdrawn: Maple Street Block Party"
    assert mail.body.startswith(
        "The organizer of “Maple Street Block Party” withdrew their request to "
        "Springfield Police Department.\n\n"
    )
    assert "off your plan" not in mail.body


def test_withdraw_request_accepted_one_is_withdrawn_and_taken_off_the_plan(
    client_of, organizer, accepted, mailoutbox, django_capture_on_commit_callbacks
):
    before = row(accepted)

    with django_capture_on_commit_callbacks(execute=True):
        client_of(organizer).post(withdraw_url(accepted))

    after = row(accepted)
    assert after["status"] == VisitRequest.Status.WITHDRAWN
    assert after["scheduled_start"] == before["scheduled_start"]
    assert [mail.to for mail in mailoutbox] == [["lee@example.com"]]
    assert "The visit you had accepted is off your plan." in mailoutbox[0].body


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (VisitRequest.Status.DECLINED, "Declined"),
        (VisitRequest.Status.WITHDRAWN, "Withdrawn by the organizer"),
        (VisitRequest.Status.CANCELLED, "Cancelled with the event"),
    ],
)
def test_withdraw_request_closed_one_says_so_and_changes_nothing(
    client_of, organizer, visit, status, shown, mailoutbox, django_capture_on_commit_callbacks
):
    VisitRequest.objects.filter(pk=visit.pk).update(status=status)
    before = row(visit)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(organizer).post(withdraw_url(visit), follow=True)

    assert response.redirect_chain == [(visit.event.get_absolute_url(), 302)]
    assert f"This request can no longer be withdrawn: it is “{shown}”." in response.text
    assert "is withdrawn." not in response.text
    assert row(visit) == before
    assert mailoutbox == []


def test_withdraw_request_get_is_not_allowed(client_of, organizer, visit):
    before = row(visit)

    response = client_of(organizer).get(withdraw_url(visit))

    assert response.status_code == 405
    assert row(visit) == before


@pytest.mark.parametrize(
    "persona", ["other_organizer", "liaison", "other_liaison", "national_admin", "stranger"]
)
def test_withdraw_request_other_user_gets_404_and_changes_nothing(
    client_of, request, visit, persona, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_of(request.getfixturevalue(persona))
    before = row(visit)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(withdraw_url(visit))

    assert response.status_code == 404
    assert row(visit) == before
    assert mailoutbox == []


def test_withdraw_request_anonymous_is_sent_to_log_in(client, visit):
    before = row(visit)

    response = client.post(withdraw_url(visit))

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={withdraw_url(visit)}"
    assert row(visit) == before


def test_withdraw_request_through_another_event_gives_404(client_of, organizer, visit):
    other_event = make_event(organizer, title="Second party")
    before = row(visit)

    response = client_of(organizer).post(
        reverse("events:withdraw_request", args=[other_event.pk, visit.pk])
    )

    assert response.status_code == 404
    assert row(visit) == before


def test_withdraw_request_unknown_ids_give_404(client_of, organizer, visit):
    unknown_visit = client_of(organizer).post(
        reverse("events:withdraw_request", args=[visit.event_id, 999999])
    )
    unknown_event = client_of(organizer).post(
        reverse("events:withdraw_request", args=[999999, visit.pk])
    )

    assert (unknown_visit.status_code, unknown_event.status_code) == (404, 404)
    assert row(visit)["status"] == VisitRequest.Status.REQUESTED

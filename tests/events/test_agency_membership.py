import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import AgencyMembership
from tests.conftest import make_user
from tests.events.conftest import row


def join_url(agency):
    return reverse("events:join_agency", args=[agency.pk])


def decide_url(membership, decision):
    return reverse("events:decide_member", args=[membership.agency_id, membership.pk, decision])


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def membership_of(user):
    return AgencyMembership.objects.get(user=user)


# Asking to join


def test_join_creates_a_pending_membership(client_of, stranger, agency, liaison):
    response = client_of(stranger).post(join_url(agency))

    assert (response.status_code, response.url) == (302, agency.get_absolute_url())
    membership = membership_of(stranger)
    assert membership.agency == agency
    assert membership.status == AgencyMembership.Status.PENDING
    assert (membership.decided_by, membership.decided_at) == (None, None)


def test_join_says_a_liaison_will_answer(client_of, stranger, agency, liaison):
    response = client_of(stranger).post(join_url(agency), follow=True)

    assert messages_of(response) == [
        "Your request to join Springfield Police Department is sent. "
        "A liaison of the agency will answer it."
    ]


def test_join_mails_the_agencys_liaisons(
    client_of,
    stranger,
    agency,
    liaison,
    other_liaison,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    with django_capture_on_commit_callbacks(execute=True):
        client_of(stranger).post(join_url(agency))

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["lee@example.com"]
    assert message.subject == "Someone asks to join Springfield Police Department"
    assert (
        "Sam Stranger (sam@example.com) asks to act as a liaison of Springfield Police "
        "Department on nno." in message.body
    )
    assert f"http://127.0.0.1:8000/agencies/{agency.pk}/" in message.body


def test_join_twice_says_it_is_waiting_and_keeps_one_row(
    client_of, stranger, agency, liaison, django_capture_on_commit_callbacks, mailoutbox
):
    client = client_of(stranger)
    client.post(join_url(agency), follow=True)
    first = row(membership_of(stranger))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(join_url(agency), follow=True)

    assert messages_of(response) == [
        "Your request to join Springfield Police Department is waiting for approval."
    ]
    assert AgencyMembership.objects.filter(user=stranger).count() == 1
    assert row(membership_of(stranger)) == first
    assert mailoutbox == []


def test_join_as_a_liaison_already_changes_nothing(client_of, agency, liaison):
    before = row(membership_of(liaison))

    response = client_of(liaison).post(join_url(agency), follow=True)

    assert messages_of(response) == ["You are already a liaison of Springfield Police Department."]
    assert row(membership_of(liaison)) == before


def test_join_again_after_a_decline_asks_again(client_of, stranger, agency, liaison):
    AgencyMembership.objects.create(
        user=stranger,
        agency=agency,
        status=AgencyMembership.Status.DECLINED,
        decided_by=liaison,
        decided_at=timezone.now(),
    )

    client_of(stranger).post(join_url(agency))

    membership = membership_of(stranger)
    assert membership.status == AgencyMembership.Status.PENDING
    assert (membership.decided_by, membership.decided_at) == (None, None)


def test_join_anonymous_is_sent_to_log_in(client, agency):
    response = client.post(join_url(agency))

    assert (response.status_code, response.url) == (
        302,
        f"{reverse('accounts:login')}?next={join_url(agency)}",
    )
    assert AgencyMembership.objects.count() == 0


def test_join_only_by_post(client_of, stranger, agency):
    response = client_of(stranger).get(join_url(agency))

    assert response.status_code == 405
    assert AgencyMembership.objects.count() == 0


def test_join_unknown_agency_gives_404(client_of, stranger, agency):
    response = client_of(stranger).post(reverse("events:join_agency", args=[agency.pk + 1000]))

    assert response.status_code == 404
    assert AgencyMembership.objects.count() == 0


def test_pending_member_sees_no_request(client_of, pending_member, visit):
    client = client_of(pending_member)

    inbox = client.get(reverse("events:inbox"))
    detail = client.get(reverse("events:liaison_request", args=[visit.pk]))

    assert list(inbox.context["page"].object_list) == []
    assert detail.status_code == 404


# Approving and declining


def test_decide_liaison_approves_a_pending_member(client_of, liaison, pending_member):
    membership = membership_of(pending_member)
    before = timezone.now()

    response = client_of(liaison).post(decide_url(membership, "approve"), follow=True)

    membership.refresh_from_db()
    assert response.redirect_chain == [(membership.agency.get_absolute_url(), 302)]
    assert messages_of(response) == ["Pat Pending is now a liaison."]
    assert membership.status == AgencyMembership.Status.APPROVED
    assert membership.decided_by == liaison
    assert before <= membership.decided_at <= timezone.now()


def test_decide_approved_member_sees_the_requests(client_of, liaison, pending_member, visit):
    client_of(liaison).post(decide_url(membership_of(pending_member), "approve"))

    response = client_of(pending_member).get(reverse("events:inbox"))

    assert list(response.context["page"].object_list) == [visit]


def test_decide_approval_mails_the_member(
    client_of, liaison, pending_member, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        client_of(liaison).post(decide_url(membership_of(pending_member), "approve"))

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["pat@example.com"]
    assert message.subject == "You are a liaison of Springfield Police Department"
    assert "http://127.0.0.1:8000/requests/" in message.body


def test_decide_decline_mails_the_member(
    client_of, liaison, pending_member, django_capture_on_commit_callbacks, mailoutbox
):
    membership = membership_of(pending_member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(liaison).post(decide_url(membership, "decline"), follow=True)

    membership.refresh_from_db()
    assert messages_of(response) == ["Pat Pending was declined."]
    assert membership.status == AgencyMembership.Status.DECLINED
    assert membership.decided_by == liaison
    assert [m.to for m in mailoutbox] == [["pat@example.com"]]
    assert mailoutbox[0].subject == "Your request to join Springfield Police Department"
    assert "was declined" in mailoutbox[0].body


@pytest.mark.parametrize("decision", ["approve", "decline"])
def test_decide_site_admin_decides_for_any_agency(
    client_of, national_admin, pending_member, decision
):
    membership = membership_of(pending_member)

    client_of(national_admin).post(decide_url(membership, decision))

    membership.refresh_from_db()
    assert membership.status == {"approve": "approved", "decline": "declined"}[decision]
    assert membership.decided_by == national_admin


@pytest.mark.parametrize("persona", ["other_liaison", "organizer", "stranger", "pending_member"])
def test_decide_others_get_404_and_change_nothing(
    client_of, request, agency, persona, django_capture_on_commit_callbacks, mailoutbox
):
    applicant = make_user("ann@example.com", full_name="Ann Applicant")
    membership = AgencyMembership.objects.create(user=applicant, agency=agency)
    before = row(membership)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(request.getfixturevalue(persona)).post(
            decide_url(membership, "approve")
        )

    assert response.status_code == 404
    assert row(membership) == before
    assert mailoutbox == []


def test_decide_anonymous_is_sent_to_log_in(client, pending_member):
    membership = membership_of(pending_member)
    before = row(membership)

    response = client.post(decide_url(membership, "approve"))

    assert (response.status_code, response.url) == (
        302,
        f"{reverse('accounts:login')}?next={decide_url(membership, 'approve')}",
    )
    assert row(membership) == before


def test_decide_member_of_another_agency_through_mine_gives_404(
    client_of, liaison, agency, other_agency
):
    applicant = make_user("ann@example.com", full_name="Ann Applicant")
    theirs = AgencyMembership.objects.create(user=applicant, agency=other_agency)
    before = row(theirs)

    response = client_of(liaison).post(
        reverse("events:decide_member", args=[agency.pk, theirs.pk, "approve"])
    )

    assert response.status_code == 404
    assert row(theirs) == before


def test_decide_unknown_decision_gives_404(client_of, liaison, pending_member):
    membership = membership_of(pending_member)
    before = row(membership)

    response = client_of(liaison).post(decide_url(membership, "promote"))

    assert response.status_code == 404
    assert row(membership) == before


def test_decide_twice_says_it_was_decided(
    client_of,
    liaison,
    national_admin,
    pending_member,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    membership = membership_of(pending_member)
    client_of(liaison).post(decide_url(membership, "approve"), follow=True)
    decided = row(membership)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(national_admin).post(decide_url(membership, "decline"), follow=True)

    assert messages_of(response) == ["This request was already decided."]
    assert row(membership) == decided
    assert mailoutbox == []


def test_decide_only_by_post(client_of, liaison, pending_member):
    membership = membership_of(pending_member)
    before = row(membership)

    response = client_of(liaison).get(decide_url(membership, "approve"))

    assert response.status_code == 405
    assert row(membership) == before

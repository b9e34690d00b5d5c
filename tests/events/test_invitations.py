import datetime
import re
import time
from urllib.parse import quote, urlsplit

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from events.models import AgencyMembership
from events.services import agency as services
from tests.conftest import make_agency, make_user

DAY = 24 * 3600


def invite_url(agency):
    return reverse("events:invite", args=[agency.pk])


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def link_in(message):
    (url,) = re.findall(r"https?://\S+", message.body)
    return url


def invitation_path(agency, email, by, *, age_days=0, monkeypatch=None):
    """The path of an invitation link, signed `age_days` ago."""
    if not age_days:
        return urlsplit(services.invitation_url(agency=agency, email=email, by=by)).path
    with monkeypatch.context() as patch:
        signed_at = time.time() - age_days * DAY
        patch.setattr(time, "time", lambda: signed_at)
        return invitation_path(agency, email, by)


@pytest.fixture
def invitee(db):
    return make_user("ivy@example.com", full_name="Ivy Invited")


# Sending


def test_invite_mails_a_signed_link(
    client_of, liaison, agency, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(liaison).post(
            invite_url(agency), {"email": "ivy@example.com"}, follow=True
        )

    assert response.redirect_chain == [(agency.get_absolute_url(), 302)]
    assert messages_of(response) == ["Invitation sent to ivy@example.com."]
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["ivy@example.com"]
    assert message.subject == "Invitation to act for Springfield Police Department on nno"
    assert message.body.startswith(
        "Lee Liaison invites you to act as a liaison of Springfield Police Department on nno"
    )
    assert "The link works for 14 days." in message.body
    url = urlsplit(link_in(message))
    assert url.netloc == "testserver"
    token = url.path.removeprefix("/agencies/invitation/").removesuffix("/")
    data = signing.loads(token, salt=services.INVITATION_SALT)
    sent_at = datetime.datetime.fromisoformat(data.pop("at"))
    assert data == {"agency": agency.pk, "email": "ivy@example.com", "by": liaison.pk}
    assert abs(timezone.now() - sent_at) < datetime.timedelta(minutes=1)
    assert AgencyMembership.objects.filter(user__email="ivy@example.com").count() == 0


@pytest.mark.parametrize("email", ["", "ivy", "ivy@", "a" * 250 + "@example.com"])
def test_invite_bad_address_sends_nothing(
    client_of, liaison, agency, email, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(liaison).post(invite_url(agency), {"email": email}, follow=True)

    assert messages_of(response) == ["Please enter a valid e-mail address to invite."]
    assert mailoutbox == []


@pytest.mark.parametrize(
    "persona", ["other_liaison", "pending_member", "organizer", "stranger", "national_admin"]
)
def test_invite_others_get_404_and_send_nothing(
    client_of, request, agency, persona, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(request.getfixturevalue(persona)).post(
            invite_url(agency), {"email": "ivy@example.com"}
        )

    assert response.status_code == 404
    assert mailoutbox == []


def test_invite_anonymous_is_sent_to_log_in(client, agency, mailoutbox):
    response = client.post(invite_url(agency), {"email": "ivy@example.com"})

    assert (response.status_code, response.url) == (
        302,
        f"{reverse('accounts:login')}?next={invite_url(agency)}",
    )
    assert mailoutbox == []


# Accepting


def test_invitation_page_asks_to_accept(client_of, liaison, agency, invitee):
    path = invitation_path(agency, "ivy@example.com", liaison)

    response = client_of(invitee).get(path)

    assert response.status_code == 200
    assert "Accept the invitation" in response.text
    assert AgencyMembership.objects.filter(user=invitee).count() == 0


def test_invitation_accepted_makes_an_approved_liaison(
    client_of, liaison, agency, invitee, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        client_of(liaison).post(invite_url(agency), {"email": "ivy@example.com"}, follow=True)
    path = urlsplit(link_in(mailoutbox[0])).path

    response = client_of(invitee).post(path, follow=True)

    assert response.redirect_chain == [(agency.get_absolute_url(), 302)]
    assert messages_of(response) == [
        "Welcome! You are now a liaison of Springfield Police Department."
    ]
    membership = AgencyMembership.objects.get(user=invitee)
    assert membership.agency == agency
    assert membership.status == AgencyMembership.Status.APPROVED
    assert membership.decided_by == liaison
    assert membership.decided_at is not None


def test_invitation_address_case_does_not_matter(client_of, liaison, agency, invitee):
    path = invitation_path(agency, "Ivy@Example.COM", liaison)

    client_of(invitee).post(path)

    assert AgencyMembership.objects.get(user=invitee).status == AgencyMembership.Status.APPROVED


def test_invitation_approves_a_pending_member(client_of, liaison, agency, pending_member):
    path = invitation_path(agency, "pat@example.com", liaison)

    client_of(pending_member).post(path)

    assert AgencyMembership.objects.filter(user=pending_member).count() == 1
    membership = AgencyMembership.objects.get(user=pending_member)
    assert membership.status == AgencyMembership.Status.APPROVED
    assert membership.decided_by == liaison


def test_invitation_still_valid_after_13_days(client_of, liaison, agency, invitee, monkeypatch):
    path = invitation_path(agency, "ivy@example.com", liaison, age_days=13, monkeypatch=monkeypatch)

    client_of(invitee).post(path)

    assert AgencyMembership.objects.get(user=invitee).status == AgencyMembership.Status.APPROVED


def test_invitation_for_another_address_is_refused(client_of, liaison, agency, invitee, stranger):
    path = invitation_path(agency, "ivy@example.com", liaison)

    response = client_of(stranger).post(path, follow=True)

    assert response.redirect_chain == [(reverse("events:agencies"), 302)]
    assert messages_of(response) == [
        "This invitation was sent to ivy@example.com. Log in with that address to accept it."
    ]
    assert AgencyMembership.objects.filter(user=stranger).count() == 0


def test_invitation_expired_is_refused(client_of, liaison, agency, invitee, monkeypatch):
    path = invitation_path(agency, "ivy@example.com", liaison, age_days=15, monkeypatch=monkeypatch)

    response = client_of(invitee).post(path, follow=True)

    assert messages_of(response) == ["This invitation has expired. Ask for a new one."]
    assert AgencyMembership.objects.filter(user=invitee).count() == 0


def test_invitation_tampered_is_refused(client_of, liaison, agency, other_agency, invitee):
    token = invitation_path(agency, "ivy@example.com", liaison).split("/")[-2]
    unsigned, signature = token.rsplit(":", 1)
    changed_signature = f"{unsigned}:{'B' if signature[0] == 'A' else 'A'}{signature[1:]}"
    forged = signing.dumps(
        {"agency": other_agency.pk, "email": "ivy@example.com", "by": liaison.pk},
        salt=services.INVITATION_SALT,
        key="not-our-secret-key",
    )

    responses = [
        client_of(invitee).post(reverse("events:accept_invitation", args=[bad]), follow=True)
        for bad in [changed_signature, unsigned, forged, "not-a-token"]
    ]

    for response in responses:
        assert messages_of(response) == ["This invitation link is not valid."]
    assert AgencyMembership.objects.filter(user=invitee).count() == 0


def test_invitation_signed_for_another_purpose_is_refused(client_of, agency, invitee):
    token = signing.dumps({"agency": agency.pk, "email": "ivy@example.com", "by": invitee.pk})

    response = client_of(invitee).post(
        reverse("events:accept_invitation", args=[token]), follow=True
    )

    assert messages_of(response) == ["This invitation link is not valid."]
    assert AgencyMembership.objects.filter(user=invitee).count() == 0


def test_invitation_to_a_deleted_agency_is_refused(client_of, liaison, invitee):
    gone = make_agency("Closed Precinct", zip_code="62702")
    path = invitation_path(gone, "ivy@example.com", liaison)
    gone.delete()

    response = client_of(invitee).post(path, follow=True)

    assert messages_of(response) == ["This invitation link is not valid."]
    assert AgencyMembership.objects.filter(user=invitee).count() == 0


def test_invitation_anonymous_is_sent_to_log_in(client, liaison, agency):
    path = invitation_path(agency, "ivy@example.com", liaison)

    get = client.get(path)
    post = client.post(path)

    login = f"{reverse('accounts:login')}?next={quote(path, safe='/')}"
    assert (get.status_code, get.url) == (302, login)
    assert (post.status_code, post.url) == (302, login)
    assert AgencyMembership.objects.filter(status="approved").count() == 1


def test_invitation_clicked_twice_changes_nothing(client_of, liaison, agency, invitee):
    path = invitation_path(agency, "ivy@example.com", liaison)
    client_of(invitee).post(path)
    first = AgencyMembership.objects.get(user=invitee)

    response = client_of(invitee).post(path, follow=True)

    again = AgencyMembership.objects.get(user=invitee)
    assert (again.status, again.decided_by, again.decided_at) == (
        AgencyMembership.Status.APPROVED,
        liaison,
        first.decided_at,
    )
    assert response.redirect_chain == [(agency.get_absolute_url(), 302)]


def test_invitation_older_than_a_decline_is_refused(client_of, liaison, agency, pending_member):
    path = invitation_path(agency, "pat@example.com", liaison)
    membership = AgencyMembership.objects.get(user=pending_member)
    services.decide_membership(membership=membership, by=liaison, approve=False)

    response = client_of(pending_member).post(path, follow=True)

    assert AgencyMembership.objects.get(user=pending_member).status == (
        AgencyMembership.Status.DECLINED
    )
    assert messages_of(response) == [
        "Your request to join Springfield Police Department (Springfield, IL) was declined "
        "after this invitation was sent. Ask its liaisons for a new invitation."
    ]


def test_invitation_sent_after_a_decline_is_accepted(client_of, liaison, agency, pending_member):
    membership = AgencyMembership.objects.get(user=pending_member)
    services.decide_membership(membership=membership, by=liaison, approve=False)
    path = invitation_path(agency, "pat@example.com", liaison)

    client_of(pending_member).post(path)

    assert AgencyMembership.objects.get(user=pending_member).status == (
        AgencyMembership.Status.APPROVED
    )

"""Agencies and their liaisons: joining, approving, inviting, proposing."""

import datetime

from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.mail import absolute_url, send_templated_email

from ..models import Agency, AgencyArea, AgencyMembership, Community
from ..models.agency import new_calendar_token
from .visit import VisitError, liaison_emails

INVITATION_SALT = "events.agency-invitation"
INVITATION_MAX_AGE = 14 * 24 * 3600

Membership = AgencyMembership


@transaction.atomic
def ask_to_join(*, user, agency) -> AgencyMembership:
    """`user` asks to become a liaison of `agency`; its liaisons are asked to approve."""
    membership, created = AgencyMembership.objects.get_or_create(user=user, agency=agency)
    if not created:
        if membership.status == Membership.Status.APPROVED:
            raise VisitError(
                _("You are already a liaison of %(agency)s.") % {"agency": agency.name}
            )
        if membership.status == Membership.Status.PENDING:
            raise VisitError(
                _("Your request to join %(agency)s is waiting for approval.")
                % {"agency": agency.name}
            )
        membership.status = Membership.Status.PENDING
        membership.decided_by, membership.decided_at = None, None
        membership.save()
    to = liaison_emails(agency)
    if to:
        send_templated_email(
            template="events/email/join_request",
            context={"membership": membership, "agency": agency, "path": agency.get_absolute_url()},
            to=to,
        )
    return membership


def decide_membership(*, membership, by, approve: bool) -> AgencyMembership:
    """A liaison of the agency (or a site admin) approves or declines a pending member."""
    status = Membership.Status.APPROVED if approve else Membership.Status.DECLINED
    with transaction.atomic():
        updated = AgencyMembership.objects.filter(
            pk=membership.pk, status=Membership.Status.PENDING
        ).update(status=status, decided_by=by, decided_at=timezone.now())
        if not updated:
            raise VisitError(_("This request was already decided."))
        membership.refresh_from_db()
        send_templated_email(
            template=f"events/email/membership_{status}",
            context={"membership": membership, "agency": membership.agency},
            to=[membership.user.email],
        )
    return membership


def invitation_url(*, agency, email, by, request=None) -> str:
    token = signing.dumps(
        {
            "agency": agency.pk,
            "email": email.lower(),
            "by": by.pk,
            "at": timezone.now().isoformat(),
        },
        salt=INVITATION_SALT,
    )
    return absolute_url(reverse("events:accept_invitation", args=[token]), request)


def invite(*, agency, email, by, request=None) -> None:
    """Mail `email` a signed link (valid 14 days) that makes its owner a liaison."""
    send_templated_email(
        template="events/email/invitation",
        context={
            "agency": agency,
            "inviter": by,
            "url": invitation_url(agency=agency, email=email, by=by, request=request),
        },
        to=[email],
    )


def accept_invitation(*, token, user) -> AgencyMembership:
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.SignatureExpired:
        raise VisitError(_("This invitation has expired. Ask for a new one.")) from None
    except signing.BadSignature:
        raise VisitError(_("This invitation link is not valid.")) from None
    if data["email"] != user.email:
        raise VisitError(
            _("This invitation was sent to %(email)s. Log in with that address to accept it.")
            % {"email": data["email"]}
        )
    agency = Agency.objects.filter(pk=data["agency"]).first()
    if agency is None:
        raise VisitError(_("This invitation link is not valid."))
    with transaction.atomic():
        membership, _created = AgencyMembership.objects.select_for_update().get_or_create(
            user=user, agency=agency
        )
        if membership.status == Membership.Status.APPROVED:
            return membership  # Accepted already (the link clicked twice).
        invited_at = datetime.datetime.fromisoformat(data["at"]) if "at" in data else None
        if membership.decided_at and (invited_at is None or membership.decided_at > invited_at):
            # Declined after the invitation was sent: the later decision stands.
            raise VisitError(
                _(
                    "Your request to join %(agency)s was declined after this invitation "
                    "was sent. Ask its liaisons for a new invitation."
                )
                % {"agency": agency}
            )
        membership.status = Membership.Status.APPROVED
        membership.decided_by_id = data["by"]
        membership.decided_at = timezone.now()
        membership.save()
    return membership


@transaction.atomic
def propose_agency(*, form, by) -> Agency:
    """An organizer adds a missing agency: unverified until a site admin checks it."""
    agency = form.save(commit=False)
    agency.is_verified = False
    agency.proposed_by = by
    try:
        with transaction.atomic():
            agency.save()
    except IntegrityError:
        raise VisitError(_("This agency is already registered: search for it.")) from None
    info = form.zip_info
    community = Community.objects.for_place(name=agency.city, state=info.state, county=info.county)
    AgencyArea.objects.create(
        agency=agency, kind=AgencyArea.Kind.COMMUNITY, state=agency.state, community=community
    )
    return agency


def reset_calendar_token(*, membership) -> None:
    """Replace the secret of the liaison's calendar address; the old one stops working."""
    membership.calendar_token = new_calendar_token()
    membership.save(update_fields=["calendar_token"])

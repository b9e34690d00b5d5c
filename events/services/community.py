"""Municipal admins: asking for the role, granting it, adding co-admins."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.mail import send_templated_email
from accounts.models import normalize_email

from ..models import CommunityAdmin

Role = CommunityAdmin


class RoleError(Exception):
    """A role change that cannot be made; the message says why."""


def _staff_emails():
    return list(
        get_user_model()
        .objects.filter(is_staff=True, is_active=True)
        .order_by("pk")
        .values_list("email", flat=True)
    )


@transaction.atomic
def ask_for_role(*, user, community, reason) -> CommunityAdmin:
    """`user` asks to become a municipal admin of `community`; national admins are told."""
    role, created = CommunityAdmin.objects.get_or_create(
        user=user, community=community, defaults={"reason": reason}
    )
    if not created:
        if role.status == Role.Status.APPROVED:
            raise RoleError(
                _("You are already a municipal admin of %(community)s.") % {"community": community}
            )
        if role.status == Role.Status.PENDING:
            raise RoleError(
                _("Your request for %(community)s is waiting for a national admin.")
                % {"community": community}
            )
        role.status, role.reason = Role.Status.PENDING, reason
        role.granted_by, role.granted_at = None, None
        role.save()
    to = _staff_emails()
    if to:
        send_templated_email(
            template="events/email/role_request",
            context={
                "role": role,
                "path": reverse("admin:events_communityadmin_change", args=[role.pk]),
            },
            to=to,
        )
    return role


def _tell_new_admin(role):
    send_templated_email(
        template="events/email/role_granted",
        context={"role": role, "community": role.community},
        to=[role.user.email],
    )


@transaction.atomic
def grant_role(*, role, by) -> CommunityAdmin:
    """A national admin grants a pending request; its author is told."""
    _decide_role(role, by, Role.Status.APPROVED)
    _tell_new_admin(role)
    return role


@transaction.atomic
def decline_role(*, role, by) -> CommunityAdmin:
    """A national admin declines a pending request; its author is told."""
    _decide_role(role, by, Role.Status.DECLINED)
    send_templated_email(
        template="events/email/role_declined",
        context={"role": role, "community": role.community},
        to=[role.user.email],
    )
    return role


def _decide_role(role, by, status):
    """Move pending `role` to `status` (a conditional update: of two national admins
    deciding at once, the second is refused) and reload it."""
    updated = CommunityAdmin.objects.filter(pk=role.pk, status=Role.Status.PENDING).update(
        status=status, granted_by=by, granted_at=timezone.now()
    )
    if not updated:
        raise RoleError(_("This request was already decided."))
    role.refresh_from_db()


@transaction.atomic
def add_co_admin(*, community, email, by) -> CommunityAdmin:
    """A municipal admin (or a national admin) makes the owner of `email`, an existing
    active account, a municipal admin of `community` at once; they are told."""
    user = get_user_model().objects.filter(email=normalize_email(email), is_active=True).first()
    if user is None:
        raise RoleError(
            _(
                "No active nno account uses %(email)s. Ask them to sign up first, "
                "then add them again."
            )
            % {"email": normalize_email(email)}
        )
    role, _created = CommunityAdmin.objects.select_for_update().get_or_create(
        user=user, community=community
    )
    if role.status == Role.Status.APPROVED:
        raise RoleError(
            _("%(name)s is already a municipal admin of %(community)s.")
            % {"name": user.full_name or user.email, "community": community}
        )
    role.status = Role.Status.APPROVED
    role.granted_by, role.granted_at = by, timezone.now()
    role.save()
    _tell_new_admin(role)
    return role

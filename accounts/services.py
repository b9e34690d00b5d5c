from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .mail import absolute_url, send_templated_email
from .models import User
from .tokens import email_confirmation_token


def confirmation_url(user, request=None) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = email_confirmation_token.make_token(user)
    return absolute_url(reverse("accounts:confirm_email", args=[uid, token]), request)


def send_confirmation(*, user, request=None):
    send_templated_email(
        template="accounts/email/confirm",
        context={"user": user, "url": confirmation_url(user, request)},
        to=[user.email],
    )


def sign_up(*, form, request=None) -> None:
    """Create an inactive account and mail a confirmation link.

    For an address that is already registered nothing is created; its owner gets
    an e-mail instead (a new confirmation link, or a pointer to password reset),
    so the page shown is the same either way and reveals nothing.
    """
    email = form.cleaned_data["email"]
    try:
        with transaction.atomic():
            user = form.save(commit=False)
            user.is_active = False
            user.save()
    except IntegrityError:
        user = None
    if user is not None:
        send_confirmation(user=user, request=request)
        return
    existing = User.objects.get(email=email)
    if not existing.is_active and existing.last_login is None:
        send_confirmation(user=existing, request=request)
    else:
        send_templated_email(
            template="accounts/email/already_registered",
            context={
                "user": existing,
                "reset_url": absolute_url(reverse("accounts:password_reset"), request),
                "login_url": absolute_url(reverse("accounts:login"), request),
            },
            to=[existing.email],
        )


def resend_confirmation(*, email: str, request=None) -> None:
    """Mail a new link if an unconfirmed account has this address; else do nothing."""
    user = User.objects.filter(email=email, is_active=False, last_login__isnull=True).first()
    if user is not None:
        send_confirmation(user=user, request=request)


def confirm_email(*, user) -> None:
    User.objects.filter(pk=user.pk).update(is_active=True)
    user.is_active = True

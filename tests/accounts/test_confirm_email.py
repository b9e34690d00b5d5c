import datetime

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.forms import ResendConfirmationForm
from accounts.models import User
from accounts.services import confirmation_url
from accounts.tokens import EmailConfirmationTokenGenerator, email_confirmation_token
from tests.accounts.conftest import link_in
from tests.conftest import PASSWORD

NEUTRAL_MESSAGE = "If an account at {} is waiting for confirmation, we have sent it a new link."


class TokensMadeAt(EmailConfirmationTokenGenerator):
    """Our generator with its clock set to `moment`, to make links of another day."""

    def __init__(self, moment):
        super().__init__()
        self.moment = moment

    def _now(self):
        return self.moment


def uid_of(pk) -> str:
    return urlsafe_base64_encode(force_bytes(pk))


def confirm_path(uidb64, token) -> str:
    return reverse("accounts:confirm_email", args=[uidb64, token])


def link_of_age(user, seconds) -> str:
    """A confirmation link made `seconds` ago (Django's tokens use naive local time)."""
    made_at = datetime.datetime.now() - datetime.timedelta(seconds=seconds)
    return confirm_path(uid_of(user.pk), TokensMadeAt(made_at).make_token(user))


def assert_invalid_link_page(response):
    assert response.status_code == 400
    assert response.templates[0].name == "accounts/confirm_invalid.html"
    assert isinstance(response.context["form"], ResendConfirmationForm)
    assert f'action="{reverse("accounts:resend_confirmation")}"' in response.text


def test_confirm_email_activates_the_account(client, unconfirmed):
    response = client.get(confirmation_url(unconfirmed))

    assert response.status_code == 302
    assert response.url == reverse("accounts:login")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Thank you, your e-mail address is confirmed. Please log in."
    ]
    unconfirmed.refresh_from_db()
    assert unconfirmed.is_active is True
    assert unconfirmed.last_login is None
    assert "_auth_user_id" not in client.session


def test_confirm_email_link_works_only_once(client, unconfirmed):
    path = confirmation_url(unconfirmed)
    client.get(path)

    response = client.get(path)

    assert_invalid_link_page(response)
    assert User.objects.get(pk=unconfirmed.pk).is_active is True


def test_confirm_email_link_does_not_reopen_a_closed_account(client, unconfirmed):
    path = confirmation_url(unconfirmed)
    client.get(path)
    client.post(reverse("accounts:login"), {"username": "una@example.com", "password": PASSWORD})
    client.post(reverse("accounts:logout"))
    User.objects.filter(pk=unconfirmed.pk).update(is_active=False)

    response = client.get(path)

    assert_invalid_link_page(response)
    assert User.objects.get(pk=unconfirmed.pk).is_active is False


def test_confirm_email_tampered_token_is_refused(client, unconfirmed):
    token = email_confirmation_token.make_token(unconfirmed)
    tampered = token[:-1] + ("0" if token[-1] != "0" else "1")

    response = client.get(confirm_path(uid_of(unconfirmed.pk), tampered))

    assert_invalid_link_page(response)
    assert User.objects.get(pk=unconfirmed.pk).is_active is False


def test_confirm_email_token_of_another_account_is_refused(client, unconfirmed):
    other = User.objects.create_user(
        email="otto@example.com", password=PASSWORD, full_name="Otto", is_active=False
    )
    token = email_confirmation_token.make_token(other)

    response = client.get(confirm_path(uid_of(unconfirmed.pk), token))

    assert_invalid_link_page(response)
    assert list(User.objects.filter(is_active=True)) == []


def test_confirm_email_password_reset_token_is_refused(client, unconfirmed):
    token = default_token_generator.make_token(unconfirmed)

    response = client.get(confirm_path(uid_of(unconfirmed.pk), token))

    assert_invalid_link_page(response)
    assert User.objects.get(pk=unconfirmed.pk).is_active is False


def test_confirm_email_unknown_uid_is_refused(client, unconfirmed):
    token = email_confirmation_token.make_token(unconfirmed)

    response = client.get(confirm_path(uid_of(unconfirmed.pk + 1000), token))

    assert_invalid_link_page(response)
    assert User.objects.get(pk=unconfirmed.pk).is_active is False


@pytest.mark.parametrize(
    "uidb64",
    [
        "!!!",
        "a",
        uid_of("abc"),
        uid_of("1\x00"),
        uid_of("-1"),
        uid_of(10**30),
        urlsafe_base64_encode(b"\xff\xfe"),
    ],
)
def test_confirm_email_garbage_uid_is_refused(client, unconfirmed, uidb64):
    token = email_confirmation_token.make_token(unconfirmed)

    response = client.get(confirm_path(uidb64, token))

    assert_invalid_link_page(response)
    assert User.objects.get(pk=unconfirmed.pk).is_active is False


@pytest.mark.parametrize("token", ["x", "-", "zzzzzz-", "a-b-c", "1-" + "0" * 32, "\x00-\x00"])
def test_confirm_email_garbage_token_is_refused(client, unconfirmed, token):
    response = client.get(confirm_path(uid_of(unconfirmed.pk), token))

    assert_invalid_link_page(response)
    assert User.objects.get(pk=unconfirmed.pk).is_active is False


def test_confirm_email_expired_link_is_refused(client, unconfirmed):
    path = link_of_age(unconfirmed, settings.PASSWORD_RESET_TIMEOUT + 60)

    response = client.get(path)

    assert_invalid_link_page(response)
    assert User.objects.get(pk=unconfirmed.pk).is_active is False


def test_confirm_email_link_works_until_it_expires(client, unconfirmed):
    path = link_of_age(unconfirmed, settings.PASSWORD_RESET_TIMEOUT - 60)

    response = client.get(path)

    assert response.status_code == 302
    assert User.objects.get(pk=unconfirmed.pk).is_active is True


def test_confirm_email_link_follows_the_timeout_setting(client, unconfirmed, settings):
    settings.PASSWORD_RESET_TIMEOUT = 60
    path = link_of_age(unconfirmed, 120)

    response = client.get(path)

    assert_invalid_link_page(response)
    assert User.objects.get(pk=unconfirmed.pk).is_active is False


def test_resend_confirmation_page_renders(client, db):
    response = client.get(reverse("accounts:resend_confirmation"))

    assert response.status_code == 200
    assert list(response.context["form"].fields) == ["email"]


def test_resend_confirmation_mails_a_working_link_to_an_unconfirmed_account(
    client, unconfirmed, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:resend_confirmation"), {"email": " UNA@Example.com "}
        )
    confirmed = client.get(link_in(mailoutbox[0]))

    assert response.status_code == 302
    assert response.url == reverse("accounts:login")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        NEUTRAL_MESSAGE.format("una@example.com")
    ]
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["una@example.com"]
    assert mailoutbox[0].subject == "Confirm your e-mail address for nno"
    assert confirmed.status_code == 302
    assert User.objects.get(pk=unconfirmed.pk).is_active is True


@pytest.mark.parametrize("email", ["olivia@example.com", "nobody@example.com"])
def test_resend_confirmation_answers_the_same_and_mails_nothing_otherwise(
    client, organizer, django_capture_on_commit_callbacks, mailoutbox, email
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:resend_confirmation"), {"email": email})

    assert response.status_code == 302
    assert response.url == reverse("accounts:login")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [NEUTRAL_MESSAGE.format(email)]
    assert mailoutbox == []
    assert list(User.objects.values_list("email", flat=True)) == ["olivia@example.com"]


def test_resend_confirmation_closed_account_gets_no_mail(
    client, organizer, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(organizer)
    client.post(reverse("accounts:logout"))
    User.objects.filter(pk=organizer.pk).update(is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:resend_confirmation"), {"email": "olivia@example.com"}
        )

    assert response.status_code == 302
    assert mailoutbox == []
    assert User.objects.get(pk=organizer.pk).is_active is False


@pytest.mark.parametrize(
    ("email", "errors"),
    [
        ("not-an-address", {"email": ["Enter a valid email address."]}),
        ("", {"email": ["This field is required."]}),
        (
            "una\x00@example.com",
            {"email": ["Enter a valid email address.", "Null characters are not allowed."]},
        ),
    ],
)
def test_resend_confirmation_bad_address_shows_an_error(
    client, unconfirmed, django_capture_on_commit_callbacks, mailoutbox, email, errors
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:resend_confirmation"), {"email": email})

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert mailoutbox == []


def test_resend_confirmation_replaces_an_expired_link(
    client, unconfirmed, django_capture_on_commit_callbacks, mailoutbox
):
    client.get(link_of_age(unconfirmed, settings.PASSWORD_RESET_TIMEOUT + 60))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:resend_confirmation"), {"email": "una@example.com"})

    response = client.get(link_in(mailoutbox[0]))

    assert response.status_code == 302
    assert User.objects.get(pk=unconfirmed.pk).is_active is True

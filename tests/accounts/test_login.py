import pytest
from django.urls import reverse

from accounts.models import User
from accounts.services import confirmation_url
from tests.conftest import PASSWORD

INVALID_LOGIN = "Please enter a correct e-mail address and password."
INACTIVE = (
    "Please confirm your e-mail address first: open the link we sent you. "
    "No e-mail? Ask for a new link below."
)


def logged_in_id(client):
    return client.session.get("_auth_user_id")


def test_login_page_renders(client, db):
    response = client.get(reverse("accounts:login"))

    assert response.status_code == 200
    assert list(response.context["form"].fields) == ["username", "password"]
    assert response.context["form"].fields["username"].label == "E-mail address"


@pytest.mark.parametrize(
    "email",
    ["olivia@example.com", "OLIVIA@EXAMPLE.COM", "Olivia@Example.com", " olivia@example.com "],
)
def test_login_with_any_case_of_the_email(client, organizer, email):
    response = client.post(reverse("accounts:login"), {"username": email, "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("events:my_events")
    assert logged_in_id(client) == str(organizer.pk)
    organizer.refresh_from_db()
    assert organizer.last_login is not None


def test_login_follows_a_local_next(client, organizer):
    response = client.post(
        reverse("accounts:login"),
        {"username": "olivia@example.com", "password": PASSWORD, "next": "/accounts/profile/"},
    )

    assert response.status_code == 302
    assert response.url == "/accounts/profile/"


def test_login_ignores_a_foreign_next(client, organizer):
    response = client.post(
        reverse("accounts:login"),
        {"username": "olivia@example.com", "password": PASSWORD, "next": "https://evil.example/"},
    )

    assert response.status_code == 302
    assert response.url == reverse("events:my_events")


def test_login_unconfirmed_user_is_told_to_confirm(client, unconfirmed):
    response = client.post(
        reverse("accounts:login"), {"username": "una@example.com", "password": PASSWORD}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"__all__": [INACTIVE]}
    assert reverse("accounts:resend_confirmation") in response.text
    assert logged_in_id(client) is None
    assert User.objects.get(pk=unconfirmed.pk).last_login is None


def test_login_unconfirmed_user_with_wrong_password_gets_the_generic_message(client, unconfirmed):
    response = client.post(
        reverse("accounts:login"), {"username": "una@example.com", "password": "wrong password"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"__all__": [INVALID_LOGIN]}
    assert logged_in_id(client) is None


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("olivia@example.com", "wrong password"),
        ("olivia@example.com", PASSWORD.upper()),
        ("nobody@example.com", PASSWORD),
    ],
)
def test_login_wrong_credentials_get_the_generic_message(client, organizer, email, password):
    response = client.post(reverse("accounts:login"), {"username": email, "password": password})

    assert response.status_code == 200
    assert response.context["form"].errors == {"__all__": [INVALID_LOGIN]}
    assert logged_in_id(client) is None
    assert User.objects.get(pk=organizer.pk).last_login is None


def test_login_empty_form_shows_field_errors(client, organizer):
    response = client.post(reverse("accounts:login"), {"username": "", "password": ""})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "username": ["This field is required."],
        "password": ["This field is required."],
    }
    assert logged_in_id(client) is None


def test_login_logged_in_user_is_redirected(client_of, organizer):
    response = client_of(organizer).get(reverse("accounts:login"))

    assert response.status_code == 302
    assert response.url == reverse("events:my_events")


def test_login_page_shows_the_confirmation_message(client, unconfirmed):
    response = client.get(confirmation_url(unconfirmed), follow=True)

    assert response.redirect_chain == [(reverse("accounts:login"), 302)]
    assert "Thank you, your e-mail address is confirmed. Please log in." in response.text


def test_login_after_confirmation_succeeds(client, unconfirmed):
    client.get(confirmation_url(unconfirmed))

    response = client.post(
        reverse("accounts:login"), {"username": "una@example.com", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert logged_in_id(client) == str(unconfirmed.pk)


def test_login_session_ends_when_the_account_is_closed(client_of, organizer):
    client = client_of(organizer)
    User.objects.filter(pk=organizer.pk).update(is_active=False)

    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={reverse('accounts:profile')}"


def test_logout_by_get_is_refused(client_of, organizer):
    client = client_of(organizer)

    response = client.get(reverse("accounts:logout"))

    assert response.status_code == 405
    assert logged_in_id(client) == str(organizer.pk)


def test_logout_by_post_ends_the_session(client_of, organizer):
    client = client_of(organizer)

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert logged_in_id(client) is None

import pytest
from django.urls import reverse

from accounts.models import User
from tests.accounts.conftest import link_in
from tests.conftest import PASSWORD, make_user

NEW_PASSWORD = "purple lanterns on maple street"


def ask_for_reset(client, email, capture):
    with capture(execute=True):
        return client.post(reverse("accounts:password_reset"), {"email": email})


def choose_password(client, link, new1=NEW_PASSWORD, new2=NEW_PASSWORD):
    """Open the link (Django moves the token into the session) and post the form."""
    opened = client.get(link)
    return client.post(opened.url, {"new_password1": new1, "new_password2": new2})


def test_password_reset_page_renders(client, db):
    response = client.get(reverse("accounts:password_reset"))

    assert response.status_code == 200
    assert list(response.context["form"].fields) == ["email"]


@pytest.mark.parametrize("email", ["olivia@example.com", "OLIVIA@Example.com"])
def test_password_reset_mails_a_link_to_a_known_address(
    client, organizer, django_capture_on_commit_callbacks, mailoutbox, email
):
    response = ask_for_reset(client, email, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["olivia@example.com"]
    assert message.subject == "Reset your nno password"
    assert (
        "Hello,\n\nYou asked to reset the password of your nno account (olivia@example.com)."
        in (message.body)
    )
    assert link_in(message).startswith("/accounts/password/reset/")
    assert "http://testserver/accounts/password/reset/" in message.body


@pytest.mark.parametrize("email", ["nobody@example.com", "una@example.com"])
def test_password_reset_unknown_or_unconfirmed_address_answers_the_same_without_mail(
    client, organizer, unconfirmed, django_capture_on_commit_callbacks, mailoutbox, email
):
    known = ask_for_reset(client, "olivia@example.com", django_capture_on_commit_callbacks)
    mailoutbox.clear()

    response = ask_for_reset(client, email, django_capture_on_commit_callbacks)

    assert response.status_code == known.status_code == 302
    assert response.url == known.url == reverse("accounts:password_reset_done")
    assert mailoutbox == []


def test_password_reset_mail_waits_for_the_commit(
    client, organizer, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("accounts:password_reset"), {"email": "olivia@example.com"})

    assert len(callbacks) == 1
    assert mailoutbox == []


def test_password_reset_mail_keeps_the_address_as_typed(
    client, db, django_capture_on_commit_callbacks, mailoutbox
):
    make_user("o'brien&sons@example.com")

    ask_for_reset(client, "o'brien&sons@example.com", django_capture_on_commit_callbacks)

    assert "(o'brien&sons@example.com)" in mailoutbox[0].body


def test_password_reset_done_page_is_neutral(client, db):
    response = client.get(reverse("accounts:password_reset_done"))

    assert response.status_code == 200
    assert "If an account uses this address, we have sent it a link" in response.text


def test_password_reset_link_sets_a_new_password(
    client, organizer, django_capture_on_commit_callbacks, mailoutbox
):
    ask_for_reset(client, "olivia@example.com", django_capture_on_commit_callbacks)

    response = choose_password(client, link_in(mailoutbox[0]))

    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_complete")
    organizer.refresh_from_db()
    assert organizer.check_password(NEW_PASSWORD) is True
    assert organizer.check_password(PASSWORD) is False


def test_password_reset_new_password_logs_in(
    client, organizer, django_capture_on_commit_callbacks, mailoutbox
):
    ask_for_reset(client, "olivia@example.com", django_capture_on_commit_callbacks)
    choose_password(client, link_in(mailoutbox[0]))

    old = client.post(
        reverse("accounts:login"), {"username": "olivia@example.com", "password": PASSWORD}
    )
    new = client.post(
        reverse("accounts:login"), {"username": "olivia@example.com", "password": NEW_PASSWORD}
    )

    assert old.status_code == 200
    assert new.status_code == 302
    assert client.session["_auth_user_id"] == str(organizer.pk)


def test_password_reset_complete_page_leads_to_login(client, db):
    response = client.get(reverse("accounts:password_reset_complete"))

    assert response.status_code == 200
    assert reverse("accounts:login") in response.text


def test_password_reset_link_works_only_once(
    client, organizer, django_capture_on_commit_callbacks, mailoutbox
):
    ask_for_reset(client, "olivia@example.com", django_capture_on_commit_callbacks)
    link = link_in(mailoutbox[0])
    choose_password(client, link)

    response = client.get(link)

    assert response.status_code == 200
    assert response.context["validlink"] is False
    assert "This link is invalid, has already been used, or has expired." in response.text
    organizer.refresh_from_db()
    assert organizer.check_password(NEW_PASSWORD) is True


@pytest.mark.parametrize(
    ("new1", "new2", "errors"),
    [
        (
            "short1x",
            "short1x",
            {
                "new_password2": [
                    "This password is too short. It must contain at least 8 characters."
                ]
            },
        ),
        ("password", "password", {"new_password2": ["This password is too common."]}),
        (NEW_PASSWORD, PASSWORD, {"new_password2": ["The two password fields didn’t match."]}),
    ],
)
def test_password_reset_weak_password_is_refused(
    client, organizer, django_capture_on_commit_callbacks, mailoutbox, new1, new2, errors
):
    ask_for_reset(client, "olivia@example.com", django_capture_on_commit_callbacks)

    response = choose_password(client, link_in(mailoutbox[0]), new1, new2)

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert User.objects.get(pk=organizer.pk).check_password(PASSWORD) is True


@pytest.mark.parametrize(
    ("email", "errors"),
    [
        ("not-an-address", ["Enter a valid email address."]),
        ("", ["This field is required."]),
        (
            "olivia\x00@example.com",
            ["Enter a valid email address.", "Null characters are not allowed."],
        ),
    ],
)
def test_password_reset_bad_address_shows_an_error(
    client, organizer, django_capture_on_commit_callbacks, mailoutbox, email, errors
):
    response = ask_for_reset(client, email, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert response.context["form"].errors == {"email": errors}
    assert mailoutbox == []

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.models import User
from tests.conftest import PASSWORD

NEW_PASSWORD = "purple lanterns on maple street"


def change_data(**overrides):
    return {
        "old_password": PASSWORD,
        "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD,
        **overrides,
    }


def test_password_change_anonymous_is_sent_to_log_in(client, organizer):
    page = client.get(reverse("accounts:password_change"))
    response = client.post(reverse("accounts:password_change"), change_data())

    login = f"{reverse('accounts:login')}?next={reverse('accounts:password_change')}"
    assert (page.status_code, page.url) == (302, login)
    assert (response.status_code, response.url) == (302, login)
    assert User.objects.get(pk=organizer.pk).check_password(PASSWORD) is True


def test_password_change_page_renders(client_of, organizer):
    response = client_of(organizer).get(reverse("accounts:password_change"))

    assert response.status_code == 200
    assert list(response.context["form"].fields) == [
        "old_password",
        "new_password1",
        "new_password2",
    ]


def test_password_change_saves_the_new_password_and_keeps_the_session(client_of, organizer):
    client = client_of(organizer)

    response = client.post(reverse("accounts:password_change"), change_data())

    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Your password has been changed."
    ]
    organizer.refresh_from_db()
    assert organizer.check_password(NEW_PASSWORD) is True
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_password_change_changes_only_the_own_password(client_of, organizer, other_organizer):
    client_of(other_organizer).post(reverse("accounts:password_change"), change_data())

    assert User.objects.get(pk=other_organizer.pk).check_password(NEW_PASSWORD) is True
    assert User.objects.get(pk=organizer.pk).check_password(PASSWORD) is True


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        (
            {"old_password": "wrong password"},
            {"old_password": ["Your old password was entered incorrectly. Please enter it again."]},
        ),
        (
            {"new_password1": "short1x", "new_password2": "short1x"},
            {
                "new_password2": [
                    "This password is too short. It must contain at least 8 characters."
                ]
            },
        ),
        (
            {"new_password1": "password", "new_password2": "password"},
            {"new_password2": ["This password is too common."]},
        ),
        (
            {"new_password2": PASSWORD},
            {"new_password2": ["The two password fields didn’t match."]},
        ),
    ],
)
def test_password_change_bad_input_changes_nothing(client_of, organizer, overrides, errors):
    response = client_of(organizer).post(
        reverse("accounts:password_change"), change_data(**overrides)
    )

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert User.objects.get(pk=organizer.pk).check_password(PASSWORD) is True

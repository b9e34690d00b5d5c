import pytest
from django.urls import reverse

from accounts.models import User
from tests.accounts.conftest import link_in, links_in
from tests.conftest import PASSWORD


def sign_up_data(**overrides):
    return {
        "full_name": "Nina Neighbor",
        "email": "Nina@Example.com",
        "phone": "555-0142",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }


def test_sign_up_page_renders_for_anonymous(client, db):
    response = client.get(reverse("accounts:sign_up"))

    assert response.status_code == 200
    assert list(response.context["form"].fields) == [
        "full_name",
        "email",
        "phone",
        "password1",
        "password2",
    ]


def test_sign_up_creates_inactive_user_with_lower_case_email(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:sign_up"), sign_up_data())

    assert response.status_code == 302
    assert response.url == reverse("accounts:sign_up_done")
    user = User.objects.get()
    assert user.email == "nina@example.com"
    assert user.full_name == "Nina Neighbor"
    assert user.phone == "555-0142"
    assert user.is_active is False
    assert user.is_staff is False
    assert user.is_superuser is False
    assert user.last_login is None
    assert user.check_password(PASSWORD) is True


def test_sign_up_mails_one_confirmation_link(
    client, db, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:sign_up"), sign_up_data())

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["nina@example.com"]
    assert message.subject == "Confirm your e-mail address for nno"
    assert message.body.startswith("Hello Nina Neighbor,\n")
    assert "http://testserver/accounts/confirm/" in message.body


def test_sign_up_confirmation_link_activates_the_account(
    client, db, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:sign_up"), sign_up_data())

    response = client.get(link_in(mailoutbox[0]))

    assert response.status_code == 302
    assert response.url == reverse("accounts:login")
    assert User.objects.get().is_active is True


def test_sign_up_mail_waits_for_the_commit(
    client, db, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("accounts:sign_up"), sign_up_data())

    assert len(callbacks) == 1
    assert mailoutbox == []


def test_sign_up_mail_keeps_special_characters_of_the_name(
    client, db, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:sign_up"), sign_up_data(full_name="Renée O'Brien & <Kids>"))

    assert User.objects.get().full_name == "Renée O'Brien & <Kids>"
    assert mailoutbox[0].body.startswith("Hello Renée O'Brien & <Kids>,\n")


def test_sign_up_done_page_names_the_address(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:sign_up"), sign_up_data())

    response = client.get(reverse("accounts:sign_up_done"))

    assert response.status_code == 200
    assert "We have sent a message to <strong>nina@example.com</strong>." in response.text


@pytest.mark.parametrize("email", ["olivia@example.com", "OLIVIA@Example.COM"])
def test_sign_up_registered_address_answers_like_a_new_one(
    client, organizer, django_capture_on_commit_callbacks, email
):
    with django_capture_on_commit_callbacks(execute=True):
        new = client.post(reverse("accounts:sign_up"), sign_up_data(email="newcomer@example.com"))
    new_page = client.get(new.url)

    with django_capture_on_commit_callbacks(execute=True):
        taken = client.post(reverse("accounts:sign_up"), sign_up_data(email=email))
    taken_page = client.get(taken.url)

    assert taken.status_code == new.status_code == 302
    assert taken.url == new.url == reverse("accounts:sign_up_done")
    assert taken_page.status_code == new_page.status_code == 200
    assert taken_page.text.replace("olivia@example.com", "newcomer@example.com") == new_page.text


def test_sign_up_registered_address_changes_nothing(
    client, organizer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:sign_up"),
            sign_up_data(
                email="Olivia@Example.com",
                full_name="Mallory",
                phone="555-6666",
                password1="mallory's own passphrase",
                password2="mallory's own passphrase",
            ),
        )

    assert response.status_code == 302
    assert list(User.objects.values_list("email", flat=True)) == ["olivia@example.com"]
    organizer.refresh_from_db()
    assert organizer.full_name == "Olivia Organizer"
    assert organizer.phone == "555-0199"
    assert organizer.is_active is True
    assert organizer.check_password(PASSWORD) is True


def test_sign_up_registered_address_mails_its_owner(
    client, organizer, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:sign_up"), sign_up_data(email="OLIVIA@example.com"))

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["olivia@example.com"]
    assert message.subject == "You already have an nno account"
    assert message.body.startswith("Hello Olivia Organizer,\n")
    assert links_in(message) == [reverse("accounts:login"), reverse("accounts:password_reset")]


def test_sign_up_unconfirmed_address_mails_a_new_working_link(
    client, unconfirmed, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:sign_up"), sign_up_data(email="una@example.com"))

    response = client.get(link_in(mailoutbox[0]))

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["una@example.com"]
    assert mailoutbox[0].subject == "Confirm your e-mail address for nno"
    assert response.status_code == 302
    assert User.objects.get().is_active is True


@pytest.mark.parametrize(
    ("password1", "password2", "error"),
    [
        (
            "short1x",
            "short1x",
            "This password is too short. It must contain at least 8 characters.",
        ),
        ("password", "password", "This password is too common."),
        ("83749261534", "83749261534", "This password is entirely numeric."),
        (
            "nina@example.com",
            "nina@example.com",
            "The password is too similar to the e-mail address.",
        ),
        (PASSWORD, "correct horse battery stable", "The two password fields didn’t match."),
    ],
)
def test_sign_up_weak_or_mismatched_password_saves_nothing(
    client, db, django_capture_on_commit_callbacks, mailoutbox, password1, password2, error
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:sign_up"), sign_up_data(password1=password1, password2=password2)
        )

    assert response.status_code == 200
    assert response.context["form"].errors == {"password2": [error]}
    assert User.objects.exists() is False
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        (
            {"full_name": "x" * 151},
            {"full_name": ["Ensure this value has at most 150 characters (it has 151)."]},
        ),
        ({"full_name": ""}, {"full_name": ["This field is required."]}),
        ({"full_name": "Nina\x00Neighbor"}, {"full_name": ["Null characters are not allowed."]}),
        (
            {"email": "nina\x00@example.com"},
            {"email": ["Enter a valid email address.", "Null characters are not allowed."]},
        ),
        ({"email": "not-an-address"}, {"email": ["Enter a valid email address."]}),
        ({"email": "<script>@example.com"}, {"email": ["Enter a valid email address."]}),
        ({"email": ""}, {"email": ["This field is required."]}),
        (
            {"email": "n" * 243 + "@example.com"},
            {"email": ["Ensure this value has at most 254 characters (it has 255)."]},
        ),
        (
            {"phone": "5" * 31},
            {"phone": ["Ensure this value has at most 30 characters (it has 31)."]},
        ),
        ({"phone": "555\x000142"}, {"phone": ["Null characters are not allowed."]}),
    ],
)
def test_sign_up_bad_input_saves_nothing(
    client, db, django_capture_on_commit_callbacks, mailoutbox, overrides, errors
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:sign_up"), sign_up_data(**overrides))

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert User.objects.exists() is False
    assert mailoutbox == []


def test_sign_up_odd_but_valid_name_is_kept_as_typed(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:sign_up"), sign_up_data(full_name="<script>Ana</script> 🎉")
        )

    assert response.status_code == 302
    assert User.objects.get().full_name == "<script>Ana</script> 🎉"


def test_sign_up_logged_in_user_is_redirected(client_of, organizer):
    client = client_of(organizer)

    page = client.get(reverse("accounts:sign_up"))
    post = client.post(reverse("accounts:sign_up"), sign_up_data())

    assert page.status_code == 302
    assert page.url == reverse("events:my_events")
    assert post.status_code == 302
    assert post.url == reverse("events:my_events")
    assert list(User.objects.values_list("email", flat=True)) == ["olivia@example.com"]

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.models import User


def profile_data(**overrides):
    return {"full_name": "Olivia O. Organizer", "phone": "555-0100", **overrides}


def stored(user):
    return User.objects.values("email", "full_name", "phone").get(pk=user.pk)


def test_profile_anonymous_is_sent_to_log_in(client, organizer):
    page = client.get(reverse("accounts:profile"))
    response = client.post(reverse("accounts:profile"), profile_data())

    login = f"{reverse('accounts:login')}?next={reverse('accounts:profile')}"
    assert (page.status_code, page.url) == (302, login)
    assert (response.status_code, response.url) == (302, login)
    assert stored(organizer) == {
        "email": "olivia@example.com",
        "full_name": "Olivia Organizer",
        "phone": "555-0199",
    }


def test_profile_page_shows_the_own_data(client_of, organizer):
    response = client_of(organizer).get(reverse("accounts:profile"))

    assert response.status_code == 200
    assert list(response.context["form"].fields) == ["full_name", "phone"]
    assert response.context["form"].instance == organizer
    assert "<strong>olivia@example.com</strong>" in response.text
    assert 'value="Olivia Organizer"' in response.text


def test_profile_saves_name_and_phone(client_of, organizer):
    response = client_of(organizer).post(reverse("accounts:profile"), profile_data())

    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Your profile has been saved."]
    assert stored(organizer) == {
        "email": "olivia@example.com",
        "full_name": "Olivia O. Organizer",
        "phone": "555-0100",
    }


def test_profile_phone_may_be_emptied(client_of, organizer):
    client_of(organizer).post(reverse("accounts:profile"), profile_data(phone=""))

    assert stored(organizer)["phone"] == ""


def test_profile_email_cannot_be_changed(client_of, organizer):
    client_of(organizer).post(
        reverse("accounts:profile"), profile_data(email="mallory@example.com")
    )

    assert list(User.objects.values_list("email", flat=True)) == ["olivia@example.com"]


def test_profile_status_fields_cannot_be_changed(client_of, organizer):
    client_of(organizer).post(
        reverse("accounts:profile"),
        profile_data(is_staff="on", is_superuser="on", is_active="", password="x"),
    )

    user = User.objects.get(pk=organizer.pk)
    assert (user.is_staff, user.is_superuser, user.is_active) == (False, False, True)
    assert user.password == organizer.password


def test_profile_changes_only_the_own_account(client_of, organizer, other_organizer):
    client_of(other_organizer).post(reverse("accounts:profile"), profile_data())

    assert stored(organizer) == {
        "email": "olivia@example.com",
        "full_name": "Olivia Organizer",
        "phone": "555-0199",
    }
    assert stored(other_organizer) == {
        "email": "oscar@example.com",
        "full_name": "Olivia O. Organizer",
        "phone": "555-0100",
    }


def test_profile_odd_name_is_kept_and_escaped(client_of, organizer):
    client = client_of(organizer)

    client.post(reverse("accounts:profile"), profile_data(full_name="<script>Liv</script> 🎉"))
    response = client.get(reverse("accounts:profile"))

    assert stored(organizer)["full_name"] == "<script>Liv</script> 🎉"
    assert "<script>Liv" not in response.text
    assert "&lt;script&gt;Liv&lt;/script&gt; 🎉" in response.text


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"full_name": ""}, {"full_name": ["This field is required."]}),
        (
            {"full_name": "x" * 151},
            {"full_name": ["Ensure this value has at most 150 characters (it has 151)."]},
        ),
        ({"full_name": "Liv\x00"}, {"full_name": ["Null characters are not allowed."]}),
        (
            {"phone": "5" * 31},
            {"phone": ["Ensure this value has at most 30 characters (it has 31)."]},
        ),
        ({"phone": "555\x00"}, {"phone": ["Null characters are not allowed."]}),
    ],
)
def test_profile_bad_input_saves_nothing(client_of, organizer, overrides, errors):
    response = client_of(organizer).post(reverse("accounts:profile"), profile_data(**overrides))

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert stored(organizer) == {
        "email": "olivia@example.com",
        "full_name": "Olivia Organizer",
        "phone": "555-0199",
    }

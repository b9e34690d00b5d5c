import pytest
from django.urls import reverse

from accounts.models import User
from tests.conftest import PASSWORD


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser(
        email="root@example.com", password=PASSWORD, full_name="Rita Root"
    )


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def test_admin_user_changelist_lists_users(admin_client, organizer, stranger):
    response = admin_client.get(reverse("admin:accounts_user_changelist"))

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [
        organizer,
        User.objects.get(email="root@example.com"),
        stranger,
    ]


@pytest.mark.parametrize(
    ("query", "emails"),
    [
        ("olivia", ["olivia@example.com"]),
        ("OLIVIA@EXAMPLE", ["olivia@example.com"]),
        ("Stranger", ["sam@example.com"]),
        ("555-0199", ["olivia@example.com"]),
        ("nobody", []),
    ],
)
def test_admin_user_search(admin_client, organizer, stranger, query, emails):
    response = admin_client.get(reverse("admin:accounts_user_changelist"), {"q": query})

    assert response.status_code == 200
    assert [user.email for user in response.context["cl"].result_list] == emails


def test_admin_user_changelist_filters_unconfirmed(admin_client, organizer, unconfirmed):
    response = admin_client.get(
        reverse("admin:accounts_user_changelist"), {"is_active__exact": "0"}
    )

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [unconfirmed]


def test_admin_user_add_page_renders(admin_client):
    response = admin_client.get(reverse("admin:accounts_user_add"))

    assert response.status_code == 200
    assert list(response.context["adminform"].form.fields) == [
        "email",
        "full_name",
        "usable_password",
        "password1",
        "password2",
    ]


def test_admin_user_change_page_renders(admin_client, organizer):
    response = admin_client.get(reverse("admin:accounts_user_change", args=[organizer.pk]))

    assert response.status_code == 200
    assert response.context["original"] == organizer


def test_admin_user_password_page_renders(admin_client, organizer):
    response = admin_client.get(reverse("admin:auth_user_password_change", args=[organizer.pk]))

    assert response.status_code == 200
    assert response.context["original"] == organizer


def test_admin_user_add_stores_a_lower_case_email(admin_client):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Nina@Example.com",
            "full_name": "Nina Neighbor",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    user = User.objects.get(full_name="Nina Neighbor")
    assert response.status_code == 302
    assert user.email == "nina@example.com"
    assert user.check_password(PASSWORD) is True


def test_admin_user_add_refuses_a_taken_address_in_any_case(admin_client, organizer):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "OLIVIA@example.com",
            "full_name": "Copy",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "email": ["User with this E-mail address already exists."]
    }
    assert User.objects.filter(full_name="Copy").exists() is False


def test_admin_user_change_lower_cases_the_email(admin_client, organizer):
    response = admin_client.post(
        reverse("admin:accounts_user_change", args=[organizer.pk]),
        {
            "email": "Olivia.New@Example.com",
            "full_name": "Olivia Organizer",
            "phone": "555-0199",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    organizer.refresh_from_db()
    assert organizer.email == "olivia.new@example.com"
    assert organizer.check_password(PASSWORD) is True


def test_admin_national_admin_without_permission_is_refused(client_of, national_admin):
    response = client_of(national_admin).get(reverse("admin:accounts_user_changelist"))

    assert response.status_code == 403

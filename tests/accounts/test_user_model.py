import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import User
from tests.conftest import PASSWORD, make_user


def test_user_email_check_constraint_refuses_upper_case_on_update(organizer):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=organizer.pk).update(email="Olivia@Example.com")

    assert User.objects.get(pk=organizer.pk).email == "olivia@example.com"


def test_user_email_check_constraint_refuses_upper_case_on_insert(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="Nina@Example.com", full_name="Nina")

    assert User.objects.exists() is False


def test_user_email_check_constraint_is_enforced_by_full_clean(db):
    user = User(email="nina@example.com", full_name="Nina", password="x")
    user.email = "NINA@example.com"

    with pytest.raises(ValidationError) as error:
        user.validate_constraints()

    assert error.value.messages == ["Constraint “user_email_lowercase” is violated."]


def test_user_email_is_unique_without_regard_to_case(organizer):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(email="OLIVIA@example.com", password=PASSWORD, full_name="Copy")

    assert list(User.objects.values_list("email", flat=True)) == ["olivia@example.com"]


def test_user_full_clean_lower_cases_the_email_and_reports_a_taken_address(organizer):
    user = User(email="OLIVIA@Example.com", full_name="Copy", password="x")

    with pytest.raises(ValidationError) as error:
        user.full_clean()

    assert user.email == "olivia@example.com"
    assert error.value.message_dict == {"email": ["User with this E-mail address already exists."]}


def test_create_user_lower_cases_and_strips_the_email(db):
    user = User.objects.create_user(email=" Nina@Example.COM ", password=PASSWORD, full_name="Nina")

    user.refresh_from_db()
    assert user.email == "nina@example.com"
    assert user.check_password(PASSWORD) is True
    assert (user.is_active, user.is_staff, user.is_superuser) == (True, False, False)


@pytest.mark.parametrize("email", ["", None])
def test_create_user_without_email_is_refused(db, email):
    with pytest.raises(ValueError) as error:
        User.objects.create_user(email=email, password=PASSWORD, full_name="Nobody")

    assert str(error.value) == "An e-mail address is required."
    assert User.objects.exists() is False


def test_create_superuser_makes_an_active_superuser(db):
    user = User.objects.create_superuser(
        email="Root@Example.com", password=PASSWORD, full_name="Root"
    )

    user.refresh_from_db()
    assert user.email == "root@example.com"
    assert (user.is_active, user.is_staff, user.is_superuser) == (True, True, True)
    assert user.check_password(PASSWORD) is True
    assert user.has_perm("accounts.change_user") is True


def test_get_by_natural_key_ignores_case(organizer):
    user = User.objects.get_by_natural_key("OLIVIA@EXAMPLE.COM")

    assert user == organizer


def test_user_str_shows_name_and_address(organizer):
    assert str(organizer) == "Olivia Organizer <olivia@example.com>"


def test_user_str_without_name_shows_the_address(db):
    user = make_user("anon@example.com", full_name="")

    assert str(user) == "anon@example.com"


def test_user_names(organizer):
    assert organizer.get_full_name() == "Olivia Organizer"
    assert organizer.get_short_name() == "Olivia"


def test_user_short_name_without_name_is_the_address(db):
    user = make_user("anon@example.com", full_name="")

    assert user.get_short_name() == "anon@example.com"

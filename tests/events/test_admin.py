import pytest
from django.urls import reverse

from events.models import Activity, Community, Event
from tests.conftest import make_user


@pytest.fixture
def superuser(db):
    return make_user("root@example.com", full_name="Root Admin", is_staff=True, is_superuser=True)


@pytest.mark.parametrize(
    ("model", "query", "count"),
    [
        ("event", {}, 1),
        ("event", {"q": "Maple"}, 1),
        ("event", {"q": "olivia@example.com"}, 1),
        ("event", {"q": "nowhere"}, 0),
        ("event", {"status__exact": "approved"}, 1),
        ("event", {"state__exact": "IL", "is_public__exact": "1"}, 1),
        ("community", {}, 1),
        ("community", {"q": "Sangamon"}, 1),
        ("community", {"state__exact": "CA"}, 0),
        ("activity", {}, 15),
        ("activity", {"q": "games"}, 1),
        ("activity", {"is_active__exact": "0"}, 0),
    ],
)
def test_admin_changelist_with_search_and_filters(client_of, superuser, event, model, query, count):
    response = client_of(superuser).get(reverse(f"admin:events_{model}_changelist"), query)

    assert response.status_code == 200
    assert response.context["cl"].result_count == count


def test_admin_event_changelist_finds_by_search(client_of, superuser, event):
    response = client_of(superuser).get(reverse("admin:events_event_changelist"), {"q": "Maple"})

    assert list(response.context["cl"].result_list) == [event]


def test_admin_event_changelist_filter_leaves_others_out(client_of, superuser, event):
    response = client_of(superuser).get(
        reverse("admin:events_event_changelist"), {"status__exact": "draft"}
    )

    assert list(response.context["cl"].result_list) == []


def test_admin_event_changelist_by_date(client_of, superuser, event):
    start = event.starts_at

    response = client_of(superuser).get(
        reverse("admin:events_event_changelist"),
        {"starts_at__year": start.year, "starts_at__month": start.month},
    )

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [event]


def test_admin_activity_changelist_search(client_of, superuser):
    response = client_of(superuser).get(reverse("admin:events_activity_changelist"), {"q": "K9"})

    assert [a.slug for a in response.context["cl"].result_list] == ["k9-demonstration"]


@pytest.mark.parametrize("model", [Event, Community, Activity])
def test_admin_change_page_renders(client_of, superuser, event, model):
    obj = model.objects.first()

    response = client_of(superuser).get(
        reverse(f"admin:events_{model._meta.model_name}_change", args=[obj.pk])
    )

    assert response.status_code == 200
    assert response.context["original"] == obj


@pytest.mark.parametrize("model", ["event", "community", "activity"])
def test_admin_add_page_renders(client_of, superuser, model):
    response = client_of(superuser).get(reverse(f"admin:events_{model}_add"))

    assert response.status_code == 200


def test_admin_refuses_organizer(client_of, organizer, event):
    response = client_of(organizer).get(reverse("admin:events_event_changelist"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))

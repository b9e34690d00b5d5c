import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from tests.conftest import make_event


def detail_url(event):
    return reverse("events:detail", args=[event.pk])


def test_event_detail_organizer_sees_event_and_actions(client_of, organizer, event):
    response = client_of(organizer).get(detail_url(event))

    assert response.status_code == 200
    assert response.context["event"] == event
    assert response.context["can_edit"] is True
    assert '<h1 class="h3 mb-0">Maple Street Block Party ' in response.text
    assert f'href="{reverse("events:edit", args=[event.pk])}"' in response.text
    assert f'href="{reverse("events:cancel", args=[event.pk])}"' in response.text
    assert f'href="{event.get_public_url()}"' in response.text
    assert "Kids&#x27; games" in response.text
    assert "40 adults, 20 children" in response.text
    assert "Springfield, IL (Sangamon County)" in response.text


def test_event_detail_national_admin_sees_event_without_actions(client_of, national_admin, event):
    response = client_of(national_admin).get(detail_url(event))

    assert response.status_code == 200
    assert response.context["can_edit"] is False
    assert reverse("events:edit", args=[event.pk]) not in response.text
    assert reverse("events:cancel", args=[event.pk]) not in response.text


@pytest.mark.parametrize("persona", ["other_organizer", "stranger"])
def test_event_detail_other_user_gets_404(client_of, request, event, persona):
    user = request.getfixturevalue(persona)

    response = client_of(user).get(detail_url(event))

    assert response.status_code == 404
    assert "Maple Street" not in response.text


def test_event_detail_anonymous_is_sent_to_log_in(client, event):
    response = client.get(detail_url(event))

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={detail_url(event)}"


def test_event_detail_unknown_id_gives_404(client_of, organizer, national_admin):
    response = client_of(national_admin).get(reverse("events:detail", args=[999999]))

    assert response.status_code == 404


@pytest.mark.parametrize("viewer_zone", ["UTC", "Asia/Tokyo", "America/New_York"])
def test_event_detail_shows_local_time_with_zone_whatever_the_viewer_zone(
    client_of, organizer, viewer_zone
):
    event = make_event(organizer, zip_code="90210", date=datetime.date(2027, 7, 15))

    with timezone.override(viewer_zone):
        response = client_of(organizer).get(detail_url(event))

    assert "Thursday, July 15, 2027<br>5 p.m. – 9 p.m. PDT" in response.text


def test_event_detail_shows_standard_time_in_winter(client_of, organizer):
    event = make_event(organizer, zip_code="60614", date=datetime.date(2028, 1, 18))

    response = client_of(organizer).get(detail_url(event))

    assert "Tuesday, January 18, 2028<br>5 p.m. – 9 p.m. CST" in response.text


def test_event_detail_shows_times_with_minutes(client_of, organizer):
    event = make_event(
        organizer,
        zip_code="02138",
        starts_at=datetime.datetime(2027, 8, 3, 21, 30, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2027, 8, 4, 0, 45, tzinfo=datetime.UTC),
    )

    response = client_of(organizer).get(detail_url(event))

    assert "5:30 p.m. – 8:45 p.m. EDT" in response.text


def test_event_detail_of_draft_says_it_is_a_draft(client_of, organizer):
    event = make_event(organizer, status=Event.Status.DRAFT)

    response = client_of(organizer).get(detail_url(event))

    assert '<span class="badge text-bg-secondary">Draft</span>' in response.text
    assert "This is a draft: only you can see it." in response.text
    assert f'href="{event.get_public_url()}"' not in response.text


def test_event_detail_of_private_event_says_it_is_private(client_of, organizer):
    event = make_event(organizer, is_public=False)

    response = client_of(organizer).get(detail_url(event))

    assert "This event is private: it is not listed publicly." in response.text
    assert f'href="{event.get_public_url()}"' not in response.text


def test_event_detail_of_cancelled_event_shows_when_in_local_time(client_of, organizer):
    event = make_event(
        organizer,
        zip_code="90210",
        status=Event.Status.CANCELLED,
        cancelled_at=datetime.datetime(2027, 7, 1, 1, 30, tzinfo=datetime.UTC),
    )

    with timezone.override("Asia/Tokyo"):
        response = client_of(organizer).get(detail_url(event))

    assert response.context["can_edit"] is False
    assert '<span class="badge text-bg-danger">Cancelled</span>' in response.text
    assert "This event was cancelled (June 30, 2027, 6:30 p.m. PDT)." in response.text
    assert reverse("events:edit", args=[event.pk]) not in response.text
    assert reverse("events:cancel", args=[event.pk]) not in response.text


def test_event_detail_of_past_event_has_no_edit_link(client_of, organizer):
    event = make_event(organizer, date=timezone.localdate() - datetime.timedelta(days=3))

    response = client_of(organizer).get(detail_url(event))

    assert response.status_code == 200
    assert response.context["can_edit"] is False
    assert reverse("events:edit", args=[event.pk]) not in response.text

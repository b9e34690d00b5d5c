import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from tests.conftest import make_event


def cancel_url(event):
    return reverse("events:cancel", args=[event.pk])


def row(event):
    return Event.objects.filter(pk=event.pk).values().get()


def test_cancel_event_asks_for_confirmation_first(client_of, organizer, event):
    before = row(event)

    response = client_of(organizer).get(cancel_url(event))

    assert response.status_code == 200
    assert "Cancel “Maple Street Block Party”?" in response.text
    assert '<form method="post">' in response.text
    assert "Yes, cancel the event" in response.text
    assert row(event) == before


def test_cancel_event_keeps_it_as_cancelled(client_of, organizer, event):
    before = timezone.now()

    response = client_of(organizer).post(cancel_url(event))

    event.refresh_from_db()
    assert response.status_code == 302
    assert response.url == reverse("events:detail", args=[event.pk])
    assert Event.objects.count() == 1
    assert event.status == Event.Status.CANCELLED
    assert before <= event.cancelled_at <= timezone.now()
    assert event.updated_at == event.cancelled_at


def test_cancel_event_says_so_and_shows_it_as_cancelled(client_of, organizer, event):
    client = client_of(organizer)

    response = client.post(cancel_url(event), follow=True)
    listing = client.get(reverse("events:my_events"))

    assert "Your event is cancelled. It stays in your list as cancelled." in response.text
    assert '<span class="badge text-bg-danger">Cancelled</span>' in response.text
    assert [e.title for e in listing.context["page"].object_list] == ["Maple Street Block Party"]
    assert '<span class="badge text-bg-danger">Cancelled</span>' in listing.text


def test_cancel_event_twice_is_harmless(client_of, organizer, event):
    client = client_of(organizer)
    client.post(cancel_url(event))
    first = row(event)

    again = client.post(cancel_url(event), follow=True)
    page = client.get(cancel_url(event))

    assert again.status_code == 200
    assert "This event was already cancelled." in again.text
    assert (page.status_code, page.url) == (302, reverse("events:detail", args=[event.pk]))
    assert row(event) == first


def test_cancel_event_removes_it_from_public_page(client_of, organizer, event):
    client = client_of(organizer)

    client.post(cancel_url(event))
    response = client.get(event.get_public_url())

    assert response.status_code == 404


def test_cancel_past_event_is_allowed(client_of, organizer):
    # A rained-out event can still be recorded as cancelled afterwards.
    event = make_event(organizer, date=timezone.localdate() - datetime.timedelta(days=3))

    client_of(organizer).post(cancel_url(event))

    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED


@pytest.mark.parametrize("persona", ["other_organizer", "stranger", "national_admin"])
def test_cancel_event_other_user_gets_404_and_changes_nothing(client_of, request, event, persona):
    client = client_of(request.getfixturevalue(persona))
    before = row(event)

    get = client.get(cancel_url(event))
    post = client.post(cancel_url(event))

    assert (get.status_code, post.status_code) == (404, 404)
    assert row(event) == before


def test_cancel_event_anonymous_is_sent_to_log_in(client, event):
    before = row(event)

    get = client.get(cancel_url(event))
    post = client.post(cancel_url(event))

    login = f"{reverse('accounts:login')}?next={cancel_url(event)}"
    assert (get.status_code, get.url) == (302, login)
    assert (post.status_code, post.url) == (302, login)
    assert row(event) == before


def test_cancel_event_unknown_id_gives_404(client_of, organizer):
    get = client_of(organizer).get(reverse("events:cancel", args=[999999]))
    post = client_of(organizer).post(reverse("events:cancel", args=[999999]))

    assert (get.status_code, post.status_code) == (404, 404)


@pytest.mark.parametrize("method", ["put", "delete"])
def test_cancel_event_other_methods_are_not_allowed(client_of, organizer, event, method):
    before = row(event)

    response = getattr(client_of(organizer), method)(cancel_url(event))

    assert response.status_code == 405
    assert row(event) == before

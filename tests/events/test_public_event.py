import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from tests.conftest import make_event


@pytest.mark.parametrize("persona", [None, "stranger", "other_organizer", "organizer"])
def test_public_event_shows_public_submitted_event_to_anyone(client_of, request, event, persona):
    user = request.getfixturevalue(persona) if persona else None

    response = client_of(user).get(event.get_public_url())

    assert response.status_code == 200
    assert response.context["event"] == event
    assert '<h1 class="h3 mb-3">Maple Street Block Party</h1>' in response.text
    assert "National Night Out · Springfield, IL" in response.text
    assert "120 Maple St<br>Springfield, IL 62701" in response.text
    assert "Kids&#x27; games" in response.text


@pytest.mark.parametrize("persona", [None, "stranger"])
def test_public_event_never_shows_organizer_email_or_phone(client_of, request, event, persona):
    user = request.getfixturevalue(persona) if persona else None

    response = client_of(user).get(event.get_public_url())

    assert event.organizer.email == "olivia@example.com"
    assert event.organizer.phone == "555-0199"
    assert "olivia@example.com" not in response.text
    assert "555-0199" not in response.text
    assert "Olivia" not in response.text


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": Event.Status.DRAFT},
        {"is_public": False},
        {"status": Event.Status.CANCELLED, "cancelled_at": timezone.now()},
    ],
    ids=["draft", "private", "cancelled"],
)
def test_public_event_of_draft_private_or_cancelled_event_gives_404(client, organizer, overrides):
    event = make_event(organizer, **overrides)

    response = client.get(event.get_public_url())

    assert response.status_code == 404
    assert "Maple Street" not in response.text


def test_public_event_of_private_event_gives_404_even_to_organizer(client_of, organizer):
    event = make_event(organizer, is_public=False)

    response = client_of(organizer).get(event.get_public_url())

    assert response.status_code == 404


def test_public_event_unknown_id_gives_404(client, db):
    response = client.get(reverse("events:public", args=[999999]))

    assert response.status_code == 404


def test_public_event_shows_description_escaped(client, organizer):
    event = make_event(organizer, description="<script>alert(1)</script>\nSee you there!")

    response = client.get(event.get_public_url())

    assert "<script>alert(1)" not in response.text
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt;<br>See you there!</p>" in response.text

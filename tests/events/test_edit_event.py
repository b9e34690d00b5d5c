import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Activity, Community, Event
from tests.conftest import make_event
from tests.events.conftest import summer_day

UTC = datetime.UTC


def edit_url(event):
    return reverse("events:edit", args=[event.pk])


def row(event):
    """The columns an edit could change, as stored."""
    return Event.objects.filter(pk=event.pk).values().get()


def test_edit_event_page_shows_local_date_and_times(client_of, organizer):
    event = make_event(organizer, zip_code="90210", date=summer_day())

    response = client_of(organizer).get(edit_url(event))

    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["date"] == summer_day()
    assert (form.initial["start_time"], form.initial["end_time"]) == (
        datetime.time(17),
        datetime.time(21),
    )
    assert f'name="date" value="{summer_day():%Y-%m-%d}"' in response.text
    assert 'name="start_time" value="17:00"' in response.text
    assert "Save changes" in response.text


def test_edit_event_saves_changes(client_of, organizer, event, form_data):
    music = Activity.objects.get(slug="live-music")

    response = client_of(organizer).post(
        edit_url(event),
        {**form_data, "title": "Maple Street Night Out", "activities": [music.pk]},
    )

    event.refresh_from_db()
    assert response.status_code == 302
    assert response.url == reverse("events:detail", args=[event.pk])
    assert event.title == "Maple Street Night Out"
    assert event.starts_at == datetime.datetime(summer_day().year, 7, 15, 22, 0, tzinfo=UTC)
    assert list(event.activities.all()) == [music]
    # Springfield publishes events at once, so the edited event stays approved.
    assert event.status == Event.Status.APPROVED
    assert event.organizer == organizer


def test_edit_event_to_another_zip_moves_it(client_of, organizer, event, form_data):
    client_of(organizer).post(
        edit_url(event), {**form_data, "city": "Beverly Hills", "state": "CA", "zip_code": "90210"}
    )

    event.refresh_from_db()
    assert (event.city, event.state, event.county) == ("Beverly Hills", "CA", "Los Angeles County")
    assert event.time_zone == "America/Los_Angeles"
    assert event.starts_at == datetime.datetime(summer_day().year, 7, 16, 0, 0, tzinfo=UTC)
    assert (event.community.name, event.community.state) == ("Beverly Hills", "CA")
    assert Community.objects.count() == 2


def test_edit_draft_save_and_submit_submits_it(client_of, organizer, form_data):
    event = make_event(organizer, status=Event.Status.DRAFT)

    client_of(organizer).post(edit_url(event), {**form_data, "submit": "1"})

    event.refresh_from_db()
    # Submitted, then approved at once: Springfield does not review events.
    assert event.status == Event.Status.APPROVED
    assert list(event.status_changes.values_list("from_status", "to_status")) == [
        ("submitted", "approved"),
        ("draft", "submitted"),
    ]


def test_edit_draft_save_draft_keeps_draft(client_of, organizer, form_data):
    event = make_event(organizer, status=Event.Status.DRAFT)

    response = client_of(organizer).post(edit_url(event), form_data)

    event.refresh_from_db()
    assert response.status_code == 302
    assert event.status == Event.Status.DRAFT


def test_edit_event_keeps_an_activity_no_longer_offered(client_of, organizer, form_data):
    retired = Activity.objects.create(name="Pony rides", slug="pony-rides", is_active=False)
    event = make_event(organizer, activities=[retired])
    client = client_of(organizer)

    page = client.get(edit_url(event))
    response = client.post(edit_url(event), {**form_data, "activities": [retired.pk]})

    assert retired in page.context["form"].fields["activities"].queryset
    assert response.status_code == 302
    assert list(event.activities.all()) == [retired]


def test_edit_event_bad_input_changes_nothing(client_of, organizer, event, form_data):
    before = row(event)

    response = client_of(organizer).post(
        edit_url(event), {**form_data, "title": "New title", "zip_code": "00000"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "zip_code": ["We don't know the ZIP code 00000. Please check it."]
    }
    assert row(event) == before


def test_edit_event_moving_it_to_the_past_is_refused(client_of, organizer, event, form_data):
    before = row(event)
    last_week = timezone.localdate() - datetime.timedelta(days=7)

    response = client_of(organizer).post(
        edit_url(event), {**form_data, "date": last_week.isoformat()}
    )

    assert response.context["form"].errors == {
        "date": ["This date has passed. Please pick a future date."]
    }
    assert row(event) == before


@pytest.mark.parametrize("persona", ["other_organizer", "stranger", "national_admin"])
def test_edit_event_other_user_gets_404_and_changes_nothing(
    client_of, request, event, form_data, persona
):
    client = client_of(request.getfixturevalue(persona))
    before = row(event)

    get = client.get(edit_url(event))
    post = client.post(edit_url(event), {**form_data, "title": "Hijacked"})

    assert (get.status_code, post.status_code) == (404, 404)
    assert row(event) == before


def test_edit_event_anonymous_is_sent_to_log_in(client, event, form_data):
    before = row(event)

    get = client.get(edit_url(event))
    post = client.post(edit_url(event), {**form_data, "title": "Hijacked"})

    login = f"{reverse('accounts:login')}?next={edit_url(event)}"
    assert (get.status_code, get.url) == (302, login)
    assert (post.status_code, post.url) == (302, login)
    assert row(event) == before


def test_edit_event_unknown_id_gives_404(client_of, organizer):
    response = client_of(organizer).get(reverse("events:edit", args=[999999]))

    assert response.status_code == 404


def test_edit_cancelled_event_gives_404(client_of, organizer, form_data):
    event = make_event(organizer, status=Event.Status.CANCELLED, cancelled_at=timezone.now())
    before = row(event)
    client = client_of(organizer)

    get = client.get(edit_url(event))
    post = client.post(edit_url(event), form_data)

    assert (get.status_code, post.status_code) == (404, 404)
    assert row(event) == before


def test_edit_past_event_gives_404(client_of, organizer, form_data):
    event = make_event(organizer, date=timezone.localdate() - datetime.timedelta(days=3))
    before = row(event)
    client = client_of(organizer)

    get = client.get(edit_url(event))
    post = client.post(edit_url(event), form_data)

    assert (get.status_code, post.status_code) == (404, 404)
    assert row(event) == before

import datetime

import pytest
from django.urls import reverse

from events.models import AgencyMembership, VisitRequest
from tests.conftest import make_agency, make_event, make_liaison, make_user
from tests.events.conftest import summer_day


def ask_url(event, agency):
    return reverse("events:request_agency", args=[event.pk, agency.pk])


def rows():
    return list(VisitRequest.objects.values())


def visit_data(**overrides):
    return {
        "kind": "visit",
        "window_start": "18:00",
        "window_end": "18:30",
        "note": "K9 demo for the kids at 6",
        **overrides,
    }


def test_request_agency_form_shows_the_event_and_the_agency(client_of, organizer, event, agency):
    response = client_of(organizer).get(ask_url(event, agency))

    assert response.status_code == 200
    assert '<h1 class="h3">Ask Springfield Police Department</h1>' in response.text
    assert "For “Maple Street Block Party”" in response.text
    assert 'name="window_start"' in response.text
    assert "This agency is not verified yet" not in response.text


def test_request_agency_form_warns_of_an_unverified_agency(client_of, organizer, event):
    unverified = make_agency("Maple Street Neighbors", is_verified=False)

    response = client_of(organizer).get(ask_url(event, unverified))

    assert "This agency is not verified yet: a site admin has not checked it." in response.text


def test_request_agency_visit_stores_window_in_utc(client_of, organizer, agency):
    event = make_event(organizer, date=summer_day())

    response = client_of(organizer).post(ask_url(event, agency), visit_data(), follow=True)

    assert response.redirect_chain == [(event.get_absolute_url(), 302)]
    assert "Your request went to Springfield Police Department." in response.text
    visit = VisitRequest.objects.get()
    # 6 pm central daylight time is 11 pm UTC.
    day = summer_day()
    assert (visit.event, visit.agency, visit.kind) == (event, agency, "visit")
    assert visit.preferred_start == datetime.datetime(day.year, 7, 15, 23, 0, tzinfo=datetime.UTC)
    assert visit.preferred_end == datetime.datetime(day.year, 7, 15, 23, 30, tzinfo=datetime.UTC)
    assert visit.note == "K9 demo for the kids at 6"
    assert visit.requested_by == organizer
    assert visit.status == VisitRequest.Status.REQUESTED
    assert (visit.answered_by, visit.answered_at, visit.scheduled_start) == (None, None, None)


def test_request_agency_window_late_in_the_west_is_the_next_day_in_utc(client_of, organizer):
    event = make_event(organizer, zip_code="90210", date=summer_day())
    agency = make_agency("Beverly Hills Police Department", zip_code="90210")

    client_of(organizer).post(
        ask_url(event, agency), visit_data(window_start="20:15", window_end="21:00")
    )

    visit = VisitRequest.objects.get()
    day = summer_day()
    assert visit.preferred_start == datetime.datetime(day.year, 7, 16, 3, 15, tzinfo=datetime.UTC)
    assert visit.preferred_end == datetime.datetime(day.year, 7, 16, 4, 0, tzinfo=datetime.UTC)


def test_request_agency_window_with_start_only_ends_with_the_event(client_of, organizer, agency):
    event = make_event(organizer, date=summer_day())

    client_of(organizer).post(ask_url(event, agency), visit_data(window_end=""))

    visit = VisitRequest.objects.get()
    assert (visit.preferred_start, visit.preferred_end) == (
        datetime.datetime(summer_day().year, 7, 15, 23, 0, tzinfo=datetime.UTC),
        event.ends_at,
    )


def test_request_agency_visit_without_window_stores_none(client_of, organizer, event, agency):
    client_of(organizer).post(ask_url(event, agency), visit_data(window_start="", window_end=""))

    visit = VisitRequest.objects.get()
    assert (visit.kind, visit.preferred_start, visit.preferred_end) == ("visit", None, None)


def test_request_agency_participation_stores_no_window(client_of, organizer, event, agency):
    data = visit_data(kind="participation", note="A table with safety flyers")

    client_of(organizer).post(ask_url(event, agency), data)

    visit = VisitRequest.objects.get()
    assert visit.kind == VisitRequest.Kind.PARTICIPATION
    assert (visit.preferred_start, visit.preferred_end) == (None, None)
    assert visit.note == "A table with safety flyers"


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        pytest.param(
            {"window_start": "16:30"},
            {"window_start": ["The window must be within the event's hours (17:00–21:00)."]},
            id="starts-before-the-event",
        ),
        pytest.param(
            {"window_start": "20:30", "window_end": "21:30"},
            {"window_end": ["The window must be within the event's hours (17:00–21:00)."]},
            id="ends-after-the-event",
        ),
        pytest.param(
            {"window_start": "18:30", "window_end": "18:00"},
            {"window_end": ["The end of the window must be after its start."]},
            id="end-before-start",
        ),
        pytest.param(
            {"window_start": "18:00", "window_end": "18:00"},
            {"window_end": ["The end of the window must be after its start."]},
            id="empty-window",
        ),
        pytest.param(
            {"window_start": "6 pm"},
            {"window_start": ["Enter a valid time."]},
            id="not-a-time",
        ),
        pytest.param(
            {"note": "<script>alert(1)</script>"},
            {"note": ["Please use plain text here, without < > tags or control characters."]},
            id="markup-in-note",
        ),
        pytest.param(
            {"note": "x" * 501},
            {"note": ["Ensure this value has at most 500 characters (it has 501)."]},
            id="note-too-long",
        ),
        pytest.param(
            {"kind": "helicopter"},
            {"kind": ["Select a valid choice. helicopter is not one of the available choices."]},
            id="unknown-kind",
        ),
        pytest.param({"kind": ""}, {"kind": ["This field is required."]}, id="no-kind"),
    ],
)
def test_request_agency_bad_input_shows_errors_and_saves_nothing(
    client_of,
    organizer,
    event,
    agency,
    liaison,
    mailoutbox,
    django_capture_on_commit_callbacks,
    data,
    errors,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(organizer).post(ask_url(event, agency), visit_data(**data))

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert rows() == []
    assert mailoutbox == []


def test_request_agency_twice_says_so_and_keeps_one_request(
    client_of, organizer, event, agency, liaison, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_of(organizer)
    client.post(ask_url(event, agency), visit_data())
    before = rows()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ask_url(event, agency), visit_data(note="Again"), follow=True)

    assert response.redirect_chain == [(reverse("events:pick_agencies", args=[event.pk]), 302)]
    assert "You have already asked Springfield Police Department to this event." in response.text
    assert rows() == before
    assert mailoutbox == []


def test_request_agency_mails_liaisons_who_chose_each_request(
    client_of, organizer, event, agency, liaison, mailoutbox, django_capture_on_commit_callbacks
):
    make_liaison("kim@example.com", agency, full_name="Kim Each")
    daily = make_liaison("dee@example.com", agency, full_name="Dee Daily")
    AgencyMembership.objects.filter(user=daily).update(notify=AgencyMembership.Notify.DAILY)
    pending = make_user("pat@example.com")
    AgencyMembership.objects.create(user=pending, agency=agency)
    make_liaison("gone@example.com", agency, is_active=False)
    make_liaison("fran@example.com", make_agency("Springfield Fire Department"))

    with django_capture_on_commit_callbacks(execute=True):
        client_of(organizer).post(ask_url(event, agency), visit_data())

    visit = VisitRequest.objects.get()
    # One message per liaison, so that they don't see each other's addresses.
    assert sorted(mail.to for mail in mailoutbox) == [["kim@example.com"], ["lee@example.com"]]
    mail = mailoutbox[0]
    assert mail.subject == "New request: Maple Street Block Party"
    assert mail.body.startswith(
        "Springfield Police Department has a new request: A visit at “Maple Street Block Party”."
    )
    assert "120 Maple St, Springfield, IL 62701" in mail.body
    assert "Note: K9 demo for the kids at 6" in mail.body
    assert f"http://127.0.0.1:8000/requests/{visit.pk}/" in mail.body


def test_request_agency_to_agency_without_each_liaison_mails_nobody(
    client_of, organizer, event, agency, mailoutbox, django_capture_on_commit_callbacks
):
    daily = make_liaison("dee@example.com", agency)
    AgencyMembership.objects.filter(user=daily).update(notify=AgencyMembership.Notify.DAILY)

    with django_capture_on_commit_callbacks(execute=True):
        client_of(organizer).post(ask_url(event, agency), visit_data())

    assert VisitRequest.objects.count() == 1
    assert mailoutbox == []


@pytest.mark.parametrize(
    "persona", ["other_organizer", "liaison", "other_liaison", "national_admin", "stranger"]
)
def test_request_agency_other_user_gets_404_and_saves_nothing(
    client_of, request, event, agency, persona, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_of(request.getfixturevalue(persona))

    get = client.get(ask_url(event, agency))
    with django_capture_on_commit_callbacks(execute=True):
        post = client.post(ask_url(event, agency), visit_data())

    assert (get.status_code, post.status_code) == (404, 404)
    assert rows() == []
    assert mailoutbox == []


def test_request_agency_anonymous_is_sent_to_log_in(client, event, agency):
    get = client.get(ask_url(event, agency))
    post = client.post(ask_url(event, agency), visit_data())

    login = f"{reverse('accounts:login')}?next={ask_url(event, agency)}"
    assert (get.status_code, get.url) == (302, login)
    assert (post.status_code, post.url) == (302, login)
    assert rows() == []


def test_request_agency_unknown_agency_gives_404_and_saves_nothing(client_of, organizer, event):
    url = reverse("events:request_agency", args=[event.pk, 999999])

    get = client_of(organizer).get(url)
    post = client_of(organizer).post(url, visit_data())

    assert (get.status_code, post.status_code) == (404, 404)
    assert rows() == []


def test_request_agency_unknown_event_gives_404_and_saves_nothing(client_of, organizer, agency):
    url = reverse("events:request_agency", args=[999999, agency.pk])

    post = client_of(organizer).post(url, visit_data())

    assert post.status_code == 404
    assert rows() == []


def test_request_agency_to_a_cancelled_event_gives_404(client_of, organizer, event, agency):
    client = client_of(organizer)
    client.post(reverse("events:cancel", args=[event.pk]))

    response = client.post(ask_url(event, agency), visit_data())

    assert response.status_code == 404
    assert rows() == []


@pytest.mark.parametrize("method", ["put", "delete"])
def test_request_agency_other_methods_are_not_allowed(client_of, organizer, event, agency, method):
    response = getattr(client_of(organizer), method)(ask_url(event, agency))

    assert response.status_code == 405
    assert rows() == []

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import VisitRequest
from tests.conftest import make_agency, make_event, make_liaison, make_visit
from tests.events.conftest import row, summer_day

CHICAGO = ZoneInfo("America/Chicago")


def detail_url(visit):
    return reverse("events:liaison_request", args=[visit.pk])


def accept(client, visit, **data):
    return client.post(
        detail_url(visit),
        {"start_time": "18:00", "end_time": "18:20", "unit": "K9 unit", **data},
    )


def at(event, hour, minute=0):
    """`hour`:`minute` on `event`'s day, in the event's time zone."""
    return datetime.datetime.combine(event.date, datetime.time(hour, minute), event.tz)


def accepted_visit(event, agency, start, minutes=20, unit="K9 unit"):
    return make_visit(
        event,
        agency,
        status=VisitRequest.Status.ACCEPTED,
        scheduled_start=start,
        scheduled_end=start + datetime.timedelta(minutes=minutes),
        unit=unit,
    )


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_request_detail_shows_the_request_to_its_liaison(client_of, liaison, visit):
    response = client_of(liaison).get(detail_url(visit))

    assert response.status_code == 200
    assert response.context["visit"] == visit
    assert "Request to Springfield Police Department: A visit." in response.text
    assert "K9 demo for the kids at 6" in response.text
    assert "olivia@example.com" in response.text
    assert 'name="start_time" value="17:00"' in response.text
    assert 'name="end_time" value="17:20"' in response.text


@pytest.mark.parametrize(
    "persona", ["organizer", "other_organizer", "other_liaison", "pending_member", "national_admin"]
)
def test_request_detail_others_get_404_and_change_nothing(
    client_of, request, visit, persona, django_capture_on_commit_callbacks, mailoutbox
):
    client = client_of(request.getfixturevalue(persona))
    before = row(visit)

    get = client.get(detail_url(visit))
    with django_capture_on_commit_callbacks(execute=True):
        post = accept(client, visit)

    assert (get.status_code, post.status_code) == (404, 404)
    assert row(visit) == before
    assert mailoutbox == []


def test_request_detail_anonymous_is_sent_to_log_in(client, visit):
    before = row(visit)

    get = client.get(detail_url(visit))
    post = accept(client, visit)

    login = f"{reverse('accounts:login')}?next={detail_url(visit)}"
    assert (get.status_code, get.url) == (302, login)
    assert (post.status_code, post.url) == (302, login)
    assert row(visit) == before


def test_request_detail_unknown_id_gives_404(client_of, liaison, visit):
    client = client_of(liaison)

    get = client.get(reverse("events:liaison_request", args=[visit.pk + 1000]))
    post = client.post(
        reverse("events:liaison_request", args=[visit.pk + 1000]),
        {"start_time": "18:00", "end_time": "18:20"},
    )

    assert (get.status_code, post.status_code) == (404, 404)


def test_accept_stores_the_visit_in_utc(client_of, organizer, agency, liaison):
    event = make_event(organizer, date=summer_day())
    visit = make_visit(event, agency)
    before = timezone.now()

    response = accept(client_of(liaison), visit)

    visit.refresh_from_db()
    day = summer_day()
    assert (response.status_code, response.url) == (302, detail_url(visit))
    assert visit.status == VisitRequest.Status.ACCEPTED
    # 6 pm daylight time in Illinois is 11 pm UTC.
    assert visit.scheduled_start == datetime.datetime(day.year, 7, 15, 23, 0, tzinfo=datetime.UTC)
    assert visit.scheduled_end == datetime.datetime(day.year, 7, 15, 23, 20, tzinfo=datetime.UTC)
    assert visit.unit == "K9 unit"
    assert visit.answered_by == liaison
    assert before <= visit.answered_at <= timezone.now()
    assert visit.decline_reason == ""


def test_accept_mails_the_organizer_once_with_the_time(
    client_of, liaison, visit, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        accept(client_of(liaison), visit)

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["olivia@example.com"]
    assert message.subject == "Springfield Police Department accepted your request"
    assert (
        "Good news: Springfield Police Department accepted your request for "
        "“Maple Street Block Party”." in message.body
    )
    zone = at(visit.event, 18).strftime("%Z")
    assert f"The visit is planned from 6 p.m. to 6:20 p.m. {zone}." in message.body
    assert "Who comes: K9 unit" in message.body
    assert f"http://127.0.0.1:8000/events/{visit.event.pk}/manage/" in message.body


def test_accept_says_so_and_shows_the_answer(client_of, liaison, visit):
    response = accept(client_of(liaison), visit, unit="Officer Diaz")
    page = client_of(liaison).get(response.url)

    assert messages_of(page) == ["Accepted. The organizer has been told."]
    assert "Answered by Lee Liaison" in page.text
    assert "Visit from 6 p.m. to 6:20 p.m." in page.text
    assert "Officer Diaz." in page.text
    assert 'name="start_time"' not in page.text


def test_request_detail_shows_when_it_was_answered_in_the_events_time(
    client_of, settings, organizer, agency, liaison
):
    settings.TIME_ZONE = "America/New_York"
    day = summer_day()
    visit = make_visit(
        make_event(organizer, date=day),
        agency,
        status=VisitRequest.Status.DECLINED,
        decline_reason="Busy",
        answered_by=liaison,
        answered_at=datetime.datetime(day.year, 7, 14, 23, 5, tzinfo=datetime.UTC),
    )

    response = client_of(liaison).get(detail_url(visit))

    assert f"Answered by Lee Liaison on July 14, {day.year}, 6:05 p.m. CDT." in response.text


def test_accept_participation_needs_no_time(
    client_of, liaison, event, agency, django_capture_on_commit_callbacks, mailoutbox
):
    visit = make_visit(make_event(event.organizer), agency, kind=VisitRequest.Kind.PARTICIPATION)

    page = client_of(liaison).get(detail_url(visit))
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(liaison).post(detail_url(visit), {"unit": "Sgt. Ruiz"})

    visit.refresh_from_db()
    assert 'name="start_time"' not in page.text
    assert response.status_code == 302
    assert visit.status == VisitRequest.Status.ACCEPTED
    assert (visit.scheduled_start, visit.scheduled_end) == (None, None)
    assert visit.unit == "Sgt. Ruiz"
    assert "The visit is planned" not in mailoutbox[0].body
    assert "Who comes: Sgt. Ruiz" in mailoutbox[0].body


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        (
            {"start_time": "16:00", "end_time": "16:20"},
            "start_time",
            "The visit must be within the event's hours (17:00–21:00).",
        ),
        (
            {"start_time": "20:50", "end_time": "21:10"},
            "start_time",
            "The visit must be within the event's hours (17:00–21:00).",
        ),
        (
            {"start_time": "18:20", "end_time": "18:00"},
            "end_time",
            "The visit must end after it starts.",
        ),
        (
            {"start_time": "18:00", "end_time": "18:00"},
            "end_time",
            "The visit must end after it starts.",
        ),
        ({"start_time": "", "end_time": "18:20"}, "start_time", "This field is required."),
        ({"start_time": "18:00", "end_time": ""}, "end_time", "This field is required."),
        ({"start_time": "six", "end_time": "18:20"}, "start_time", "Enter a valid time."),
        ({"unit": "<b>K9</b>"}, "unit", "Please use plain text here, without < > tags or"),
    ],
)
def test_accept_bad_input_shows_a_message_and_saves_nothing(
    client_of, liaison, visit, data, field, error, django_capture_on_commit_callbacks, mailoutbox
):
    before = row(visit)

    with django_capture_on_commit_callbacks(execute=True):
        response = accept(client_of(liaison), visit, **data)

    assert response.status_code == 200
    assert response.context["accept_form"].errors[field][0].startswith(error)
    assert row(visit) == before
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (VisitRequest.Status.WITHDRAWN, "Withdrawn by the organizer"),
        (VisitRequest.Status.DECLINED, "Declined"),
        (VisitRequest.Status.CANCELLED, "Cancelled with the event"),
    ],
)
def test_accept_answered_request_is_refused(
    client_of, liaison, visit, status, label, django_capture_on_commit_callbacks, mailoutbox
):
    VisitRequest.objects.filter(pk=visit.pk).update(status=status)
    before = row(visit)

    with django_capture_on_commit_callbacks(execute=True):
        response = accept(client_of(liaison), visit)
    page = client_of(liaison).get(response.url)

    assert (response.status_code, response.url) == (302, detail_url(visit))
    assert messages_of(page) == [f"This request was already answered: it is now “{label}”."]
    assert row(visit) == before
    assert mailoutbox == []


def test_accept_twice_keeps_the_first_answer(client_of, liaison, visit):
    client = client_of(liaison)
    client.get(accept(client, visit).url)
    first = row(visit)

    response = accept(client, visit, start_time="19:00", end_time="19:30", unit="Engine 3")
    page = client.get(response.url)

    assert messages_of(page) == ["This request was already answered: it is now “Accepted”."]
    assert row(visit) == first


def test_accept_refused_when_the_evening_is_full(client_of, organizer, liaison, visit):
    agency = visit.agency
    agency.capacity = 2
    agency.save()
    for hour in (17, 19):
        other = make_event(organizer, title=f"Party at {hour}", zip_code="62702")
        accepted_visit(other, agency, at(other, hour), unit=f"Car {hour}")
    before = row(visit)

    response = accept(client_of(liaison), visit)
    page = client_of(liaison).get(response.url)

    assert messages_of(page) == [
        "Springfield Police Department has already accepted 2 visits that evening, its capacity. "
        "Decline this request or raise the capacity."
    ]
    assert row(visit) == before


def test_accept_below_capacity_is_allowed(client_of, organizer, liaison, visit):
    agency = visit.agency
    agency.capacity = 2
    agency.save()
    other = make_event(organizer, zip_code="62702")
    accepted_visit(other, agency, at(other, 20), unit="Car 1")
    # Visits on another evening and answers other than "accepted" take no slot.
    next_day = make_event(organizer, date=visit.event.date + datetime.timedelta(days=1))
    accepted_visit(next_day, agency, at(next_day, 18), unit="Car 2")
    make_visit(make_event(organizer), agency, status=VisitRequest.Status.DECLINED)

    accept(client_of(liaison), visit)

    visit.refresh_from_db()
    assert visit.status == VisitRequest.Status.ACCEPTED


def test_accept_capacity_counts_the_events_own_evening(client_of, organizer):
    # Texas state police in Austin (Central time) visiting El Paso (Mountain time): a
    # party from 11 pm in El Paso starts the next day in Austin, yet on the same evening.
    agency = make_agency("Texas Highway Patrol", zip_code="78701", capacity=1)
    liaison = make_liaison("tex@example.com", agency, full_name="Tex Trooper")
    mountain = ZoneInfo("America/Denver")
    day = summer_day()

    def late_party(title):
        return make_event(
            organizer,
            title=title,
            zip_code="79901",
            starts_at=datetime.datetime.combine(day, datetime.time(23), mountain),
            ends_at=datetime.datetime.combine(day, datetime.time(23, 50), mountain),
        )

    first = late_party("First late party")
    accepted_visit(first, agency, at(first, 23), unit="Car 1")
    visit = make_visit(late_party("Second late party"), agency)
    before = row(visit)

    response = accept(client_of(liaison), visit, start_time="23:20", end_time="23:40", unit="Car 2")
    page = client_of(liaison).get(response.url)

    assert messages_of(page) == [
        "Texas Highway Patrol has already accepted 1 visit that evening, its capacity. "
        "Decline this request or raise the capacity."
    ]
    assert row(visit) == before


def test_accept_warns_of_an_overlap_with_the_same_unit(
    client_of, organizer, liaison, visit, django_capture_on_commit_callbacks, mailoutbox
):
    other = make_event(organizer, title="Oak Avenue Cookout", zip_code="62702")
    accepted_visit(other, visit.agency, at(other, 18, 10), unit="K9 Unit ")
    before = row(visit)

    with django_capture_on_commit_callbacks(execute=True):
        response = accept(client_of(liaison), visit)

    assert response.status_code == 200
    assert response.context["warnings"] == [
        "K9 unit is already at “Oak Avenue Cookout” from 6:10 PM."
    ]
    assert "Please check before you accept:" in response.text
    assert '<input type="hidden" name="confirmed" value="on">' in response.text
    assert "Accept anyway" in response.text
    assert row(visit) == before
    assert mailoutbox == []


def test_accept_warning_gives_the_time_where_the_party_is(client_of, organizer):
    # The agency is in Austin (Central time); both parties are in El Paso (Mountain time).
    agency = make_agency("Texas Highway Patrol", zip_code="78701")
    liaison = make_liaison("tex@example.com", agency, full_name="Tex Trooper")
    other = make_event(organizer, title="Sunset Heights Social", zip_code="79901")
    accepted_visit(other, agency, at(other, 18, 10))
    visit = make_visit(make_event(organizer, zip_code="79901"), agency)

    response = accept(client_of(liaison), visit)

    assert response.context["warnings"] == [
        "K9 unit is already at “Sunset Heights Social” from 6:10 PM."
    ]


def test_accept_confirmed_overlap_is_saved(client_of, organizer, liaison, visit):
    other = make_event(organizer, title="Oak Avenue Cookout", zip_code="62702")
    accepted_visit(other, visit.agency, at(other, 18, 10))

    response = accept(client_of(liaison), visit, confirmed="on")

    visit.refresh_from_db()
    assert response.status_code == 302
    assert visit.status == VisitRequest.Status.ACCEPTED
    assert visit.scheduled_start == at(visit.event, 18)


def test_accept_other_unit_at_the_same_time_does_not_warn(client_of, organizer, liaison, visit):
    other = make_event(organizer, title="Oak Avenue Cookout", zip_code="62702")
    accepted_visit(other, visit.agency, at(other, 18, 10), unit="Engine 3")

    response = accept(client_of(liaison), visit)

    visit.refresh_from_db()
    assert response.status_code == 302
    assert visit.status == VisitRequest.Status.ACCEPTED


def test_accept_warns_when_travel_takes_longer_than_the_gap(
    client_of, organizer, liaison, visit, django_capture_on_commit_callbacks, mailoutbox
):
    # Decatur is 37.4 miles from Springfield: about 90 minutes at 25 mph.
    decatur = make_event(organizer, title="Decatur Night Out", zip_code="62521")
    accepted_visit(decatur, visit.agency, at(decatur, 17), minutes=30)
    before = row(visit)

    with django_capture_on_commit_callbacks(execute=True):
        response = accept(client_of(liaison), visit)

    assert response.status_code == 200
    assert response.context["warnings"] == [
        "Only 30 minutes between this visit and “Decatur Night Out” (5:00 PM), 37.4 miles away: "
        "about 90 minutes of travel at 25 mph."
    ]
    assert row(visit) == before
    assert mailoutbox == []


def test_accept_travel_warning_uses_the_agencys_speed(client_of, organizer, liaison, visit):
    agency = visit.agency
    agency.travel_speed_mph = 80
    agency.save()
    # Chatham is 9.3 miles away: 7 minutes at 80 mph fit in a 10-minute gap.
    chatham = make_event(organizer, title="Chatham Cookout", zip_code="62629")
    accepted_visit(chatham, agency, at(chatham, 18, 30))

    response = accept(client_of(liaison), visit, start_time="18:00", end_time="18:20")

    visit.refresh_from_db()
    assert response.status_code == 302
    assert visit.status == VisitRequest.Status.ACCEPTED


def test_accept_travel_warning_before_the_next_visit(client_of, organizer, liaison, visit):
    # Chatham is 9.3 miles away: 22 minutes at 25 mph do not fit in 10 minutes.
    chatham = make_event(organizer, title="Chatham Cookout", zip_code="62629")
    accepted_visit(chatham, visit.agency, at(chatham, 18, 30))
    before = row(visit)

    response = accept(client_of(liaison), visit, start_time="18:00", end_time="18:20")

    assert response.context["warnings"] == [
        "Only 10 minutes between this visit and “Chatham Cookout” (6:30 PM), 9.3 miles away: "
        "about 22 minutes of travel at 25 mph."
    ]
    assert row(visit) == before


def test_accept_confirmed_travel_warning_is_saved(client_of, organizer, liaison, visit):
    decatur = make_event(organizer, title="Decatur Night Out", zip_code="62521")
    accepted_visit(decatur, visit.agency, at(decatur, 17), minutes=30)

    accept(client_of(liaison), visit, confirmed="on")

    visit.refresh_from_db()
    assert visit.status == VisitRequest.Status.ACCEPTED
    assert visit.unit == "K9 unit"

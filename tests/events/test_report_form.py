"""The organizer's report after the night: the form, who may use it, what it refuses,
and the report on the event page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.forms.report import ReportForm
from events.models import CommunityAdmin, Event, EventReport, VisitRequest
from events.services import report as services
from tests.conftest import make_agency, make_event, make_liaison, make_user, make_visit
from tests.events.conftest import row


def report_url(event):
    return reverse("events:report", args=[event.pk])


def detail_url(event):
    return reverse("events:detail", args=[event.pk])


def two_days_ago():
    # Not yesterday: at 1 am UTC, yesterday's 9 pm in Illinois has not come yet.
    return timezone.localdate() - datetime.timedelta(days=2)


def accepted_visit(event, agency, **fields):
    start = event.starts_at + datetime.timedelta(hours=1)
    return make_visit(
        event,
        agency,
        status=VisitRequest.Status.ACCEPTED,
        scheduled_start=start,
        scheduled_end=start + datetime.timedelta(minutes=20),
        **fields,
    )


@pytest.fixture
def past_event(organizer):
    """Approved, held two days ago from 5 to 9 pm in Springfield, IL."""
    return make_event(organizer, date=two_days_ago())


@pytest.fixture
def police(past_event):
    """Springfield PD: accepted a visit to `past_event`."""
    agency = make_agency(serves=past_event.community)
    accepted_visit(past_event, agency)
    return agency


@pytest.fixture
def fire(past_event):
    """Springfield Fire: asked, never answered."""
    agency = make_agency("Springfield Fire Department", serves=past_event.community)
    make_visit(past_event, agency)
    return agency


@pytest.fixture
def police_liaison(police):
    return make_liaison("lee@example.com", police, full_name="Lee Liaison")


@pytest.fixture
def municipal_admin(past_event):
    user = make_user("mia@example.com", full_name="Mia Municipal")
    CommunityAdmin.objects.create(
        user=user, community=past_event.community, status=CommunityAdmin.Status.APPROVED
    )
    return user


@pytest.fixture
def report_data(police):
    return {
        "actual_adults": "52",
        "actual_children": "31",
        "agencies_came": [str(police.pk)],
        "highlights": "The K9 demo was a hit.\nWe ran out of hot dogs by 7.",
    }


def make_report(event, agencies=(), **fields):
    report = EventReport.objects.create(
        event=event,
        **{"actual_adults": 10, "actual_children": 5, "highlights": "Rain at 8.", **fields},
    )
    report.agencies_came.set(agencies)
    return report


def reported(event):
    """The event's report as plain values, or None."""
    report = EventReport.objects.filter(event=event).first()
    if report is None:
        return None
    return {
        "actual_adults": report.actual_adults,
        "actual_children": report.actual_children,
        "agencies_came": sorted(report.agencies_came.values_list("name", flat=True)),
        "highlights": report.highlights,
    }


# The form page


def test_report_form_organizer_sees_the_accepted_agencies_only(
    client_of, organizer, past_event, police, fire
):
    response = client_of(organizer).get(report_url(past_event))

    assert response.status_code == 200
    assert list(response.context["form"].fields["agencies_came"].queryset) == [police]
    assert "How did “Maple Street Block Party” go?" in response.text
    assert "You expected 40 adults, 20 children." in response.text
    assert "Springfield Fire Department" not in response.text


def test_report_form_organizer_saves_a_report(client_of, organizer, past_event, report_data):
    response = client_of(organizer).post(report_url(past_event), report_data, follow=True)

    assert response.redirect_chain == [(detail_url(past_event), 302)]
    assert "Thank you! Your report is saved: it counts in the figures." in response.text
    assert reported(past_event) == {
        "actual_adults": 52,
        "actual_children": 31,
        "agencies_came": ["Springfield Police Department"],
        "highlights": "The K9 demo was a hit.\nWe ran out of hot dogs by 7.",
    }


def test_report_form_without_agencies_or_highlights_is_saved(client_of, organizer, past_event):
    client_of(organizer).post(
        report_url(past_event), {"actual_adults": "3", "actual_children": "0"}
    )

    assert reported(past_event) == {
        "actual_adults": 3,
        "actual_children": 0,
        "agencies_came": [],
        "highlights": "",
    }


def test_report_form_with_no_accepted_agency_says_so(client_of, organizer, past_event, fire):
    response = client_of(organizer).get(report_url(past_event))

    assert "No agency accepted a request for this event, so there is none to choose." in (
        response.text
    )


def test_report_form_existing_report_is_shown_and_updated(
    client_of, organizer, past_event, police, report_data
):
    report = make_report(past_event)

    page = client_of(organizer).get(report_url(past_event))
    client_of(organizer).post(report_url(past_event), report_data)

    assert page.context["form"].instance == report
    assert page.context["form"]["actual_adults"].value() == 10
    assert "Save changes" in page.text
    assert EventReport.objects.count() == 1
    assert EventReport.objects.get().pk == report.pk
    assert reported(past_event)["actual_adults"] == 52
    assert reported(past_event)["agencies_came"] == ["Springfield Police Department"]


def test_report_form_keeps_offering_an_agency_chosen_before(
    client_of, organizer, past_event, police
):
    make_report(past_event, agencies=[police])
    VisitRequest.objects.filter(agency=police).update(status=VisitRequest.Status.WITHDRAWN)

    response = client_of(organizer).get(report_url(past_event))

    assert list(response.context["form"].fields["agencies_came"].queryset) == [police]


def test_report_form_new_report_starts_with_the_visits_marked_made(past_event, police, fire):
    other = make_agency("Sangamon County Sheriff", serves=past_event.community)
    accepted_visit(past_event, other)
    VisitRequest.objects.filter(agency=police).update(made_at=timezone.now())

    form = ReportForm(event=past_event, instance=EventReport(event=past_event))

    assert form["agencies_came"].value() == [police.pk]
    assert list(form.fields["agencies_came"].queryset) == [other, police]


# Who may use it


@pytest.mark.parametrize(
    "persona",
    ["other_organizer", "police_liaison", "national_admin", "municipal_admin", "stranger"],
)
def test_report_form_others_get_404_and_nothing_is_saved(
    client_of, request, past_event, report_data, persona
):
    client = client_of(request.getfixturevalue(persona))

    page = client.get(report_url(past_event))
    sent = client.post(report_url(past_event), report_data)

    assert page.status_code == 404
    assert sent.status_code == 404
    assert EventReport.objects.count() == 0


def test_report_form_others_cannot_change_an_existing_report(
    client_of, national_admin, past_event, report_data
):
    report = make_report(past_event)
    before = row(report)

    response = client_of(national_admin).post(report_url(past_event), report_data)

    assert response.status_code == 404
    assert row(report) == before


def test_report_form_anonymous_is_sent_to_log_in(client, past_event, report_data):
    url = report_url(past_event)

    page = client.get(url)
    sent = client.post(url, report_data)

    assert page.status_code == 302
    assert page.url == f"{reverse('accounts:login')}?next={url}"
    assert sent.url == f"{reverse('accounts:login')}?next={url}"
    assert EventReport.objects.count() == 0


def test_report_form_put_is_not_allowed(client_of, organizer, past_event):
    response = client_of(organizer).put(report_url(past_event))

    assert response.status_code == 405


# Events that cannot be reported on


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({}, "You can tell how it went once the event is over."),
        (
            {"date": two_days_ago(), "status": Event.Status.SUBMITTED},
            "Only approved events can be reported on.",
        ),
        (
            {"date": two_days_ago(), "status": Event.Status.DRAFT},
            "Only approved events can be reported on.",
        ),
        (
            {"date": two_days_ago(), "status": Event.Status.CHANGES_REQUESTED},
            "Only approved events can be reported on.",
        ),
        (
            {
                "date": two_days_ago(),
                "status": Event.Status.CANCELLED,
                "cancelled_at": timezone.now(),
            },
            "This event was cancelled: there is nothing to report.",
        ),
    ],
)
def test_report_form_event_not_approved_and_over_is_refused(
    client_of, organizer, overrides, message
):
    event = make_event(organizer, **overrides)
    client = client_of(organizer)

    page = client.get(report_url(event), follow=True)
    sent = client.post(
        report_url(event), {"actual_adults": "5", "actual_children": "5"}, follow=True
    )

    assert page.redirect_chain == [(detail_url(event), 302)]
    assert message in page.text
    assert sent.redirect_chain == [(detail_url(event), 302)]
    assert EventReport.objects.count() == 0


def test_report_form_event_that_has_started_but_not_ended_is_refused(client_of, organizer):
    now = timezone.now()
    event = make_event(
        organizer,
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=2),
    )

    response = client_of(organizer).post(
        report_url(event), {"actual_adults": "5", "actual_children": "5"}, follow=True
    )

    assert "You can tell how it went once the event is over." in response.text
    assert EventReport.objects.count() == 0


def test_save_report_second_first_report_is_refused(past_event):
    data = {"actual_adults": "4", "actual_children": "2", "highlights": "First tab"}
    first = ReportForm(data, event=past_event, instance=EventReport(event=past_event))
    second = ReportForm(
        {**data, "highlights": "Second tab"},
        event=past_event,
        instance=EventReport(event=past_event),
    )
    assert first.is_valid() and second.is_valid()
    services.save_report(form=first, event=past_event)

    with pytest.raises(services.ReportError) as refused:
        services.save_report(form=second, event=past_event)

    assert str(refused.value) == (
        "A report on this event was saved meanwhile. Here it is: change it if need be."
    )
    assert reported(past_event)["highlights"] == "First tab"


def test_save_report_event_cancelled_since_the_form_was_shown_is_refused(past_event):
    form = ReportForm(
        {"actual_adults": "4", "actual_children": "2"},
        event=past_event,
        instance=EventReport(event=past_event),
    )
    assert form.is_valid()
    Event.objects.filter(pk=past_event.pk).update(
        status=Event.Status.CANCELLED, cancelled_at=timezone.now()
    )

    with pytest.raises(services.ReportError):
        services.save_report(form=form, event=past_event)

    assert EventReport.objects.count() == 0


# Bad input


NEGATIVE = "Ensure this value is greater than or equal to 0."
TOO_MANY = "Ensure this value is less than or equal to 100000."
NOT_A_NUMBER = "Enter a whole number."
PLAIN_TEXT = "Please use plain text here, without < > tags or control characters."


@pytest.mark.parametrize(
    ("changes", "field", "errors"),
    [
        ({"actual_adults": "-1"}, "actual_adults", [NEGATIVE]),
        ({"actual_children": "-5"}, "actual_children", [NEGATIVE]),
        ({"actual_adults": "100001"}, "actual_adults", [TOO_MANY]),
        ({"actual_children": "99999999999999999999999"}, "actual_children", [TOO_MANY]),
        ({"actual_adults": "1e3"}, "actual_adults", [NOT_A_NUMBER]),
        ({"actual_adults": "4\x00"}, "actual_adults", [NOT_A_NUMBER]),
        ({"actual_adults": ""}, "actual_adults", ["This field is required."]),
        (
            {"highlights": "Fun\x00night"},
            "highlights",
            ["Null characters are not allowed.", PLAIN_TEXT],
        ),
        ({"highlights": "Fun<script>alert(1)</script>"}, "highlights", [PLAIN_TEXT]),
        ({"highlights": "<b>Fun</b>"}, "highlights", [PLAIN_TEXT]),
        ({"highlights": "Bell\x07"}, "highlights", [PLAIN_TEXT]),
        (
            {"highlights": "x" * 2001},
            "highlights",
            ["Ensure this value has at most 2000 characters (it has 2001)."],
        ),
    ],
)
def test_report_form_bad_input_shows_an_error_and_saves_nothing(
    client_of, organizer, past_event, report_data, changes, field, errors
):
    response = client_of(organizer).post(report_url(past_event), {**report_data, **changes})

    assert response.status_code == 200
    assert response.context["form"].errors[field] == errors
    assert EventReport.objects.count() == 0


@pytest.mark.parametrize("which", ["fire", "other_agency", "unknown"])
def test_report_form_agency_without_an_accepted_request_is_refused(
    client_of, request, organizer, past_event, report_data, which
):
    pk = 999999 if which == "unknown" else request.getfixturevalue(which).pk

    response = client_of(organizer).post(
        report_url(past_event), {**report_data, "agencies_came": [str(pk)]}
    )

    assert response.context["form"].errors["agencies_came"] == [
        f"Select a valid choice. {pk} is not one of the available choices."
    ]
    assert EventReport.objects.count() == 0


def test_report_form_bad_input_leaves_an_existing_report_unchanged(
    client_of, organizer, past_event, report_data
):
    report = make_report(past_event)
    before = row(report)

    response = client_of(organizer).post(
        report_url(past_event), {**report_data, "actual_adults": "-3"}
    )

    assert response.status_code == 200
    assert row(report) == before


# The report on the event page


def test_event_page_organizer_of_an_event_over_is_asked_how_it_went(
    client_of, organizer, past_event
):
    response = client_of(organizer).get(detail_url(past_event))

    assert "How did it go?" in response.text
    assert f'href="{report_url(past_event)}">Tell us how it went</a>' in response.text


def test_event_page_upcoming_event_has_no_report_section(client_of, organizer, event):
    response = client_of(organizer).get(detail_url(event))

    assert "How did it go?" not in response.text
    assert report_url(event) not in response.text


def test_event_page_shows_the_report_to_its_organizer(client_of, organizer, past_event, police):
    make_report(
        past_event, agencies=[police], actual_adults=52, actual_children=1, highlights="Fun & games"
    )

    response = client_of(organizer).get(detail_url(past_event))

    assert "52 adults, 1 child (53 reported, 60 expected)" in response.text
    assert "Springfield Police Department</dd>" in response.text
    assert "Fun &amp; games" in response.text
    assert f'href="{report_url(past_event)}">Edit the report</a>' in response.text


@pytest.mark.parametrize("persona", ["national_admin", "municipal_admin"])
def test_event_page_admins_see_the_report_but_no_link_to_the_form(
    client_of, request, past_event, police, persona
):
    make_report(past_event, agencies=[police], actual_adults=52, actual_children=31)

    response = client_of(request.getfixturevalue(persona)).get(detail_url(past_event))

    assert response.status_code == 200
    assert "52 adults, 31 children (83 reported, 60 expected)" in response.text
    assert report_url(past_event) not in response.text


def test_event_page_admin_sees_that_no_report_came_yet(client_of, national_admin, past_event):
    response = client_of(national_admin).get(detail_url(past_event))

    assert "The organizer has not reported on this event yet." in response.text
    assert report_url(past_event) not in response.text

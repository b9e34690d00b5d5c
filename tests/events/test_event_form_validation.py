"""Bad input on the register form: a message on the field, and nothing saved."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Activity, Community, Event

REGISTER_URL = reverse("events:register")
PLAIN_TEXT = "Please use plain text here, without < > tags or control characters."
REQUIRED = "This field is required."
NUL = "Null characters are not allowed."


def a_week_ago():
    return (timezone.localdate() - datetime.timedelta(days=7)).isoformat()


def three_years_ahead():
    return datetime.date(timezone.localdate().year + 3, 1, 15).isoformat()


BAD_INPUTS = {
    "wrong zip for state": (
        {"state": "CA"},
        {"zip_code": ["ZIP code 62701 is in Springfield, IL, not in CA."]},
    ),
    "unknown zip": (
        {"zip_code": "00000"},
        {"zip_code": ["We don't know the ZIP code 00000. Please check it."]},
    ),
    "military zip without time zone": (
        {"zip_code": "09001"},
        {"zip_code": ["We don't know the ZIP code 09001. Please check it."]},
    ),
    "four digit zip": (
        {"zip_code": "6270"},
        {"zip_code": ["Enter a five-digit ZIP code, such as 20500."]},
    ),
    "letters in zip": (
        {"zip_code": "abcde"},
        {"zip_code": ["Enter a five-digit ZIP code, such as 20500."]},
    ),
    "too long zip": (
        {"zip_code": "62701-12345"},
        {"zip_code": ["Ensure this value has at most 10 characters (it has 11)."]},
    ),
    "city not served by zip": (
        {"city": "Chicago"},
        {"city": ["ZIP code 62701 is in Springfield. Please check the city or the ZIP."]},
    ),
    "city not served by zip with other names": (
        {"city": "Manhattan", "state": "NY", "zip_code": "11201"},
        {
            "city": [
                "ZIP code 11201 is in Brooklyn or Brooklyn Heights or Brooklyn Hgts. "
                "Please check the city or the ZIP."
            ]
        },
    ),
    "unknown state": (
        {"state": "ZZ"},
        {"state": ["Select a valid choice. ZZ is not one of the available choices."]},
    ),
    "end before start": (
        {"start_time": "21:00", "end_time": "17:00"},
        {"end_time": ["The event must end after it starts."]},
    ),
    "end equal to start": (
        {"start_time": "17:00", "end_time": "17:00"},
        {"end_time": ["The event must end after it starts."]},
    ),
    "malformed time": (
        {"start_time": "5 pm-ish"},
        {"start_time": ["Enter a valid time."]},
    ),
    "malformed date": (
        {"date": "2027-02-30"},
        {"date": ["Enter a valid date."]},
    ),
    "negative adults": (
        {"expected_adults": "-1"},
        {"expected_adults": ["Ensure this value is greater than or equal to 0."]},
    ),
    "negative children": (
        {"expected_children": "-5"},
        {"expected_children": ["Ensure this value is greater than or equal to 0."]},
    ),
    "huge adults": (
        {"expected_adults": "100001"},
        {"expected_adults": ["Ensure this value is less than or equal to 100000."]},
    ),
    "huge children beyond any integer column": (
        {"expected_children": "99999999999999999999999"},
        {"expected_children": ["Ensure this value is less than or equal to 100000."]},
    ),
    "not a number": (
        {"expected_adults": "lots"},
        {"expected_adults": ["Enter a whole number."]},
    ),
    "nobody expected": (
        {"expected_adults": "0", "expected_children": "0"},
        {"expected_adults": ["How many people do you expect? At least one, please."]},
    ),
    "over-long title": (
        {"title": "x" * 121},
        {"title": ["Ensure this value has at most 120 characters (it has 121)."]},
    ),
    "over-long description": (
        {"description": "x" * 4001},
        {"description": ["Ensure this value has at most 4000 characters (it has 4001)."]},
    ),
    "over-long address": (
        {"address": "x" * 201},
        {"address": ["Ensure this value has at most 200 characters (it has 201)."]},
    ),
    "over-long venue": (
        {"venue_name": "x" * 121},
        {"venue_name": ["Ensure this value has at most 120 characters (it has 121)."]},
    ),
    "over-long other activities": (
        {"other_activities": "x" * 201},
        {"other_activities": ["Ensure this value has at most 200 characters (it has 201)."]},
    ),
    "script in title": (
        {"title": "<script>alert(1)</script>"},
        {"title": [PLAIN_TEXT]},
    ),
    "tag in address": (
        {"address": "<b>120 Maple St</b>"},
        {"address": [PLAIN_TEXT]},
    ),
    "comment in venue": (
        {"venue_name": "<!-- park -->"},
        {"venue_name": [PLAIN_TEXT]},
    ),
    "control character in city": (
        {"city": "Spring\x1bfield"},
        {"city": [PLAIN_TEXT]},
    ),
    "nul byte in title": (
        {"title": "Block\x00Party"},
        {"title": [NUL, PLAIN_TEXT]},
    ),
    "nul byte in description": (
        {"description": "Bring\x00 a chair"},
        {"description": [NUL]},
    ),
    "nul byte in zip": (
        {"zip_code": "62701\x00"},
        {"zip_code": [NUL]},
    ),
    "nul byte in date": (
        {"date": "2027-07-15\x00"},
        {"date": ["Enter a valid date."]},
    ),
    "nul byte in activity": (
        {"activities": ["1\x00"]},
        {"activities": [NUL]},
    ),
    "missing title": ({"title": ""}, {"title": [REQUIRED]}),
    "blank title": ({"title": "   "}, {"title": [REQUIRED]}),
    "missing address": ({"address": ""}, {"address": [REQUIRED]}),
    "missing city": ({"city": ""}, {"city": [REQUIRED]}),
    "missing state": ({"state": ""}, {"state": [REQUIRED]}),
    "missing zip": ({"zip_code": ""}, {"zip_code": [REQUIRED]}),
    "missing date": ({"date": ""}, {"date": [REQUIRED]}),
    "missing times": (
        {"start_time": "", "end_time": ""},
        {"start_time": [REQUIRED], "end_time": [REQUIRED]},
    ),
    "missing attendance": (
        {"expected_adults": "", "expected_children": ""},
        {"expected_adults": [REQUIRED], "expected_children": [REQUIRED]},
    ),
    "unknown activity": (
        {"activities": ["999999"]},
        {"activities": ["Select a valid choice. 999999 is not one of the available choices."]},
    ),
    "malformed activity": (
        {"activities": ["abc"]},
        {"activities": ["“abc” is not a valid value."]},
    ),
}


@pytest.mark.parametrize(
    ("changes", "errors"), list(BAD_INPUTS.values()), ids=list(BAD_INPUTS.keys())
)
def test_register_event_bad_input_shows_error_and_saves_nothing(
    client_of, organizer, form_data, changes, errors
):
    communities_before = Community.objects.count()

    response = client_of(organizer).post(REGISTER_URL, {**form_data, **changes})

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert Event.objects.count() == 0
    assert Community.objects.count() == communities_before


def test_register_event_in_the_past_is_refused(client_of, organizer, form_data):
    response = client_of(organizer).post(REGISTER_URL, {**form_data, "date": a_week_ago()})

    assert response.context["form"].errors == {
        "date": ["This date has passed. Please pick a future date."]
    }
    assert Event.objects.count() == 0
    assert Community.objects.count() == 0


def test_register_event_earlier_today_is_refused(client_of, organizer, form_data):
    # Midnight of the local day in Springfield has always passed.
    today_in_springfield = timezone.localdate(timezone=ZoneInfo("America/Chicago"))

    response = client_of(organizer).post(
        REGISTER_URL,
        {
            **form_data,
            "date": today_in_springfield.isoformat(),
            "start_time": "00:00",
            "end_time": "00:01",
        },
    )

    assert response.context["form"].errors == {
        "start_time": ["This time has passed. Please pick a later time."]
    }
    assert Event.objects.count() == 0


def test_register_event_too_far_ahead_is_refused(client_of, organizer, form_data):
    response = client_of(organizer).post(REGISTER_URL, {**form_data, "date": three_years_ahead()})

    assert response.context["form"].errors == {
        "date": ["Please register events at most 2 years ahead."]
    }
    assert Event.objects.count() == 0


def test_register_event_in_year_9999_is_refused(client_of, organizer, form_data):
    response = client_of(organizer).post(
        REGISTER_URL,
        {
            **form_data,
            "date": "9999-12-31",
            "start_time": "22:00",
            "end_time": "23:59",
            "city": "Beverly Hills",
            "state": "CA",
            "zip_code": "90210",
        },
    )

    assert response.context["form"].errors == {
        "date": ["Please register events at most 2 years ahead."]
    }
    assert Event.objects.count() == 0


def test_register_event_inactive_activity_is_refused(client_of, organizer, form_data):
    retired = Activity.objects.create(name="Pony rides", slug="pony-rides", is_active=False)

    response = client_of(organizer).post(REGISTER_URL, {**form_data, "activities": [retired.pk]})

    assert response.context["form"].errors == {
        "activities": [f"Select a valid choice. {retired.pk} is not one of the available choices."]
    }
    assert Event.objects.count() == 0


def test_register_event_errors_are_shown_next_to_fields(client_of, organizer, form_data):
    response = client_of(organizer).post(REGISTER_URL, {**form_data, "zip_code": "00000"})

    assert 'id="id_zip_code_error"' in response.text
    assert "We don&#x27;t know the ZIP code 00000. Please check it." in response.text
    # What the organizer typed is kept.
    assert 'value="Maple Street Block Party"' in response.text


def test_register_event_script_in_description_is_stored_and_shown_escaped(
    client_of, organizer, form_data
):
    script = "<script>alert('hi')</script> & bring chairs"
    client = client_of(organizer)

    client.post(REGISTER_URL, {**form_data, "description": script})
    event = Event.objects.get()
    response = client.get(reverse("events:detail", args=[event.pk]))

    assert event.description == script
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt; &amp; bring chairs" in response.text


def test_register_event_emoji_title_is_stored_and_shown(client_of, organizer, form_data):
    title = "Block Party 🎉🌭 für alle, señor"
    client = client_of(organizer)

    client.post(REGISTER_URL, {**form_data, "title": title})
    event = Event.objects.get()
    detail = client.get(reverse("events:detail", args=[event.pk]))
    public = client.get(reverse("events:public", args=[event.pk]))
    listing = client.get(reverse("events:my_events"))

    assert event.title == title
    assert f'<h1 class="h3 mb-0">{title} ' in detail.text
    assert f'<h1 class="h3 mb-3">{title}</h1>' in public.text
    assert title in listing.text


def test_register_event_text_with_less_than_sign_and_math_is_plain_text(
    client_of, organizer, form_data
):
    response = client_of(organizer).post(
        REGISTER_URL, {**form_data, "title": "Kids < 12 eat free, 3 > 2"}
    )

    assert response.status_code == 302
    assert Event.objects.get().title == "Kids < 12 eat free, 3 > 2"

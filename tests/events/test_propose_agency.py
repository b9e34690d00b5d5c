from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from events.models import Agency, AgencyArea, Community

PROPOSE_URL = reverse("events:propose_agency")


def agency_data(**overrides):
    return {
        "name": "Sangamon County Sheriff's Office",
        "kind": "sheriff",
        "city": "Springfield",
        "state": "IL",
        "zip_code": "62701",
        "phone": "217-753-6855",
        "email": "sheriff@example.org",
        "website": "https://sheriff.example.org/",
        **overrides,
    }


def agencies():
    return list(Agency.objects.values_list("name", "city", "state"))


def test_propose_agency_form_is_shown(client_of, organizer):
    response = client_of(organizer).get(PROPOSE_URL)

    assert response.status_code == 200
    assert "Add a missing agency" in response.text
    assert list(response.context["form"].fields) == [
        "name",
        "kind",
        "city",
        "state",
        "zip_code",
        "phone",
        "email",
        "website",
    ]


def test_propose_agency_creates_unverified_agency_placed_by_its_zip(client_of, organizer):
    response = client_of(organizer).post(PROPOSE_URL, agency_data(), follow=True)

    agency = Agency.objects.get()
    assert response.redirect_chain == [(agency.get_absolute_url(), 302)]
    assert (
        "Sangamon County Sheriff&#x27;s Office is added. It is marked unverified until a site "
        "admin checks it."
    ) in response.text
    assert (agency.name, agency.kind, agency.city, agency.state, agency.zip_code) == (
        "Sangamon County Sheriff's Office",
        Agency.Kind.SHERIFF,
        "Springfield",
        "IL",
        "62701",
    )
    assert (agency.latitude, agency.longitude) == (Decimal("39.800000"), Decimal("-89.649500"))
    assert agency.time_zone == "America/Chicago"
    assert (agency.phone, agency.email, agency.website) == (
        "217-753-6855",
        "sheriff@example.org",
        "https://sheriff.example.org/",
    )
    assert agency.is_verified is False
    assert agency.proposed_by == organizer
    assert agency.capacity is None


def test_propose_agency_serves_its_community(client_of, organizer):
    client_of(organizer).post(PROPOSE_URL, agency_data())

    area = AgencyArea.objects.get()
    assert (area.agency.name, area.kind, area.state, area.county) == (
        "Sangamon County Sheriff's Office",
        AgencyArea.Kind.COMMUNITY,
        "IL",
        "",
    )
    assert (area.community.name, area.community.state, area.community.county) == (
        "Springfield",
        "IL",
        "Sangamon County",
    )


def test_propose_agency_joins_the_existing_community_of_events_there(client_of, organizer, event):
    client_of(organizer).post(PROPOSE_URL, agency_data())

    assert Community.objects.count() == 1
    assert AgencyArea.objects.get().community == event.community
    assert list(Agency.objects.serving(event).values_list("name", "is_verified")) == [
        ("Sangamon County Sheriff's Office", False)
    ]


def test_propose_agency_takes_the_zip_spelling_of_the_city(client_of, organizer):
    client_of(organizer).post(
        PROPOSE_URL, agency_data(city="  springfield ", zip_code="62701-1234")
    )

    agency = Agency.objects.get()
    assert (agency.city, agency.zip_code) == ("Springfield", "62701")


def test_propose_agency_ignores_fields_not_in_the_form(client_of, organizer, other_organizer):
    data = agency_data(is_verified="on", proposed_by=other_organizer.pk, capacity="3")

    client_of(organizer).post(PROPOSE_URL, data)

    agency = Agency.objects.get()
    assert (agency.is_verified, agency.proposed_by, agency.capacity) == (False, organizer, None)


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        pytest.param(
            {"zip_code": "00000"},
            {"zip_code": ["We don't know this ZIP code. Please check it."]},
            id="unknown-zip",
        ),
        pytest.param(
            {"zip_code": "6270"},
            {"zip_code": ["Enter a five-digit ZIP code, such as 20500."]},
            id="malformed-zip",
        ),
        pytest.param(
            # A military (APO) ZIP code has no place or time zone.
            {"zip_code": "09001"},
            {"zip_code": ["We don't know this ZIP code. Please check it."]},
            id="military-zip",
        ),
        pytest.param(
            {"zip_code": "78701"},
            {"zip_code": ["ZIP code 78701 is in Austin, TX, not in IL."]},
            id="zip-in-another-state",
        ),
        pytest.param(
            {"city": "Chicago"},
            {"city": ["ZIP code 62701 is in Springfield. Please check the city or the ZIP."]},
            id="zip-in-another-city",
        ),
        pytest.param(
            {"name": "<b>Sheriff</b>"},
            {"name": ["Please use plain text here, without < > tags or control characters."]},
            id="markup-in-name",
        ),
        pytest.param(
            {"kind": "militia"},
            {"kind": ["Select a valid choice. militia is not one of the available choices."]},
            id="unknown-kind",
        ),
        pytest.param({"website": "not a url"}, {"website": ["Enter a valid URL."]}, id="bad-url"),
        pytest.param(
            {"email": "sheriff@"}, {"email": ["Enter a valid email address."]}, id="bad-email"
        ),
        pytest.param(
            {"name": "", "kind": "", "city": "", "state": "", "zip_code": ""},
            {
                "name": ["This field is required."],
                "kind": ["This field is required."],
                "city": ["This field is required."],
                "state": ["This field is required."],
                "zip_code": ["This field is required."],
            },
            id="missing-fields",
        ),
    ],
)
def test_propose_agency_bad_input_shows_errors_and_saves_nothing(
    client_of, organizer, data, errors
):
    response = client_of(organizer).post(PROPOSE_URL, agency_data(**data))

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert agencies() == []
    assert AgencyArea.objects.count() == 0


@pytest.mark.parametrize("name", ["Springfield Police Department", "springfield police department"])
def test_propose_agency_already_registered_shows_error_and_saves_nothing(
    client_of, organizer, agency, name
):
    before = agencies()

    response = client_of(organizer).post(
        PROPOSE_URL, agency_data(name=name, kind="police", city="SPRINGFIELD")
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "name": ["This agency is already registered: search for it."]
    }
    assert agencies() == before
    assert AgencyArea.objects.count() == 1


def test_propose_agency_same_name_in_another_state_is_another_agency(client_of, organizer, agency):
    data = agency_data(
        name="Springfield Police Department", city="Springfield", state="MO", zip_code="65806"
    )

    client_of(organizer).post(PROPOSE_URL, data)

    assert sorted(agencies()) == [
        ("Springfield Police Department", "Springfield", "IL"),
        ("Springfield Police Department", "Springfield", "MO"),
    ]


def test_propose_agency_returns_to_the_picker_it_came_from(client_of, organizer, event, agency):
    picker = reverse("events:pick_agencies", args=[event.pk]) + "?q=sheriff"

    response = client_of(organizer).post(f"{PROPOSE_URL}?next={picker}", agency_data())
    listing = client_of(organizer).get(picker)

    assert (response.status_code, response.url) == (302, picker)
    assert [a.name for a in listing.context["page"].object_list] == [
        "Sangamon County Sheriff's Office"
    ]
    assert '<span class="badge text-bg-warning">Unverified</span>' in listing.text


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/phish",
        "//evil.example/phish",
        "http://evil.example",
        "javascript:alert(1)",
        "",
    ],
)
def test_propose_agency_ignores_next_to_another_host(client_of, organizer, next_url):
    url = f"{PROPOSE_URL}?{urlencode({'next': next_url})}"

    response = client_of(organizer).post(url, agency_data())

    assert response.status_code == 302
    assert response.url == Agency.objects.get().get_absolute_url()


def test_propose_agency_anonymous_is_sent_to_log_in(client, db):
    get = client.get(PROPOSE_URL)
    post = client.post(PROPOSE_URL, agency_data())

    login = f"{reverse('accounts:login')}?next={PROPOSE_URL}"
    assert (get.status_code, get.url) == (302, login)
    assert (post.status_code, post.url) == (302, login)
    assert agencies() == []


@pytest.mark.parametrize("persona", ["liaison", "national_admin"])
def test_propose_agency_any_signed_in_user_may_propose(client_of, request, persona):
    user = request.getfixturevalue(persona)

    client_of(user).post(PROPOSE_URL, agency_data())

    proposed = Agency.objects.get(name="Sangamon County Sheriff's Office")
    assert (proposed.proposed_by, proposed.is_verified) == (user, False)

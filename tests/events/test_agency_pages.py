import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import AgencyMembership
from tests.conftest import make_agency
from tests.events.conftest import row

AGENCIES = reverse("events:agencies")
JOIN_BUTTON = "I am a liaison of this agency: ask to join"
INBOX_LINK = f'<a class="nav-link" href="{reverse("events:inbox")}">Requests</a>'


def listed(response):
    return [agency.name for agency in response.context["page"].object_list]


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def membership_of(user):
    return AgencyMembership.objects.get(user=user)


def approve_url(membership):
    return reverse("events:decide_member", args=[membership.agency_id, membership.pk, "approve"])


# The list


def test_agency_list_shows_agencies_by_name(client_of, stranger, agency, other_agency):
    response = client_of(stranger).get(AGENCIES)

    assert response.status_code == 200
    assert listed(response) == ["Austin Fire Department", "Springfield Police Department"]
    assert "Fire department · Austin, TX" in response.text


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ({"q": "police"}, ["Springfield Police Department"]),
        ({"q": "austin"}, ["Austin Fire Department"]),
        ({"state": "TX"}, ["Austin Fire Department"]),
        ({"q": "police", "state": "TX"}, []),
        ({"state": "XX"}, ["Austin Fire Department", "Springfield Police Department"]),
    ],
)
def test_agency_list_search(client_of, stranger, agency, other_agency, query, names):
    response = client_of(stranger).get(AGENCIES, query)

    assert listed(response) == names


def test_agency_list_empty_search_suggests_adding_it(client_of, stranger, agency):
    response = client_of(stranger).get(AGENCIES, {"q": "sheriff"})

    assert "No agency matches. You can add it." in response.text


def test_agency_list_marks_unverified_agencies(client_of, stranger, agency):
    make_agency("Proposed Watch Group", zip_code="62702", is_verified=False)

    response = client_of(stranger).get(AGENCIES)

    assert response.text.count('<span class="badge text-bg-warning">Unverified</span>') == 1


def test_agency_list_shows_my_memberships(client_of, pending_member, agency):
    response = client_of(pending_member).get(AGENCIES)

    assert [m.agency for m in response.context["memberships"]] == [agency]
    assert "Your agencies" in response.text
    assert "Waiting for approval" in response.text


def test_agency_list_is_paginated(client_of, stranger):
    for number in range(26):
        make_agency(f"Agency {number:02}", zip_code="62702")
    client = client_of(stranger)

    first = client.get(AGENCIES)
    second = client.get(AGENCIES, {"page": 2})

    assert len(listed(first)) == 25
    assert listed(second) == ["Agency 25"]


def test_agency_list_same_number_of_queries_for_1_and_20_agencies(
    client_of, liaison, agency, django_assert_num_queries
):
    client = client_of(liaison)
    with CaptureQueriesContext(connection) as first:
        client.get(AGENCIES)
    for number in range(19):
        other = make_agency(f"Agency {number:02}", zip_code="62702")
        AgencyMembership.objects.create(user=liaison, agency=other)

    with django_assert_num_queries(len(first)):
        response = client.get(AGENCIES)

    assert len(listed(response)) == 20


def test_agency_list_anonymous_is_sent_to_log_in(client, agency):
    response = client.get(AGENCIES)

    assert (response.status_code, response.url) == (
        302,
        f"{reverse('accounts:login')}?next={AGENCIES}",
    )


# One agency's page


def test_agency_page_is_public(client, agency):
    response = client.get(agency.get_absolute_url())

    assert response.status_code == 200
    assert "Springfield Police Department" in response.text
    assert '<span class="badge text-bg-success">Verified</span>' in response.text
    assert JOIN_BUTTON not in response.text
    assert "lee@example.com" not in response.text


def test_agency_page_unknown_id_gives_404(client, agency):
    response = client.get(reverse("events:agency", args=[agency.pk + 1000]))

    assert response.status_code == 404


def test_agency_page_offers_to_join(client_of, stranger, agency, liaison):
    response = client_of(stranger).get(agency.get_absolute_url())

    assert JOIN_BUTTON in response.text
    assert "lee@example.com" not in response.text
    assert "Invite a colleague" not in response.text


def test_agency_page_tells_a_pending_member_to_wait(client_of, pending_member, agency):
    response = client_of(pending_member).get(agency.get_absolute_url())

    assert (
        "Your request to join this agency is waiting for approval by one of its liaisons."
        in response.text
    )
    assert JOIN_BUTTON not in response.text
    assert "pat@example.com" not in response.text


def test_agency_page_offers_a_declined_member_to_ask_again(client_of, pending_member, agency):
    AgencyMembership.objects.filter(user=pending_member).update(
        status=AgencyMembership.Status.DECLINED
    )

    response = client_of(pending_member).get(agency.get_absolute_url())

    assert JOIN_BUTTON in response.text


def test_agency_page_for_its_liaison(client_of, liaison, pending_member, agency):
    response = client_of(liaison).get(agency.get_absolute_url())

    membership = membership_of(liaison)
    assert JOIN_BUTTON not in response.text
    assert "Lee Liaison (lee@example.com)" in response.text
    assert "Pat Pending (pat@example.com)" in response.text
    assert approve_url(membership_of(pending_member)) in response.text
    assert "Invite a colleague" in response.text
    assert response.context["notify_form"].instance == membership
    assert f"http://testserver/calendar/{membership.calendar_token}.ics" in response.text
    assert INBOX_LINK in response.text


def test_agency_page_site_admin_can_approve_but_not_invite(
    client_of, national_admin, pending_member, agency
):
    response = client_of(national_admin).get(agency.get_absolute_url())

    assert "Pat Pending (pat@example.com)" in response.text
    assert approve_url(membership_of(pending_member)) in response.text
    assert "Invite a colleague" not in response.text
    assert ".ics" not in response.text


def test_agency_page_of_another_agency_hides_its_people(
    client_of, other_liaison, liaison, pending_member, agency
):
    response = client_of(other_liaison).get(agency.get_absolute_url())

    assert "lee@example.com" not in response.text
    assert "pat@example.com" not in response.text
    assert "Invite a colleague" not in response.text
    # Still a liaison (of their own agency): the navigation keeps its Requests link.
    assert INBOX_LINK in response.text


def test_agency_page_marks_an_unverified_agency(client, db):
    proposed = make_agency("Proposed Watch Group", zip_code="62702", is_verified=False)

    response = client.get(proposed.get_absolute_url())

    assert '<span class="badge text-bg-warning">Unverified</span>' in response.text


# The liaison's settings


def test_notify_preference_is_saved(client_of, liaison, agency):
    response = client_of(liaison).post(
        reverse("events:set_notify", args=[agency.pk]), {"notify": "daily"}, follow=True
    )

    assert response.redirect_chain == [(agency.get_absolute_url(), 302)]
    assert messages_of(response) == ["Your e-mail preference is saved."]
    assert membership_of(liaison).notify == AgencyMembership.Notify.DAILY


@pytest.mark.parametrize("notify", ["", "weekly"])
def test_notify_bad_choice_shows_a_message_and_saves_nothing(client_of, liaison, agency, notify):
    before = row(membership_of(liaison))

    response = client_of(liaison).post(
        reverse("events:set_notify", args=[agency.pk]), {"notify": notify}, follow=True
    )

    assert messages_of(response) == ["Please choose how to hear about new requests."]
    assert row(membership_of(liaison)) == before


@pytest.mark.parametrize("view", ["set_notify", "reset_calendar"])
@pytest.mark.parametrize("persona", ["pending_member", "other_liaison", "national_admin"])
def test_liaison_settings_others_get_404_and_change_nothing(
    client_of, request, agency, liaison, view, persona
):
    user = request.getfixturevalue(persona)
    before = {m.pk: row(m) for m in AgencyMembership.objects.all()}

    response = client_of(user).post(
        reverse(f"events:{view}", args=[agency.pk]), {"notify": "daily"}
    )

    assert response.status_code == 404
    assert {m.pk: row(m) for m in AgencyMembership.objects.all()} == before


@pytest.mark.parametrize("view", ["set_notify", "reset_calendar"])
def test_liaison_settings_anonymous_is_sent_to_log_in(client, agency, liaison, view):
    url = reverse(f"events:{view}", args=[agency.pk])
    before = row(membership_of(liaison))

    response = client.post(url, {"notify": "daily"})

    assert (response.status_code, response.url) == (
        302,
        f"{reverse('accounts:login')}?next={url}",
    )
    assert row(membership_of(liaison)) == before


def test_calendar_reset_replaces_the_secret_address(client_of, liaison, agency):
    old = membership_of(liaison).calendar_token
    client = client_of(liaison)

    response = client.post(reverse("events:reset_calendar", args=[agency.pk]), follow=True)

    new = membership_of(liaison).calendar_token
    assert messages_of(response) == [
        "Your calendar address is replaced: the old one no longer works."
    ]
    assert new != old
    assert len(new) == 32
    assert client.get(reverse("events:calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("events:calendar_feed", args=[new])).status_code == 200

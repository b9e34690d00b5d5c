"""The municipal-admin role: asking for it, co-admins, and where the role shows."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from events.models import Community, CommunityAdmin
from tests.conftest import make_user
from tests.events.conftest import row

ASK = reverse("events:ask_role")
MY_COMMUNITIES = reverse("events:my_communities")


def add_url(community):
    return reverse("events:add_co_admin", args=[community.pk])


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def ask_data(**overrides):
    return {"state": "IL", "city": "Springfield", "reason": "City clerk", **overrides}


# Asking for the role


def test_ask_form_shows_state_city_and_reason(client_of, stranger):
    response = client_of(stranger).get(ASK)

    assert response.status_code == 200
    assert list(response.context["form"].fields) == ["state", "city", "reason"]


def test_ask_for_an_existing_community_creates_a_pending_role(client_of, stranger, event):
    response = client_of(stranger).post(ASK, ask_data(city=" springfield "), follow=True)

    role = CommunityAdmin.objects.get(user=stranger)
    assert (role.community, role.status, role.reason) == (
        event.community,
        CommunityAdmin.Status.PENDING,
        "City clerk",
    )
    assert (role.granted_by, role.granted_at) == (None, None)
    assert response.redirect_chain == [(MY_COMMUNITIES, 302)]
    assert messages_of(response) == [
        "Your request for Springfield, IL is sent. It is waiting for a national admin; "
        "we will e-mail you when it is granted."
    ]
    assert "Waiting for a national admin" in response.text


def test_ask_for_a_place_of_the_zip_data_creates_its_community(client_of, stranger):
    client_of(stranger).post(ASK, ask_data(state="MA", city="cambridge"))

    community = Community.objects.get()
    assert (community.name, community.state, community.county) == (
        "Cambridge",
        "MA",
        "Middlesex County",
    )
    assert CommunityAdmin.objects.get(user=stranger).community == community


def test_ask_for_another_name_a_zip_accepts_creates_its_community(client_of, stranger):
    client_of(stranger).post(ASK, ask_data(state="MA", city="westover  afb"))

    community = Community.objects.get()
    assert (community.name, community.state, community.county) == (
        "Westover AFB",
        "MA",
        "Hampden County",
    )


def test_ask_for_a_city_of_another_state_is_refused(client_of, stranger):
    response = client_of(stranger).post(ASK, ask_data(state="TX", city="Cambridge"))

    assert response.context["form"].errors == {
        "city": ["We know no city or town called “Cambridge” in Texas. Please check it."]
    }
    assert Community.objects.count() == 0


def test_ask_mails_the_active_national_admins(
    client_of,
    stranger,
    national_admin,
    event,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    make_user("old@example.com", is_staff=True, is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        client_of(stranger).post(ASK, ask_data())

    role = CommunityAdmin.objects.get(user=stranger)
    assert [message.to for message in mailoutbox] == [["nadia@example.com"]]
    message = mailoutbox[0]
    assert message.subject == "Someone asks to administer Springfield, IL"
    assert (
        "Sam Stranger (sam@example.com) asks to be a municipal admin of Springfield, IL on nno."
        in message.body
    )
    assert "Their role in the community: City clerk" in message.body
    assert f"http://127.0.0.1:8000/admin/events/communityadmin/{role.pk}/change/" in message.body


def test_ask_for_an_unknown_place_shows_a_message_and_saves_nothing(client_of, stranger):
    response = client_of(stranger).post(ASK, ask_data(city="Gotham"))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "city": ["We know no city or town called “Gotham” in Illinois. Please check it."]
    }
    assert CommunityAdmin.objects.count() == 0
    assert Community.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (ask_data(reason=""), {"reason": ["This field is required."]}),
        (
            ask_data(state="ZZ"),
            {"state": ["Select a valid choice. ZZ is not one of the available choices."]},
        ),
        (
            ask_data(city="<b>Springfield</b>"),
            {"city": ["Please use plain text here, without < > tags or control characters."]},
        ),
        (
            ask_data(reason="x" * 301),
            {"reason": ["Ensure this value has at most 300 characters (it has 301)."]},
        ),
    ],
)
def test_ask_bad_input_shows_a_message_and_saves_nothing(client_of, stranger, event, data, errors):
    response = client_of(stranger).post(ASK, data)

    assert response.context["form"].errors == errors
    assert CommunityAdmin.objects.count() == 0


def test_ask_twice_says_it_is_waiting_and_keeps_one_row(
    client_of, stranger, national_admin, event, django_capture_on_commit_callbacks, mailoutbox
):
    client = client_of(stranger)
    client.post(ASK, ask_data(), follow=True)
    before = row(CommunityAdmin.objects.get(user=stranger))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ASK, ask_data(reason="Mayor"), follow=True)

    assert messages_of(response) == [
        "Your request for Springfield, IL is waiting for a national admin."
    ]
    assert row(CommunityAdmin.objects.get(user=stranger)) == before
    assert mailoutbox == []


def test_ask_as_an_admin_already_changes_nothing(client_of, municipal_admin, event):
    before = row(CommunityAdmin.objects.get(user=municipal_admin))

    response = client_of(municipal_admin).post(ASK, ask_data(), follow=True)

    assert messages_of(response) == ["You are already a municipal admin of Springfield, IL."]
    assert row(CommunityAdmin.objects.get(user=municipal_admin)) == before


def test_ask_again_after_a_decline_asks_again(client_of, stranger, national_admin, event):
    CommunityAdmin.objects.create(
        user=stranger,
        community=event.community,
        status=CommunityAdmin.Status.DECLINED,
        granted_by=national_admin,
        granted_at=timezone.now(),
    )

    client_of(stranger).post(ASK, ask_data(reason="Now the police chief"))

    role = CommunityAdmin.objects.get(user=stranger)
    assert (role.status, role.reason, role.granted_by, role.granted_at) == (
        CommunityAdmin.Status.PENDING,
        "Now the police chief",
        None,
        None,
    )


def test_ask_anonymous_is_sent_to_log_in(client, event):
    response = client.post(ASK, ask_data())

    assert (response.status_code, response.url) == (302, f"{reverse('accounts:login')}?next={ASK}")
    assert CommunityAdmin.objects.count() == 0


# Co-admins


def test_add_co_admin_approves_an_existing_user_at_once(
    client_of, municipal_admin, stranger, event, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(municipal_admin).post(
            add_url(event.community), {"email": " SAM@example.com "}, follow=True
        )

    role = CommunityAdmin.objects.get(user=stranger)
    assert (role.community, role.status, role.granted_by) == (
        event.community,
        CommunityAdmin.Status.APPROVED,
        municipal_admin,
    )
    assert role.granted_at is not None
    assert messages_of(response) == [
        "Sam Stranger is now a municipal admin of Springfield, IL and has been told."
    ]
    assert [message.to for message in mailoutbox] == [["sam@example.com"]]
    assert mailoutbox[0].subject == "You are a municipal admin of Springfield, IL"
    assert f"http://127.0.0.1:8000/communities/{event.community.pk}/" in mailoutbox[0].body


def test_add_co_admin_grants_a_pending_request(client_of, municipal_admin, stranger, event):
    CommunityAdmin.objects.create(user=stranger, community=event.community, reason="Clerk")

    client_of(municipal_admin).post(add_url(event.community), {"email": "sam@example.com"})

    role = CommunityAdmin.objects.get(user=stranger)
    assert (role.status, role.reason, role.granted_by) == (
        CommunityAdmin.Status.APPROVED,
        "Clerk",
        municipal_admin,
    )


def test_add_co_admin_new_admin_sees_the_community(client_of, municipal_admin, stranger, event):
    client_of(municipal_admin).post(add_url(event.community), {"email": "sam@example.com"})

    response = client_of(stranger).get(
        reverse("events:community_events", args=[event.community.pk])
    )

    assert response.status_code == 200


def test_add_co_admin_unknown_address_says_so_and_creates_nothing(
    client_of, municipal_admin, event, mailoutbox
):
    users = User.objects.count()

    response = client_of(municipal_admin).post(
        add_url(event.community), {"email": "nobody@example.com"}, follow=True
    )

    assert messages_of(response) == [
        "No active nno account uses nobody@example.com. Ask them to sign up first, "
        "then add them again."
    ]
    assert CommunityAdmin.objects.count() == 1
    assert User.objects.count() == users
    assert mailoutbox == []


def test_add_co_admin_inactive_account_is_refused(client_of, municipal_admin, event):
    make_user("gone@example.com", is_active=False)

    response = client_of(municipal_admin).post(
        add_url(event.community), {"email": "gone@example.com"}, follow=True
    )

    assert messages_of(response) == [
        "No active nno account uses gone@example.com. Ask them to sign up first, "
        "then add them again."
    ]
    assert CommunityAdmin.objects.count() == 1


def test_add_co_admin_twice_says_so_and_changes_nothing(client_of, municipal_admin, event):
    before = row(CommunityAdmin.objects.get(user=municipal_admin))

    response = client_of(municipal_admin).post(
        add_url(event.community), {"email": "mia@example.com"}, follow=True
    )

    assert messages_of(response) == [
        "Mia Municipal is already a municipal admin of Springfield, IL."
    ]
    assert row(CommunityAdmin.objects.get(user=municipal_admin)) == before


def test_add_co_admin_invalid_address_changes_nothing(client_of, municipal_admin, event):
    response = client_of(municipal_admin).post(
        add_url(event.community), {"email": "not an address"}, follow=True
    )

    assert messages_of(response) == ["Please enter a valid e-mail address."]
    assert CommunityAdmin.objects.count() == 1


def test_add_co_admin_by_a_national_admin(client_of, national_admin, stranger, event):
    client_of(national_admin).post(add_url(event.community), {"email": "sam@example.com"})

    role = CommunityAdmin.objects.get(user=stranger)
    assert (role.status, role.granted_by) == (CommunityAdmin.Status.APPROVED, national_admin)


@pytest.mark.parametrize("persona", ["other_municipal_admin", "organizer", "liaison"])
def test_add_co_admin_others_get_404_and_change_nothing(
    request, client_of, stranger, event, persona
):
    user = request.getfixturevalue(persona)
    roles = list(CommunityAdmin.objects.values())

    response = client_of(user).post(add_url(event.community), {"email": "sam@example.com"})

    assert response.status_code == 404
    assert list(CommunityAdmin.objects.values()) == roles


def test_add_co_admin_pending_admin_gets_404(client_of, stranger, other_organizer, event):
    CommunityAdmin.objects.create(user=stranger, community=event.community)

    response = client_of(stranger).post(add_url(event.community), {"email": "oscar@example.com"})

    assert response.status_code == 404
    assert not CommunityAdmin.objects.filter(user=other_organizer).exists()


def test_add_co_admin_anonymous_is_sent_to_log_in(client, stranger, event):
    response = client.post(add_url(event.community), {"email": "sam@example.com"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert CommunityAdmin.objects.count() == 0


def test_add_co_admin_only_by_post(client_of, municipal_admin, event):
    response = client_of(municipal_admin).get(add_url(event.community))

    assert response.status_code == 405


# Where the role shows


def test_navigation_links_a_municipal_admin_to_my_community(client_of, municipal_admin):
    response = client_of(municipal_admin).get(reverse("events:my_events"))

    assert response.context["is_municipal_admin"]
    assert f'<a class="nav-link" href="{MY_COMMUNITIES}">My community</a>' in response.text


def test_navigation_links_a_national_admin_to_communities(client_of, national_admin):
    response = client_of(national_admin).get(reverse("events:my_events"))

    assert f'<a class="nav-link" href="{MY_COMMUNITIES}">Communities</a>' in response.text


@pytest.mark.parametrize("persona", ["organizer", "liaison", "stranger"])
def test_navigation_has_no_community_link_for_others(request, client_of, event, persona):
    user = request.getfixturevalue(persona)

    response = client_of(user).get(reverse("events:my_events"))

    assert not response.context["is_municipal_admin"]
    assert f'href="{MY_COMMUNITIES}"' not in response.text


def test_navigation_pending_admin_has_no_community_link(client_of, stranger, event):
    CommunityAdmin.objects.create(user=stranger, community=event.community)

    response = client_of(stranger).get(reverse("events:my_events"))

    assert f'href="{MY_COMMUNITIES}"' not in response.text


def test_profile_links_to_the_role_request(client_of, stranger):
    response = client_of(stranger).get(reverse("accounts:profile"))

    assert f'href="{ASK}"' in response.text

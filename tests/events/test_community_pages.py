"""A municipal admin's pages: My communities, the community's events, its settings."""

import datetime

import pytest
from django.urls import reverse

from events.models import Community, CommunityAdmin, Event
from tests.conftest import make_event, next_week
from tests.events.conftest import make_municipal_admin, row

MY_COMMUNITIES = reverse("events:my_communities")
PERSONAS = ["national_admin", "municipal_admin", "other_municipal_admin", "organizer", "liaison"]


def events_url(community):
    return reverse("events:community_events", args=[community.pk])


def settings_url(community):
    return reverse("events:community_settings", args=[community.pk])


def titles(response):
    return [event.title for event in response.context["page"].object_list]


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def review_community(event):
    """`event`'s community (Springfield, IL), set to review each event."""
    community = event.community
    community.approval = Community.Approval.REVIEW
    community.save()
    return community


# My communities


def test_my_communities_lists_the_admins_communities_with_waiting_counts(
    client_of, organizer, municipal_admin, event
):
    make_event(organizer, title="Waiting 1", status=Event.Status.SUBMITTED)
    make_event(organizer, title="Waiting 2", status=Event.Status.SUBMITTED)
    make_event(organizer, title="Draft", status=Event.Status.DRAFT)
    make_event(organizer, title="Elsewhere", status=Event.Status.SUBMITTED, zip_code="78701")

    response = client_of(municipal_admin).get(MY_COMMUNITIES)

    assert response.status_code == 200
    assert [(c.name, c.waiting) for c in response.context["page"].object_list] == [
        ("Springfield", 2)
    ]
    assert "2 events waiting for review" in response.text


def test_my_communities_for_a_national_admin_lists_communities_with_waiting_events(
    client_of, national_admin, organizer, event
):
    make_event(organizer, title="Waiting", status=Event.Status.SUBMITTED, zip_code="78701")
    CommunityAdmin.objects.create(user=organizer, community=event.community)

    response = client_of(national_admin).get(MY_COMMUNITIES)

    assert [(c.name, c.waiting) for c in response.context["page"].object_list] == [("Austin", 1)]
    assert response.context["pending_roles"] == 1
    assert "1 request for the municipal-admin role is waiting." in response.text


def test_my_communities_for_others_offers_to_ask_for_the_role(client_of, organizer, event):
    response = client_of(organizer).get(MY_COMMUNITIES)

    assert response.status_code == 200
    assert list(response.context["page"].object_list) == []
    assert reverse("events:ask_role") in response.text
    assert "You do not administer a community yet." in response.text


def test_my_communities_shows_the_users_pending_request_as_waiting(client_of, stranger, event):
    CommunityAdmin.objects.create(user=stranger, community=event.community, reason="Clerk")

    response = client_of(stranger).get(MY_COMMUNITIES)

    assert [role.community for role in response.context["requests"]] == [event.community]
    assert "Waiting for a national admin" in response.text


def test_my_communities_anonymous_is_sent_to_log_in(client):
    response = client.get(MY_COMMUNITIES)

    assert (response.status_code, response.url) == (
        302,
        f"{reverse('accounts:login')}?next={MY_COMMUNITIES}",
    )


@pytest.mark.parametrize("count", [1, 20])
def test_my_communities_same_number_of_queries_for_1_and_20_communities(
    client_of, stranger, django_assert_num_queries, count
):
    for number in range(count):
        community = Community.objects.create(name=f"Town {number:02}", state="IL")
        CommunityAdmin.objects.create(
            user=stranger, community=community, status=CommunityAdmin.Status.APPROVED
        )
    client = client_of(stranger)

    # Session, user, communities count and page, the user's requests, the nav's roles.
    with django_assert_num_queries(6):
        response = client.get(MY_COMMUNITIES)

    assert len(response.context["page"].object_list) == count


# The community's events


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("national_admin", 200),
        ("municipal_admin", 200),
        ("other_municipal_admin", 404),
        ("organizer", 404),
        ("liaison", 404),
    ],
)
def test_community_events_permissions(request, client_of, event, persona, status):
    user = request.getfixturevalue(persona)

    response = client_of(user).get(events_url(event.community))

    assert response.status_code == status


def test_community_events_anonymous_is_sent_to_log_in(client, event):
    url = events_url(event.community)

    response = client.get(url)

    assert (response.status_code, response.url) == (
        302,
        f"{reverse('accounts:login')}?next={url}",
    )


def test_community_events_lists_its_events_but_no_drafts(
    client_of, organizer, other_organizer, municipal_admin, event
):
    make_event(other_organizer, title="Waiting", status=Event.Status.SUBMITTED)
    make_event(organizer, title="Cancelled", status=Event.Status.CANCELLED)
    make_event(organizer, title="Returned", status=Event.Status.CHANGES_REQUESTED)
    make_event(organizer, title="A draft", status=Event.Status.DRAFT)
    make_event(organizer, title="In Austin", zip_code="78701")

    response = client_of(municipal_admin).get(events_url(event.community))

    assert sorted(titles(response)) == [
        "Cancelled",
        "Maple Street Block Party",
        "Returned",
        "Waiting",
    ]
    assert "Oscar Other" in response.text


def test_community_events_counts_by_status(client_of, organizer, municipal_admin, event):
    make_event(organizer, title="Waiting", status=Event.Status.SUBMITTED)
    make_event(organizer, title="Draft", status=Event.Status.DRAFT)
    make_event(organizer, title="Also waiting", status=Event.Status.SUBMITTED)
    make_event(organizer, title="Cancelled", status=Event.Status.CANCELLED)

    response = client_of(municipal_admin).get(events_url(event.community), {"status": "cancelled"})

    assert response.context["status_counts"] == [
        ("submitted", "Waiting for review", 2),
        ("approved", "Approved", 1),
        ("changes_requested", "Changes requested", 0),
        ("cancelled", "Cancelled", 1),
    ]
    assert response.context["waiting"] == 2
    assert titles(response) == ["Cancelled"]


def test_community_events_filter_for_drafts_is_refused(
    client_of, organizer, municipal_admin, event
):
    make_event(organizer, title="Draft", status=Event.Status.DRAFT)

    response = client_of(municipal_admin).get(events_url(event.community), {"status": "draft"})

    assert "status" in response.context["filters"].errors
    assert titles(response) == ["Maple Street Block Party"]


def test_community_events_filters_by_date_range(client_of, organizer, municipal_admin, event):
    day = next_week()
    make_event(organizer, title="Before", date=day - datetime.timedelta(days=2))
    make_event(organizer, title="After", date=day + datetime.timedelta(days=2))

    response = client_of(municipal_admin).get(
        events_url(event.community),
        {"date_from": day.isoformat(), "date_to": (day + datetime.timedelta(days=1)).isoformat()},
    )

    assert titles(response) == ["Maple Street Block Party"]


def test_community_events_filters_by_street(client_of, organizer, municipal_admin, event):
    make_event(organizer, title="Oak party", address="5 Oak Avenue")

    response = client_of(municipal_admin).get(events_url(event.community), {"street": "oak av"})

    assert titles(response) == ["Oak party"]


@pytest.mark.parametrize(
    "query",
    [
        {"date_from": "yesterday"},
        {"date_to": "2026-13-45"},
        {"date_from": "99999-01-01"},
        {"status": "published"},
        {"date_from": "\x00"},
        {"page": "-1"},
        {"page": "x"},
    ],
)
def test_community_events_garbage_filters_show_all_events(client_of, municipal_admin, event, query):
    response = client_of(municipal_admin).get(events_url(event.community), query)

    assert response.status_code == 200
    assert titles(response) == ["Maple Street Block Party"]


def test_community_events_garbage_date_is_reported_and_others_filters_apply(
    client_of, organizer, municipal_admin, event
):
    make_event(organizer, title="Waiting", status=Event.Status.SUBMITTED)

    response = client_of(municipal_admin).get(
        events_url(event.community), {"date_from": "soon", "status": "submitted"}
    )

    assert titles(response) == ["Waiting"]
    assert response.context["filters"].errors == {"date_from": ["Enter a valid date."]}


def test_community_events_reversed_date_range_is_reported(client_of, municipal_admin, event):
    day = next_week()

    response = client_of(municipal_admin).get(
        events_url(event.community),
        {"date_from": day.isoformat(), "date_to": (day - datetime.timedelta(days=1)).isoformat()},
    )

    assert response.context["filters"].errors == {
        "date_to": ["The end of the range must not be before its start."]
    }
    assert titles(response) == ["Maple Street Block Party"]


def test_community_events_are_paginated_by_25(client_of, organizer, municipal_admin, event):
    for number in range(25):
        make_event(organizer, title=f"Party {number:02}", date=next_week())
    client = client_of(municipal_admin)

    first = client.get(events_url(event.community))
    second = client.get(events_url(event.community), {"page": 2})

    assert len(titles(first)) == 25
    assert len(titles(second)) == 1


@pytest.mark.parametrize("count", [1, 20])
def test_community_events_same_number_of_queries_for_1_and_20_events(
    client_of, organizer, municipal_admin, event, django_assert_num_queries, count
):
    for number in range(count - 1):
        make_event(organizer, title=f"Party {number:02}")
    client = client_of(municipal_admin)

    # Session, user, community, counts by status, page count and rows, admins, nav roles.
    with django_assert_num_queries(8):
        response = client.get(events_url(event.community))

    assert len(titles(response)) == count


def test_community_events_shows_the_admins_and_the_settings(client_of, municipal_admin, event):
    make_municipal_admin("ann@example.com", event.community, full_name="Ann Another")

    response = client_of(municipal_admin).get(events_url(event.community))

    assert [role.user.full_name for role in response.context["admins"]] == [
        "Ann Another",
        "Mia Municipal",
    ]
    assert settings_url(event.community) in response.text
    assert reverse("events:add_co_admin", args=[event.community.pk]) in response.text


# Settings: the approval mode


def test_settings_switches_the_community_to_review(client_of, municipal_admin, event):
    response = client_of(municipal_admin).post(
        settings_url(event.community), {"approval": "review"}, follow=True
    )

    event.community.refresh_from_db()
    assert event.community.approval == Community.Approval.REVIEW
    assert messages_of(response) == ["A municipal admin now reviews each new event."]


def test_settings_switches_back_to_automatic(client_of, municipal_admin, review_community):
    response = client_of(municipal_admin).post(
        settings_url(review_community), {"approval": "automatic"}, follow=True
    )

    review_community.refresh_from_db()
    assert review_community.approval == Community.Approval.AUTOMATIC
    assert messages_of(response) == [
        "New events are now published at once. Events already waiting stay in the review queue."
    ]


def test_settings_national_admin_may_change_them(client_of, national_admin, event):
    client_of(national_admin).post(settings_url(event.community), {"approval": "review"})

    event.community.refresh_from_db()
    assert event.community.approval == Community.Approval.REVIEW


def test_settings_bad_value_changes_nothing(client_of, municipal_admin, event):
    before = row(event.community)

    response = client_of(municipal_admin).post(
        settings_url(event.community), {"approval": "never"}, follow=True
    )

    assert messages_of(response) == ["Please choose how events are approved."]
    assert row(event.community) == before


@pytest.mark.parametrize("persona", ["other_municipal_admin", "organizer", "liaison"])
def test_settings_others_get_404_and_change_nothing(request, client_of, event, persona):
    user = request.getfixturevalue(persona)
    before = row(event.community)

    response = client_of(user).post(settings_url(event.community), {"approval": "review"})

    assert response.status_code == 404
    assert row(event.community) == before


def test_settings_anonymous_is_sent_to_log_in_and_changes_nothing(client, event):
    before = row(event.community)

    response = client.post(settings_url(event.community), {"approval": "review"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert row(event.community) == before


def test_settings_only_by_post(client_of, municipal_admin, event):
    response = client_of(municipal_admin).get(settings_url(event.community))

    assert response.status_code == 405

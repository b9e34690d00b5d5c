"""The admin site's side of communities: municipal admins, status changes, exports."""

import pytest
from django.contrib.admin import helpers
from django.urls import reverse
from django.utils import timezone

from events.models import Community, CommunityAdmin, EventStatusChange, ExportRecord
from events.services import community as services
from tests.conftest import make_user
from tests.events.conftest import row


@pytest.fixture
def superuser(db):
    return make_user("root@example.com", full_name="Root Admin", is_staff=True, is_superuser=True)


@pytest.fixture
def pending(event):
    """Sam asks to administer Springfield, IL."""
    user = make_user("sam@example.com", full_name="Sam Stranger")
    return CommunityAdmin.objects.create(user=user, community=event.community, reason="Clerk")


@pytest.fixture
def audit(event, organizer, municipal_admin):
    """A status change and an export of Springfield."""
    EventStatusChange.objects.create(
        event=event, from_status="submitted", to_status="approved", by=municipal_admin
    )
    return ExportRecord.objects.create(
        user=municipal_admin, community=event.community, row_count=1, filters="status=approved"
    )


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def grant(client, roles):
    return client.post(
        reverse("admin:events_communityadmin_changelist"),
        {"action": "grant", helpers.ACTION_CHECKBOX_NAME: [role.pk for role in roles]},
        follow=True,
    )


@pytest.mark.parametrize(
    ("model", "query", "count"),
    [
        ("communityadmin", {}, 3),
        ("communityadmin", {"status__exact": "pending"}, 1),
        ("communityadmin", {"community__state__exact": "TX"}, 1),
        ("communityadmin", {"q": "sam@example.com"}, 1),
        ("communityadmin", {"q": "Austin"}, 1),
        ("community", {"approval__exact": "automatic"}, 2),
        ("community", {"approval__exact": "review"}, 0),
        ("eventstatuschange", {}, 1),
        ("eventstatuschange", {"to_status__exact": "approved"}, 1),
        ("eventstatuschange", {"q": "Maple"}, 1),
        ("exportrecord", {}, 1),
        ("exportrecord", {"q": "mia@example.com"}, 1),
    ],
)
def test_admin_community_changelists(
    client_of, superuser, pending, other_municipal_admin, audit, model, query, count
):
    response = client_of(superuser).get(reverse(f"admin:events_{model}_changelist"), query)

    assert response.status_code == 200
    assert response.context["cl"].result_count == count


def test_admin_community_change_page_shows_the_approval_mode(client_of, superuser, event):
    response = client_of(superuser).get(
        reverse("admin:events_community_change", args=[event.community.pk])
    )

    assert response.status_code == 200
    assert "approval" in response.context["adminform"].form.fields


def test_admin_grant_action_approves_and_mails(
    client_of, superuser, pending, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = grant(client_of(superuser), [pending])

    pending.refresh_from_db()
    assert (pending.status, pending.granted_by) == (CommunityAdmin.Status.APPROVED, superuser)
    assert pending.granted_at is not None
    assert messages_of(response) == ["1 request granted."]
    assert [message.to for message in mailoutbox] == [["sam@example.com"]]
    assert mailoutbox[0].subject == "You are a municipal admin of Springfield, IL"


def test_admin_grant_action_skips_decided_requests(
    client_of,
    superuser,
    national_admin,
    pending,
    municipal_admin,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    declined = CommunityAdmin.objects.create(
        user=make_user("dee@example.com"),
        community=pending.community,
        status=CommunityAdmin.Status.DECLINED,
        granted_by=national_admin,
        granted_at=timezone.now(),
    )
    approved = CommunityAdmin.objects.get(user=municipal_admin)
    before = [row(declined), row(approved)]

    with django_capture_on_commit_callbacks(execute=True):
        response = grant(client_of(superuser), [pending, declined, approved])

    assert messages_of(response) == ["1 request granted."]
    assert [row(declined), row(approved)] == before
    assert [message.to for message in mailoutbox] == [["sam@example.com"]]


def test_grant_role_twice_is_refused(superuser, national_admin, pending, mailoutbox):
    # Two national admins granting the same request at once: the second is told.
    theirs = CommunityAdmin.objects.get(pk=pending.pk)
    services.grant_role(role=pending, by=superuser)
    before = row(pending)

    with pytest.raises(services.RoleError) as refused:
        services.grant_role(role=theirs, by=national_admin)

    assert str(refused.value) == "This request was already decided."
    assert row(pending) == before


def test_admin_granted_user_gets_the_community_pages(client_of, superuser, pending):
    grant(client_of(superuser), [pending])

    response = client_of(pending.user).get(
        reverse("events:community_events", args=[pending.community_id])
    )

    assert response.status_code == 200


@pytest.mark.parametrize("model", ["eventstatuschange", "exportrecord"])
def test_admin_audit_rows_cannot_be_added_changed_or_deleted(client_of, superuser, audit, model):
    obj = {"eventstatuschange": EventStatusChange, "exportrecord": ExportRecord}[model]
    pk = obj.objects.get().pk
    before = row(obj.objects.get())
    client = client_of(superuser)

    add = client.get(reverse(f"admin:events_{model}_add"))
    change = client.post(reverse(f"admin:events_{model}_change", args=[pk]), {"row_count": 9})
    delete = client.post(reverse(f"admin:events_{model}_delete", args=[pk]), {"post": "yes"})
    view = client.get(reverse(f"admin:events_{model}_change", args=[pk]))

    assert (add.status_code, change.status_code, delete.status_code) == (403, 403, 403)
    assert view.status_code == 200
    assert row(obj.objects.get()) == before


def test_admin_community_pages_are_for_staff_only(client_of, municipal_admin):
    response = client_of(municipal_admin).get(reverse("admin:events_communityadmin_changelist"))

    assert response.status_code == 302
    assert Community.objects.count() == 1


def decline(client, roles):
    return client.post(
        reverse("admin:events_communityadmin_changelist"),
        {"action": "decline", helpers.ACTION_CHECKBOX_NAME: [role.pk for role in roles]},
        follow=True,
    )


def test_admin_decline_action_declines_and_mails(
    client_of, superuser, pending, municipal_admin, django_capture_on_commit_callbacks, mailoutbox
):
    approved = CommunityAdmin.objects.get(user=municipal_admin)
    before = row(approved)

    with django_capture_on_commit_callbacks(execute=True):
        response = decline(client_of(superuser), [pending, approved])

    pending.refresh_from_db()
    assert (pending.status, pending.granted_by) == (CommunityAdmin.Status.DECLINED, superuser)
    assert pending.granted_at is not None
    assert row(approved) == before
    assert messages_of(response) == ["1 request declined."]
    assert [message.to for message in mailoutbox] == [["sam@example.com"]]
    assert mailoutbox[0].subject == "Your request for Springfield, IL on nno"
    assert "was declined" in mailoutbox[0].body
    assert "/communities/ask/" in mailoutbox[0].body


def test_declined_user_does_not_get_the_community_pages(client_of, superuser, pending):
    decline(client_of(superuser), [pending])

    response = client_of(pending.user).get(
        reverse("events:community_events", args=[pending.community.pk])
    )

    assert response.status_code == 404


def test_decline_role_after_a_grant_is_refused(superuser, national_admin, pending):
    theirs = CommunityAdmin.objects.get(pk=pending.pk)
    services.grant_role(role=pending, by=superuser)
    before = row(pending)

    with pytest.raises(services.RoleError) as refused:
        services.decline_role(role=theirs, by=national_admin)

    assert str(refused.value) == "This request was already decided."
    assert row(pending) == before


def test_declined_user_may_ask_again(superuser, pending):
    services.decline_role(role=pending, by=superuser)

    again = services.ask_for_role(user=pending.user, community=pending.community, reason="Mayor")

    assert (again.pk, again.status, again.granted_by) == (
        pending.pk,
        CommunityAdmin.Status.PENDING,
        None,
    )

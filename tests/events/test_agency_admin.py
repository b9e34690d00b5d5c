import pytest
from django.contrib.admin import helpers
from django.urls import reverse
from django.utils import timezone

from events.models import Agency, AgencyMembership
from tests.conftest import make_agency, make_user


@pytest.fixture
def superuser(db):
    return make_user("root@example.com", full_name="Root Admin", is_staff=True, is_superuser=True)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def run_action(client, model, action, objects):
    return client.post(
        reverse(f"admin:events_{model}_changelist"),
        {"action": action, helpers.ACTION_CHECKBOX_NAME: [obj.pk for obj in objects]},
        follow=True,
    )


@pytest.mark.parametrize(
    ("model", "query", "count"),
    [
        ("agency", {}, 2),
        ("agency", {"q": "springfield"}, 1),
        ("agency", {"is_verified__exact": "0"}, 0),
        ("agency", {"kind__exact": "fire"}, 1),
        ("agencymembership", {}, 3),
        ("agencymembership", {"status__exact": "pending"}, 1),
        ("agencymembership", {"q": "fran@example.com"}, 1),
        ("visitrequest", {}, 1),
        ("visitrequest", {"status__exact": "requested"}, 1),
        ("visitrequest", {"q": "Maple"}, 1),
        ("visitrequest", {"agency__kind__exact": "fire"}, 0),
    ],
)
def test_admin_agency_changelists(
    client_of, superuser, visit, other_liaison, pending_member, model, query, count
):
    response = client_of(superuser).get(reverse(f"admin:events_{model}_changelist"), query)

    assert response.status_code == 200
    assert response.context["cl"].result_count == count


def test_admin_agency_change_pages(client_of, superuser, visit, liaison):
    client = client_of(superuser)
    pages = [
        reverse("admin:events_agency_change", args=[visit.agency_id]),
        reverse("admin:events_agencymembership_change", args=[AgencyMembership.objects.get().pk]),
        reverse("admin:events_visitrequest_change", args=[visit.pk]),
        reverse("admin:events_agency_add"),
    ]

    statuses = [client.get(page).status_code for page in pages]

    assert statuses == [200, 200, 200, 200]


def test_admin_pages_hide_the_calendar_secret(client_of, superuser, agency, liaison):
    token = AgencyMembership.objects.get().calendar_token
    client = client_of(superuser)

    agency_page = client.get(reverse("admin:events_agency_change", args=[agency.pk]))
    membership_page = client.get(
        reverse("admin:events_agencymembership_change", args=[AgencyMembership.objects.get().pk])
    )

    assert token not in agency_page.text
    assert token not in membership_page.text


def test_admin_verify_action_verifies_the_selected_agencies(client_of, superuser, agency):
    proposed = make_agency("Proposed Watch Group", zip_code="62702", is_verified=False)
    other = make_agency("Another Proposal", zip_code="62704", is_verified=False)

    response = run_action(client_of(superuser), "agency", "verify", [proposed, agency])

    assert messages_of(response) == ["2 agencies verified."]
    assert dict(Agency.objects.values_list("name", "is_verified")) == {
        "Springfield Police Department": True,
        "Proposed Watch Group": True,
        "Another Proposal": False,
    }
    assert other.name == "Another Proposal"


def test_admin_verify_action_one_agency(client_of, superuser, db):
    proposed = make_agency("Proposed Watch Group", zip_code="62702", is_verified=False)

    response = run_action(client_of(superuser), "agency", "verify", [proposed])

    assert messages_of(response) == ["1 agency verified."]


def test_admin_approve_action_approves_pending_members(
    client_of,
    superuser,
    agency,
    liaison,
    pending_member,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    declined = make_user("dan@example.com", full_name="Dan Declined")
    AgencyMembership.objects.create(
        user=declined, agency=agency, status=AgencyMembership.Status.DECLINED
    )
    before = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(
            client_of(superuser),
            "agencymembership",
            "approve",
            AgencyMembership.objects.all(),
        )

    assert messages_of(response) == ["1 liaison approved."]
    pending = AgencyMembership.objects.get(user=pending_member)
    assert pending.status == AgencyMembership.Status.APPROVED
    assert pending.decided_by == superuser
    assert before <= pending.decided_at <= timezone.now()
    assert AgencyMembership.objects.get(user=declined).status == AgencyMembership.Status.DECLINED
    assert AgencyMembership.objects.get(user=liaison).decided_by is None
    assert [message.to for message in mailoutbox] == [["pat@example.com"]]
    assert mailoutbox[0].subject == "You are a liaison of Springfield Police Department"


def test_admin_pages_refused_to_staff_without_permission(client_of, national_admin, visit):
    response = client_of(national_admin).get(reverse("admin:events_visitrequest_changelist"))

    assert response.status_code == 403

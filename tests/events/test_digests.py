import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.models import AgencyMembership, VisitRequest
from events.services import visit as services
from tests.conftest import make_agency, make_event, make_liaison, make_visit


def choose(user, notify):
    AgencyMembership.objects.filter(user=user).update(notify=notify)


def ask(event, agency, kind=VisitRequest.Kind.VISIT):
    return services.request_agency(event=event, agency=agency, kind=kind, by=event.organizer)


def send_digests():
    out = StringIO()
    call_command("send_request_digests", stdout=out)
    return out.getvalue()


@pytest.fixture
def daily_liaison(liaison):
    choose(liaison, AgencyMembership.Notify.DAILY)
    return liaison


@pytest.fixture
def each_liaison(agency):
    return make_liaison("ed@example.com", agency, full_name="Ed Each")


def test_new_request_mails_each_liaison_but_not_daily_ones(
    event, agency, daily_liaison, each_liaison, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        ask(event, agency)

    assert [message.to for message in mailoutbox] == [["ed@example.com"]]
    assert mailoutbox[0].subject == "New request: Maple Street Block Party"


def test_digest_lists_the_new_requests_to_daily_liaisons(
    organizer, event, agency, daily_liaison, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        first = ask(event, agency)
        second = ask(
            make_event(organizer, title="Chatham Cookout", zip_code="62629"),
            agency,
            kind=VisitRequest.Kind.PARTICIPATION,
        )

    with django_capture_on_commit_callbacks(execute=True):
        output = send_digests()

    assert output == "1 digest(s) queued.\n"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["lee@example.com"]
    assert message.subject == "2 new requests to your agencies"
    assert message.body.startswith("New requests since your last digest:\n")
    assert "- Springfield Police Department: A visit at “Maple Street Block Party”" in message.body
    assert (
        "- Springfield Police Department: Taking part (a table, a booth) at “Chatham Cookout”"
        in message.body
    )
    assert f"http://127.0.0.1:8000/requests/{first.pk}/" in message.body
    assert f"http://127.0.0.1:8000/requests/{second.pk}/" in message.body
    assert message.body.index("Maple Street") < message.body.index("Chatham Cookout")


def test_digest_records_when_it_was_sent(event, agency, daily_liaison):
    ask(event, agency)
    before = timezone.now()

    send_digests()

    membership = AgencyMembership.objects.get(user=daily_liaison)
    assert before <= membership.last_digest_at <= timezone.now()


def test_digest_second_run_sends_nothing_new(
    event, agency, daily_liaison, django_capture_on_commit_callbacks, mailoutbox
):
    ask(event, agency)
    with django_capture_on_commit_callbacks(execute=True):
        send_digests()

    with django_capture_on_commit_callbacks(execute=True):
        output = send_digests()

    assert output == "0 digest(s) queued.\n"
    assert len(mailoutbox) == 1


def test_digest_next_run_lists_only_requests_since_the_last_one(
    organizer, event, agency, daily_liaison, django_capture_on_commit_callbacks, mailoutbox
):
    ask(event, agency)
    send_digests()
    newer = ask(make_event(organizer, title="Oak Avenue Cookout"), agency)

    with django_capture_on_commit_callbacks(execute=True):
        send_digests()

    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "1 new request to your agencies"
    assert "Oak Avenue Cookout" in mailoutbox[0].body
    assert "Maple Street Block Party" not in mailoutbox[0].body
    assert f"/requests/{newer.pk}/" in mailoutbox[0].body


def test_digest_first_one_covers_the_last_day(
    organizer, event, agency, daily_liaison, django_capture_on_commit_callbacks, mailoutbox
):
    old = ask(make_event(organizer, title="Old Request Party"), agency)
    VisitRequest.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )
    ask(event, agency)

    with django_capture_on_commit_callbacks(execute=True):
        send_digests()

    assert mailoutbox[0].subject == "1 new request to your agencies"
    assert "Old Request Party" not in mailoutbox[0].body


def test_digest_leaves_out_requests_no_longer_waiting(
    organizer, event, agency, daily_liaison, django_capture_on_commit_callbacks, mailoutbox
):
    withdrawn = ask(event, agency)
    VisitRequest.objects.filter(pk=withdrawn.pk).update(status=VisitRequest.Status.WITHDRAWN)

    with django_capture_on_commit_callbacks(execute=True):
        output = send_digests()

    assert output == "0 digest(s) queued.\n"
    assert mailoutbox == []


def test_digest_not_sent_to_each_liaisons_or_pending_members(
    event, agency, each_liaison, pending_member, django_capture_on_commit_callbacks, mailoutbox
):
    choose(pending_member, AgencyMembership.Notify.DAILY)
    ask(event, agency)

    with django_capture_on_commit_callbacks(execute=True):
        output = send_digests()

    assert output == "0 digest(s) queued.\n"
    assert mailoutbox == []


def test_digest_one_mail_for_a_liaison_of_two_agencies(
    organizer, event, agency, daily_liaison, django_capture_on_commit_callbacks, mailoutbox
):
    fire = make_agency("Springfield Fire Department", kind="fire", serves=event.community)
    AgencyMembership.objects.create(
        user=daily_liaison,
        agency=fire,
        status=AgencyMembership.Status.APPROVED,
        notify=AgencyMembership.Notify.DAILY,
    )
    other = make_agency("Austin Police Department", zip_code="78701")
    make_visit(make_event(organizer, zip_code="78701", title="Austin Party"), other)
    ask(event, agency)
    ask(event, fire)

    with django_capture_on_commit_callbacks(execute=True):
        send_digests()

    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "2 new requests to your agencies"
    assert "- Springfield Police Department: A visit" in mailoutbox[0].body
    assert "- Springfield Fire Department: A visit" in mailoutbox[0].body
    assert "Austin Party" not in mailoutbox[0].body

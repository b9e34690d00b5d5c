import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Agency, AgencyArea, Event, VisitRequest
from tests.conftest import make_agency, make_event, make_visit


def pick_url(event):
    return reverse("events:pick_agencies", args=[event.pk])


def ask_url(event, agency):
    return reverse("events:request_agency", args=[event.pk, agency.pk])


def names(response):
    return [agency.name for agency in response.context["page"].object_list]


@pytest.fixture
def illinois_agencies(event, agency):
    """Around the event in Springfield, IL: agencies serving it by community (`agency`),
    county and state, others elsewhere in Illinois, and one in Missouri."""
    sheriff = make_agency(
        "Sangamon County Sheriff", zip_code="62629", kind=Agency.Kind.SHERIFF
    )  # Chatham, 9 mi
    AgencyArea.objects.create(
        agency=sheriff, kind=AgencyArea.Kind.COUNTY, state="IL", county="sangamon county"
    )
    state_police = make_agency(
        "Illinois State Police", zip_code="60614", kind=Agency.Kind.STATE_POLICE
    )  # Chicago, 180 mi
    AgencyArea.objects.create(agency=state_police, kind=AgencyArea.Kind.STATE, state="IL")
    decatur = make_agency("Decatur Police Department", zip_code="62521")  # 37 mi
    AgencyArea.objects.create(
        agency=decatur, kind=AgencyArea.Kind.COUNTY, state="IL", county="Macon County"
    )
    make_agency("Peoria Fire Department", zip_code="61602", kind=Agency.Kind.FIRE)  # 62 mi
    missouri = make_agency("Springfield Police Department", zip_code="65806")  # Missouri
    # A county of the same name in another state does not serve Springfield, IL.
    AgencyArea.objects.create(
        agency=missouri, kind=AgencyArea.Kind.COUNTY, state="MO", county="Sangamon County"
    )


def test_pick_agencies_lists_serving_agencies_first_then_others_in_state_nearest_first(
    client_of, organizer, event, illinois_agencies
):
    response = client_of(organizer).get(pick_url(event))

    assert response.status_code == 200
    assert names(response) == [
        "Springfield Police Department",
        "Sangamon County Sheriff",
        "Illinois State Police",
        "Decatur Police Department",
        "Peoria Fire Department",
    ]
    assert [agency.serves_event for agency in response.context["page"].object_list] == [
        True,
        True,
        True,
        False,
        False,
    ]
    assert response.text.count("Serves your area</span>") == 3
    assert "Local police · Springfield, IL · 0.0 mi away" in response.text
    assert "Sheriff · Chatham, IL · 9.3 mi away" in response.text
    assert "Fire department · Peoria, IL · 61.8 mi away" in response.text


def test_pick_agencies_lists_nothing_from_other_states_without_search(
    client_of, organizer, event, other_agency
):
    response = client_of(organizer).get(pick_url(event))

    assert names(response) == []
    assert "No agency is registered near your event yet." in response.text


def test_pick_agencies_search_by_city_finds_agencies_in_other_states(
    client_of, organizer, event, illinois_agencies
):
    response = client_of(organizer).get(pick_url(event), {"q": "springfield"})

    assert [(a.name, a.state) for a in response.context["page"].object_list] == [
        ("Springfield Police Department", "IL"),
        ("Springfield Police Department", "MO"),
    ]
    assert response.context["query"] == "springfield"


def test_pick_agencies_search_by_name_finds_agencies_far_away(
    client_of, organizer, event, agency, other_agency
):
    response = client_of(organizer).get(pick_url(event), {"q": "  austin FIRE "})

    assert names(response) == ["Austin Fire Department"]
    assert "Fire department · Austin, TX · 801.1 mi away" in response.text
    assert 'value="austin FIRE"' in response.text


def test_pick_agencies_search_without_match_says_so(client_of, organizer, event, agency):
    response = client_of(organizer).get(pick_url(event), {"q": "Coast Guard"})

    assert names(response) == []
    assert "No agency matches “Coast Guard”." in response.text


def test_pick_agencies_marks_unverified_agencies(client_of, organizer, event, agency):
    make_agency("Maple Street Neighbors", serves=event.community, is_verified=False)

    response = client_of(organizer).get(pick_url(event))

    assert names(response) == ["Maple Street Neighbors", "Springfield Police Department"]
    assert response.text.count('<span class="badge text-bg-warning">Unverified</span>') == 1
    unverified_row = response.text.split("<strong>Maple Street Neighbors</strong>")[1]
    assert unverified_row.lstrip().startswith(
        '<span class="badge text-bg-warning">Unverified</span>'
    )


def test_pick_agencies_marks_agencies_already_asked(client_of, organizer, event, agency):
    fire = make_agency("Springfield Fire Department", serves=event.community)
    make_visit(event, agency, status=VisitRequest.Status.DECLINED, decline_reason="Busy")

    response = client_of(organizer).get(pick_url(event))

    assert response.context["asked"] == {agency.pk}
    assert response.text.count('<span class="badge text-bg-secondary">Already asked</span>') == 1
    assert ask_url(event, agency) not in response.text
    assert f'href="{ask_url(event, fire)}"' in response.text


def test_pick_agencies_links_to_propose_a_missing_agency(client_of, organizer, event):
    response = client_of(organizer).get(pick_url(event), {"q": "K9"})

    propose = reverse("events:propose_agency")
    assert f'href="{propose}?next=/events/{event.pk}/agencies/%3Fq%3DK9"' in response.text


def test_pick_agencies_paginates_twenty_a_page(client_of, organizer, event):
    for number in range(25):
        make_agency(f"Agency {number:02}", serves=event.community)

    first = client_of(organizer).get(pick_url(event))
    second = client_of(organizer).get(pick_url(event), {"page": 2})

    assert len(first.context["page"].object_list) == 20
    assert "Page 1 of 2" in first.text
    assert 'href="?page=2"' in first.text
    # Same place, same distance: by name.
    assert names(second) == [f"Agency {number:02}" for number in range(20, 25)]
    assert "Page 2 of 2" in second.text


def test_pick_agencies_keeps_the_search_across_pages(client_of, organizer, event):
    for number in range(21):
        make_agency(f"Fire District {number:02}", zip_code="78701")

    response = client_of(organizer).get(pick_url(event), {"q": "fire district"})

    assert 'href="?q=fire+district&amp;page=2"' in response.text


# Session, user, event, requests already made, agencies serving it, agencies, the liaison
# menu.
PICK_QUERIES = 7


@pytest.mark.parametrize("count", [1, 20])
def test_pick_agencies_query_count_does_not_grow_with_agencies(
    client_of, organizer, event, django_assert_num_queries, count
):
    for number in range(count):
        agency = make_agency(f"Agency {number:02}", serves=event.community)
        if number % 2:
            make_visit(event, agency)
    client = client_of(organizer)

    with django_assert_num_queries(PICK_QUERIES):
        response = client.get(pick_url(event))

    assert len(response.context["page"].object_list) == count


def test_pick_agencies_of_a_draft_is_shown_but_asking_is_refused(
    client_of, organizer, agency, liaison, mailoutbox, django_capture_on_commit_callbacks
):
    draft = make_event(organizer, status=Event.Status.DRAFT)
    client = client_of(organizer)

    page = client.get(pick_url(draft))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ask_url(draft, agency), {"kind": "visit", "note": ""}, follow=True)

    assert page.status_code == 200
    assert response.redirect_chain == [(pick_url(draft), 302)]
    assert "Submit your event before you invite agencies." in response.text
    assert VisitRequest.objects.count() == 0
    assert mailoutbox == []


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param(
            {
                "status": Event.Status.CANCELLED,
                "cancelled_at": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
            },
            id="cancelled",
        ),
        pytest.param({"date": timezone.localdate() - datetime.timedelta(days=2)}, id="past"),
    ],
)
def test_pick_agencies_of_cancelled_or_past_event_gives_404(
    client_of, organizer, agency, overrides
):
    closed = make_event(organizer, **overrides)

    response = client_of(organizer).get(pick_url(closed))

    assert response.status_code == 404


@pytest.mark.parametrize(
    "persona", ["other_organizer", "liaison", "other_liaison", "national_admin", "stranger"]
)
def test_pick_agencies_other_user_gets_404(client_of, request, event, agency, persona):
    client = client_of(request.getfixturevalue(persona))

    response = client.get(pick_url(event))

    assert response.status_code == 404
    assert "Springfield Police Department" not in response.text


def test_pick_agencies_anonymous_is_sent_to_log_in(client, event):
    response = client.get(pick_url(event))

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={pick_url(event)}"


def test_pick_agencies_unknown_event_gives_404(client_of, organizer):
    response = client_of(organizer).get(reverse("events:pick_agencies", args=[999999]))

    assert response.status_code == 404

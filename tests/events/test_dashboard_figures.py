"""Every figure of the national dashboard, against the hand count of tests/events/dashboard_data.py.

Counted in 2025 (approved): #1 Springfield IL, #3 Chicago IL, #13 Peoria IL, #6 and #7 Austin TX,
#8 Marfa TX, #10 Salem MA, #11 Cambridge MA. Never counted: #4 draft, #5 cancelled, #9 submitted,
#12 changes requested (2025), p5 draft (2024).
"""

import pytest

from events import dashboard
from tests.events.dashboard_data import BEFORE, YEAR, build_nation

FIGURES_2025 = {
    # 8 approved events in 7 communities (Austin has two) of IL, TX and MA.
    "events": 8,
    "communities": 7,
    "states": 3,
    # 60 (#1) + 150 (#3) + 15 (#13) + 300 (#6) + 30 (#7) + 10 (#8) + 50 (#10) + 30 (#11)
    "expected": 645,
    # #1, #3, #6, #8 (reported nobody came) and #11
    "reported_events": 5,
    # 55 + 120 + 200 + 0 + 25
    "reported": 400,
    # 5 of 8 = 62.5 %, rounded half up
    "reported_share": 63,
    # #1, #13 and #11 on August 5th; #6 and #8 on October 7th in Texas
    "on_night": 5,
    # #3 in June; #7 in Texas in August; #10 in Massachusetts in October
    "other_dates": 3,
}

FIGURES_2024 = {
    # p1 and p4 in Springfield; p2 and p3 in Austin
    "events": 4,
    "communities": 2,
    "states": 2,
    # 60 (p1) + 100 (p2) + 20 (p3) + 5 (p4: New Year's Eve local time, 2025 in UTC)
    "expected": 185,
    # p1 and p3
    "reported_events": 2,
    # 50 + 10
    "reported": 60,
    # 2 of 4
    "reported_share": 50,
    # p1 on August 6th; p2 on October 1st in Texas
    "on_night": 2,
    # p3 in Texas in August; p4 on New Year's Eve
    "other_dates": 2,
}

FIGURES_2023 = {
    # q1 in Chicago on August 1st, 40 + 20 expected, no report
    "events": 1,
    "communities": 1,
    "states": 1,
    "expected": 60,
    "reported_events": 0,
    "reported": 0,
    "reported_share": 0,
    "on_night": 1,
    "other_dates": 0,
}

NOTHING = {
    "events": 0,
    "communities": 0,
    "states": 0,
    "expected": 0,
    "reported_events": 0,
    "reported": 0,
    "reported_share": None,
    "on_night": 0,
    "other_dates": 0,
}

ZERO = {"requested": 0, "accepted": 0, "made": 0, "agencies": 0}


def visits(requested, accepted, made, agencies):
    return {"requested": requested, "accepted": accepted, "made": made, "agencies": agencies}


# One row per state in 2025 (in the order of the state codes).
IL = {
    "state": "IL",
    "states": 1,
    # Springfield, Chicago, Peoria
    "communities": 3,
    # #1, #3, #13 (#4 is a draft, #5 cancelled)
    "events": 3,
    # 60 + 150 + 15
    "expected": 225,
    # #1, #3
    "reported_events": 2,
    # 55 + 120
    "reported": 175,
    # accepted: #1 by Springfield PD and by Chicago PD, #13 by Springfield PD
    # (#3's requests were withdrawn and declined)
    "visits": 3,
}
MA = {
    "state": "MA",
    "states": 1,
    # Salem, Cambridge (#12 waits for changes)
    "communities": 2,
    "events": 2,
    # 50 + 30
    "expected": 80,
    "reported_events": 1,
    "reported": 25,
    "visits": 0,
}
TX = {
    "state": "TX",
    "states": 1,
    # Austin, Marfa
    "communities": 2,
    # #6, #7, #8 (#9 is waiting for review)
    "events": 3,
    # 300 + 30 + 10
    "expected": 340,
    # #6, #8
    "reported_events": 2,
    # 200 + 0
    "reported": 200,
    # accepted: #6 and #7 by Austin FD, #8 by the sheriff (#9's visit does not count)
    "visits": 3,
}


@pytest.fixture
def nation(organizer, other_organizer):
    return build_nation(organizer, other_organizer)


def test_national_figures_year_and_previous_year(nation):
    figures = dashboard.national_figures(YEAR)

    assert figures.year == 2025
    assert figures.totals == FIGURES_2025
    assert figures.previous == FIGURES_2024


def test_national_figures_previous_year_has_its_own_previous_year(nation):
    figures = dashboard.national_figures(BEFORE)

    assert figures.year == 2024
    assert figures.totals == FIGURES_2024
    assert figures.previous == FIGURES_2023


def test_national_figures_year_without_events_is_all_zero(nation):
    figures = dashboard.national_figures(2030)

    assert figures.totals == NOTHING
    assert figures.previous == NOTHING
    assert figures.visits_by_kind == []


def test_national_figures_first_year_after_the_data_keeps_the_previous_year(nation):
    figures = dashboard.national_figures(2026)

    assert figures.totals == NOTHING
    assert figures.previous == FIGURES_2025


def test_visits_by_kind_counts_requests_acceptances_visits_made_and_agencies(nation):
    figures = dashboard.national_figures(YEAR)

    assert [
        (row["kind"], row["label"], row["now"], row["before"]) for row in figures.visits_by_kind
    ] == [
        (
            "police",
            "Local police",
            # requested: #1 Springfield PD, #13 Springfield PD, #3 Springfield PD (declined),
            # #1 Chicago PD (participation); not #3 Chicago PD (withdrawn).
            # accepted: the first, second and fourth; made: #1 Springfield PD.
            # agencies that accepted: Springfield PD, Chicago PD.
            visits(4, 3, 1, 2),
            # 2024: p1 Springfield PD, accepted and made
            visits(1, 1, 1, 1),
        ),
        (
            "sheriff",
            "Sheriff",
            # #6 (waiting) and #8 (accepted, made), one sheriff
            visits(2, 1, 1, 1),
            ZERO,
        ),
        (
            "fire",
            "Fire department",
            # #6 (made) and #7 (accepted), Austin FD; not #9's (waiting for review)
            visits(2, 2, 1, 1),
            # 2024: p2 declined; p3 withdrawn is not a request any more
            visits(1, 0, 0, 0),
        ),
        (
            "salvation_army",
            "The Salvation Army",
            ZERO,
            # 2024: p2, taking part (accepted, not a visit to be made)
            visits(1, 1, 0, 1),
        ),
    ]


def test_state_table_one_row_per_state(nation):
    rows = dashboard.state_table(YEAR)

    assert rows == [IL, MA, TX]


def test_state_table_previous_year(nation):
    rows = dashboard.state_table(BEFORE)

    assert rows == [
        # p1, p4 in Springfield: 60 + 5 expected; p1 reported 50; p1's visit accepted
        {
            "state": "IL",
            "states": 1,
            "communities": 1,
            "events": 2,
            "expected": 65,
            "reported_events": 1,
            "reported": 50,
            "visits": 1,
        },
        # p2, p3 in Austin: 100 + 20 expected; p3 reported 10; the Salvation Army at p2
        {
            "state": "TX",
            "states": 1,
            "communities": 1,
            "events": 2,
            "expected": 120,
            "reported_events": 1,
            "reported": 10,
            "visits": 1,
        },
    ]


@pytest.mark.parametrize(
    ("sort", "ascending", "descending"),
    [
        ("state", ["IL", "MA", "TX"], ["TX", "MA", "IL"]),
        # MA 2, TX 2, IL 3: ties stay in the order of the state codes both ways
        ("communities", ["MA", "TX", "IL"], ["IL", "MA", "TX"]),
        # MA 2, IL 3, TX 3
        ("events", ["MA", "IL", "TX"], ["IL", "TX", "MA"]),
        # MA 80, IL 225, TX 340
        ("expected", ["MA", "IL", "TX"], ["TX", "IL", "MA"]),
        # MA 25, IL 175, TX 200
        ("reported", ["MA", "IL", "TX"], ["TX", "IL", "MA"]),
        # MA 0, IL 3, TX 3
        ("visits", ["MA", "IL", "TX"], ["IL", "TX", "MA"]),
    ],
)
def test_state_table_sorted_by_each_column(nation, sort, ascending, descending):
    up = dashboard.state_table(YEAR, sort)
    down = dashboard.state_table(YEAR, sort, descending=True)

    assert [row["state"] for row in up] == ascending
    assert [row["state"] for row in down] == descending


def test_state_table_unknown_sort_is_by_state(nation):
    rows = dashboard.state_table(YEAR, "organizer__email")

    assert [row["state"] for row in rows] == ["IL", "MA", "TX"]


def test_state_table_year_without_events_is_empty(nation):
    assert dashboard.state_table(2030) == []


def community(name, county, population, category, events, expected, reports, reported, visits):
    return {
        "community__name": name,
        "community__county": county,
        "community__population": population,
        "category": category,
        "events": events,
        "communities": 1,
        "states": 1,
        "expected": expected,
        "reported_events": reports,
        "reported": reported,
        "visits": visits,
    }


def without_pk(rows):
    return [{key: value for key, value in row.items() if key != "community"} for row in rows]


def test_community_table_illinois(nation):
    rows = dashboard.community_table(YEAR, "IL")

    assert without_pk(rows) == [
        # #3: 150 expected, 120 reported; its requests were withdrawn and declined
        community("Chicago", "Cook County", None, None, 1, 150, 1, 120, 0),
        # #13: 15 expected, no report; Springfield PD accepted
        community("Peoria", "Peoria County", 110_000, "100,000–299,999", 1, 15, 0, 0, 1),
        # #1 (not the draft #4): 60 expected, 55 reported; Springfield PD and Chicago PD
        community("Springfield", "Sangamon County", 100_000, "100,000–299,999", 1, 60, 1, 55, 2),
    ]
    assert [row["community"] for row in rows] == [
        nation[3].community_id,
        nation[13].community_id,
        nation[1].community_id,
    ]


def test_community_table_texas(nation):
    rows = dashboard.community_table(YEAR, "TX")

    assert without_pk(rows) == [
        # #6 and #7: 300 + 30 expected, #6 reported 200; Austin FD accepted both
        community("Austin", "Travis County", 300_000, "300,000 and more", 2, 330, 1, 200, 2),
        # #8: 10 expected, reported 0; the sheriff accepted
        community("Marfa", "Presidio County", 14_999, "Under 15,000", 1, 10, 1, 0, 1),
    ]


def test_community_table_massachusetts(nation):
    rows = dashboard.community_table(YEAR, "MA")

    assert without_pk(rows) == [
        # #11: 30 expected, 25 reported
        community("Cambridge", "Middlesex County", 15_000, "15,000–49,999", 1, 30, 1, 25, 0),
        # #10: 50 expected (#12 waits for changes)
        community("Salem", "Essex County", 99_999, "50,000–99,999", 1, 50, 0, 0, 0),
    ]


def test_community_table_previous_year(nation):
    rows = dashboard.community_table(BEFORE, "IL")

    assert without_pk(rows) == [
        # p1 and p4 (not the draft p5): 60 + 5 expected, p1 reported 50, p1's visit
        community("Springfield", "Sangamon County", 100_000, "100,000–299,999", 2, 65, 1, 50, 1),
    ]


def test_community_table_state_without_events_is_empty(nation):
    assert dashboard.community_table(YEAR, "CA") == []


def test_communities_by_population(nation):
    rows = dashboard.communities_by_population(YEAR)

    assert rows == [
        {"label": "Under 15,000", "communities": 1, "events": 1},  # Marfa 14,999: #8
        {"label": "15,000–49,999", "communities": 1, "events": 1},  # Cambridge 15,000: #11
        {"label": "50,000–99,999", "communities": 1, "events": 1},  # Salem 99,999: #10
        # Springfield 100,000: #1; Peoria 110,000: #13
        {"label": "100,000–299,999", "communities": 2, "events": 2},
        {"label": "300,000 and more", "communities": 1, "events": 2},  # Austin: #6, #7
        {"label": "Population not known", "communities": 1, "events": 1},  # Chicago: #3
    ]


def test_communities_by_population_previous_year(nation):
    rows = dashboard.communities_by_population(BEFORE)

    assert rows == [
        {"label": "Under 15,000", "communities": 0, "events": 0},
        {"label": "15,000–49,999", "communities": 0, "events": 0},
        {"label": "50,000–99,999", "communities": 0, "events": 0},
        {"label": "100,000–299,999", "communities": 1, "events": 2},  # Springfield: p1, p4
        {"label": "300,000 and more", "communities": 1, "events": 2},  # Austin: p2, p3
        {"label": "Population not known", "communities": 0, "events": 0},
    ]


@pytest.mark.parametrize(
    ("population", "label"),
    [
        (0, "Under 15,000"),
        (14_999, "Under 15,000"),
        (15_000, "15,000–49,999"),
        (49_999, "15,000–49,999"),
        (50_000, "50,000–99,999"),
        (99_999, "50,000–99,999"),
        (100_000, "100,000–299,999"),
        (299_999, "100,000–299,999"),
        (300_000, "300,000 and more"),
        (8_000_000, "300,000 and more"),
        (None, None),
    ],
)
def test_population_category_edges(population, label):
    assert dashboard.population_category(population) == label


def test_per_year(nation):
    rows = dashboard.per_year()

    assert rows == [
        {"year": 2023, "events": 1, "communities": 1},  # q1 in Chicago
        {"year": 2024, "events": 4, "communities": 2},  # Springfield and Austin
        {"year": 2025, "events": 8, "communities": 7},
    ]

"""The national dashboard's pages and CSVs, and the public summary: who may see them, what a bad
?year= or ?sort= does, what they show (the figures of tests/events/dashboard_data.py) and what
they cost in queries."""

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from events import participation
from events.models import Community, SummaryState
from events.zips import state_centers
from tests.events.dashboard_data import ADDRESSES, TITLES, add_events, build_nation

PRIVATE = [
    "events:dashboard",
    "events:dashboard_state",
    "events:dashboard_community",
    "events:dashboard_states_csv",
    "events:dashboard_communities_csv",
]
HTML_PAGES = ["events:dashboard", "events:dashboard_state", "events:dashboard_community"]
# municipal_admin administers Springfield, IL: the community of the drill-down below.
REFUSED = [
    "organizer",
    "other_organizer",
    "liaison",
    "stranger",
    "municipal_admin",
    "other_municipal_admin",
]


@pytest.fixture
def nation(organizer, other_organizer):
    return build_nation(organizer, other_organizer)


def url_of(name, community_id):
    """`name`'s URL; the state pages are Illinois's, the community page `community_id`'s."""
    args = {
        "events:dashboard_state": ["IL"],
        "events:dashboard_communities_csv": ["IL"],
        "events:dashboard_community": [community_id],
    }.get(name, [])
    return reverse(name, args=args)


def rows_of(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


class Tables(HTMLParser):
    """The page's tables: their rows of cell texts, and whether they sit in a sideways
    scrolling wrapper (`.table-responsive`)."""

    def __init__(self, html):
        super().__init__()
        self.tables, self.divs, self.cell = [], [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div":
            self.divs.append("table-responsive" in (attrs.get("class") or "").split())
        elif tag == "table":
            self.tables.append({"scrolls": any(self.divs), "rows": []})
        elif tag == "tr":
            self.tables[-1]["rows"].append([])
        elif tag in ("th", "td"):
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")

    def handle_endtag(self, tag):
        if tag == "div":
            self.divs.pop()
        elif tag in ("th", "td"):
            self.tables[-1]["rows"][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def tables(response):
    return Tables(response.content.decode()).tables


def table_starting(response, first_header):
    """The rows of the table whose first column header is `first_header`."""
    return next(t["rows"] for t in tables(response) if t["rows"][0][0] == first_header)


def json_data(response, element_id):
    match = re.search(
        rf'<script id="{element_id}" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.DOTALL,
    )
    return json.loads(match.group(1))


# Who may see what


@pytest.mark.parametrize("name", PRIVATE)
def test_dashboard_pages_national_admin_succeeds(client_of, national_admin, nation, name):
    response = client_of(national_admin).get(url_of(name, nation[1].community_id), {"year": 2025})

    assert response.status_code == 200


@pytest.mark.parametrize("persona", REFUSED)
@pytest.mark.parametrize("name", PRIVATE)
def test_dashboard_pages_others_get_403(client_of, request, nation, name, persona):
    user = request.getfixturevalue(persona)

    response = client_of(user).get(url_of(name, nation[1].community_id), {"year": 2025})

    assert response.status_code == 403


@pytest.mark.parametrize("name", PRIVATE)
def test_dashboard_pages_anonymous_is_sent_to_log_in(client, nation, name):
    url = url_of(name, nation[1].community_id)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={url}"


@pytest.mark.parametrize("persona", [None, "stranger", "organizer", "national_admin"])
def test_summary_anyone_succeeds(client_of, request, nation, persona):
    user = request.getfixturevalue(persona) if persona else None

    response = client_of(user).get(reverse("events:summary"), {"year": 2025})

    assert response.status_code == 200


@pytest.mark.parametrize("persona", [None, "stranger"])
def test_summary_shows_no_personal_data(
    client_of, request, organizer, other_organizer, nation, persona
):
    user = request.getfixturevalue(persona) if persona else None
    private = [
        *TITLES,
        *ADDRESSES,
        *(value for person in (organizer, other_organizer) for value in person_data(person)),
    ]

    responses = [
        client_of(user).get(reverse("events:summary"), {"year": year})
        for year in (2023, 2024, 2025)
    ]

    for response in responses:
        page = response.content.decode()
        assert [value for value in private if value in page] == []
        assert reverse("events:dashboard_state", args=["IL"]) not in page
        assert reverse("events:dashboard_community", args=[nation[1].community_id]) not in page


def person_data(user):
    return [user.full_name, user.email, *([user.phone] if user.phone else [])]


# Unknown objects, bad input


@pytest.mark.parametrize("name", ["events:dashboard_state", "events:dashboard_communities_csv"])
@pytest.mark.parametrize("state", ["ZZ", "il", "Illinois"])
def test_dashboard_state_unknown_code_is_404(client_of, national_admin, nation, name, state):
    response = client_of(national_admin).get(reverse(name, args=[state]))

    assert response.status_code == 404


def test_dashboard_community_unknown_id_is_404(client_of, national_admin, nation):
    response = client_of(national_admin).get(reverse("events:dashboard_community", args=[999999]))

    assert response.status_code == 404


@pytest.mark.parametrize("year", ["text", "1800", "99999", "", "2025.0", "-2025"])
@pytest.mark.parametrize("name", [*HTML_PAGES, "events:summary"])
def test_dashboard_pages_bad_year_shows_this_year(client_of, national_admin, nation, name, year):
    response = client_of(national_admin).get(url_of(name, nation[1].community_id), {"year": year})

    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year


@pytest.mark.parametrize("year", ["text", "1800", "99999"])
@pytest.mark.parametrize(
    ("name", "filename"),
    [
        ("events:dashboard_states_csv", "nno-states-{}.csv"),
        ("events:dashboard_communities_csv", "nno-communities-IL-{}.csv"),
    ],
)
def test_dashboard_csv_bad_year_downloads_this_year(
    client_of, national_admin, nation, name, filename, year
):
    response = client_of(national_admin).get(url_of(name, nation[1].community_id), {"year": year})

    assert response.status_code == 200
    expected = filename.format(timezone.localdate().year)
    assert response["Content-Disposition"] == f'attachment; filename="{expected}"'


@pytest.mark.parametrize("name", ["events:dashboard", "events:summary"])
def test_dashboard_year_form_offers_every_year_it_accepts(client_of, national_admin, nation, name):
    latest = timezone.localdate().year + 2

    response = client_of(national_admin).get(reverse(name), {"year": latest})

    assert response.context["year"] == latest
    assert f'<option value="{latest}" selected>' in response.content.decode()


@pytest.mark.parametrize("sort", ["garbage", "-garbage", "", "--", "organizer__email"])
@pytest.mark.parametrize("name", ["events:dashboard", "events:summary"])
def test_dashboard_bad_sort_is_by_state(client_of, national_admin, nation, name, sort):
    response = client_of(national_admin).get(reverse(name), {"year": 2025, "sort": sort})

    assert response.status_code == 200
    assert response.context["sort"] == "state"
    assert [row["state"] for row in response.context["states"]] == ["IL", "MA", "TX"]


@pytest.mark.parametrize("name", ["events:dashboard", "events:summary"])
def test_dashboard_sort_descending_is_marked_and_links_back_up(
    client_of, national_admin, nation, name
):
    response = client_of(national_admin).get(reverse(name), {"year": 2025, "sort": "-expected"})

    page = response.content.decode()
    # TX 340, IL 225, MA 80
    assert [row[0] for row in table_starting(response, "State")[1:]] == ["TX", "IL", "MA"]
    assert page.count('aria-sort="descending"') == 1
    assert 'aria-sort="ascending"' not in page
    assert '<a href="?year=2025&amp;sort=expected">' in page
    assert '<a href="?year=2025&amp;sort=communities">' in page


# What the pages show


def test_states_csv_rows(client_of, national_admin, nation):
    response = client_of(national_admin).get(reverse("events:dashboard_states_csv"), {"year": 2025})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="nno-states-2025.csv"'
    assert rows_of(response) == [
        [
            "state",
            "name",
            "communities",
            "events",
            "expected attendance",
            "reports",
            "reported attendance",
            "accepted visits",
        ],
        ["IL", "Illinois", "3", "3", "225", "2", "175", "3"],
        ["MA", "Massachusetts", "2", "2", "80", "1", "25", "0"],
        ["TX", "Texas", "2", "3", "340", "2", "200", "3"],
    ]


def test_communities_csv_rows(client_of, national_admin, nation):
    url = reverse("events:dashboard_communities_csv", args=["IL"])

    response = client_of(national_admin).get(url, {"year": 2025})

    assert response["Content-Disposition"] == 'attachment; filename="nno-communities-IL-2025.csv"'
    assert rows_of(response) == [
        [
            "community",
            "county",
            "state",
            "population",
            "population category",
            "events",
            "expected attendance",
            "reports",
            "reported attendance",
            "accepted visits",
        ],
        ["Chicago", "Cook County", "IL", "", "", "1", "150", "1", "120", "0"],
        ["Peoria", "Peoria County", "IL", "110000", "100,000–299,999", "1", "15", "0", "0", "1"],
        [
            "Springfield",
            "Sangamon County",
            "IL",
            "100000",
            "100,000–299,999",
            "1",
            "60",
            "1",
            "55",
            "2",
        ],
    ]


def test_communities_csv_state_without_events_has_only_the_header(
    client_of, national_admin, nation
):
    url = reverse("events:dashboard_communities_csv", args=["CA"])

    response = client_of(national_admin).get(url, {"year": 2025})

    assert len(rows_of(response)) == 1


FIGURES_BESIDE_PREVIOUS = {
    # 2025, then 2024 (see test_dashboard_figures.py)
    "communities": ("7", "2"),
    "events": ("8", "4"),
    "states": ("3", "2"),
    "expected": ("645", "185"),
    "reported": ("400", "60"),
    "reported_share": ("63%", "50%"),
    "on_night": ("5", "2"),
    "other_dates": ("3", "2"),
}


@pytest.mark.parametrize("name", ["events:dashboard", "events:summary"])
def test_dashboard_shows_the_previous_year_beside_each_figure(
    client_of, national_admin, nation, name
):
    response = client_of(national_admin).get(reverse(name), {"year": 2025})

    figures = re.findall(
        r'data-figure="(\w+)">([^<]*)</p><p class="[^"]*">([^<]*)</p>',
        response.content.decode(),
    )
    assert {key: (now, before) for key, now, before in figures} == FIGURES_BESIDE_PREVIOUS
    assert table_starting(response, "Agency kind") == [
        ["Agency kind", "Requested", "Accepted", "Made", "Agencies taking part"],
        ["Local police", "4 (1)", "3 (1)", "1 (1)", "2 (1)"],
        ["Sheriff", "2 (0)", "1 (0)", "1 (0)", "1 (0)"],
        ["Fire department", "2 (1)", "2 (0)", "1 (0)", "1 (0)"],
        ["The Salvation Army", "0 (1)", "0 (1)", "0 (0)", "0 (1)"],
    ]


def test_dashboard_year_without_figures_shows_dashes_for_the_share(
    client_of, national_admin, nation
):
    response = client_of(national_admin).get(reverse("events:dashboard"), {"year": 2010})

    page = response.content.decode()
    assert '<p class="h4 mb-0" data-figure="reported_share">—</p>' in page
    assert "No approved events in 2010 yet." in page


@pytest.mark.parametrize("name", ["events:dashboard", "events:summary"])
def test_dashboard_chart_and_map_data_are_json(client_of, national_admin, nation, name):
    centers = state_centers()

    response = client_of(national_admin).get(reverse(name), {"year": 2025})

    assert json_data(response, "per-year-data") == [
        {"year": 2023, "events": 1, "communities": 1},
        {"year": 2024, "events": 4, "communities": 2},
        {"year": 2025, "events": 8, "communities": 7},
    ]
    assert json_data(response, "state-map-data") == [
        {
            "state": state,
            "name": name,
            "lat": round(centers[state][0], 3),
            "lon": round(centers[state][1], 3),
            "events": events,
            "communities": communities,
        }
        for state, name, events, communities in [
            ("IL", "Illinois", 3, 3),
            ("MA", "Massachusetts", 2, 2),
            ("TX", "Texas", 3, 2),
        ]
    ]


@pytest.mark.parametrize("name", ["events:dashboard", "events:summary"])
def test_dashboard_tables_hold_every_figure_without_javascript(
    client_of, national_admin, nation, name
):
    response = client_of(national_admin).get(reverse(name), {"year": 2025})

    # The chart's figures
    assert table_starting(response, "Year") == [
        ["Year", "Events", "Communities"],
        ["2023", "1", "1"],
        ["2024", "4", "2"],
        ["2025", "8", "7"],
    ]
    # The map's figures
    assert table_starting(response, "State") == [
        [
            "State",
            "Communities",
            "Events",
            "Expected attendance",
            "Reported attendance",
            "Accepted visits",
        ],
        ["IL", "3", "3", "225", "175", "3"],
        ["MA", "2", "2", "80", "25", "0"],
        ["TX", "2", "3", "340", "200", "3"],
    ]


def test_dashboard_population_table(client_of, national_admin, nation):
    response = client_of(national_admin).get(reverse("events:dashboard"), {"year": 2025})

    assert table_starting(response, "Population") == [
        ["Population", "Communities", "Events"],
        ["Under 15,000", "1", "1"],
        ["15,000–49,999", "1", "1"],
        ["50,000–99,999", "1", "1"],
        ["100,000–299,999", "2", "2"],
        ["300,000 and more", "1", "2"],
        ["Population not known", "1", "1"],
    ]


@pytest.mark.parametrize("name", [*HTML_PAGES, "events:summary"])
def test_dashboard_pages_fit_a_phone(client_of, national_admin, nation, name):
    response = client_of(national_admin).get(url_of(name, nation[1].community_id), {"year": 2025})

    page = response.content.decode()
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    # Tables wider than three columns scroll sideways on their own, not the whole page.
    wide = [table for table in tables(response) if max(map(len, table["rows"])) > 3]
    assert wide != []
    assert [table["scrolls"] for table in wide] == [True] * len(wide)


def test_state_detail_lists_its_communities(client_of, national_admin, nation):
    url = reverse("events:dashboard_state", args=["TX"])

    response = client_of(national_admin).get(url, {"year": 2025})

    assert table_starting(response, "Community") == [
        ["Community", "Population", "Events", "Expected", "Reported", "Accepted visits"],
        ["Austin Travis County", "300,000 (300,000 and more)", "2", "330", "200", "2"],
        ["Marfa Presidio County", "14,999 (Under 15,000)", "1", "10", "0", "1"],
    ]
    austin = reverse("events:dashboard_community", args=[nation[6].community_id])
    assert f'href="{austin}?year=2025"' in response.content.decode()


def test_community_detail_lists_events_with_organizer_contacts(
    client_of, national_admin, organizer, other_organizer, nation
):
    url = reverse("events:dashboard_community", args=[nation[6].community_id])

    response = client_of(national_admin).get(url, {"year": 2025})

    # #7 on August 5th, #6 on October 7th; #9 waits for review
    assert table_starting(response, "Event") == [
        ["Event", "When", "Organizer", "Expected", "Reported"],
        [
            "Block party number 5 105 Elm Street",
            "Tuesday, August 5, 2025 5 p.m. – 9 p.m. CDT",
            "Olivia Organizer olivia@example.com",
            "30",
            "—",
        ],
        [
            "Block party number 4 104 Elm Street",
            "Tuesday, October 7, 2025 5 p.m. – 9 p.m. CDT",
            "Oscar Other oscar@example.com",
            "300",
            "200",
        ],
    ]
    assert [event.pk for event in response.context["page"]] == [nation[7].pk, nation[6].pk]


def test_community_detail_paginates(client_of, national_admin, organizer):
    first = add_events(organizer, 120)
    url = reverse("events:dashboard_community", args=[first.community_id])
    client = client_of(national_admin)

    pages = [client.get(url, {"year": 2025, "page": page}) for page in (1, 2, 3, "x")]

    # The first event and 60 of the 119 copies (every other one) are in Springfield.
    assert [len(response.context["page"].object_list) for response in pages] == [50, 11, 11, 50]
    assert pages[0].context["page"].paginator.count == 61


# What the pages cost: the same number of queries with 1 and with 200 events

QUERIES = {
    # session, user, is the user a liaison (the navigation); the summary's catch-up 4
    # (its state, changed events, reports, requests); national_figures 2, state_table 1,
    # per_year 1, communities_by_population 1
    "events:dashboard": 12,
    # catch-up 4; national_figures 2, state_table 1, per_year 1 (an anonymous visitor
    # has no session)
    "events:summary": 8,
    # session, user, liaison?; catch-up 4; the count of communities, one page of them
    "events:dashboard_state": 9,
    # session, user, liaison?; the community, the count of its events, one page of them
    "events:dashboard_community": 6,
    # session, user; catch-up 4; state_table 1
    "events:dashboard_states_csv": 7,
    # session, user; catch-up 4; community_table 1
    "events:dashboard_communities_csv": 7,
}


@pytest.mark.parametrize("count", [1, 200])
@pytest.mark.parametrize("name", QUERIES)
def test_dashboard_pages_same_number_of_queries_for_1_and_200_events(
    client_of, national_admin, organizer, django_assert_num_queries, name, count
):
    first = add_events(organizer, count)
    # The summary is up to date and nothing changed since (the steady state of a
    # dashboard: its catch-up finds no change). Recounting after changes is constant
    # too: see test_participation.py.
    participation.catch_up()
    SummaryState.objects.update(counted_until=timezone.now() + participation.OVERLAP)
    user = None if name == "events:summary" else national_admin
    client = client_of(user)

    with django_assert_num_queries(QUERIES[name]):
        response = client.get(url_of(name, first.community_id), {"year": 2025})

    assert response.status_code == 200


def test_state_detail_and_csv_show_a_population_of_zero(client_of, national_admin, nation):
    Community.objects.filter(pk=nation[8].community_id).update(population=0)
    client = client_of(national_admin)

    page = client.get(reverse("events:dashboard_state", args=["TX"]), {"year": 2025})
    download = client.get(reverse("events:dashboard_communities_csv", args=["TX"]), {"year": 2025})

    assert table_starting(page, "Community")[2][:2] == ["Marfa Presidio County", "0 (Under 15,000)"]
    assert rows_of(download)[2][:5] == ["Marfa", "Presidio County", "TX", "0", "Under 15,000"]

"""Playwright on Debian's Chromium (never `playwright install`), with axe-core scans.

On a developer's machine without Chromium or axe-core the browser tests are skipped
with a message saying how to install them; when CI is set they fail instead, so a
broken CI image cannot pass by skipping the browser.
"""

import os
import shutil
from importlib import import_module

import pytest

from events.models import Activity
from tests.browser.axe import AXE_JS

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    # A transactional test empties the database when it ends, rows from data migrations
    # (activities) included. pytest-django runs such tests after the others, as Django
    # does, but pytest then groups tests by the session-wide `browser_name` parameter and
    # can move ours back in between; put them at the end again (the sort is stable).
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


def skip_or_fail(reason):
    if os.environ.get("CI", "").lower() not in ("", "0", "false"):
        pytest.fail(f"{reason} (CI is set: browser tests must run, not be skipped)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    chromium = shutil.which("chromium")
    if chromium is None:
        skip_or_fail(
            "Chromium is not installed: browser tests need Debian's package "
            "(sudo apt-get install chromium); do not use `playwright install`."
        )
    if not AXE_JS.is_file():
        skip_or_fail(
            f"axe-core is missing ({AXE_JS}): run `npm ci --ignore-scripts` in the project folder."
        )
    # pytest-playwright's own options (--headed, --slowmo) still apply.
    return {
        "headless": True,
        **browser_type_launch_args,
        "executable_path": chromium,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, live_server):
    # bypass_csp lets assert_accessible() inject axe-core as an inline script; the
    # pages themselves are still served with their Content-Security-Policy header.
    return {**browser_context_args, "base_url": live_server.url, "bypass_csp": True}


@pytest.fixture
def context(context):
    # Pages come from a local server: fail in seconds, not after Playwright's 30 s.
    context.set_default_timeout(10_000)
    return context


@pytest.fixture(autouse=True)
def _activity_vocabulary(request):
    """The activities that the data migration adds. A transactional test elsewhere in
    the run may have flushed them (flushing empties data-migration rows too), and
    serialized rollback only restores what existed when the test database was made:
    make sure they are there whatever ran before."""
    if "live_server" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    migration = import_module("events.migrations.0002_default_activities")
    for position, (slug, name) in enumerate(migration.ACTIVITIES, start=1):
        Activity.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})

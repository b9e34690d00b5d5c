"""How fast nno's busiest pages are with a whole country's data, on PostgreSQL.

    .venv/bin/python bench/run.py --events 500000 --years 5

Creates and migrates the database of --database-url if needed, seeds it with
`manage.py seed_national` unless it already holds --events events (--reseed starts
from an empty database), then requests each page of PAGES --requests times through
Django's test client, with DEBUG off and the cache cleared before every request, and
prints the median and 95th-percentile time, the queries per request and the target.
Exits with status 1 when a page misses its target. See bench/README.md.
"""

import argparse
import math
import os
import statistics
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/nno_bench"
# The targets of issue 4, on a 2-core machine.
DASHBOARD_TARGET_MS = 300
PAGE_TARGET_MS = 100
BENCH_DOMAIN = "bench.example"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=500_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=30, help="Timed requests per page.")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument(
        "--reseed", action="store_true", help="Drop and recreate the database, then seed it."
    )
    parser.add_argument("--year", type=int, help="Year shown by the dashboard (default: this one).")
    parser.add_argument(
        "--only", action="append", metavar="WORD", help="Only the pages whose name has WORD."
    )
    return parser.parse_args(argv)


def configure_django(database_url):
    """A production-like setup: DEBUG off, the test client's host allowed, no HTTPS
    redirect, static files without a manifest (the benchmark serves none)."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "k" * 50)
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    os.environ["STATICFILES_BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    os.environ["DJANGO_SETTINGS_MODULE"] = "nno.settings"
    sys.path.insert(0, str(BASE_DIR))
    warnings.filterwarnings("ignore", "No directory at", UserWarning)  # no collectstatic

    import django

    django.setup()


def prepare_database(database_url, *, drop):
    """Create the PostgreSQL database (after dropping it if `drop`), if it is missing."""
    import psycopg

    url = urlsplit(database_url)
    if url.scheme not in ("postgres", "postgresql", "pgsql"):
        sys.exit("bench/run.py measures PostgreSQL: give a postgres:// --database-url.")
    name = url.path.lstrip("/")
    server = url._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as connection:
        if drop:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')
            print(f"Created database {name}.")


def seed(*, events, years, seed_value):
    """Top the database up to `events` events; returns the seconds it took, or None."""
    from django.core.management import call_command
    from django.db import connection

    from events.models import Event

    call_command("migrate", verbosity=0)
    existing = Event.objects.count()
    if existing >= events:
        print(f"The database holds {existing:,} events: not seeding (--reseed to start over).")
        return None
    started = time.perf_counter()
    call_command("seed_national", events=events - existing, years=years, seed=seed_value)
    seconds = time.perf_counter() - started
    print(f"Seeded {events - existing:,} events in {seconds:.1f} s.")
    with connection.cursor() as cursor:
        # What autovacuum would do soon after a load this size: fresh planner statistics
        # and a visibility map (index-only scans).
        cursor.execute("VACUUM ANALYZE")
    return seconds


@dataclass
class Page:
    """A page to measure: `url()` builds its address, `user` (None: anonymous) asks."""

    name: str
    url: object  # a callable returning the URL, or raising NoReverseMatch
    user: object
    target_ms: float | None


@dataclass
class Result:
    page: Page
    median_ms: float
    p95_ms: float
    queries: int

    @property
    def verdict(self) -> str:
        if self.page.target_ms is None:
            return ""
        return "PASS" if self.p95_ms < self.page.target_ms else "FAIL"


def bench_user(name, **fields):
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.update_or_create(
        email=f"{name}@{BENCH_DOMAIN}",
        defaults={"full_name": f"Bench {name.title()}", "is_active": True, **fields},
    )
    return user


def pages(year) -> list[Page]:
    """The pages of issue 4, with the users who see them: extend this list freely."""
    from django.db.models import Count, Q
    from django.urls import reverse

    from events.models import Agency, AgencyMembership, Community, CommunityAdmin, Event

    approved_this_year = Q(events__status=Event.Status.APPROVED, events__date__year=year)
    state = (
        Event.objects.filter(status=Event.Status.APPROVED, date__year=year)
        .values("state")
        .annotate(n=Count("pk"))
        .order_by("-n", "state")
        .first()
    )
    community = (
        Community.objects.annotate(n=Count("events", filter=approved_this_year))
        .order_by("-n", "pk")
        .first()
    )
    reviewing = (
        Community.objects.annotate(
            n=Count("events", filter=Q(events__status=Event.Status.SUBMITTED))
        )
        .order_by("-n", "pk")
        .first()
    )
    agency = Agency.objects.annotate(n=Count("visit_requests")).order_by("-n", "pk").first()
    if state is None or community is None or agency is None:
        sys.exit(f"No approved events in {year}, or no agency: seed the database first.")

    national_admin = bench_user("national", is_staff=True)
    municipal_admin = bench_user("municipal")
    CommunityAdmin.objects.update_or_create(
        user=municipal_admin,
        community=reviewing,
        defaults={"status": CommunityAdmin.Status.APPROVED},
    )
    liaison = bench_user("liaison")
    AgencyMembership.objects.update_or_create(
        user=liaison, agency=agency, defaults={"status": AgencyMembership.Status.APPROVED}
    )
    query = f"?year={year}"
    print(
        f"Year {year}; biggest state {state['state']} ({state['n']:,} approved events); "
        f"biggest community {community} ({community.n:,}); review queue of {reviewing} "
        f"({reviewing.n:,} waiting); busiest agency {agency} ({agency.n:,} requests)."
    )
    return [
        Page("login page (baseline)", lambda: reverse("accounts:login"), None, None),
        Page(
            "national dashboard",
            lambda: reverse("events:dashboard") + query,
            national_admin,
            DASHBOARD_TARGET_MS,
        ),
        Page(
            "public summary",
            lambda: reverse("events:summary") + query,
            None,
            DASHBOARD_TARGET_MS,
        ),
        Page(
            f"state drill-down ({state['state']})",
            lambda: reverse("events:dashboard_state", args=[state["state"]]) + query,
            national_admin,
            PAGE_TARGET_MS,
        ),
        Page(
            f"community page ({community.name})",
            lambda: reverse("events:dashboard_community", args=[community.pk]) + query,
            national_admin,
            PAGE_TARGET_MS,
        ),
        Page(
            f"review queue ({reviewing.name})",
            lambda: reverse("events:review_queue", args=[reviewing.pk]),
            municipal_admin,
            PAGE_TARGET_MS,
        ),
        Page(
            "liaison inbox",
            lambda: reverse("events:inbox"),
            liaison,
            PAGE_TARGET_MS,
        ),
    ]


def percentile(values, share):
    """The nearest-rank percentile: the smallest value with `share` of them at or below."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def measure(page: Page, url: str, requests: int) -> Result:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    def get():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{page.name}: {url} answered {response.status_code}")

    client = Client()
    if page.user is not None:
        client.force_login(page.user)
    get()  # warm-up, not counted: the first template loads, cold buffers
    times, queries = [], []
    for _ in range(requests):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            get()
            times.append(1000 * (time.perf_counter() - started))
        queries.append(len(captured.captured_queries))
    return Result(page, statistics.median(times), percentile(times, 0.95), max(queries))


def print_table(results):
    width = max(len(result.page.name) for result in results)
    header = f"{'page':<{width}}  {'median ms':>9}  {'p95 ms':>8}  {'queries':>7}  {'target':>9}"
    print(header + "  result")
    print("-" * (len(header) + 8))
    for result in results:
        target = f"< {result.page.target_ms:g} ms" if result.page.target_ms else "—"
        print(
            f"{result.page.name:<{width}}  {result.median_ms:>9.1f}  {result.p95_ms:>8.1f}  "
            f"{result.queries:>7}  {target:>9}  {result.verdict}"
        )


def main(argv=None) -> int:
    args = parse_args(argv)
    prepare_database(args.database_url, drop=args.reseed)
    configure_django(args.database_url)

    from django.db import connection
    from django.urls import NoReverseMatch
    from django.utils import timezone

    from events.models import Event, VisitRequest

    seed(events=args.events, years=args.years, seed_value=args.seed)
    year = args.year or timezone.localdate().year
    print(
        f"{Event.objects.count():,} events, {VisitRequest.objects.count():,} visit requests "
        f"on PostgreSQL {connection.pg_version // 10000} ({connection.settings_dict['NAME']}), "
        f"{os.cpu_count()} CPUs (load average {os.getloadavg()[0]:.1f}); "
        f"{args.requests} requests per page, cache cleared before each."
    )
    results = []
    for page in pages(year):
        if args.only and not any(word in page.name for word in args.only):
            continue
        try:
            url = page.url()
        except NoReverseMatch:
            print(f"Skipping {page.name}: its URL does not exist yet.")
            continue
        results.append(measure(page, url, args.requests))
    print()
    print_table(results)
    return 1 if any(result.verdict == "FAIL" for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())

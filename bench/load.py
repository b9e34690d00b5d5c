"""The public pages under load on the national night: gunicorn, wrk, PostgreSQL.

    .venv/bin/python bench/load.py            # after bench/run.py has seeded nno_bench

Starts gunicorn (production settings: DEBUG off, persistent database connections)
on a free port of 127.0.0.1 against the --database-url database, then measures:

- latency: --requests sequential requests per page, median and 95th percentile;
- throughput: `wrk` (Debian package) for --duration seconds with --connections
  connections, requests per second.

Pages: a trivial view of the same app (/healthz, no database; measured first and
last, the yardstick is the mean), a ZIP search with a 25-mile radius around the
busiest community on its national night, and the public page of an event there —
each cached (an anonymous visitor) and uncached (a `messages` cookie makes the
request personal, so the page cache is skipped) — and, for reference, the same
search on a date long past: the form, layout and queries with no result to show.

Targets of issue 5: cached pages at least half the trivial view's requests per
second; the uncached search at least a tenth. wrk and gunicorn share the machine's
cores, so the trivial view measured in the same run is the yardstick, not absolute
numbers. Only 127.0.0.1 is ever contacted. Exits 1 when a target is missed.
"""

import argparse
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass

from run import BASE_DIR, DEFAULT_DATABASE_URL, configure_django, percentile

PERSONAL = "messages=bench"  # any messages cookie makes a page personal: never cached


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--requests", type=int, default=30, help="Sequential requests per page.")
    parser.add_argument("--duration", type=int, default=10, help="Seconds of wrk per page.")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes.")
    parser.add_argument(
        "--only",
        action="append",
        metavar="WORD",
        help="Only the pages whose name has WORD (the trivial view is always measured).",
    )
    return parser.parse_args(argv)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def choose_pages():
    """(search path, event path): the busiest community on the next national night."""
    from django.db.models import Count
    from django.utils import timezone

    from events.models import Event
    from events.national_night import OCTOBER_STATES, next_national_night

    today = timezone.localdate()
    nights = {next_national_night(today), next_national_night(today, "TX")}
    busiest = (
        Event.objects.public()
        .filter(date__in=nights, ends_at__gte=timezone.now())
        .values("community", "date")
        .annotate(n=Count("pk"))
        .order_by("-n", "community")
        .first()
    )
    if busiest is None:
        sys.exit(
            f"No public events on the next national night ({min(nights)}): seed with "
            "bench/run.py (seed_national covers the years up to that night's)."
        )
    event = (
        Event.objects.public()
        .filter(community=busiest["community"], date=busiest["date"])
        .order_by("pk")
        .first()
    )
    search = f"/find/?zip={event.zip_code}&radius=25&date={busiest['date'].isoformat()}"
    state = "Texas" if event.state in OCTOBER_STATES else "the nation"
    print(
        f"Search: {search} (the next national night of {state}; {busiest['n']:,} events in "
        f"{event.community} alone); event page: /events/{event.pk}/"
    )
    return search, f"/events/{event.pk}/"


def start_gunicorn(database_url, port, workers):
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "CONN_MAX_AGE": "600",
        "LOG_LEVEL": "WARNING",
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "nno.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env=environment,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    sys.exit("gunicorn did not answer within 30 s.")


def get(url, cookie=None):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url} answered {response.status}")


@dataclass
class Row:
    name: str
    median_ms: float
    p95_ms: float
    rps: float
    gunicorn_ms: float
    postgres_ms: float


TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids) -> float:
    """User and system CPU time of processes `pids` (Linux /proc), gone ones left out."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def worker_pids(server) -> list[int]:
    with open(f"/proc/{server.pid}/task/{server.pid}/children") as children:
        return [int(pid) for pid in children.read().split()]


def postgres_pids(database_url) -> list[int]:
    """The server processes of the connections to the benchmark's database (gunicorn's)."""
    import psycopg

    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        ).fetchall()
    return [pid for (pid,) in rows]


def latency(url, cookie, requests):
    get(url, cookie)  # warm-up (and, for cached pages, fills the cache)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        get(url, cookie)
        times.append(1000 * (time.perf_counter() - started))
    return statistics.median(times), percentile(times, 0.95)


def throughput(url, cookie, duration, connections) -> tuple[float, int]:
    """(requests per second, requests served) under wrk."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"wrk got {errors.group(1)} error responses from {url}")
    served = int(re.search(r"(\d+) requests in", output).group(1))
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), served


def main(argv=None) -> int:
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: sudo apt-get install wrk")
    configure_django(args.database_url)
    search, event_page = choose_pages()
    port = free_port()
    server = start_gunicorn(args.database_url, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    # A search of a date long past: the same form, layout and queries with no result
    # to show, the least an uncached search page can cost.
    empty = re.sub(r"date=[\d-]+", "date=2020-01-07", search)
    cases = [
        ("trivial view (/healthz)", "/healthz", None),
        ("ZIP search, 25 miles, cached", search, None),
        ("ZIP search, 25 miles, uncached", search, PERSONAL),
        ("ZIP search, no results, uncached", empty, PERSONAL),
        ("public event page, cached", event_page, None),
        ("public event page, uncached", event_page, PERSONAL),
        ("trivial view, again", "/healthz", None),
    ]
    if args.only:
        cases = [
            case
            for case in cases
            if case[1] == "/healthz" or any(word in case[0] for word in args.only)
        ]
    rows = []
    try:
        for name, path, cookie in cases:
            median, p95 = latency(base + path, cookie, args.requests)
            # The CPU that each request costs the workers and the database under wrk.
            workers, backends = worker_pids(server), postgres_pids(args.database_url)
            before = cpu_seconds(workers), cpu_seconds(backends)
            rps, served = throughput(base + path, cookie, args.duration, args.connections)
            after = cpu_seconds(workers), cpu_seconds(backends)
            gunicorn_ms, postgres_ms = (
                1000 * (a - b) / served for a, b in zip(after, before, strict=True)
            )
            rows.append(Row(name, median, p95, rps, gunicorn_ms, postgres_ms))
            print(
                f"  {name}: median {median:.1f} ms, p95 {p95:.1f} ms, {rps:,.0f} req/s; "
                f"CPU per request: gunicorn {gunicorn_ms:.2f} ms, PostgreSQL {postgres_ms:.2f} ms"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)

    # The machine drifts over a run: the yardstick is the trivial view's mean of the
    # first and the last measurement.
    trivial = (rows[0].rps + rows[-1].rps) / 2
    targets = {
        "ZIP search, 25 miles, cached": 0.5,
        "public event page, cached": 0.5,
        "ZIP search, 25 miles, uncached": 0.1,
    }
    print(
        f"\ngunicorn {args.workers} workers, wrk 2 threads {args.connections} connections "
        f"{args.duration} s, {os.cpu_count()} CPUs; the trivial view's {trivial:,.0f} req/s "
        "(the mean of the first and last run) is 100%\n"
    )
    width = max(len(row.name) for row in rows)
    print(
        f"{'page':<{width}}  {'median ms':>9}  {'p95 ms':>8}  {'req/s':>8}  "
        f"{'of trivial':>10}  {'CPU ms: gunicorn':>16}  {'PostgreSQL':>10}  target"
    )
    failed = False
    for row in rows:
        share = row.rps / trivial
        target = targets.get(row.name)
        verdict = ""
        if target is not None:
            verdict = f"≥ {target:.0%} {'PASS' if share >= target else 'FAIL'}"
            failed |= share < target
        print(
            f"{row.name:<{width}}  {row.median_ms:>9.1f}  {row.p95_ms:>8.1f}  {row.rps:>8,.0f}  "
            f"{share:>10.0%}  {row.gunicorn_ms:>16.2f}  {row.postgres_ms:>10.2f}  {verdict}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

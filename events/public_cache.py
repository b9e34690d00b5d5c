"""Caching and conditional GET for anonymous visitors of the public pages.

On the national night the public pages take the traffic spike. For visitors who
are not signed in (no session or message cookie), a page is kept in the cache
under a key that includes the *data version*: the latest change to any event,
visit request, agency or activity (VERSIONED, each with an indexed `updated_at`
that every `save()` and every `update()` in nno sets). Any change therefore makes
every cached page stale; no page needs invalidating by hand. The same version
gives an ETag, so a browser that already has the page gets 304 Not Modified.

Each process reads the version at most once a second (VERSION_SECONDS): on the
national night that saves a database query on almost every cached page. A change
made by this process is seen at once (saves, deletions and `update()`s of those
models forget the version read); one made by another process within the second.

Pages also change with the clock alone (a block-only address shows in full on the
event's day, events leave the lists once over): cached copies expire after
CACHE_SECONDS, and the ETag moves on as often.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers

from . import search
from .models import Activity, Agency, Event, VisitRequest
from .signals import rows_updated

CACHE_SECONDS = 600
COOKIES_THAT_PERSONALIZE = (settings.SESSION_COOKIE_NAME, "messages")


VERSION_SECONDS = 1.0
# What public pages show: a change to any of them makes a new data version.
VERSIONED = (Event, VisitRequest, Agency, Activity)


class _ReadAtMostOnceASecond:
    """`read()`'s value, read again once VERSION_SECONDS old, or at once after
    `forget()` (when this process changed what it reads)."""

    def __init__(self, read):
        self._read = read
        self._value = (None, 0.0)  # (the value, time.monotonic() when it was read)

    def __call__(self):
        value, read_at = self._value
        now = time.monotonic()
        if value is None or now - read_at >= VERSION_SECONDS:
            value = self._read()
            self._value = (value, now)
        return value

    def forget(self):
        self._value = (None, 0.0)


def forget_version():
    """Read the data version (and the activity menu) again for the next page."""
    data_version.forget()
    activity_menu.forget()


def _changed(**kwargs):
    """An event or a visit request changed (the receiver of their signals)."""
    forget_version()
    # Again once the change is committed, in case a page of another thread of this
    # process read the version in between.
    transaction.on_commit(forget_version)


def _latest_change() -> str:
    """One statement, an index lookup per table (the activities are a few rows).
    Written in SQL because it runs for many cached page views, where the ORM's
    compilation cost more than the query."""
    latest = ", ".join(
        f"(SELECT MAX(updated_at) FROM {model._meta.db_table})"  # noqa: S608 (table names)
        for model in VERSIONED
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {latest}")
        return "/".join(str(value) for value in cursor.fetchone())


# Changes whenever an event, a visit request, an agency or an activity changes.
data_version = _ReadAtMostOnceASecond(_latest_change)
# The search form's activity menu, drawn on every search, cached or not; the
# vocabulary changes a few times a year, in the admin.
activity_menu = _ReadAtMostOnceASecond(search.activity_menu)


for model in VERSIONED:
    post_save.connect(_changed, sender=model, dispatch_uid=f"public-{model.__name__}-save")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"public-{model.__name__}-delete")
    rows_updated.connect(_changed, sender=model, dispatch_uid=f"public-{model.__name__}-update")
m2m_changed.connect(_changed, sender=Event.activities.through, dispatch_uid="public-activities")


def _personal(request) -> bool:
    return any(name in request.COOKIES for name in COOKIES_THAT_PERSONALIZE)


def public_page(view):
    """Cache `view`'s 200 responses for anonymous visitors; answer 304 when unchanged."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or _personal(request):
            return view(request, *args, **kwargs)
        version = data_version()
        # The whole URL: pages hold absolute links to the host they were asked for.
        digest = hashlib.sha256(f"{request.build_absolute_uri()}|{version}".encode()).hexdigest()
        period = int(timezone.now().timestamp() // CACHE_SECONDS)
        etag = f'"{digest[:32]}-{period}"'
        if etag in request.headers.get("If-None-Match", ""):
            response = HttpResponseNotModified()
        else:
            key = f"nno:public:{digest}"
            cached = cache.get(key)
            if cached is not None:
                content, headers = cached
                response = HttpResponse(content)
                for name, value in headers.items():
                    response[name] = value
            else:
                response = view(request, *args, **kwargs)
                if response.status_code == 200 and not response.streaming:
                    headers = {
                        name: value
                        for name, value in response.items()
                        if name.lower() in ("content-type", "content-disposition")
                    }
                    cache.set(key, (response.content, headers), CACHE_SECONDS)
        if response.status_code in (200, 304):
            response["ETag"] = etag
            # Browsers and proxies must check back (cheaply, by ETag) before reuse.
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper

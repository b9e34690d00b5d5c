"""The Jinja2 environment of the pages rendered by Jinja2 (in `templates/jinja2/`).

Django's template language renders every other page. The public search is the
busiest page of the national night and is rendered far faster by Jinja2, which
compiles templates to Python; see README "Benchmarks". Its layout,
`templates/jinja2/base.html`, mirrors `templates/base.html`
(tests/events/test_search_layout.py compares the two).

What the Django templates get from tags, these templates get as globals: `url`,
`static`, `querystring`, and `_`, `gettext` and `ngettext` (the i18n extension,
with Django's translations).
"""

import functools
from types import SimpleNamespace

import jinja2
from django.conf import settings
from django.template import defaulttags
from django.template.backends.jinja2 import Jinja2, Template
from django.templatetags.static import static as django_static
from django.test.signals import template_rendered
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import formats, translation


def url(name, *args):
    """`{% url name arg %}`: url("events:public", event.pk)."""
    return _reverse(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF, name, args)


@functools.lru_cache(maxsize=1024)
def _reverse(prefix, urlconf, name, args):
    # The navigation's links are the same on every page: each reversed once per
    # script prefix (`reverse` reads it) instead of on every page.
    return reverse(name, urlconf=urlconf, args=args or None)


def static(path):
    """`{% static path %}`."""
    return _static(path, settings.STATIC_URL, settings.STORAGES["staticfiles"]["BACKEND"])


@functools.lru_cache(maxsize=256)
def _static(path, static_url, storage):
    # The layout's few files, each looked up once (the manifest does not change while
    # the process runs) instead of on every page.
    return django_static(path)


@jinja2.pass_context
def querystring(context, **changes):
    """`{% querystring page=2 %}`: the request's query string with `changes` (None removes)."""
    return defaulttags.querystring(SimpleNamespace(request=context["request"]), **changes)


def date(value, format_string):
    """The `date` filter: `day|date("l, F j, Y")`."""
    return formats.date_format(value, format_string)


def environment(**options):
    # Escape as Django's templates do; a misspelt name fails loudly instead of
    # rendering as nothing.
    options.update(autoescape=True, undefined=jinja2.StrictUndefined)
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"], **options)  # noqa: S701 (above)
    env.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=True)
    env.globals.update(url=url, static=static, querystring=querystring)
    env.filters["date"] = date
    return env


class Jinja2Template(Template):
    def render(self, context=None, request=None):
        context = {} if context is None else context
        # As Django's own templates do under the test runner, so that tests read
        # `response.context` (no receiver outside tests: nothing is done).
        template_rendered.send(sender=self, template=self, context=context)
        return super().render(context, request)


class Jinja2Backend(Jinja2):
    """Django's Jinja2 backend, announcing each rendering like Django's templates."""

    def get_template(self, template_name):
        return Jinja2Template(super().get_template(template_name).template, self)

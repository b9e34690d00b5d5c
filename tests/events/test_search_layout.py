"""The public search is rendered by Jinja2 (nno/jinja.py); every other page by Django's
templates. Both layouts must give every visitor the same page around the content."""

import html
import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.urls import reverse

from tests.events.discovery import find_url

CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def layout(text):
    """The page without its title and main content, as a browser reads it: the head's
    links, the navigation, the messages, the footer and the scripts."""
    text = CSRF_TOKEN.sub('name="csrfmiddlewaretoken" value="…"', text)
    head = re.search(r"<head>.*?</title>(.*?)</head>", text, re.S).group(1)
    header = re.search(r"<body.*?<main[^>]*>", text, re.S).group(0)
    messages_area = re.search(r'<div class="messages">.*?</div>\s*</div>', text, re.S)
    footer = re.search(r"</main>.*?bootstrap\.bundle\.min\.js\"></script>", text, re.S).group(0)
    parts = [head, header, messages_area.group(0) if messages_area else "", footer]
    # MarkupSafe writes ' as &#39;, Django as &#x27;: the same character.
    return [" ".join(html.unescape(part).split()) for part in parts]


def leave_message(client, rf, text):
    """A message for the next page the client asks for, as after a form is saved."""
    storage = CookieStorage(rf.get("/"))
    client.cookies["messages"] = storage._encode([Message(constants.SUCCESS, text)])


@pytest.fixture(params=["anonymous", "organizer", "liaison", "municipal_admin", "national_admin"])
def visitor(request, db):
    return None if request.param == "anonymous" else request.getfixturevalue(request.param)


def test_search_page_has_the_layout_of_the_other_pages(client_of, visitor):
    client = client_of(visitor)

    django_page = client.get(reverse("home"))
    jinja_page = client.get(find_url())

    assert django_page.status_code == jinja_page.status_code == 200
    assert layout(jinja_page.text) == layout(django_page.text)


def test_search_page_shows_messages_like_the_other_pages(rf, client_of, organizer):
    client = client_of(organizer)
    text = "Your event is saved. It's <b>live</b>."

    leave_message(client, rf, text)
    django_page = client.get(reverse("home"))
    leave_message(client, rf, text)
    jinja_page = client.get(find_url())

    assert layout(jinja_page.text) == layout(django_page.text)
    assert "It&#39;s &lt;b&gt;live&lt;/b&gt;." in jinja_page.text

"""Helpers for the accounts tests."""

import re
from urllib.parse import urlsplit

import pytest

from tests.conftest import make_user


def links_in(message) -> list[str]:
    """The paths of the site's links in an e-mail body, in order."""
    return [urlsplit(url).path for url in re.findall(r"https?://\S+", message.body)]


def link_in(message) -> str:
    """The path of the one link in an e-mail body."""
    (path,) = links_in(message)
    return path


@pytest.fixture
def unconfirmed(db):
    """Signed up, confirmation link not opened yet."""
    return make_user("una@example.com", full_name="Una Unconfirmed", is_active=False)


__all__ = ["link_in", "links_in"]

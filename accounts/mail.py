"""E-mail through Django's tasks framework.

Messages are rendered when they are queued (the task gets plain strings) and
queued only once the surrounding transaction commits, so a rolled-back change
never sends mail. Development and tests run the task at once; production runs
`manage.py db_worker` (see README).
"""

from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string


@task
def deliver_email(*, subject: str, body: str, to: list[str], reply_to: list[str] | None = None):
    EmailMessage(subject=subject, body=body, to=to, reply_to=reply_to or []).send()


def absolute_url(path: str, request=None) -> str:
    """`path` as a full URL: the request's host when there is one, else SITE_URL."""
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL + path


def send_templated_email(*, template: str, context: dict, to: list[str], reply_to=None):
    """Queue `<template>_subject.txt` / `<template>.txt` after commit: one message per
    address in `to`, so that recipients never see each other's addresses.

    The templates are plain text: wrap them in `{% autoescape off %}`, or a name
    like "O'Brien & Sons" arrives as "O&#x27;Brien &amp; Sons".
    """
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}.txt", context)
    for address in dict.fromkeys(to):
        transaction.on_commit(
            partial(
                deliver_email.enqueue, subject=subject, body=body, to=[address], reply_to=reply_to
            )
        )

from django.core.management.base import BaseCommand

from events.services.visit import send_digests


class Command(BaseCommand):
    help = (
        "Mail the liaisons who chose a daily digest the requests that arrived since their "
        "last one. Run it once a day (cron or a scheduler)."
    )

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"{sent} digest(s) queued.")

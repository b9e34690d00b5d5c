from django.core.management.base import BaseCommand

from events.services.report import send_report_reminders, send_report_requests


class Command(BaseCommand):
    help = (
        "Mail the organizer of each approved event that ended yesterday (12 hours to 14 days "
        "ago) a link to tell how it went: once per event; five days later, if they have not "
        "reported, one reminder. Run it once a day (cron or a scheduler)."
    )

    def handle(self, *args, **options):
        sent = send_report_requests()
        reminded = send_report_reminders()
        self.stdout.write(f"{sent} report request(s) and {reminded} reminder(s) queued.")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        # Connects the receivers that keep the public pages' cache fresh.
        from . import public_cache  # noqa: F401

from django.db import models
from django.utils.translation import gettext_lazy as _

from .agency import Agency
from .community import Community


class CommunityYear(models.Model):
    """A community's approved events of one year, summed up for the dashboard.

    Derived data: `events.participation` recounts rows from the events (never
    edits them by hand), and its tests compare every row with a direct recount.
    """

    year = models.PositiveSmallIntegerField(_("year"))
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+")
    # The community's state (its events'), kept here so national figures need no join.
    state = models.CharField(_("state"), max_length=2)
    event_count = models.PositiveIntegerField(_("approved events"))
    on_night_count = models.PositiveIntegerField(_("on the national night"))
    expected_total = models.PositiveBigIntegerField(_("expected attendance"))
    reported_event_count = models.PositiveIntegerField(_("events that reported"))
    reported_total = models.PositiveBigIntegerField(_("reported attendance"))
    accepted_visit_count = models.PositiveIntegerField(_("accepted visits"))

    class Meta:
        verbose_name = _("community's year")
        verbose_name_plural = _("communities' years")
        constraints = [
            models.UniqueConstraint(fields=["year", "community"], name="communityyear_unique"),
        ]
        indexes = [models.Index(fields=["year", "state"], name="communityyear_year_state")]

    def __str__(self):
        return f"{self.community_id} in {self.year}: {self.event_count} events"


class AgencyYear(models.Model):
    """An agency's requests for approved events of one year, summed up (derived data)."""

    year = models.PositiveSmallIntegerField(_("year"))
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    requested_count = models.PositiveIntegerField(_("requested"))
    accepted_count = models.PositiveIntegerField(_("accepted"))
    made_count = models.PositiveIntegerField(_("made"))

    class Meta:
        verbose_name = _("agency's year")
        verbose_name_plural = _("agencies' years")
        constraints = [
            models.UniqueConstraint(fields=["year", "agency"], name="agencyyear_unique"),
        ]

    def __str__(self):
        return f"{self.agency_id} in {self.year}: {self.accepted_count} accepted"


class SummaryState(models.Model):
    """One row: up to when changes to events, reports and requests are counted in."""

    counted_until = models.DateTimeField()

    def __str__(self):
        return f"counted until {self.counted_until}"

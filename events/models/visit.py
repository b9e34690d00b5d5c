from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .. import signals
from .agency import Agency, AgencyMembership
from .event import Event


class VisitStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn by the organizer")
    CANCELLED = "cancelled", _("Cancelled with the event")


OPEN_STATUSES = [VisitStatus.REQUESTED, VisitStatus.ACCEPTED]


class VisitRequestQuerySet(signals.SignalsUpdates, models.QuerySet):
    def for_liaison(self, user):
        """Requests to the agencies `user` is an approved liaison of."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            agency__memberships__user=user,
            agency__memberships__status=AgencyMembership.Status.APPROVED,
        )

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def visits(self):
        return self.filter(kind=VisitRequest.Kind.VISIT)

    def on_evening(self, agency, day):
        """Requests to `agency` for events on `day` (the events' local date)."""
        return self.filter(agency=agency, event__date=day)


class VisitRequest(models.Model):
    """An organizer asks an agency to visit their event, or to take part in it."""

    Status = VisitStatus

    class Kind(models.TextChoices):
        VISIT = "visit", _("A visit")
        PARTICIPATION = "participation", _("Taking part (a table, a booth)")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="visit_requests")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="visit_requests")
    kind = models.CharField(_("what you ask for"), max_length=15, choices=Kind.choices)
    preferred_start = models.DateTimeField(_("preferred from"), null=True, blank=True)
    preferred_end = models.DateTimeField(_("preferred until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=VisitStatus.choices, default=VisitStatus.REQUESTED
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    scheduled_start = models.DateTimeField(_("visit from"), null=True, blank=True)
    scheduled_end = models.DateTimeField(_("visit until"), null=True, blank=True)
    unit = models.CharField(
        _("unit or people"),
        max_length=100,
        blank=True,
        help_text=_("Who comes, e.g. “K9 unit”, “Engine 3”, “Officer Diaz”."),
    )
    decline_reason = models.CharField(_("reason"), max_length=500, blank=True)
    made_at = models.DateTimeField(_("visit made"), null=True, blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked made by"),
    )
    # The liaison's route for the evening (set when a suggested route is applied).
    route_position = models.PositiveSmallIntegerField(null=True, blank=True)
    suggested_start = models.DateTimeField(_("suggested time"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = VisitRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit request")
        verbose_name_plural = _("visit requests")
        ordering = ["event__starts_at", "pk"]
        indexes = [
            models.Index(fields=["agency", "status"], name="visit_agency_status"),
            models.Index(fields=["agency", "scheduled_start"], name="visit_agency_scheduled"),
            # MAX(updated_at): the data version of the public pages' cache.
            models.Index(fields=["updated_at"], name="visit_updated"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["event", "agency"], name="visit_one_per_event_agency"),
            models.CheckConstraint(
                condition=Q(status__in=VisitStatus.values), name="visit_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(preferred_start__isnull=True)
                | Q(preferred_end__isnull=True)
                | Q(preferred_end__gt=F("preferred_start")),
                name="visit_preferred_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(scheduled_start__isnull=True, scheduled_end__isnull=True)
                | Q(scheduled_end__gt=F("scheduled_start")),
                name="visit_scheduled_end_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status=VisitStatus.ACCEPTED, kind="visit")
                | Q(scheduled_start__isnull=False),
                name="visit_accepted_has_time",
            ),
            models.CheckConstraint(
                condition=Q(made_at__isnull=True) | Q(status=VisitStatus.ACCEPTED),
                name="visit_made_only_if_accepted",
            ),
        ]

    def __str__(self):
        return f"{self.agency} → {self.event}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_visit(self) -> bool:
        return self.kind == self.Kind.VISIT

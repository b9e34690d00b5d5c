from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .agency import Agency
from .event import MAX_ATTENDANCE, Event, EventStatus


class EventStatusChange(models.Model):
    """Who moved an event from one status to another, when, and why (the audit trail)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=20, choices=EventStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=EventStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Empty when nno made the change itself (automatic approval)."),
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.event}: {self.from_status} → {self.to_status}"


class EventReport(models.Model):
    """How the night went, told by the organizer afterwards."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="report")
    actual_adults = models.PositiveIntegerField(
        _("adults who came"), validators=[MaxValueValidator(MAX_ATTENDANCE)]
    )
    actual_children = models.PositiveIntegerField(
        _("children who came"), validators=[MaxValueValidator(MAX_ATTENDANCE)]
    )
    agencies_came = models.ManyToManyField(
        Agency, blank=True, related_name="+", verbose_name=_("agencies that came")
    )
    highlights = models.TextField(_("highlights"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("event report")
        verbose_name_plural = _("event reports")
        indexes = [models.Index(fields=["updated_at"], name="report_updated")]
        constraints = [
            models.CheckConstraint(
                condition=Q(actual_adults__lte=MAX_ATTENDANCE)
                & Q(actual_children__lte=MAX_ATTENDANCE),
                name="report_attendance_bounded",
            ),
        ]

    def __str__(self):
        return f"Report: {self.event}"

    @property
    def actual_attendance(self) -> int:
        return self.actual_adults + self.actual_children


class ExportRecord(models.Model):
    """Every CSV export of events with organizer contacts: who, when, what."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    community = models.ForeignKey(
        "events.Community", on_delete=models.CASCADE, related_name="exports"
    )
    row_count = models.PositiveIntegerField(_("rows"))
    filters = models.CharField(_("filters"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("exported"), auto_now_add=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} exported {self.community} ({self.row_count})"

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..states import State


class CommunityQuerySet(models.QuerySet):
    def for_place(self, *, name: str, state: str, county: str = ""):
        """The community called `name` in `state`, created if it is new."""
        community, _created = self.get_or_create(
            name=name, state=state, defaults={"county": county}
        )
        return community

    def administered_by(self, user):
        """Communities `user` administers (approved municipal admin); staff: all."""
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self.all()
        return self.filter(admins__user=user, admins__status=CommunityAdmin.Status.APPROVED)


class Community(models.Model):
    """A municipality (city, town, village, township, base) where events take place."""

    class Approval(models.TextChoices):
        AUTOMATIC = "automatic", _("Publish events at once")
        REVIEW = "review", _("A municipal admin reviews each event first")

    name = models.CharField(_("name"), max_length=100)
    state = models.CharField(_("state"), max_length=2, choices=State.choices)
    county = models.CharField(_("county"), max_length=100, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    approval = models.CharField(
        _("approval of events"),
        max_length=10,
        choices=Approval.choices,
        default=Approval.AUTOMATIC,
        help_text=_("Whether a municipal admin reviews each event before it is published."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CommunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["state", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "state"], name="community_unique_name_state"),
        ]

    def __str__(self):
        return f"{self.name}, {self.state}"

    @property
    def reviews_events(self) -> bool:
        return self.approval == self.Approval.REVIEW


class CommunityAdmin(models.Model):
    """A municipal admin of a community: granted by a site admin or a fellow admin."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Asked")
        APPROVED = "approved", _("Municipal admin")
        DECLINED = "declined", _("Declined")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_roles"
    )
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="admins")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reason = models.CharField(
        _("role in the community"),
        max_length=300,
        blank=True,
        help_text=_("For example: “Community engagement coordinator, City of Springfield”."),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted or declined by"),
    )
    granted_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)

    class Meta:
        verbose_name = _("municipal admin")
        verbose_name_plural = _("municipal admins")
        constraints = [
            models.UniqueConstraint(fields=["user", "community"], name="community_admin_unique"),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "declined"]),
                name="community_admin_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.community} ({self.get_status_display()})"

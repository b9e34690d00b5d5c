import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import signals
from ..states import State
from ..timezones import zone
from .community import Community


class AgencyKind(models.TextChoices):
    LOCAL_POLICE = "police", _("Local police")
    SHERIFF = "sheriff", _("Sheriff")
    STATE_POLICE = "state_police", _("State police")
    FIRE = "fire", _("Fire department")
    EMS = "ems", _("EMS")
    FEDERAL = "federal", _("Federal office")
    MILITARY = "military", _("Military")
    SALVATION_ARMY = "salvation_army", _("The Salvation Army")
    NONPROFIT = "nonprofit", _("Other nonprofit")
    ELECTED = "elected", _("Elected office / city leadership")
    YOUTH = "youth", _("Youth organization")
    OTHER = "other", _("Other")


class AgencyQuerySet(signals.SignalsUpdates, models.QuerySet):
    def update(self, **kwargs):
        # update() sets no auto_now field: keep `updated_at` right.
        kwargs.setdefault("updated_at", timezone.now())
        return super().update(**kwargs)

    def serving(self, event):
        """Agencies whose areas cover `event`'s community, county or state."""
        return self.filter(
            Q(areas__community_id=event.community_id)
            | Q(
                areas__kind=AgencyArea.Kind.COUNTY,
                areas__state=event.state,
                areas__county__iexact=event.county,
            )
            | Q(areas__kind=AgencyArea.Kind.STATE, areas__state=event.state)
        ).distinct()

    def serving_community(self, community):
        """Agencies whose areas cover `community` itself, its county or its state."""
        covers = Q(areas__community_id=community.pk) | Q(
            areas__kind=AgencyArea.Kind.STATE, areas__state=community.state
        )
        if community.county:
            covers |= Q(
                areas__kind=AgencyArea.Kind.COUNTY,
                areas__state=community.state,
                areas__county__iexact=community.county,
            )
        return self.filter(covers).distinct()

    def with_liaison(self, user):
        """Agencies `user` is an approved liaison of."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            memberships__user=user, memberships__status=AgencyMembership.Status.APPROVED
        )


class Agency(models.Model):
    """A police department, fire department, nonprofit, office… that visits events."""

    Kind = AgencyKind

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices)
    # Where the agency is (its headquarters): used to rank agencies by distance.
    city = models.CharField(_("city"), max_length=100)
    state = models.CharField(_("state"), max_length=2, choices=State.choices)
    zip_code = models.CharField(_("ZIP code"), max_length=5)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    time_zone = models.CharField(_("time zone"), max_length=64)
    # Public contact details.
    phone = models.CharField(_("public phone"), max_length=30, blank=True)
    email = models.EmailField(_("public e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)

    is_verified = models.BooleanField(
        _("verified"),
        default=False,
        help_text=_("Checked by a site admin. Agencies proposed by organizers start unverified."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("visits per evening"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text=_("How many visits the agency can make in one evening. Empty: no limit."),
    )
    travel_speed_mph = models.PositiveSmallIntegerField(
        _("average travel speed (mph)"),
        default=25,
        validators=[MinValueValidator(5), MaxValueValidator(80)],
        help_text=_("Used to estimate the travel time between two parties in a straight line."),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_agencies",
        verbose_name=_("proposed by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # MAX(updated_at) is part of the data version of the public pages' cache (the
    # agencies coming show there).
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["updated_at"], name="agency_updated")]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "city", "state"], name="agency_unique_name_place"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="agency_capacity_positive",
            ),
            models.CheckConstraint(
                condition=Q(travel_speed_mph__gte=5), name="agency_speed_positive"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.city}, {self.state})"

    def get_absolute_url(self):
        return reverse("events:agency", args=[self.pk])

    @property
    def tz(self):
        return zone(self.time_zone)


class AgencyArea(models.Model):
    """A place an agency serves: one community, a county, or a whole state."""

    class Kind(models.TextChoices):
        COMMUNITY = "community", _("City or town")
        COUNTY = "county", _("County")
        STATE = "state", _("Whole state")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="areas")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    state = models.CharField(_("state"), max_length=2, choices=State.choices)
    community = models.ForeignKey(
        Community,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="agency_areas",
        verbose_name=_("community"),
    )
    county = models.CharField(_("county"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("area served")
        verbose_name_plural = _("areas served")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="community", community__isnull=False, county="")
                    | (Q(kind="county", community__isnull=True) & ~Q(county=""))
                    | Q(kind="state", community__isnull=True, county="")
                ),
                name="agencyarea_fields_match_kind",
            ),
            models.UniqueConstraint(
                fields=["agency", "community"],
                condition=Q(kind="community"),
                name="agencyarea_unique_community",
            ),
            models.UniqueConstraint(
                fields=["agency", "state", "county"],
                condition=Q(kind="county"),
                name="agencyarea_unique_county",
            ),
            models.UniqueConstraint(
                fields=["agency", "state"],
                condition=Q(kind="state"),
                name="agencyarea_unique_state",
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.COMMUNITY:
            return str(self.community)
        if self.kind == self.Kind.COUNTY:
            return f"{self.county}, {self.state}"
        return self.get_state_display()


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class AgencyMembership(models.Model):
    """A user acting for an agency (a liaison), once an existing liaison or an admin approves."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Liaison")
        DECLINED = "declined", _("Declined")

    class Notify(models.TextChoices):
        EACH = "each", _("An e-mail for each new request")
        DAILY = "daily", _("One daily digest")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agency_memberships"
    )
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved or declined by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    notify = models.CharField(
        _("new requests"), max_length=10, choices=Notify.choices, default=Notify.EACH
    )
    last_digest_at = models.DateTimeField(_("last digest"), null=True, blank=True)
    # The secret in the address of the liaison's calendar feed; replaced to revoke it.
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)

    class Meta:
        verbose_name = _("agency membership")
        verbose_name_plural = _("agency memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency"], name="membership_unique"),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "declined"]),
                name="membership_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.agency} ({self.get_status_display()})"

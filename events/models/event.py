import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import signals
from ..addresses import block_of, blur
from ..states import State
from ..timezones import zone
from .community import Community

MAX_ATTENDANCE = 100_000


class Activity(models.Model):
    """What happens at an event: a managed vocabulary, edited in the admin."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(
        _("offered"), default=True, help_text=_("Inactive activities are no longer offered.")
    )
    # Part of the data version of the public pages' cache (the names show there).
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class EventQuerySet(signals.SignalsUpdates, models.QuerySet):
    def organized_by(self, user):
        return self.filter(organizer=user) if user.is_authenticated else self.none()

    def visible_to(self, user):
        """Events whose private pages `user` may see: their own, those of the communities
        they administer except drafts (a draft stays with its organizer until submitted);
        national admins all."""
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self.all()
        return self.filter(
            Q(organizer=user)
            | (
                Q(community__admins__user=user, community__admins__status="approved")
                & ~Q(status=EventStatus.DRAFT)
            )
        ).distinct()

    def of_community(self, community):
        """`community`'s events as its admins see them: all but drafts."""
        return self.filter(community=community).exclude(status=EventStatus.DRAFT)

    def reviewable_by(self, user):
        """Events of the communities `user` administers (national admins: all)."""
        return self.filter(community__in=Community.objects.administered_by(user))

    def editable_by(self, user):
        """Events `user` may change: their own, until cancelled or over."""
        return (
            self.organized_by(user).exclude(status=Event.Status.CANCELLED).filter(ends_at__gt=Now())
        )

    def public(self):
        """Events anyone may see: approved and public."""
        return self.filter(is_public=True, status=Event.Status.APPROVED)

    def upcoming_first(self):
        """Upcoming events soonest first, then past ones most recent first."""
        now = timezone.now()
        return self.annotate(
            ended=Case(When(ends_at__lt=now, then=Value(1)), default=Value(0)),
            upcoming_start=Case(When(ends_at__gte=now, then=F("starts_at"))),
        ).order_by("ended", F("upcoming_start").asc(nulls_last=True), "-starts_at", "pk")

    def for_listing(self):
        return self.select_related("community").prefetch_related("activities")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    CANCELLED = "cancelled", _("Cancelled")


class Event(models.Model):
    Status = EventStatus

    organizer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="organized_events",
        verbose_name=_("organizer"),
    )
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="events", verbose_name=_("community")
    )
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), max_length=4000, blank=True)

    venue_name = models.CharField(
        _("venue"), max_length=120, blank=True, help_text=_("Optional, e.g. Lincoln Park.")
    )
    address = models.CharField(_("street address"), max_length=200)
    city = models.CharField(_("city"), max_length=100)
    state = models.CharField(_("state"), max_length=2, choices=State.choices)
    zip_code = models.CharField(_("ZIP code"), max_length=5)
    # Filled from the ZIP code by the offline lookup.
    county = models.CharField(_("county"), max_length=100, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    time_zone = models.CharField(_("time zone"), max_length=64)

    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    # The local date of `starts_at` in `time_zone`, stored so that searches and counts
    # by date ("on the national night") stay in the database. Set with `set_times`.
    date = models.DateField(_("date"))

    activities = models.ManyToManyField(
        Activity, blank=True, related_name="events", verbose_name=_("activities")
    )
    other_activities = models.CharField(_("other activities"), max_length=200, blank=True)
    expected_adults = models.PositiveIntegerField(
        _("expected adults"), default=0, validators=[MaxValueValidator(MAX_ATTENDANCE)]
    )
    expected_children = models.PositiveIntegerField(
        _("expected children"), default=0, validators=[MaxValueValidator(MAX_ATTENDANCE)]
    )

    block_only = models.BooleanField(
        _("show only the block until the day of the event"),
        default=False,
        help_text=_(
            "Public pages say “100 block of Main St” instead of the house number until "
            "the day of the event."
        ),
    )
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Public events are listed for neighbors; private ones only for you."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # When the "how did it go?" e-mail went out (the day after), so it goes once.
    report_requested_at = models.DateTimeField(_("report asked"), null=True, blank=True)
    report_reminded_at = models.DateTimeField(_("report reminded"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["organizer", "starts_at"], name="event_organizer_start"),
            models.Index(fields=["status", "starts_at"], name="event_status_start"),
            models.Index(fields=["date"], name="event_date"),
            # The public search: approved public events on a date, in a latitude band
            # (longitude checked in the index too). With the columns a ZIP search
            # sorts its candidates by, PostgreSQL reads them from the index alone
            # (SQLite ignores `include`: models.W040 is silenced in settings).
            models.Index(
                fields=["status", "is_public", "date", "latitude", "longitude"],
                include=["id", "starts_at", "ends_at", "block_only", "time_zone"],
                name="event_public_search",
            ),
            # MAX(updated_at): the data version of the public pages' cache.
            models.Index(fields=["updated_at"], name="event_updated"),
            # The national dashboard's aggregations read only these columns of the
            # approved events of a period (the id joins reports and visits): an
            # index-only scan instead of the whole table.
            models.Index(
                fields=["date", "state", "community", "expected_adults", "expected_children", "id"],
                condition=Q(status=EventStatus.APPROVED),
                name="event_approved_figures",
            ),
            # A community's events in a period (its dashboard page, its admins' lists).
            models.Index(fields=["community", "date"], name="event_community_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(expected_adults__lte=MAX_ATTENDANCE)
                & Q(expected_children__lte=MAX_ATTENDANCE),
                name="event_attendance_bounded",
            ),
            models.CheckConstraint(
                condition=Q(status__in=EventStatus.values),
                name="event_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status=EventStatus.CANCELLED) | Q(cancelled_at__isnull=True),
                name="event_cancelled_at_only_when_cancelled",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.pk])

    def get_public_url(self):
        return reverse("events:public", args=[self.pk])

    def set_times(self, starts_at, ends_at):
        """Set the start and end (aware datetimes) and the local date they fall on."""
        self.starts_at, self.ends_at = starts_at, ends_at
        self.date = timezone.localtime(starts_at, zone(self.time_zone)).date()

    @property
    def tz(self):
        return zone(self.time_zone)

    @property
    def local_start(self) -> datetime.datetime:
        return timezone.localtime(self.starts_at, self.tz)

    @property
    def local_end(self) -> datetime.datetime:
        return timezone.localtime(self.ends_at, self.tz)

    @property
    def expected_attendance(self) -> int:
        return self.expected_adults + self.expected_children

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def is_listed_publicly(self) -> bool:
        return self.is_public and self.status == self.Status.APPROVED

    @property
    def is_open_for_requests(self) -> bool:
        return self.status in (self.Status.SUBMITTED, self.Status.APPROVED) and not self.is_past

    @staticmethod
    def block_only_applies(*, block_only, date, time_zone) -> bool:
        """Whether an organizer's block-only choice still applies (until the day itself)."""
        return block_only and timezone.localdate(timezone=zone(time_zone)) < date

    @staticmethod
    def position_shown(latitude, longitude, *, hidden) -> tuple[float, float]:
        """The position public pages may show: rounded while the address is hidden."""
        if hidden:
            return blur(latitude), blur(longitude)
        return float(latitude), float(longitude)

    @property
    def hides_house_number(self) -> bool:
        return self.block_only_applies(
            block_only=self.block_only, date=self.date, time_zone=self.time_zone
        )

    @property
    def public_address(self) -> str:
        return block_of(self.address) if self.hides_house_number else self.address

    @property
    def public_position(self) -> tuple[float, float]:
        """(latitude, longitude) as public pages, maps and feeds may show them."""
        return self.position_shown(self.latitude, self.longitude, hidden=self.hides_house_number)

    def can_edit(self, user) -> bool:
        return user.pk == self.organizer_id and not self.is_cancelled and not self.is_past

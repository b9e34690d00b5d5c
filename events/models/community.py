from django.db import models
from django.utils.translation import gettext_lazy as _

from ..states import State


class CommunityQuerySet(models.QuerySet):
    def for_place(self, *, name: str, state: str, county: str = ""):
        """The community called `name` in `state`, created if it is new."""
        community, _created = self.get_or_create(
            name=name, state=state, defaults={"county": county}
        )
        return community


class Community(models.Model):
    """A municipality (city, town, village, township, base) where events take place."""

    name = models.CharField(_("name"), max_length=100)
    state = models.CharField(_("state"), max_length=2, choices=State.choices)
    county = models.CharField(_("county"), max_length=100, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
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

"""The public search: by ZIP and radius, by city and state, by date, by activity."""

import functools

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language, ngettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from .. import public_cache, zips
from ..models import Activity
from ..national_night import next_national_night
from ..states import State

RADII = [1, 5, 10, 25]


@functools.lru_cache
def _state_choices(language):
    """The state menu in `language`, as plain strings: built once, not for every form."""
    return (("", str(_("Any state"))), *((code, str(name)) for code, name in State.choices))


@functools.lru_cache
def _radius_choices(language):
    return tuple(
        (str(r), ngettext("%(miles)d mile", "%(miles)d miles", r) % {"miles": r}) for r in RADII
    )


class SearchForm(forms.Form):
    """The search's fields and their checks. Its controls are written by the page's
    template (templates/jinja2/events/public/find.html), not by widgets."""

    zip = forms.CharField(label=_("ZIP code"), required=False, max_length=10)
    radius = forms.TypedChoiceField(
        label=_("Within"),
        choices=[
            (r, ngettext_lazy("%(miles)d mile", "%(miles)d miles", r) % {"miles": r}) for r in RADII
        ],
        coerce=int,
        initial=5,
        required=False,
    )
    city = forms.CharField(label=_("City"), required=False, max_length=100)
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[],  # Set for each form in its language (__init__).
    )
    date = forms.DateField(
        label=_("Date"),
        required=False,
        help_text=_("Leave empty for every upcoming date."),
        error_messages={"invalid": _("This date does not exist. Please check it.")},
    )
    activity = forms.ModelChoiceField(
        label=_("Activity"),
        queryset=Activity.objects.filter(is_active=True),
        to_field_name="slug",
        required=False,
        empty_label=_("Any activity"),
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.zip_info = None
        self.fields["state"].choices = _state_choices(get_language())
        if data is None or "date" not in data:
            self.initial["date"] = next_national_night(timezone.localdate())

    def menu(self, name) -> tuple[tuple[str, str], ...]:
        """The options of menu `name` (radius, state, activity) as (value, label)
        strings, for the page's template: the state and radius menus are built once
        per language, the activities read in one plain query at most once a second
        (`public_cache.activity_menu`; a ModelChoiceField iterates its queryset with
        a server-side cursor on PostgreSQL: three round trips instead of one)."""
        if name == "activity":
            return self._activity_menu
        return {"radius": _radius_choices, "state": _state_choices}[name](get_language())

    @functools.cached_property
    def _activity_menu(self):
        return (("", str(self.fields["activity"].empty_label)), *public_cache.activity_menu())

    def clean_zip(self):
        value = self.cleaned_data["zip"].strip()
        if not value:
            return ""
        zip_code = zips.normalize(value)
        if zip_code is None:
            raise ValidationError(
                _("Enter a five-digit US ZIP code, such as 20500."), code="format"
            )
        info = zips.lookup(zip_code)
        if info is None:
            raise ValidationError(
                _("We don't know the ZIP code %(zip)s. Please check it."),
                code="unknown",
                params={"zip": zip_code},
            )
        if info.state not in State.values:
            raise ValidationError(
                _(
                    "%(zip)s is a military or overseas ZIP code; nno lists events in the US "
                    "states, DC and the territories."
                ),
                code="outside",
                params={"zip": zip_code},
            )
        self.zip_info = info
        return zip_code

    def clean_radius(self):
        return self.cleaned_data["radius"] or 5

    def clean(self):
        cleaned = super().clean()
        # When the visitor did not choose a date, the next national night is meant;
        # in Texas that is October's.
        if self.data is not None and "date" not in self.data:
            state = self.zip_info.state if self.zip_info else cleaned.get("state")
            cleaned["date"] = next_national_night(timezone.localdate(), state or None)
        return cleaned

    @property
    def wider_radius(self):
        """The next radius up, to suggest when nothing was found."""
        radius = self.cleaned_data.get("radius") or 5
        return next((r for r in RADII if r > radius), None)

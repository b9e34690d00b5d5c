"""The public search: by ZIP and radius, by city and state, by date, by activity."""

import functools

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language, ngettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from markupsafe import Markup

from .. import public_cache, zips
from ..models import Activity
from ..national_night import next_national_night
from ..states import State

RADII = [1, 5, 10, 25]


@functools.lru_cache(maxsize=1024)
def _options(choices, chosen):
    """The <option>s of a menu of `choices` ((value, label) strings), `chosen` selected:
    the same few menus and choices come back on every search page."""
    return Markup("").join(
        Markup('<option value="{}"{}>{}</option>').format(
            choice, Markup(" selected") if choice == chosen else "", label
        )
        for choice, label in choices
    )


@functools.lru_cache
def _state_choices(language):
    """The state menu in `language`, as plain strings: built once, not for every form."""
    return (("", str(_("Any state"))), *((code, str(name)) for code, name in State.choices))


@functools.lru_cache
def _radius_choices(language):
    return tuple(
        (str(r), ngettext("%(miles)d mile", "%(miles)d miles", r) % {"miles": r}) for r in RADII
    )


# How each control is written: a menu, or an input of that type with these attributes.
CONTROLS = {
    "zip": ("text", Markup(' inputmode="numeric" autocomplete="postal-code" maxlength="10"')),
    "radius": ("select", None),
    "city": ("text", Markup(' maxlength="100"')),
    "state": ("select", None),
    "date": ("date", Markup("")),
    "activity": ("select", None),
}
FIELD = Markup(
    '<div class="mb-2">\n  <label class="form-label" for="{id}">{label}</label>\n  {control}{help}'
    "{errors}\n</div>"
)
HELP = Markup('\n  <div class="form-text" id="{id}_helptext">{text}</div>')
ERRORS = Markup('\n  <div class="invalid-feedback d-block" id="{id}_error">{text}</div>')


class SearchForm(forms.Form):
    """The search's fields and their checks, and their controls (`control`): the
    markup of Django's widgets with Bootstrap's classes, written here, where
    Django's rendering took a third of the busiest page of the national night."""

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
        # What the form accepts; the menu shows the names (`menu`).
        choices=[(code, code) for code in State.values],
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

    def control(self, name) -> Markup:
        """Field `name`'s label, input or menu, help and errors, each message tied
        to the control by aria-describedby."""
        field = self[name]
        id_, errors, help_text = field.auto_id, field.errors, field.help_text
        described = " ".join(
            [f"{id_}_helptext"] * bool(help_text) + [f"{id_}_error"] * bool(errors)
        )
        attributes = Markup(' id="{}" name="{}"').format(id_, field.html_name)
        if described:
            attributes += Markup(' aria-describedby="{}"').format(described)
        if errors:
            attributes += Markup(' aria-invalid="true"')
        kind, extra = CONTROLS[name]
        value = field.value()
        if kind == "select":
            chosen = "" if value is None else str(value)
            control = Markup('<select class="form-select"{}>{}</select>').format(
                attributes, _options(self.menu(name), chosen)
            )
        else:
            shown = Markup(' value="{}"').format(value) if value not in (None, "") else ""
            control = Markup('<input type="{}" class="form-control"{}{}{}>').format(
                kind, attributes, extra, shown
            )
        help_line = error_line = ""
        if help_text:
            help_line = HELP.format(id=id_, text=help_text)
        if errors:
            error_line = ERRORS.format(id=id_, text=" ".join(errors))
        return FIELD.format(
            id=id_, label=field.label, control=control, help=help_line, errors=error_line
        )

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

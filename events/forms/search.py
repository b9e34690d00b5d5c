"""The public search: by ZIP and radius, by city and state, by date, by activity."""

import functools

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from markupsafe import Markup, escape

from .. import public_cache, zips
from ..models import Activity
from ..national_night import next_national_night
from ..states import State

RADII = [1, 5, 10, 25]
RADIUS_VALUES = [str(r) for r in RADII]


def _check_choice(value, choices):
    """Refuse a menu's `value` that is not one of its `choices`, as a ChoiceField does."""
    if value and value not in choices:
        raise ValidationError(
            forms.ChoiceField.default_error_messages["invalid_choice"],
            code="invalid_choice",
            params={"value": value},
        )


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
    "zip": ("text", ' inputmode="numeric" autocomplete="postal-code" maxlength="10"'),
    "radius": ("select", None),
    "city": ("text", ' maxlength="100"'),
    "state": ("select", None),
    "date": ("date", ""),
    "activity": ("select", None),
}


class SearchForm(forms.Form):
    """The search's fields and their checks, and their controls (`control`): the
    markup of Django's widgets with Bootstrap's classes, written here, where
    Django's rendering took a third of the busiest page of the national night."""

    zip = forms.CharField(label=_("ZIP code"), required=False, max_length=10)
    # Menus checked against their choices by `clean_radius` and `clean_state`: a
    # ChoiceField copies its choices for every form, a tenth of the search page.
    radius = forms.CharField(label=_("Within"), initial=5, required=False)
    city = forms.CharField(label=_("City"), required=False, max_length=100)
    state = forms.CharField(label=_("State"), required=False)
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
        id_, errors, help_text = escape(field.auto_id), field.errors, field.help_text
        described = [f"{id_}_helptext"] * bool(help_text) + [f"{id_}_error"] * bool(errors)
        attributes = f' id="{id_}" name="{escape(field.html_name)}"'
        if described:
            attributes += f' aria-describedby="{" ".join(described)}"'
        if errors:
            attributes += ' aria-invalid="true"'
        kind, extra = CONTROLS[name]
        value = field.value()
        if kind == "select":
            chosen = "" if value is None else str(value)
            options = _options(self.menu(name), chosen)
            control = f'<select class="form-select"{attributes}>{options}</select>'
        else:
            shown = f' value="{escape(value)}"' if value not in (None, "") else ""
            control = f'<input type="{kind}" class="form-control"{attributes}{extra}{shown}>'
        lines = [
            '<div class="mb-2">',
            f'  <label class="form-label" for="{id_}">{escape(field.label)}</label>',
            f"  {control}",
        ]
        if help_text:
            lines.append(f'  <div class="form-text" id="{id_}_helptext">{escape(help_text)}</div>')
        if errors:
            text = escape(" ".join(errors))
            lines.append(f'  <div class="invalid-feedback d-block" id="{id_}_error">{text}</div>')
        return Markup("\n".join([*lines, "</div>"]))  # noqa: S704 (every value escaped)

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
        value = self.cleaned_data["radius"]
        _check_choice(value, RADIUS_VALUES)
        return int(value) if value else 5

    def clean_state(self):
        value = self.cleaned_data["state"]
        _check_choice(value, State.values)
        return value

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

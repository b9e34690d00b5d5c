import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .. import zips
from ..models import Activity, Event
from ..national_night import next_national_night
from ..timezones import zone

# Markup or control characters have no place in a title, an address or a city.
MARKUP_RE = re.compile(r"<\s*[a-zA-Z/!?]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PLAIN_TEXT_FIELDS = ["title", "venue_name", "address", "city", "other_activities"]
LATEST_YEARS_AHEAD = 2


def plain_text(value):
    if MARKUP_RE.search(value or ""):
        raise ValidationError(
            _("Please use plain text here, without < > tags or control characters."),
            code="markup",
        )


def check_place(form, cleaned, info):
    """Check that the ZIP code (`info`) lies in the chosen state and serves the city
    named; put the errors on `form`. Returns the ZIP data's spelling of the city, or
    None when something is missing or wrong."""
    state, city = cleaned.get("state"), cleaned.get("city")
    if info is None or not state:
        return None
    if info.state != state:
        form.add_error(
            "zip_code",
            ValidationError(
                _("ZIP code %(zip)s is in %(city)s, %(zip_state)s, not in %(state)s."),
                code="wrong_state",
                params={
                    "zip": info.zip_code,
                    "city": info.city,
                    "zip_state": info.state,
                    "state": state,
                },
            ),
        )
        return None
    if not city:
        return None
    place = info.place_named(city)
    if place is None:
        form.add_error(
            "city",
            ValidationError(
                _("ZIP code %(zip)s is in %(cities)s. Please check the city or the ZIP."),
                code="wrong_city",
                params={"zip": info.zip_code, "cities": _(" or ").join(info.cities)},
            ),
        )
    return place


class EventForm(forms.ModelForm):
    """Register or edit an event. Date and times are in the event's own time zone."""

    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    start_time = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("Ends at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    # Declared here, not taken from the model (five characters), to accept ZIP+4;
    # clean_zip_code stores the five digits.
    zip_code = forms.CharField(
        label=_("ZIP code"),
        max_length=10,
        help_text=_("Five digits. We use it to find the county, map position and time zone."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "description",
            "venue_name",
            "address",
            "city",
            "state",
            "zip_code",
            "activities",
            "other_activities",
            "expected_adults",
            "expected_children",
            "is_public",
            "block_only",
        ]
        labels = {
            "is_public": _("List this event publicly so neighbors can find it"),
            "other_activities": _("Other activities"),
        }
        help_texts = {
            "other_activities": _("Anything not in the list above, separated by commas."),
            "description": _("What neighbors should know: what to bring, parking, rain plan."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "activities": forms.CheckboxSelectMultiple,
            "address": forms.TextInput(attrs={"autocomplete": "street-address"}),
        }

    field_order = [
        "title",
        "description",
        "date",
        "start_time",
        "end_time",
        "venue_name",
        "address",
        "city",
        "state",
        "zip_code",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activities"].queryset = Activity.objects.filter(is_active=True) | (
            self.instance.activities.all() if self.instance.pk else Activity.objects.none()
        )
        self.fields["activities"].queryset = self.fields["activities"].queryset.distinct()
        for name in PLAIN_TEXT_FIELDS:
            self.fields[name].validators.append(plain_text)
        if self.instance.pk:
            self.initial.update(
                date=self.instance.local_start.date(),
                start_time=self.instance.local_start.time(),
                end_time=self.instance.local_end.time(),
            )
        else:
            today = timezone.localdate()
            night = next_national_night(today)
            texas_night = next_national_night(today, "TX")
            self.initial.setdefault("date", night)
            self.initial.setdefault("start_time", datetime.time(17, 0))
            self.initial.setdefault("end_time", datetime.time(21, 0))
            self.fields["date"].help_text = _(
                "National Night Out is %(night)s (in Texas: %(texas)s). Any other date works "
                "too: many towns pick their own night."
            ) % {
                "night": date_format(night, "l, F j, Y"),
                "texas": date_format(texas_night, "l, F j, Y"),
            }
        self.zip_info = None

    def clean_zip_code(self):
        value = self.cleaned_data["zip_code"]
        zip_code = zips.normalize(value)
        if zip_code is None:
            raise ValidationError(_("Enter a five-digit ZIP code, such as 20500."), code="format")
        info = zips.lookup(zip_code)
        # Military (APO/FPO) ZIP codes have no time zone: no event can take place there.
        if info is None or not info.time_zone:
            raise ValidationError(
                _("We don't know the ZIP code %(zip)s. Please check it."),
                code="unknown",
                params={"zip": zip_code},
            )
        self.zip_info = info
        return zip_code

    def clean_expected_adults(self):
        return self.cleaned_data["expected_adults"] or 0

    def clean_expected_children(self):
        return self.cleaned_data["expected_children"] or 0

    def clean(self):
        cleaned = super().clean()
        self._clean_place(cleaned)
        self._clean_times(cleaned)
        adults, children = cleaned.get("expected_adults"), cleaned.get("expected_children")
        if adults is not None and children is not None and adults + children < 1:
            self.add_error(
                "expected_adults", _("How many people do you expect? At least one, please.")
            )
        return cleaned

    def _clean_place(self, cleaned):
        place = check_place(self, cleaned, self.zip_info)
        if place is not None:
            cleaned["city"] = place

    def _clean_times(self, cleaned):
        date, start, end = (cleaned.get(k) for k in ("date", "start_time", "end_time"))
        if date is None or start is None or end is None:
            return
        if end <= start:
            self.add_error("end_time", _("The event must end after it starts."))
            return
        tz = zone(self.zip_info.time_zone) if self.zip_info else None
        if tz is None:
            return
        today = timezone.localdate(timezone=tz)
        date_changed = not self.instance.pk or date != self.instance.local_start.date()
        if date_changed and date < today:
            self.add_error("date", _("This date has passed. Please pick a future date."))
        elif date.year > today.year + LATEST_YEARS_AHEAD:
            self.add_error(
                "date",
                _("Please register events at most %(years)s years ahead.")
                % {"years": LATEST_YEARS_AHEAD},
            )
        cleaned["starts_at"] = datetime.datetime.combine(date, start, tzinfo=tz)
        cleaned["ends_at"] = datetime.datetime.combine(date, end, tzinfo=tz)
        if cleaned["starts_at"] <= timezone.now() and date_changed and date == today:
            self.add_error("start_time", _("This time has passed. Please pick a later time."))

    def _post_clean(self):
        # Place and time fields the organizer does not type, set before model validation
        # so the database constraints are checked against the real values.
        if self.zip_info is not None and not self.errors:
            self.instance.county = self.zip_info.county
            self.instance.latitude = self.zip_info.latitude
            self.instance.longitude = self.zip_info.longitude
            self.instance.time_zone = self.zip_info.time_zone
        if "starts_at" in self.cleaned_data and self.instance.time_zone:
            self.instance.set_times(self.cleaned_data["starts_at"], self.cleaned_data["ends_at"])
        super()._post_clean()

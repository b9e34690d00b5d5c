"""Forms of the agency side: requests, answers, the inbox filter, agencies."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .. import zips
from ..models import Agency, AgencyMembership, VisitRequest
from .event import check_place, plain_text

TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _on_event_day(event, time):
    return datetime.datetime.combine(event.local_start.date(), time, tzinfo=event.tz)


class VisitRequestForm(forms.ModelForm):
    """What an organizer asks of one agency. Times are the event's local times."""

    window_start = forms.TimeField(label=_("Preferred from"), required=False, widget=TIME_WIDGET)
    window_end = forms.TimeField(label=_("Preferred until"), required=False, widget=TIME_WIDGET)

    class Meta:
        model = VisitRequest
        fields = ["kind", "note"]
        widgets = {"kind": forms.RadioSelect}
        help_texts = {"note": _("For example: “K9 demo for the kids at 6”.")}

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["kind"].initial = VisitRequest.Kind.VISIT
        self.fields["note"].validators.append(plain_text)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("window_start"), cleaned.get("window_end")
        if cleaned.get("kind") != VisitRequest.Kind.VISIT or (start is None and end is None):
            cleaned["preferred_start"] = cleaned["preferred_end"] = None
            return cleaned
        event = self.event
        start_at = _on_event_day(event, start) if start else event.starts_at
        end_at = _on_event_day(event, end) if end else event.ends_at
        if end_at <= start_at:
            self.add_error("window_end", _("The end of the window must be after its start."))
        elif start_at < event.starts_at or end_at > event.ends_at:
            self.add_error(
                "window_start" if start_at < event.starts_at else "window_end",
                _("The window must be within the event's hours (%(hours)s).")
                % {"hours": f"{event.local_start:%H:%M}–{event.local_end:%H:%M}"},
            )
        cleaned["preferred_start"], cleaned["preferred_end"] = start_at, end_at
        return cleaned


class AcceptForm(forms.Form):
    start_time = forms.TimeField(label=_("Visit from"), required=False, widget=TIME_WIDGET)
    end_time = forms.TimeField(label=_("Visit until"), required=False, widget=TIME_WIDGET)
    unit = forms.CharField(
        label=_("Unit or people"),
        max_length=100,
        required=False,
        validators=[plain_text],
        help_text=_("Who comes, e.g. “K9 unit”, “Engine 3”."),
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, visit, **kwargs):
        super().__init__(*args, **kwargs)
        self.visit = visit
        if visit.is_visit:
            self.fields["start_time"].required = True
            self.fields["end_time"].required = True
            start = visit.suggested_start or visit.preferred_start or visit.event.starts_at
            end = min(start + datetime.timedelta(minutes=20), visit.event.ends_at)
            tz = visit.event.tz
            self.initial.setdefault("start_time", start.astimezone(tz).time())
            self.initial.setdefault("end_time", end.astimezone(tz).time())
        else:
            del self.fields["start_time"], self.fields["end_time"]

    def clean(self):
        cleaned = super().clean()
        if not self.visit.is_visit:
            return cleaned
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start is None or end is None:
            return cleaned
        event = self.visit.event
        cleaned["start"], cleaned["end"] = _on_event_day(event, start), _on_event_day(event, end)
        if cleaned["end"] <= cleaned["start"]:
            self.add_error("end_time", _("The visit must end after it starts."))
        elif cleaned["start"] < event.starts_at or cleaned["end"] > event.ends_at:
            self.add_error(
                "start_time",
                _("The visit must be within the event's hours (%(hours)s).")
                % {"hours": f"{event.local_start:%H:%M}–{event.local_end:%H:%M}"},
            )
        return cleaned


class DeclineForm(forms.ModelForm):
    class Meta:
        model = VisitRequest
        fields = ["decline_reason"]
        labels = {"decline_reason": _("Reason (the organizer will see it)")}
        widgets = {"decline_reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decline_reason"].required = True
        self.fields["decline_reason"].validators.append(plain_text)


class InboxFilterForm(forms.Form):
    date = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *VisitRequest.Status.choices]
    )
    city = forms.CharField(label=_("City"), required=False, max_length=100)

    def filter(self, visits):
        if not self.is_valid():
            return visits
        data = self.cleaned_data
        if data["status"]:
            visits = visits.filter(status=data["status"])
        if data["city"]:
            visits = visits.filter(event__city__iexact=data["city"].strip())
        if data["date"]:
            visits = visits.filter(event__date=data["date"])
        return visits


class AgencyForm(forms.ModelForm):
    """An organizer proposes an agency that is missing (it starts unverified)."""

    # Declared here, not taken from the model (five characters), to accept ZIP+4 like
    # the event form; clean_zip_code stores the five digits.
    zip_code = forms.CharField(
        label=_("ZIP code"),
        max_length=10,
        help_text=_("Of its headquarters. We use it to place the agency and rank it by distance."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )

    class Meta:
        model = Agency
        fields = ["name", "kind", "city", "state", "zip_code", "phone", "email", "website"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["name", "city", "phone"]:
            self.fields[name].validators.append(plain_text)
        self.zip_info = None

    def clean_zip_code(self):
        zip_code = zips.normalize(self.cleaned_data["zip_code"])
        if zip_code is None:
            raise ValidationError(_("Enter a five-digit ZIP code, such as 20500."), code="format")
        info = zips.lookup(zip_code)
        # Military (APO/FPO) ZIP codes have no time zone to plan visits in.
        if info is None or not info.time_zone:
            raise ValidationError(
                _("We don't know this ZIP code. Please check it."), code="unknown"
            )
        self.zip_info = info
        return zip_code

    def clean(self):
        cleaned = super().clean()
        place = check_place(self, cleaned, self.zip_info)
        if place is None:
            return cleaned
        cleaned["city"] = place
        # The database constraint is case-sensitive; "springfield police department"
        # is the same agency for the people looking for it.
        name = cleaned.get("name")
        if (
            name
            and Agency.objects.filter(
                name__iexact=name, city__iexact=place, state=cleaned["state"]
            ).exists()
        ):
            self.add_error("name", _("This agency is already registered: search for it."))
            return cleaned
        info = self.zip_info
        self.instance.latitude, self.instance.longitude = info.latitude, info.longitude
        self.instance.time_zone = info.time_zone
        return cleaned


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person to invite"), max_length=254)


class NotifyForm(forms.ModelForm):
    class Meta:
        model = AgencyMembership
        fields = ["notify"]
        widgets = {"notify": forms.RadioSelect}

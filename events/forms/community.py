"""Forms of the municipal admins' side: asking for the role, filters, reviews, settings."""

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from .. import zips
from ..models import Community, CommunityAdmin, Event, ExportRecord
from ..states import State
from .event import plain_text


class AskRoleForm(forms.ModelForm):
    """Ask to administer a community, named by its state and city or town."""

    state = forms.ChoiceField(label=_("State"), choices=[("", "---------"), *State.choices])
    city = forms.CharField(
        label=_("City or town"),
        max_length=100,
        validators=[plain_text],
        help_text=_("The municipality whose events you would review."),
    )

    class Meta:
        model = CommunityAdmin
        fields = ["reason"]

    field_order = ["state", "city", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = True
        self.fields["reason"].validators.append(plain_text)
        self.community = None
        self.place = None

    def clean(self):
        cleaned = super().clean()
        state, city = cleaned.get("state"), cleaned.get("city")
        if not state or not city:
            return cleaned
        name = " ".join(city.split())
        self.community = Community.objects.filter(name__iexact=name, state=state).first()
        if self.community is None:
            self.place = zips.find_place(name, state)
            if self.place is None:
                self.add_error(
                    "city",
                    _("We know no city or town called “%(city)s” in %(state)s. Please check it.")
                    % {"city": name, "state": State(state).label},
                )
        return cleaned

    def get_community(self) -> Community:
        """The community asked for, created if it has no event yet (call once valid)."""
        if self.community is None:
            name, county = self.place
            self.community = Community.objects.for_place(
                name=name, state=self.cleaned_data["state"], county=county
            )
        return self.community


class CommunityEventFilterForm(forms.Form):
    """Filters of a community's events; each field that is valid is applied."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        # Drafts stay with their organizer until submitted.
        choices=[
            ("", _("All")),
            *[
                (value, label)
                for value, label in Event.Status.choices
                if value != Event.Status.DRAFT
            ],
        ],
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    street = forms.CharField(label=_("Street"), required=False, max_length=100)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the range must not be before its start."))
        return cleaned

    @property
    def applied(self) -> dict:
        """The filters in use: the valid, non-empty ones."""
        self.is_valid()
        return {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if value not in ("", None)
        }

    def filter(self, events):
        applied = self.applied
        if "status" in applied:
            events = events.filter(status=applied["status"])
        if "date_from" in applied:
            events = events.filter(date__gte=applied["date_from"])
        if "date_to" in applied:
            events = events.filter(date__lte=applied["date_to"])
        if "street" in applied:
            events = events.filter(address__icontains=applied["street"].strip())
        return events

    def describe(self) -> str:
        """The applied filters as a query string, for the export record."""
        text = urlencode({name: str(value) for name, value in self.applied.items()})
        return text[: ExportRecord._meta.get_field("filters").max_length]


class ReviewForm(forms.Form):
    """A reviewer's comment: optional to approve, required to ask for changes."""

    comment = forms.CharField(
        label=_("Comment for the organizer"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, required=False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["comment"]
        field.required = required
        field.error_messages["required"] = _("Tell the organizer what to change.")
        if required:
            field.label = _("What should the organizer change?")


class ApprovalForm(forms.ModelForm):
    class Meta:
        model = Community
        fields = ["approval"]
        widgets = {"approval": forms.RadioSelect}


class CoAdminForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the new co-admin"),
        max_length=254,
        help_text=_("They need an nno account already."),
    )

"""After the night: the organizer's report, the liaison's "visit made" mark."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..models import Agency, EventReport, VisitRequest
from ..models.event import MAX_ATTENDANCE
from .event import plain_text


class ReportForm(forms.ModelForm):
    """How the night went. Agencies to choose from: those that accepted a request."""

    class Meta:
        model = EventReport
        fields = ["actual_adults", "actual_children", "agencies_came", "highlights"]
        labels = {
            "actual_adults": _("Adults who came"),
            "actual_children": _("Children who came"),
            "agencies_came": _("Agencies that came"),
            "highlights": _("Highlights"),
        }
        help_texts = {
            "actual_adults": _("Your best estimate is fine."),
            "highlights": _("A few lines: what neighbors enjoyed, who came, what to do again."),
        }
        widgets = {
            "agencies_came": forms.CheckboxSelectMultiple,
            "highlights": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        accepted = VisitRequest.objects.filter(
            event=event, status=VisitRequest.Status.ACCEPTED
        ).values("agency")
        # An agency chosen earlier stays on offer even if its request changed since.
        chosen = (
            self.instance.agencies_came.values("pk")
            if self.instance.pk
            else Agency.objects.none().values("pk")
        )
        self.fields["agencies_came"].queryset = Agency.objects.filter(
            Q(pk__in=accepted) | Q(pk__in=chosen)
        ).order_by("name", "pk")
        if not self.instance.pk:
            # Those the liaisons marked as having come, as a starting point.
            self.initial["agencies_came"] = list(
                VisitRequest.objects.filter(
                    event=event, status=VisitRequest.Status.ACCEPTED, made_at__isnull=False
                ).values_list("agency", flat=True)
            )
        for name in ("actual_adults", "actual_children"):
            self.fields[name].widget.attrs.update(min=0, max=MAX_ATTENDANCE)
        self.fields["highlights"].validators.append(plain_text)


class MadeForm(forms.Form):
    """A liaison's "the visit was made" (1) or "not made" (0)."""

    made = forms.TypedChoiceField(
        choices=[("1", _("Made")), ("0", _("Not made"))], coerce=lambda value: value == "1"
    )

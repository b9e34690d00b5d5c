from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from .mail import send_templated_email
from .models import User, normalize_email


class SignUpForm(auth_forms.BaseUserCreationForm):
    class Meta:
        model = User
        fields = ["full_name", "email", "phone"]
        help_texts = {
            "phone": _("Optional. Shown only to the agencies you invite to your events."),
        }

    def clean_email(self):
        return normalize_email(self.cleaned_data["email"])

    def validate_unique(self):
        """Skipped on purpose: saying "this address is registered" would reveal it.

        `accounts.services.sign_up` answers exactly as for a new address and mails
        the address's owner instead.
        """


class EmailAuthenticationForm(auth_forms.AuthenticationForm):
    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": _("Please enter a correct e-mail address and password."),
        "inactive": _(
            "Please confirm your e-mail address first: open the link we sent you. "
            "No e-mail? Ask for a new link below."
        ),
    }


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)

    def clean_email(self):
        return normalize_email(self.cleaned_data["email"])


class QueuedPasswordResetForm(auth_forms.PasswordResetForm):
    """Django's password reset form, sending its mail through our task queue."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        send_templated_email(
            template="accounts/email/password_reset", context=context, to=[to_email]
        )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone"]
        help_texts = {
            "phone": _("Optional. Shown only to the agencies you invite to your events."),
        }

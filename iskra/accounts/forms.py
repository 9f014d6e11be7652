"""Forms of the accounts app; allauth's security-key forms get a translated label."""

from typing import Any

from allauth.mfa.webauthn.forms import AddWebAuthnForm, EditWebAuthnForm
from django import forms
from django.utils.translation import gettext_lazy as _

KEY_NAME_LABEL = _("Name of the key")


class AddSecurityKeyForm(AddWebAuthnForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].label = KEY_NAME_LABEL


class EditSecurityKeyForm(EditWebAuthnForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].label = KEY_NAME_LABEL


class RestoreForm(forms.Form):
    """The organizer gives a restored account a new password (and tells it to its owner in
    person); its owner then sets up a new second factor."""

    password = forms.CharField(
        label=_("New password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        min_length=10,
        max_length=200,
    )


class ExposureForm(forms.Form):
    days = forms.IntegerField(
        label=_("Days to look back"), min_value=1, max_value=3650, initial=90, required=False
    )

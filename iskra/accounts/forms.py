"""allauth's security-key forms with a translated label (allauth leaves "Name" untranslated)."""

from typing import Any

from allauth.mfa.webauthn.forms import AddWebAuthnForm, EditWebAuthnForm
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

import base64
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.http import HttpRequest

from iskra.network.services import invitation_accept, invitation_for_token

INVITATION_SESSION_KEY = "iskra_invitation_token"


class InvitationOnlyAdapter(DefaultAccountAdapter):
    """Sign-up is closed, except for somebody holding a valid invitation link."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        token = request.session.get(INVITATION_SESSION_KEY)
        return isinstance(token, str) and invitation_for_token(token) is not None

    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        user = super().save_user(request, user, form, commit=False)
        user.language = getattr(request, "LANGUAGE_CODE", "en")
        if commit:
            user.save()
            token = request.session.pop(INVITATION_SESSION_KEY, None)
            if token:
                invitation_accept(user=user, token=token)
        return user


class EncryptingMFAAdapter(DefaultMFAAdapter):
    """TOTP secrets and recovery-code seeds are stored encrypted, with a key derived from the
    secret key, so that a copy of the database alone cannot mint login codes."""

    def encrypt(self, text: str) -> str:
        return _mfa_fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        return _mfa_fernet().decrypt(encrypted_text.encode()).decode()


def _mfa_fernet() -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"iskra-mfa").derive(
        settings.SECRET_KEY.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))

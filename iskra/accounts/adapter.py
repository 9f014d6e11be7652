import base64
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from iskra.audit.services import log_action
from iskra.core.errors import DomainError
from iskra.core.privacy import pseudonymous_address
from iskra.network.models import Membership
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
        if not commit:
            return user
        # The account and its membership exist together or not at all: a link used up by
        # somebody else while this form was open leaves no account without a collective.
        try:
            with transaction.atomic():
                user.save()
                invitation_accept(user=user, token=request.session.get(INVITATION_SESSION_KEY, ""))
        except DomainError:
            request.session.pop(INVITATION_SESSION_KEY, None)
            raise ImmediateHttpResponse(
                render(request, "accounts/join_invalid.html", status=404)
            ) from None
        request.session.pop(INVITATION_SESSION_KEY, None)
        return user

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        """A new member lands on the page of the collective that invited them."""
        user: Any = request.user
        membership = Membership.objects.active().filter(user=user).order_by("-pk").first()
        if membership is None:
            return super().get_signup_redirect_url(request)
        return reverse("network:collective", args=[membership.collective.slug])

    def get_client_ip(self, request: HttpRequest) -> str:
        """Never the address itself: today's keyed hash of it (see iskra.core.privacy), which
        is all allauth's rate limits and session rows ever see."""
        return pseudonymous_address(super().get_client_ip(request))

    def login(self, request: HttpRequest, user: Any) -> None:
        super().login(request, user)
        log_action("accounts.login.succeeded", actor=user, target=user)
        # From now on the person's own language: allauth's "signed in" message that follows
        # is already in it.
        if user.language in dict(settings.LANGUAGES):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language


class EncryptingMFAAdapter(DefaultMFAAdapter):
    """TOTP secrets and recovery-code seeds are stored encrypted, with keys derived from the
    secret key, so that a copy of the database alone cannot mint login codes. New values use
    SECRET_KEY; values written under a key listed in SECRET_KEY_FALLBACKS still decrypt, so
    rotating the secret key does not lock anybody out."""

    def encrypt(self, text: str) -> str:
        return _mfa_fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        return _mfa_fernet().decrypt(encrypted_text.encode()).decode()


def _mfa_fernet() -> MultiFernet:
    keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return MultiFernet([_fernet_for(key) for key in keys])


def _fernet_for(secret_key: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"iskra-mfa").derive(
        secret_key.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))

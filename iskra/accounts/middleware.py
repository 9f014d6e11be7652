import hashlib
from collections.abc import Callable

from allauth.usersessions.internal import usersessionkit
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from iskra.network.scope import needs_two_factor

# Paths a user who still has to set up two-factor login may reach.
TWO_FACTOR_SETUP_PREFIXES = ("/accounts/", "/static/", "/me/language/", "/me/join/")


class UserLanguageMiddleware:
    """The signed-in user's chosen language wins over the browser's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        # A language since removed from settings falls back to the browser's.
        if user is not None and user.is_authenticated and user.language in dict(settings.LANGUAGES):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class RequireTwoFactorMiddleware:
    """Organizers, editors, treasurers and centre users must have two-factor login set up."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(TWO_FACTOR_SETUP_PREFIXES)
            and needs_two_factor(user)
            and not _has_two_factor(user)
        ):
            messages.warning(
                request,
                _("Your role needs two-factor login. Set up an authenticator app to continue."),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


def _has_two_factor(user: object) -> bool:
    from allauth.mfa.adapter import get_adapter
    from allauth.mfa.models import Authenticator

    # Recovery codes alone are a fallback, not a second factor.
    return get_adapter().is_mfa_enabled(
        user, [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    )


# How often a session's "last seen" (time and address, on the sessions page) is refreshed.
SESSION_ACTIVITY_SECONDS = 60


class SessionActivityMiddleware:
    """allauth's session tracking, at most once a minute per session. allauth's own
    middleware writes the session row on every request: a write lock on SQLite and four
    statements per page for a "last seen" shown to the minute."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if user is not None and user.is_authenticated and session and session.session_key:
            # The session key is a secret: the cache only sees a hash of it.
            digest = hashlib.sha256(session.session_key.encode()).hexdigest()[:32]
            key = f"session-seen:{digest}"
            # get, then set: the database cache's add() counts the table and tries an
            # insert on every call; a rare double refresh between two requests is harmless.
            if cache.get(key) is None:
                cache.set(key, 1, SESSION_ACTIVITY_SECONDS)
                usersessionkit.track_activity(request, user=user, session=session)
        return self.get_response(request)

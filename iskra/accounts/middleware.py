import time
from collections.abc import Callable

from allauth.usersessions.internal import usersessionkit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from iskra.network.scope import has_two_factor, needs_two_factor

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
            and (needs_two_factor(user) or user.needs_new_second_factor)
            and not _has_two_factor(user)
        ):
            messages.warning(
                request,
                _("Your role needs two-factor login. Set up an authenticator app to continue."),
            )
            return redirect(reverse("mfa_activate_totp"))
        if (
            user is not None
            and user.is_authenticated
            and user.needs_new_second_factor
            and _has_two_factor(user)
        ):
            # A restored account has its new second factor: the requirement is met.
            get_user_model().objects.filter(pk=user.pk).update(needs_new_second_factor=False)
        return self.get_response(request)


def _has_two_factor(user: object) -> bool:
    # Recovery codes alone are a fallback, not a second factor (one answer per request).
    return has_two_factor(user)


# How often a session's "last seen" (time and address, on the sessions page) is refreshed.
SESSION_ACTIVITY_SECONDS = 60
SESSION_SEEN_KEY = "_iskra_seen"


class SessionActivityMiddleware:
    """allauth's session tracking, at most once a minute per session. allauth's own
    middleware writes the session row on every request: a write lock on SQLite and four
    statements per page for a "last seen" shown to the minute. The time of the last refresh
    is kept in the session itself, which every page loads anyway: no query of its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if user is not None and user.is_authenticated and session and session.session_key:
            now = int(time.time())
            if now - session.get(SESSION_SEEN_KEY, 0) >= SESSION_ACTIVITY_SECONDS:
                session[SESSION_SEEN_KEY] = now
                usersessionkit.track_activity(request, user=user, session=session)
        return self.get_response(request)

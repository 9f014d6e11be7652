"""Who may log in at all: not a compromised account, and not a demo account in production."""

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from django.conf import settings
from django.contrib.auth import get_user_model


def login_blocked(user: Any) -> bool:
    """A compromised account stays out until an organizer restores it; demo accounts (published
    password and two-factor secrets) exist only in development mode."""
    if getattr(user, "compromised_at", None) is not None:
        return True
    return bool(getattr(user, "is_demo", False)) and not settings.ISKRA_DEVELOPMENT_MODE


class AccountBackend(AuthenticationBackend):
    """allauth's backend (a ModelBackend). `user_can_authenticate` is also asked when a session
    is loaded, so a blocked account's existing sessions stop working too."""

    def get_user(self, user_id: Any) -> Any:
        # Every signed-in request loads its user: a raw query skips building the ORM's (the
        # same row, with the same field conversions).
        model = get_user_model()
        found = list(
            model._default_manager.raw(
                f"SELECT * FROM {model._meta.db_table} WHERE id = %s",  # noqa: S608 - a table
                [user_id],
            )
        )
        if not found:
            return None
        return found[0] if self.user_can_authenticate(found[0]) else None

    def user_can_authenticate(self, user: Any) -> bool:
        return super().user_can_authenticate(user) and not login_blocked(user)

    def _check_password(self, user: Any, password: str) -> Any:
        # allauth stashes a user whose password matched but who may not authenticate, and
        # then logs it in anyway when it is active: a blocked account must not get that far.
        if user is not None and login_blocked(user):
            self._did_check_password = True
            user.check_password(password)
            return None
        return super()._check_password(user, password)

"""Writes of the accounts app: sessions and preferences."""

from typing import Any

from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from iskra.audit.services import log_action
from iskra.core.errors import DomainError


def session_end(*, actor: Any, session: UserSession) -> None:
    """End one of the actor's own sessions."""
    if session.user_id != actor.pk:
        raise DomainError(_("That is not one of your sessions."))
    with transaction.atomic():
        session.end()
        log_action("accounts.session.ended", actor=actor, target=actor, details={"count": 1})


def sessions_end_all(
    *, actor: Any, user: Any, keep_session_key: str | None = None, collective: Any = None
) -> int:
    """End every session of `user` (except `keep_session_key`): the seized-phone story.
    `collective` is the one through which an organizer acts; the entry shows in its history."""
    ended = 0
    with transaction.atomic():
        for session in UserSession.objects.purge_and_list(user):
            if keep_session_key and session.session_key == keep_session_key:
                continue
            session.end()
            ended += 1
        log_action(
            "accounts.session.ended_all",
            actor=actor,
            target=user,
            collective=collective,
            details={"count": ended, "by_self": actor.pk == user.pk},
        )
    return ended


def language_set(*, user: Any, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise DomainError(_("Unknown language."))
    user.language = language
    user.save(update_fields=["language"])


# The encrypted values in an authenticator's data, by type (see EncryptingMFAAdapter).
_ENCRYPTED_FIELDS = {
    Authenticator.Type.TOTP: ["secret"],
    Authenticator.Type.RECOVERY_CODES: ["seed"],
}


def two_factor_secrets_rotate() -> int:
    """Re-encrypt every TOTP secret and recovery-code seed under the current secret key.
    Run after moving the old key to ISKRA_SECRET_KEY_FALLBACKS; then the old key can go."""
    adapter = get_mfa_adapter()
    count = 0
    with transaction.atomic():
        authenticators = Authenticator.objects.select_for_update().filter(
            type__in=list(_ENCRYPTED_FIELDS)
        )
        for authenticator in authenticators:
            data = authenticator.data
            for field in _ENCRYPTED_FIELDS[authenticator.type]:
                if field in data:
                    data[field] = adapter.encrypt(adapter.decrypt(data[field]))
            if "migrated_codes" in data:
                data["migrated_codes"] = [
                    adapter.encrypt(adapter.decrypt(code)) for code in data["migrated_codes"]
                ]
            authenticator.save(update_fields=["data"])
            count += 1
        log_action("accounts.two_factor.keys_rotated", details={"count": count})
    return count


def account_mark_compromised(*, actor: Any, user: Any, collective: Any) -> dict[str, int]:
    """A seized phone: end every session of `user`, block its login until an organizer restores
    it, and revoke everything it holds (invitations, calendar feeds, two-factor methods,
    password). `collective` is the one through which the organizer acts."""
    from iskra.activities.models import CalendarToken
    from iskra.network.models import Invitation

    if actor.pk == user.pk:
        raise DomainError(_("Ask another organizer to mark your own account compromised."))
    if user.compromised_at is not None:
        raise DomainError(_("This account is already marked compromised."))
    now = timezone.now()
    with transaction.atomic():
        user.compromised_at = now
        # An unusable password also voids any password-reset link already mailed.
        user.set_unusable_password()
        user.save(update_fields=["compromised_at", "password"])
        sessions = 0
        for session in UserSession.objects.purge_and_list(user):
            session.end()
            sessions += 1
        invitations = Invitation.objects.filter(
            created_by=user, used_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=now)
        feeds = CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=now
        )
        # The phone holds the TOTP secret: a restored account gets a new second factor.
        factors, _by_type = Authenticator.objects.filter(user=user).delete()
        counts = {
            "sessions": sessions,
            "invitations": invitations,
            "calendar_feeds": feeds,
            "two_factor_methods": factors,
        }
        log_action(
            "accounts.account.compromised",
            actor=actor,
            target=user,
            collective=collective,
            details=counts,
        )
    return counts


def account_restore(*, actor: Any, user: Any, collective: Any, password: str) -> None:
    """Let a compromised account log in again, with a new password chosen by the organizer; it
    must set up a new second factor before it sees anything else."""
    from django.contrib.auth.password_validation import validate_password

    if user.compromised_at is None:
        raise DomainError(_("This account is not marked compromised."))
    validate_password(password, user)
    with transaction.atomic():
        user.compromised_at = None
        user.needs_new_second_factor = True
        user.set_password(password)
        user.save(update_fields=["compromised_at", "needs_new_second_factor", "password"])
        log_action("accounts.account.restored", actor=actor, target=user, collective=collective)


def exposure_report_viewed(*, actor: Any, user: Any, collective: Any, as_csv: bool) -> None:
    log_action(
        "accounts.exposure.exported" if as_csv else "accounts.exposure.viewed",
        actor=actor,
        target=user,
        collective=collective,
    )

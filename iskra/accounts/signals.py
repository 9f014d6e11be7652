"""Audit entries for two-factor changes made through allauth's own pages.

allauth announces these with signals and has no other hook; the receivers only write the log.
"""

from typing import Any

from allauth.mfa import signals as mfa_signals

from iskra.audit.services import log_action


def _two_factor_added(sender: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
    log_action(
        "accounts.two_factor.added", actor=user, target=user, details={"type": authenticator.type}
    )


def _two_factor_removed(sender: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
    log_action(
        "accounts.two_factor.removed",
        actor=user,
        target=user,
        details={"type": authenticator.type},
    )


def _two_factor_reset(sender: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
    log_action(
        "accounts.two_factor.reset", actor=user, target=user, details={"type": authenticator.type}
    )


def _two_factor_failed(sender: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
    # The password was right and the second factor wrong: worth knowing after a lost phone.
    log_action(
        "accounts.two_factor.failed", actor=None, target=user, details={"type": authenticator.type}
    )


def connect() -> None:
    mfa_signals.authenticator_added.connect(_two_factor_added, dispatch_uid="iskra-2fa-added")
    mfa_signals.authenticator_removed.connect(_two_factor_removed, dispatch_uid="iskra-2fa-removed")
    mfa_signals.authenticator_reset.connect(_two_factor_reset, dispatch_uid="iskra-2fa-reset")
    mfa_signals.authentication_failed.connect(_two_factor_failed, dispatch_uid="iskra-2fa-failed")

"""Readable names for audit actions. An action without a name here is shown as its code."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, str | Promise] = {
    "accounts.login.succeeded": _("Signed in"),
    "accounts.session.ended": _("Ended a session"),
    "accounts.session.ended_all": _("Ended all sessions"),
    "accounts.two_factor.added": _("Added a two-factor method"),
    "accounts.two_factor.removed": _("Removed a two-factor method"),
    "accounts.two_factor.reset": _("Made new recovery codes"),
    "accounts.two_factor.failed": _("Wrong two-factor code"),
    "accounts.two_factor.keys_rotated": _("Re-encrypted two-factor secrets"),
    "network.collective.created": _("Collective created"),
    "network.collective.updated": _("Collective changed"),
    "network.membership.created": _("Membership created"),
    "network.membership.updated": _("Membership changed"),
    "network.membership.ended": _("Membership ended"),
    "network.invitation.created": _("Invitation created"),
    "network.invitation.accepted": _("Invitation accepted"),
    "network.invitation.revoked": _("Invitation revoked"),
    "network.share.created": _("Contacts shared"),
    "network.share.revoked": _("Contact share revoked"),
}


def register(labels: dict[str, str | Promise]) -> None:
    """Other apps name their actions here from their AppConfig.ready()."""
    ACTION_LABELS.update(labels)


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))

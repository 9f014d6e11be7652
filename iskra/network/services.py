"""Writes of the network app: collectives, memberships, invitations and contact shares."""

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from iskra.audit.services import log_action
from iskra.core.errors import DomainError
from iskra.finance.services import books_open
from iskra.network.models import Collective, ContactShare, Invitation, Membership, Role
from iskra.network.scope import forget_scope


def collective_create(
    *,
    actor: Any,
    name: str,
    slug: str,
    kind: str,
    parent: Collective | None = None,
    country: str = "",
    time_zone: str = "UTC",
    languages: list[str] | None = None,
) -> Collective:
    if Collective.objects.filter(slug=slug).exists():
        raise DomainError(_("The short name %(slug)s is already taken.") % {"slug": slug})
    with transaction.atomic():
        collective = Collective(
            parent=parent,
            name=name,
            slug=slug,
            kind=kind,
            country=country.upper(),
            time_zone=time_zone,
            languages=languages or [],
        )
        collective.full_clean(exclude=["path"])
        collective.save()
        collective.path = f"{parent.path if parent else '/'}{collective.pk}/"
        collective.save(update_fields=["path"])
        books_open(collective=collective)
        log_action(
            "network.collective.created",
            actor=actor,
            target=collective,
            collective=collective,
            details={"kind": kind, "parent": parent.slug if parent else None},
        )
    return collective


def collective_update(
    *,
    actor: Any,
    collective: Collective,
    name: str,
    country: str,
    time_zone: str,
    languages: list[str],
) -> Collective:
    changed = {
        "name": name,
        "country": country.upper(),
        "time_zone": time_zone,
        "languages": languages,
    }
    with transaction.atomic():
        for attribute, value in changed.items():
            setattr(collective, attribute, value)
        collective.full_clean(exclude=["path", "parent"])
        collective.save(update_fields=list(changed))
        log_action(
            "network.collective.updated",
            actor=actor,
            target=collective,
            details={"fields": sorted(changed)},
        )
    return collective


def membership_create(
    *,
    actor: Any,
    user: Any,
    collective: Collective,
    role: str = Role.MEMBER,
    status: str = Membership.Status.MEMBER,
) -> Membership:
    if Membership.objects.active().filter(user=user, collective=collective, role=role).exists():
        raise DomainError(_("%(user)s already has this role here.") % {"user": user})
    with transaction.atomic():
        membership = Membership.objects.create(
            user=user, collective=collective, role=role, status=status
        )
        log_action(
            "network.membership.created",
            actor=actor,
            target=membership,
            details={"user": user.username, "role": role, "status": status},
        )
    forget_scope(user)
    return membership


def membership_update(*, actor: Any, membership: Membership, role: str, status: str) -> Membership:
    if (
        role != membership.role
        and Membership.objects.active()
        .filter(user=membership.user, collective=membership.collective, role=role)
        .exists()
    ):
        raise DomainError(_("%(user)s already has this role here.") % {"user": membership.user})
    before = {"role": membership.role, "status": membership.status}
    with transaction.atomic():
        membership.role = role
        membership.status = status
        membership.save(update_fields=["role", "status"])
        log_action(
            "network.membership.updated",
            actor=actor,
            target=membership,
            details={"before": before, "after": {"role": role, "status": status}},
        )
    forget_scope(membership.user)
    return membership


def membership_end(*, actor: Any, membership: Membership) -> Membership:
    if membership.ended_at is not None:
        raise DomainError(_("This membership has already ended."))
    with transaction.atomic():
        membership.ended_at = timezone.now()
        membership.save(update_fields=["ended_at"])
        log_action(
            "network.membership.ended",
            actor=actor,
            target=membership,
            details={"user": membership.user.username, "role": membership.role},
        )
    forget_scope(membership.user)
    return membership


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_create(
    *,
    actor: Any,
    collective: Collective,
    role: str = Role.MEMBER,
    status: str = Membership.Status.MEMBER,
    note: str = "",
    days: int | None = None,
) -> tuple[Invitation, str]:
    """Create an invitation; returns it and the secret token, which is shown once."""
    token = secrets.token_urlsafe(32)
    valid_days = days or settings.ISKRA_INVITATION_DAYS
    with transaction.atomic():
        invitation = Invitation.objects.create(
            collective=collective,
            role=role,
            status=status,
            note=note,
            token_hash=hash_token(token),
            created_by=actor,
            expires_at=timezone.now() + timedelta(days=valid_days),
        )
        log_action(
            "network.invitation.created",
            actor=actor,
            target=invitation,
            details={"role": role, "status": status, "days": valid_days},
        )
    return invitation, token


def invitation_for_token(token: str) -> Invitation | None:
    """The usable invitation behind a token, or None (expired, used, revoked or unknown)."""
    invitation = (
        Invitation.objects.select_related("collective").filter(token_hash=hash_token(token)).first()
    )
    if invitation is None or not invitation.is_usable():
        return None
    return invitation


def invitation_accept(*, user: Any, token: str) -> Membership:
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().filter(token_hash=hash_token(token)).first()
        )
        if invitation is None or not invitation.is_usable():
            raise DomainError(_("This invitation link is no longer valid. Ask for a new one."))
        invitation.used_at = timezone.now()
        invitation.used_by = user
        invitation.save(update_fields=["used_at", "used_by"])
        log_action("network.invitation.accepted", actor=user, target=invitation)
        return membership_create(
            actor=user,
            user=user,
            collective=invitation.collective,
            role=invitation.role,
            status=invitation.status,
        )


def invitation_revoke(*, actor: Any, invitation: Invitation) -> Invitation:
    if not invitation.is_usable():
        raise DomainError(_("This invitation can no longer be used anyway."))
    with transaction.atomic():
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        log_action("network.invitation.revoked", actor=actor, target=invitation)
    return invitation


def share_create(
    *,
    actor: Any,
    source: Collective,
    recipient: Collective,
    reason: str,
    expires_at: datetime,
) -> ContactShare:
    if source == recipient:
        raise DomainError(_("A collective does not need to share with itself."))
    if expires_at <= timezone.now():
        raise DomainError(_("A share must end in the future."))
    if not reason.strip():
        raise DomainError(_("Say why the contacts are shared."))
    with transaction.atomic():
        share = ContactShare.objects.create(
            source=source,
            recipient=recipient,
            reason=reason.strip(),
            granted_by=actor,
            expires_at=expires_at,
        )
        log_action(
            "network.share.created",
            actor=actor,
            target=share,
            collective=source,
            details={"recipient": recipient.slug, "expires_at": expires_at.isoformat()},
        )
    return share


def share_revoke(*, actor: Any, share: ContactShare) -> ContactShare:
    if share.revoked_at is not None:
        raise DomainError(_("This share was already revoked."))
    with transaction.atomic():
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at"])
        log_action("network.share.revoked", actor=actor, target=share, collective=share.source)
    return share

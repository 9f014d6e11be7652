"""Writing to the audit log. Every service that changes or reveals something calls `log_action`."""

from datetime import datetime, timedelta
from typing import Any, NoReturn

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import models
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from iskra.audit.models import LogEntry

DENIED_ACTION = "audit.access.denied"
BURST_ACTION = "audit.access.burst"
# A burst of refused access checks from one account: somebody walking ids (ASVS 16.3.2).
BURST_COUNT = 20
BURST_WINDOW = timedelta(minutes=5)

# Keys that must never reach the log, whatever a caller passes by mistake.
PROTECTED_KEYS = frozenset(
    {"legal_name", "phone", "email", "address", "street_address", "note", "notes", "password"}
)


def log_action(
    action: str,
    *,
    actor: Any = None,
    target: models.Model | None = None,
    collective: Any = None,
    details: dict[str, Any] | None = None,
) -> LogEntry:
    """Append one entry. `action` is dotted: `<app>.<object>.<verb>`, e.g. `people.contact.read`."""
    clean_details = dict(details or {})
    leaked = PROTECTED_KEYS.intersection(clean_details)
    if leaked:
        raise ValueError(f"audit details must not contain protected fields: {sorted(leaked)}")
    if collective is None and target is not None:
        # A collective is logged in itself, so that its history is one indexed filter.
        is_collective = target._meta.label_lower == "network.collective"
        collective = target if is_collective else getattr(target, "collective", None)
    entry = LogEntry(
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        object_label=_label(target),
        collective=collective,
        details=clean_details,
    )
    entry.save()
    return entry


def access_denied_record(
    *,
    actor: Any,
    object_type: str,
    object_id: str,
    collective_id: int | None,
    reason: str = "scope",
) -> None:
    """Log an access check that failed on an object that exists; after a burst from one
    account, tell the organizers of the collective (once per window)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return
    LogEntry(
        actor=actor,
        action=DENIED_ACTION,
        object_type=object_type,
        object_id=object_id,
        collective_id=collective_id,
        details={"reason": reason},
    ).save()
    since = timezone.now() - BURST_WINDOW
    recent = LogEntry.objects.filter(
        actor=actor, action=DENIED_ACTION, created_at__gte=since
    ).count()
    # One warning per account and collective per window, however long the walk goes on.
    if (
        recent >= BURST_COUNT
        and collective_id is not None
        and cache.add(f"access-burst:{actor.pk}:{collective_id}", 1, BURST_WINDOW.seconds)
    ):
        _warn_organizers(actor=actor, collective_id=collective_id, count=recent)


def access_denied(request: Any, target: models.Model, *, reason: str) -> NoReturn:
    """Refuse `target` to the requesting user as if it did not exist (404), and log it."""
    collective_id = target.pk if target._meta.label_lower == "network.collective" else None
    if collective_id is None:
        collective_id = getattr(target, "collective_id", None)
    access_denied_record(
        actor=request.user,
        object_type=target._meta.label_lower,
        object_id=str(target.pk),
        collective_id=collective_id,
        reason=reason,
    )
    raise Http404


def _warn_organizers(*, actor: Any, collective_id: int, count: int) -> None:
    from iskra.network.models import Collective, Membership, Role

    collective = Collective.objects.get(pk=collective_id)
    ancestors = [*collective.ancestor_ids(), collective.pk]
    organizers = (
        Membership.objects.active()
        .filter(collective_id__in=ancestors, role=Role.ORGANIZER)
        .exclude(user=actor)
        .select_related("user")
    )
    LogEntry(
        actor=actor,
        action=BURST_ACTION,
        object_type=actor._meta.label_lower,
        object_id=str(actor.pk),
        object_label=actor.username[:200],
        collective_id=collective_id,
        details={"count": count, "minutes": BURST_WINDOW.seconds // 60},
    ).save()
    for membership in organizers:
        organizer = membership.user
        if not organizer.email:
            continue
        with translation.override(organizer.language or settings.LANGUAGE_CODE):
            send_mail(
                _("Iskra: %(user)s was refused %(count)d times")
                % {
                    "user": actor.username,
                    "count": count,
                },
                _(
                    "In the last %(minutes)d minutes the account %(user)s asked for %(count)d "
                    "records of %(collective)s it may not see. Somebody may be walking through "
                    "the records with it. Check its history in Iskra and, if its phone was "
                    "taken, mark the account compromised."
                )
                % {
                    "minutes": BURST_WINDOW.seconds // 60,
                    "user": actor.username,
                    "count": count,
                    "collective": collective.name,
                },
                None,
                [organizer.email],
                fail_silently=True,
            )


def _label(target: models.Model | None) -> str:
    if target is None:
        return ""
    audit_label = getattr(target, "audit_label", None)
    label = audit_label() if callable(audit_label) else str(target)
    return label[:200]


def purge_entries_before(cutoff: datetime) -> int:
    """The one path that removes entries: the retention command, for entries older than `cutoff`."""
    doomed = LogEntry.objects.filter(created_at__lt=cutoff)
    return doomed._raw_delete(doomed.db)

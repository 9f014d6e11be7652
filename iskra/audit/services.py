"""Writing to the audit log. Every service that changes or reveals something calls `log_action`."""

from datetime import datetime
from typing import Any

from django.db import models

from iskra.audit.models import LogEntry

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
        collective = getattr(target, "collective", None)
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

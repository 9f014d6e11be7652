"""Reads of the audit log: whole histories, and the filtered, keyset-paged log that answers
"what did this account read since Monday?" in one query at ten million entries."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import BigIntegerField, ExpressionWrapper, F, Q

from iskra.audit.models import LogEntry

PAGE_SIZE = 50
# Up to this many collectives, the log is read one collective at a time (see filter_entries).
FEW_COLLECTIVES = 20


def history_of(target: models.Model) -> models.QuerySet[LogEntry]:
    """The entries about one object. Callers load `target` through the access scope first."""
    return LogEntry.objects.filter(
        object_type=target._meta.label_lower, object_id=str(target.pk)
    ).select_related("actor")


def entries_for_collectives(collective_ids: list[int]) -> models.QuerySet[LogEntry]:
    return LogEntry.objects.filter(collective_id__in=collective_ids).select_related("actor")


def history_of_collective(collective: models.Model) -> models.QuerySet[LogEntry]:
    """Everything logged in a collective (memberships, invitations, reads of its contacts...)
    and about the collective itself. Callers load `collective` through the access scope."""
    about_it = Q(object_type=collective._meta.label_lower, object_id=str(collective.pk))
    return LogEntry.objects.filter(Q(collective=collective) | about_it).select_related("actor")


def history_of_membership(membership: Any) -> models.QuerySet[LogEntry]:
    """A member's history in a collective: entries about the membership and about the account,
    and everything the account did there (reads of contacts included)."""
    user = membership.user
    return LogEntry.objects.filter(
        Q(object_type=membership._meta.label_lower, object_id=str(membership.pk))
        | Q(object_type=user._meta.label_lower, object_id=str(user.pk))
        | Q(actor=user, collective_id=membership.collective_id)
    ).select_related("actor")


@dataclass
class AuditFilter:
    """What the organizer asks. `collective_ids` must come from the access scope."""

    collective_ids: list[int]
    actor: str = ""  # a username
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    since: datetime | None = None
    until: datetime | None = None


@dataclass
class AuditPage:
    entries: list[LogEntry]
    next_cursor: int | None  # the id to pass as `before` for the next (older) page


def filter_entries(
    filters: AuditFilter, *, before: int | None = None, limit: int = PAGE_SIZE
) -> AuditPage:
    """One page of entries, newest first. Keyset paging on the id (ids grow with time): the
    page after never counts or skips rows, so it costs the same on page 1 and page 10,000.

    A few collectives (a city and its groups): one small query per collective, each an index
    range on (collective or actor or action, collective, id), merged here. Many collectives (a
    country or the international): one query walking the id index (or the actor's or the
    action's) backwards, the collective only checked, never used to pick an index, since a
    long IN list would make the planner sort every matching row."""
    if not filters.collective_ids:
        return AuditPage([], None)
    entries = LogEntry.objects.all()
    if filters.actor:
        actor_id = (
            get_user_model()
            .objects.filter(username=filters.actor)
            .values_list("pk", flat=True)
            .first()
        )
        if actor_id is None:
            return AuditPage([], None)
        entries = entries.filter(actor_id=actor_id)
    if filters.action:
        entries = entries.filter(action=filters.action)
    if filters.object_type:
        entries = entries.filter(object_type=filters.object_type)
    if filters.object_id:
        entries = entries.filter(object_id=filters.object_id)
    if filters.since is not None:
        entries = entries.filter(created_at__gte=filters.since)
    if filters.until is not None:
        entries = entries.filter(created_at__lt=filters.until)
    if before is not None:
        entries = entries.filter(id__lt=before)
    entries = entries.order_by("-id")
    if len(filters.collective_ids) <= FEW_COLLECTIVES:
        # Ids only, per collective; then the page's rows, once.
        ids: list[int] = []
        for collective_id in filters.collective_ids:
            ids += entries.filter(collective_id=collective_id).values_list("pk", flat=True)[
                : limit + 1
            ]
        ids = sorted(ids, reverse=True)[: limit + 1]
        chosen = LogEntry.objects.filter(pk__in=ids).order_by("-id")
        rows = list(chosen.select_related("actor", "collective"))
    else:
        unindexed = ExpressionWrapper(F("collective_id") + 0, output_field=BigIntegerField())
        rows = list(
            entries.alias(in_scope=unindexed)
            .filter(in_scope__in=filters.collective_ids)
            .select_related("actor", "collective")[: limit + 1]
        )
    next_cursor = rows[limit - 1].pk if len(rows) > limit else None
    return AuditPage(rows[:limit], next_cursor)

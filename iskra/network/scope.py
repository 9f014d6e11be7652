"""The access scope: the one place that decides which collectives' data a user may see.

Every query of organizing data starts from here. A view loads objects with
`get_scoped_or_404` or narrows a list with `narrow`; an object outside the scope answers
404, never 403, so that its existence does not leak. See docs/permissions.md.
"""

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from iskra.network.models import SENSITIVE_ROLES, Collective, ContactShare, Membership, Role


class Capacity(StrEnum):
    VIEW = "view"  # the collective's page, its members, outings and activities
    CONTACTS = "contacts"  # raw contacts and their protected fields
    AGGREGATES = "aggregates"  # counts, reports, dashboards
    MANAGE = "manage"  # memberships, invitations, ending a member's sessions
    EDIT = "edit"  # publications, issues, articles
    FINANCE = "finance"  # the ledger


# What a role held at a collective grants: (capacity, reaches the subtree below too).
ROLE_GRANTS: dict[str, list[tuple[Capacity, bool]]] = {
    Role.MEMBER: [(Capacity.VIEW, False), (Capacity.CONTACTS, False), (Capacity.AGGREGATES, False)],
    Role.ORGANIZER: [
        (Capacity.VIEW, True),
        (Capacity.CONTACTS, True),
        (Capacity.AGGREGATES, True),
        (Capacity.MANAGE, True),
    ],
    Role.EDITOR: [(Capacity.VIEW, False), (Capacity.AGGREGATES, False), (Capacity.EDIT, True)],
    Role.TREASURER: [(Capacity.VIEW, False), (Capacity.AGGREGATES, True), (Capacity.FINANCE, True)],
    Role.CENTRE: [(Capacity.VIEW, True), (Capacity.AGGREGATES, True)],
}
# Roles at the recipient of a contact share that may use it.
SHARE_ROLES = frozenset({Role.ORGANIZER, Role.CENTRE})


@dataclass(frozen=True)
class Scope:
    user_id: int | None
    grants: dict[Capacity, frozenset[int]] = field(default_factory=dict)
    roles: frozenset[str] = frozenset()

    def ids(self, capacity: Capacity) -> frozenset[int]:
        return self.grants.get(capacity, frozenset())

    def can(self, capacity: Capacity, collective: Collective | int) -> bool:
        collective_id = collective if isinstance(collective, int) else collective.pk
        return collective_id in self.ids(capacity)


EMPTY_SCOPE = Scope(user_id=None)


def scope_for(user: Any) -> Scope:
    """The user's scope, computed once per user object (so once per request)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return EMPTY_SCOPE
    cached = getattr(user, "_iskra_scope", None)
    if cached is not None:
        return cached
    scope = _compute_scope(user)
    user._iskra_scope = scope
    return scope


def forget_scope(user: Any) -> None:
    """Drop the cached scope after the user's memberships changed."""
    if hasattr(user, "_iskra_scope"):
        del user._iskra_scope


def _compute_scope(user: Any) -> Scope:
    memberships = list(
        Membership.objects.active().filter(user=user).values_list("role", "collective__path")
    )
    if not memberships:
        return Scope(user_id=user.pk)
    prefixes = {path for _role, path in memberships}
    subtree_filter = Q()
    for prefix in prefixes:
        subtree_filter |= Q(path__startswith=prefix)
    rows = list(Collective.objects.filter(subtree_filter).values_list("id", "path"))
    grants: dict[Capacity, set[int]] = {capacity: set() for capacity in Capacity}
    for role, prefix in memberships:
        own = [pk for pk, path in rows if path == prefix]
        below = [pk for pk, path in rows if path.startswith(prefix)]
        for capacity, reaches_down in ROLE_GRANTS[role]:
            grants[capacity].update(below if reaches_down else own)
    share_recipients = [path for role, path in memberships if role in SHARE_ROLES]
    if share_recipients:
        now = timezone.now()
        shared = ContactShare.objects.filter(
            recipient__path__in=share_recipients, revoked_at__isnull=True, expires_at__gt=now
        ).values_list("source_id", flat=True)
        for source_id in shared:
            grants[Capacity.CONTACTS].add(source_id)
            grants[Capacity.VIEW].add(source_id)
            grants[Capacity.AGGREGATES].add(source_id)
    return Scope(
        user_id=user.pk,
        grants={capacity: frozenset(ids) for capacity, ids in grants.items()},
        roles=frozenset(role for role, _path in memberships),
    )


ModelT = TypeVar("ModelT", bound=models.Model)


def narrow(
    queryset: models.QuerySet[ModelT],
    user: Any,
    capacity: Capacity = Capacity.VIEW,
    *,
    through: str = "collective",
) -> models.QuerySet[ModelT]:
    """Narrow `queryset` to rows whose collective (reached by the `through` lookup) is in scope."""
    ids = scope_for(user).ids(capacity)
    if not ids:
        return queryset.none()
    return queryset.filter(**{f"{through}__in": ids})


def get_scoped_or_404(
    queryset: models.QuerySet[ModelT],
    user: Any,
    capacity: Capacity = Capacity.VIEW,
    *,
    through: str = "collective",
    **lookup: Any,
) -> ModelT:
    try:
        return narrow(queryset, user, capacity, through=through).get(**lookup)
    except ObjectDoesNotExist:
        raise Http404 from None


def visible_collectives(
    user: Any, capacity: Capacity = Capacity.VIEW
) -> models.QuerySet[Collective]:
    return narrow(Collective.objects.all(), user, capacity, through="id")


def get_collective_or_404(user: Any, slug: str, capacity: Capacity = Capacity.VIEW) -> Collective:
    return get_scoped_or_404(Collective.objects.all(), user, capacity, through="id", slug=slug)


def needs_two_factor(user: Any) -> bool:
    """Every role that sees more than a member's own records logs in with two factors."""
    return bool(scope_for(user).roles & SENSITIVE_ROLES)

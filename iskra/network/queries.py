from typing import Any

from django.db.models import QuerySet

from iskra.network.models import Collective, Invitation, Membership
from iskra.network.scope import Capacity, visible_collectives


def collective_tree(user: Any) -> list[Collective]:
    """The collectives the user may see, in tree order. Each gets an `indent`: its depth below
    the highest collective shown, so that a city organizer's tree starts at the left edge."""
    collectives = list(visible_collectives(user, Capacity.VIEW).order_by("path"))
    top = min((collective.depth for collective in collectives), default=0)
    for collective in collectives:
        collective.indent = collective.depth - top  # type: ignore[attr-defined]
    return collectives


def managed_subtree(user: Any, collective: Collective) -> list[Collective]:
    """The collective and those below it whose history the user may read (MANAGE)."""
    return list(
        visible_collectives(user, Capacity.MANAGE)
        .filter(path__startswith=collective.path)
        .order_by("path")
    )


def members_of(collective: Collective) -> QuerySet[Membership]:
    return (
        Membership.objects.active()
        .filter(collective=collective)
        .select_related("user")
        .order_by("user__username", "role")
    )


def open_invitations(collective: Collective) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        collective=collective, used_at__isnull=True, revoked_at__isnull=True
    ).select_related("created_by")

from typing import Any

from django.db.models.functions import Length
from django.http import HttpRequest

from iskra.network.models import Collective
from iskra.network.scope import Capacity, scope_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """What the navigation bar needs: which sections this user may open."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_for(user)
    contact_ids = scope.ids(Capacity.CONTACTS)
    return {
        # The phone's bottom bar logs outings and lists people of the user's own collective:
        # the deepest one whose contacts they work with.
        "nav_daily_collective": Collective.objects.filter(pk__in=contact_ids)
        .order_by(Length("path").desc(), "path")
        .only("slug", "path")
        .first()
        if contact_ids
        else None,
        "nav_can_manage": bool(scope.ids(Capacity.MANAGE)),
        "nav_has_collectives": bool(scope.ids(Capacity.VIEW)),
        "nav_has_contacts": bool(scope.ids(Capacity.CONTACTS)),
        "nav_can_edit": bool(scope.ids(Capacity.EDIT)),
    }

from typing import Any

from django.http import HttpRequest

from iskra.network.scope import Capacity, scope_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """What the navigation bar needs: which sections this user may open."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_for(user)
    return {
        # The phone's bottom bar logs outings and lists people of the user's own collective:
        # the deepest one whose contacts they work with.
        "nav_daily_collective": scope.deepest(Capacity.CONTACTS),
        "nav_can_manage": bool(scope.ids(Capacity.MANAGE)),
        "nav_has_collectives": bool(scope.ids(Capacity.VIEW)),
        "nav_has_contacts": bool(scope.ids(Capacity.CONTACTS)),
        "nav_can_edit": bool(scope.ids(Capacity.EDIT)),
    }

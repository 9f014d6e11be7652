from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from iskra.network.models import Collective
from iskra.network.scope import Capacity, scope_for


def collective_for(slug: str, username: str | None) -> tuple[Collective, Any]:
    """The collective, and the user the command acts as (None: the operator of the server).
    With --as, the user must be allowed to manage that collective's contacts."""
    try:
        collective = Collective.objects.get(slug=slug)
    except Collective.DoesNotExist:
        raise CommandError(f"No collective with the short name {slug!r}.") from None
    if username is None:
        return collective, None
    try:
        user = get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise CommandError(f"No user {username!r}.") from None
    scope = scope_for(user)
    if not (scope.can(Capacity.CONTACTS, collective) and scope.can(Capacity.MANAGE, collective)):
        raise CommandError(f"{username} may not manage the contacts of {slug}.")
    return collective, user

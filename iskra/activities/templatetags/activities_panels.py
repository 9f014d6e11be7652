"""The activities panel of a collective's page: the stage suggestions and their count, for
the organizers who answer them."""

from typing import Any

from django import template

from iskra.activities import queries
from iskra.network.models import Collective
from iskra.network.scope import Capacity, scope_for

register = template.Library()


@register.inclusion_tag("activities/_collective_panel.html", takes_context=True)
def stage_suggestions(context: Any, collective: Collective) -> dict[str, Any]:
    request = context.get("request")
    scope = scope_for(getattr(request, "user", None))
    if not (scope.can(Capacity.MANAGE, collective) and scope.can(Capacity.CONTACTS, collective)):
        return {"count": None}
    return {"collective": collective, "count": len(queries.suggestions_for(collective))}

"""The distribution panel of a collective's page: stock discrepancies, for whoever may see
the collective's stock."""

from typing import Any

from django import template

from iskra.distribution import queries
from iskra.network.models import Collective
from iskra.network.scope import Capacity, scope_for

register = template.Library()


@register.inclusion_tag("distribution/_collective_panel.html", takes_context=True)
def stock_discrepancies(context: Any, collective: Collective) -> dict[str, Any]:
    request = context.get("request")
    scope = scope_for(getattr(request, "user", None))
    if not scope.can(Capacity.VIEW, collective):
        return {"discrepancies": []}
    return {
        "collective": collective,
        "discrepancies": queries.discrepancies(collective),
        "can_keep": scope.can(Capacity.MANAGE, collective) or scope.can(Capacity.EDIT, collective),
    }

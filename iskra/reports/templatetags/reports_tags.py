from typing import Any

from django import template

from iskra.network.models import Collective
from iskra.network.scope import Capacity, scope_for
from iskra.reports import queries

register = template.Library()


@register.filter
def lookup(mapping: Any, key: Any) -> Any:
    """`mapping|lookup:key`: a label from a dict, or the key itself when there is none."""
    if not isinstance(mapping, dict):
        return key
    return mapping.get(key, key)


@register.inclusion_tag("reports/_dashboard.html", takes_context=True)
def report_dashboard(context: dict[str, Any], collective: Collective) -> dict[str, Any]:
    """This month so far against the same days of last month, for those who see aggregates."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not scope_for(user).can(Capacity.AGGREGATES, collective):
        return {"dashboard": None}
    return {"dashboard": queries.dashboard(collective), "collective": collective}

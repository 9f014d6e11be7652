"""The collective's page shows its contacts by stage and its follow-ups as charts, to
whoever may see the collective's aggregates (never a contact)."""

from typing import Any

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from iskra.core.svgcharts import bar_chart
from iskra.network.models import Collective
from iskra.network.scope import Capacity, scope_for
from iskra.people import counts, queries
from iskra.people.models import Stage

register = template.Library()


@register.inclusion_tag("people/collective_charts.html", takes_context=True)
def collective_charts(context: Any, collective: Collective) -> dict[str, Any]:
    scope = scope_for(context["request"].user)
    if not scope.can(Capacity.AGGREGATES, collective):
        return {"charts": []}
    ids = queries.subtree_in_scope(context["request"].user, collective, Capacity.AGGREGATES)
    per_stage = counts.by_stage(ids)
    stages = [(stage.label, per_stage.get(stage.pk, 0)) for stage in Stage.objects.all()]
    totals = queries.followup_totals(ids, today=timezone.localdate(timezone.now(), collective.zone))
    return {
        "charts": [
            bar_chart(stages, title=_("Contacts by stage")),
            bar_chart(
                [
                    (_("Done in the last 90 days"), totals.done),
                    (_("Overdue"), totals.overdue),
                    (_("Still to come"), totals.upcoming),
                ],
                title=_("Follow-ups"),
            ),
        ]
    }

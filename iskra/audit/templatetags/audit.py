from django import template

from iskra.audit.labels import action_label as label_for

register = template.Library()


@register.filter
def action_label(action: str) -> str:
    return label_for(action)

from django import template

from iskra.audit.labels import action_label as label_for
from iskra.audit.labels import purpose_label as purpose_for

register = template.Library()


@register.filter
def action_label(action: str) -> str:
    return label_for(action)


@register.filter
def purpose_label(purpose: str) -> str:
    return purpose_for(purpose)

from django import template

from iskra.core.languages import language_name, text_direction

register = template.Library()


@register.filter
def direction(code: str) -> str:
    """`{{ article.language|direction }}`: rtl or ltr, for a `dir` attribute."""
    return text_direction(code)


@register.filter
def content_language_name(code: str) -> str:
    return language_name(code)

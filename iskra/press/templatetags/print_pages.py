from django import template

register = template.Library()


@register.filter
def page_of(target: str, numbers: dict[str, int]) -> int | str:
    """`{{ part.jump_href|page_of:numbers }}`: the page number printed for a jump line's or an
    index entry's target (worked out by the layout passes, see `printing._numbers`)."""
    return numbers.get(target, "")

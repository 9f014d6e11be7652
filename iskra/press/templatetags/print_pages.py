from django import template

register = template.Library()


@register.filter
def page_of(target: str, numbers: dict[str, int]) -> int | str:
    """`{{ part.jump_href|page_of:numbers }}`: the page number printed for a jump line's or an
    index entry's target (worked out by the layout passes, see `printing._numbers`)."""
    return numbers.get(target, "")


@register.filter
def index_page_of(target: str, numbers: dict[str, int]) -> str:
    """The same, padded with a figure space (as wide as a digit) to two digits: the index on
    the front page takes the same lines whatever its numbers turn out to be once the inside is
    laid out."""
    return str(numbers.get(target, "")).ljust(2, "\u2007")

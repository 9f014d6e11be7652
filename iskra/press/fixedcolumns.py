"""Columns of a height worked out beforehand, laid out once.

An inside module's columns get their balanced height from the lines measured in one column
(`columns.balanced_height`). Given as CSS (`height` and `column-fill: auto`), WeasyPrint still
lays the text out twice: once at the full height left on the page, to see whether it fits
there, then in the columns. And a box of a given height that does not fit at a page's foot
goes whole to the next page, so the modules that may reach the foot had to be left to
WeasyPrint's balancing, which lays their text out again at each height it tries (about five
line layouts for each line printed).

Here the height travels in the attribute `data-column-height` (px) of a box whose CSS leaves
its columns to WeasyPrint's balancing. Inside `active()`, such a box that fits on the page is
laid out once, in columns of that height; one that does not fit is left to WeasyPrint, which
balances it and breaks it at the page's foot like any balanced columns (where the printing
code cuts the article). Text that does not fit in the columns of the given height goes on in
further columns sideways, as WeasyPrint does with a given height: the printing code reads it
as a disagreement (`printing._spilled`) and leaves the box to WeasyPrint's balancing.
Outside `active()`, and when WeasyPrint's function does not have the signature this was written
against, WeasyPrint balances every such box itself: the same page, more slowly.
"""

import contextlib
import functools
import inspect
import logging
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from math import floor
from typing import Any

logger = logging.getLogger(__name__)

ATTRIBUTE = "data-column-height"
# What this calls of WeasyPrint's, with the parameters it was written against.
SIGNATURE = (  # columns_layout
    "context",
    "box",
    "bottom_space",
    "skip_stack",
    "containing_block",
    "page_is_empty",
    "absolute_boxes",
    "fixed_boxes",
    "adjoining_margins",
    "first_letter_style",
    "first_line_style",
)
BLOCK_BOX_LAYOUT = (*SIGNATURE, "discard", "max_lines")
CREATE_COLUMN_BOX = ("box", "containing_block", "children", "width", "position_y")

_active: ContextVar[bool] = ContextVar("fixed_columns", default=False)


class _NotHere(Exception):
    """The fast way does not apply: WeasyPrint lays the box out."""


def _given_height(box: Any) -> float | None:
    element = getattr(box, "element", None)
    value = element.get(ATTRIBUTE) if element is not None else None
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None


def _layout(
    height: float,
    context: Any,
    box: Any,
    bottom_space: float,
    _skip_stack: None,
    containing_block: Any,
    page_is_empty: bool,
    absolute_boxes: list,
    fixed_boxes: list,
    adjoining_margins: list,
    first_letter_style: Any,
    first_line_style: Any,
) -> tuple:
    """WeasyPrint's `columns_layout` for one run of columns of a given height that fits on the
    page, without its first pass (weasyprint/layout/column.py: the loop that "replaces the
    current box children with real columns", and what follows it)."""
    from weasyprint.layout.block import (
        block_box_layout,
        block_level_width,
        collapse_margin,
        remove_placeholders,
    )
    from weasyprint.layout.column import _create_column_box

    style = box.style
    box = box.copy_with_children(box.children)
    box.position_y += collapse_margin(adjoining_margins)
    empty_space = context.page_bottom - box.content_box_y() - height
    if empty_space < bottom_space:
        raise _NotHere  # it does not fit on this page
    max_height = context.page_bottom - box.content_box_y() - bottom_space
    bottom_space = empty_space
    block_level_width(box, containing_block)
    width, count = style["column_width"], style["column_count"]
    if style["column_gap"] == "normal":
        gap = style["font_size"]
    else:
        from weasyprint.layout.percent import percentage

        gap = percentage(style["column_gap"], box.style, box.width)
    if width == "auto" and count != "auto":
        width = max(0, box.width - (count - 1) * gap) / count
    elif width != "auto" and count == "auto":
        count = max(1, floor((box.width + gap) / (width + gap)))
        width = (box.width + gap) / count - gap
    else:
        count = max(1, min(count, floor((box.width + gap) / (width + gap))))
        width = (box.width + gap) / count - gap
    children = [child.copy() for child in box.children]
    top = box.content_box_y()
    columns: list[Any] = []
    skip_stack = None
    next_page: dict = {"break": "any", "page": None}
    context.in_column = True
    try:
        index = 0
        while True:  # more columns sideways while text is left, as with a given CSS height
            column_box = _create_column_box(box, containing_block, children, width, top)
            if style["direction"] == "rtl":
                column_box.position_x += box.width - (index + 1) * width - index * gap
            else:
                column_box.position_x += index * (width + gap)
            new_child, skip_stack, next_page, *_ = block_box_layout(
                context,
                column_box,
                bottom_space,
                skip_stack,
                containing_block,
                page_is_empty,
                absolute_boxes,
                fixed_boxes,
                None,
                first_letter_style,
                first_line_style,
                discard=False,
                max_lines=None,
            )
            if new_child is None:
                remove_placeholders(context, columns, absolute_boxes, fixed_boxes)
                raise _NotHere  # not even a column's first line: WeasyPrint decides
            columns.append(new_child)
            if skip_stack is None:
                break
            index += 1
    finally:
        context.in_column = False
    column_height = max(column.margin_height() for column in columns)
    for column in columns:
        column.height = column_height
    box.children = columns
    box.height = height
    laid = min(max_height, column_height)
    if box.min_height != "auto" and box.min_height > box.height:
        box.height = box.min_height
    for column in columns:
        column.height += box.height - laid
    return box, None, next_page, [], False


def _fast(columns_layout: Callable[..., tuple]) -> Callable[..., tuple]:
    def layout(*arguments: Any) -> tuple:  # the parameters of SIGNATURE, checked by install()
        context, box, _bottom_space, skip_stack = arguments[:4]
        height = _given_height(box) if _active.get() else None
        if (
            height is None
            or skip_stack
            or not box.children
            or box.style["position"] == "relative"
            or any(child.style["column_span"] == "all" for child in box.children)
            or context.current_page_footnotes
            or context.current_footnote_area.height != "auto"
        ):
            return columns_layout(*arguments)
        try:
            return _layout(height, *arguments)
        except _NotHere:
            return columns_layout(*arguments)

    layout.fast_columns = True  # type: ignore[attr-defined]
    layout.__wrapped__ = columns_layout  # type: ignore[attr-defined]
    return layout


@functools.cache
def install() -> bool:
    """Puts the fast `columns_layout` where WeasyPrint's block layout calls it, once; whether
    it is in place (not when WeasyPrint's function has another signature)."""
    from weasyprint.layout import block, column

    function = block.columns_layout
    if getattr(function, "fast_columns", False):
        return True  # already in place

    def parameters(name: str, module: Any) -> tuple[str, ...]:
        found = getattr(module, name, None)
        return tuple(inspect.signature(found).parameters) if callable(found) else ()

    if (
        tuple(inspect.signature(function).parameters) != SIGNATURE
        or parameters("block_box_layout", block) != BLOCK_BOX_LAYOUT
        or parameters("_create_column_box", column) != CREATE_COLUMN_BOX
        or not all(
            callable(getattr(block, name, None))
            for name in ("block_level_width", "collapse_margin", "remove_placeholders")
        )
    ):
        logger.warning("WeasyPrint's column layout changed: columns are balanced by WeasyPrint")
        return False
    block.columns_layout = _fast(function)
    return True


@contextlib.contextmanager
def active() -> Iterator[None]:
    """Columns of a given height (`ATTRIBUTE`) laid out once until the block ends."""
    install()
    token = _active.set(True)
    try:
        yield
    finally:
        _active.reset(token)

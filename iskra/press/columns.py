"""Balanced column heights worked out here, so that WeasyPrint fills columns of a given height
(`column-fill: auto`) instead of searching for the balance itself.

WeasyPrint balances a multi-column box by laying its text out again at each height it tries
(about five line layouts for each line printed: most of a tabloid's layout time). Here the
text is laid out once in a single column of the same width (`lines_of`), each line's height
and the space above it read from the laid-out boxes, and the lowest height at which the text
fits in the columns is found by filling them line by line (`balanced_height`) by the rules
WeasyPrint follows: two lines of a paragraph at least at a column's foot and head (`orphans`,
`widows` in common.css), no column break after a heading, no space above a column's first
line. Where the two disagree the layout shows it (a column past the box's edge), and the
printing code leaves that box to WeasyPrint's balancing.
"""

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

# A little more than the lowest height found: WeasyPrint compares positions in floating point.
SLACK_PX = 0.5
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass(frozen=True)
class Line:
    height: float  # px
    gap: float  # px between the line above's foot and this line's head
    paragraph: int  # the lines of one paragraph (one block container) share it
    after_heading: bool  # the line above ends a heading: no column break between them
    below: float = 0.0  # px under its paragraph (margin): WeasyPrint keeps room for it


@dataclass
class Measured:
    """One article's lines in a single column: `blocks[i]` holds the lines of its block i (the
    blocks of `printing.blocks_of`), `jump` a "continued on page N" line after its text."""

    blocks: list[list[Line]]
    jump: list[Line]


def _line_boxes(box: Any, parent: Any) -> Iterator[tuple[Any, Any]]:
    """Each line box under `box` with the block container that holds it, in order."""
    from weasyprint.formatting_structure.boxes import LineBox

    for child in getattr(box, "children", ()):
        if isinstance(child, LineBox):
            yield child, box
        else:
            yield from _line_boxes(child, child)


def _ids(box: Any) -> Iterator[str]:
    for descendant in box.descendants():
        element = getattr(descendant, "element", None)
        if element is not None and element.get("id"):
            yield element.get("id")


def lines_of(document: Any, boxes: dict[str, str]) -> dict[str, Measured]:
    """The lines of the boxes laid out by `printing._Job.measure_columns`, by id: box `name`
    holds the blocks of an article, each ending with the marker `<prefix>-e<index>`
    (`prefix`: `boxes[name]`), then a jump line (`<name>-jump`)."""
    measured: dict[str, Measured] = {}
    for page in document.pages:
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            name = element.get("id", "") if element is not None else ""
            if name not in boxes or name in measured or box.element_tag != "div":
                continue
            end = re.compile(rf"^{re.escape(boxes[name])}-e(\d+)$")
            blocks: list[list[Line]] = [[]]
            jump: list[Line] = []
            parents: dict[int, int] = {}
            previous: tuple[Any, Any] | None = None
            for line, parent in _line_boxes(box, box):
                gap = 0.0
                after_heading = False
                if previous is not None:
                    gap = line.position_y - (previous[0].position_y + previous[0].height)
                    after_heading = (
                        previous[1] is not parent and previous[1].element_tag in HEADINGS
                    )
                entry = Line(
                    line.height,
                    max(gap, 0.0),
                    parents.setdefault(id(parent), len(parents)),
                    after_heading,
                    parent.margin_bottom + parent.padding_bottom + parent.border_bottom_width,
                )
                previous = (line, parent)
                if parent.element is not None and parent.element.get("id") == f"{name}-jump":
                    jump.append(entry)
                    continue
                blocks[-1].append(entry)
                if any(end.match(found) for found in _ids(line)):
                    blocks.append([])
            if not blocks[-1]:
                blocks.pop()
            measured[name] = Measured(blocks, jump)
    return measured


def _breakable(lines: Sequence[Line], index: int, places: list[tuple[int, int]]) -> bool:
    """Whether a column may start at line `index`. `places`: each line's (position in its
    paragraph, the paragraph's number of lines)."""
    line, above = lines[index], lines[index - 1]
    if line.paragraph != above.paragraph:
        return not line.after_heading
    position, count = places[index]
    return position >= 2 and count - position >= 2


def _places(lines: Sequence[Line]) -> list[tuple[int, int]]:
    places: list[tuple[int, int]] = []
    start = 0
    for index in range(len(lines) + 1):
        ends = index == len(lines) or lines[index].paragraph != lines[start].paragraph
        if index > start and ends:
            count = index - start
            places += [(position, count) for position in range(count)]
            start = index
    return places


def fits(lines: Sequence[Line], columns: int, height: float) -> bool:
    """Whether the lines fit in `columns` columns `height` px high, filled one after the other."""
    places = _places(lines)
    column, start, bottom, index = 1, 0, 0.0, 0
    while index < len(lines):
        line = lines[index]
        foot = (0.0 if index == start else bottom + line.gap) + line.height
        # WeasyPrint places a line only where the space below its paragraph fits too.
        if foot + line.below <= height:
            bottom, index = foot, index + 1
            continue
        breaks = [b for b in range(start + 1, index + 1) if _breakable(lines, b, places)]
        if not breaks or column == columns:
            return False
        column, start, index, bottom = column + 1, breaks[-1], breaks[-1], 0.0
    return True


def balanced_height(lines: Sequence[Line], columns: int) -> float | None:
    """The lowest height (px) at which the lines fit in `columns` columns, plus `SLACK_PX`;
    None when they do not fit even in one column (nothing to balance)."""
    if not lines:
        return None
    total = sum(line.height + line.gap for line in lines)
    low = max(max(line.height for line in lines), total / columns) - 1
    high = total + 1
    if not fits(lines, columns, high):
        return None
    while high - low > 0.05:
        middle = (low + high) / 2
        if fits(lines, columns, middle):
            high = middle
        else:
            low = middle
    return high + SLACK_PX

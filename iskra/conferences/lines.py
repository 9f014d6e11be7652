"""Numbered lines of a motion. A motion's text is wrapped once, when it is tabled, at
LINE_WIDTH characters, so its line numbers stay put while it is amended; paragraphs are
separated by a blank line, which has no number."""

import textwrap
from dataclasses import dataclass

LINE_WIDTH = 80


def wrap(text: str) -> str:
    paragraphs = [" ".join(block.split()) for block in text.replace("\r\n", "\n").split("\n\n")]
    return "\n\n".join(
        "\n".join(textwrap.wrap(paragraph, LINE_WIDTH)) for paragraph in paragraphs if paragraph
    )


@dataclass(frozen=True)
class Line:
    number: int | None  # None for the blank line between paragraphs
    text: str


def numbered(text: str) -> list[Line]:
    lines, number = [], 0
    for raw in text.split("\n"):
        if raw.strip():
            number += 1
            lines.append(Line(number, raw))
        else:
            lines.append(Line(None, ""))
    return lines


def count(text: str) -> int:
    return sum(1 for raw in text.split("\n") if raw.strip())


def paragraph_range(text: str, paragraph: int) -> tuple[int, int] | None:
    """The first and last line of the paragraph numbered `paragraph` (from 1)."""
    start = 1
    for index, block in enumerate(text.split("\n\n"), start=1):
        size = count(block)
        if index == paragraph and size:
            return start, start + size - 1
        start += size
    return None


def replace(text: str, first: int, last: int, new_text: str) -> str:
    """`text` with lines `first`..`last` replaced by `new_text` (wrapped)."""
    out: list[str] = []
    inserted = False
    for line in numbered(text):
        if line.number is not None and first <= line.number <= last:
            if not inserted:
                out.extend(wrap(new_text).split("\n") if new_text.strip() else [])
                inserted = True
            continue
        out.append(line.text)
    joined = "\n".join(out)
    while "\n\n\n" in joined:
        joined = joined.replace("\n\n\n", "\n\n")
    return joined.strip("\n")


def excerpt(text: str, first: int, last: int) -> str:
    return "\n".join(
        line.text
        for line in numbered(text)
        if line.number is not None and first <= line.number <= last
    )

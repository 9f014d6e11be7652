"""Line breaks remembered for the length of one print job.

A tabloid is laid out by WeasyPrint many times over (the front page measured, every article
measured in one column, each inside page once or twice, the house and front pages at the
end), and each layout breaks the same paragraphs at the same widths again: about three in
four of its calls to `split_first_line` (Pango shaping and breaking one line) were asked
before in the same print. Inside `remembered()` the answer is kept, keyed by everything the
function reads: the text, the width, the justification, and the style values that reach
Pango (font, language, spacing, hyphenation and wrapping). Outside it, and when WeasyPrint's
function does not have the signature this was written against, nothing changes.

The answer holds a deactivated Pango layout (its text and widths, no Pango objects: WeasyPrint
makes it again from the text box's own style when it draws). Each caller gets its own copy,
since drawing may change a layout's text (an ellipsis).
"""

import contextlib
import copy
import functools
import inspect
import logging
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

logger = logging.getLogger(__name__)

# Every style value `split_first_line` and the functions it calls read (weasyprint/text/
# line_break.py and fonts.py): checked against the source in test_print_linebreaks.py.
STYLE_KEYS = (
    "direction",
    "font_family",
    "font_feature_settings",
    "font_kerning",
    "font_language_override",
    "font_size",
    "font_stretch",
    "font_style",
    "font_variant_alternates",
    "font_variant_caps",
    "font_variant_east_asian",
    "font_variant_ligatures",
    "font_variant_numeric",
    "font_variant_position",
    "font_variation_settings",
    "font_weight",
    "hyphenate_character",
    "hyphenate_limit_chars",
    "hyphenate_limit_zone",
    "hyphens",
    "lang",
    "letter_spacing",
    "line_height",
    "overflow_wrap",
    "tab_size",
    "text_decoration_line",
    "white_space",
    "word_break",
    "word_spacing",
)
SIGNATURE = (
    "text",
    "style",
    "context",
    "max_width",
    "justification_spacing",
    "is_line_start",
    "minimum",
)

_answers: ContextVar[dict[tuple, tuple] | None] = ContextVar("line_breaks", default=None)


def _remembering(split_first_line: Callable[..., tuple]) -> Callable[..., tuple]:
    def split(
        text: str,
        style: Any,
        context: Any,
        max_width: float | None,
        justification_spacing: float,
        is_line_start: bool = True,
        minimum: bool = False,
    ) -> tuple:
        arguments = (text, style, context, max_width, justification_spacing, is_line_start, minimum)
        answers = _answers.get()
        if answers is None:
            return split_first_line(*arguments)
        key = (
            text,
            max_width,
            justification_spacing,
            is_line_start,
            minimum,
            *[style[name] for name in STYLE_KEYS],
        )
        try:
            answer = answers[key]
        except KeyError:
            answer = answers[key] = split_first_line(*arguments)
        except TypeError:  # a style value that cannot be a key: not remembered
            answer = split_first_line(*arguments)
        layout, *rest = answer
        return (copy.copy(layout), *rest)

    return split


@functools.cache
def install() -> bool:
    """Puts the remembering `split_first_line` where WeasyPrint's inline layout calls it, once;
    whether it is in place (not when WeasyPrint's function has another signature)."""
    from weasyprint.layout import inline

    function = inline.split_first_line
    if tuple(inspect.signature(function).parameters) != SIGNATURE:
        logger.warning("WeasyPrint's split_first_line changed: line breaks are not remembered")
        return False
    inline.split_first_line = _remembering(function)
    return True


@contextlib.contextmanager
def remembered() -> Iterator[dict[tuple, tuple]]:
    """Line breaks remembered until the block ends (one print job)."""
    install()
    answers: dict[tuple, tuple] = {}
    token = _answers.set(answers)
    try:
        yield answers
    finally:
        _answers.reset(token)
        answers.clear()

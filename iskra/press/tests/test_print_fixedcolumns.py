"""Columns of a height worked out beforehand (`fixedcolumns`): laid out once, where WeasyPrint
would place them at the same height; at a page's foot, broken like balanced columns."""

import contextlib

import pytest
from weasyprint import HTML
from weasyprint.formatting_structure.boxes import LineBox, TextBox

from iskra.press import fixedcolumns

PARAGRAPH = (
    "The night shift stopped the line at four and stood at the gate until the managers came "
    "down to talk. Nobody signed the new rota, and the leaflets went round the canteen twice. "
)
STYLE = (
    "@page { size: 8in 6in; margin: 0.5in } body { margin: 0; font: 10pt/1.3 'DejaVu Serif' } "
    "p { margin: 0 0 0.4em; orphans: 2; widows: 2 } "
    ".body { columns: 3; column-gap: 0.2in; column-fill: balance }"
)


def _document(box: str, before: str = "") -> str:
    paragraphs = "".join(f"<p>Rota {n}. {PARAGRAPH * (1 + n % 2)}</p>" for n in range(4))
    return f"<style>{STYLE}</style>{before}{box.format(paragraphs=paragraphs)}<p>After.</p>"


def _lines(html: str) -> list[tuple[int, float, float, str]]:
    """(page, x, y, text) of every line laid out."""
    found = []
    for number, page in enumerate(HTML(string=html).render().pages):
        for box in page._page_box.descendants():
            if isinstance(box, LineBox):
                text = "".join(d.text for d in box.descendants() if isinstance(d, TextBox))
                found.append((number, round(box.position_x, 2), round(box.position_y, 2), text))
    return found


@pytest.fixture
def fast_layouts(monkeypatch):
    """How many boxes took the fast way."""
    assert fixedcolumns.install()
    calls: list[float] = []
    real = fixedcolumns._layout

    def counted(height, *rest):
        result = real(height, *rest)
        calls.append(height)
        return result

    monkeypatch.setattr(fixedcolumns, "_layout", counted)
    return calls


@pytest.mark.parametrize("height", [150.0, 300.0])
def test_columns_of_a_given_height_are_laid_out_as_weasyprint_does(fast_layouts, height):
    """150 px is too low for the text: it goes on in more columns sideways in both."""
    css = _document(
        f'<div class="body" style="height: {height}px; column-fill: auto">{{paragraphs}}</div>'
    )
    given = _document(f'<div class="body" data-column-height="{height}">{{paragraphs}}</div>')
    with fixedcolumns.active():
        fast = _lines(given)
    assert fast_layouts == [height]
    assert fast == _lines(css)
    columns = {x for _page, x, _y, _text in fast}
    assert (len(columns) > 3) == (height == 150.0)


def test_columns_that_reach_past_the_page_are_balanced_and_broken_at_its_foot(fast_layouts):
    """A box of a given CSS height that does not fit goes whole to the next page; given as the
    attribute, it runs on over the page's end like balanced columns (where the printing code
    cuts the article)."""
    before = f"<p>{PARAGRAPH * 12}</p>"
    given = _document('<div class="body" data-column-height="300">{paragraphs}</div>', before)
    balanced = _document('<div class="body">{paragraphs}</div>', before)
    with fixedcolumns.active():
        fast = _lines(given)
    assert fast_layouts == []
    assert fast == _lines(balanced)
    starts = [page for page, _x, _y, text in fast if text.startswith("Rota")]
    assert starts[0] == 0 and starts[-1] == 1  # on both pages
    css = _document(
        '<div class="body" style="height: 300px; column-fill: auto">{paragraphs}</div>', before
    )
    starts = [page for page, _x, _y, text in _lines(css) if text.startswith("Rota")]
    assert starts[0] == 1  # WeasyPrint sends the box of a given CSS height whole to page 2


def test_outside_a_print_job_weasyprint_balances_the_columns(fast_layouts):
    given = _document('<div class="body" data-column-height="260">{paragraphs}</div>')
    balanced = _document('<div class="body">{paragraphs}</div>')
    with contextlib.nullcontext():
        assert _lines(given) == _lines(balanced)
    assert fast_layouts == []


def test_a_weasyprint_whose_column_code_changed_keeps_its_own(monkeypatch, caplog):
    """Written against WeasyPrint's internal functions: when one has other parameters, the
    columns are left to WeasyPrint (slower, the same paper)."""
    from weasyprint.layout import block, column

    def other(box, containing_block, children, width):
        raise AssertionError("not called")

    monkeypatch.setattr(column, "_create_column_box", other)
    weasyprints = getattr(block.columns_layout, "__wrapped__", block.columns_layout)
    monkeypatch.setattr(block, "columns_layout", weasyprints)
    fixedcolumns.install.cache_clear()
    try:
        assert not fixedcolumns.install()
        assert "column layout changed" in caplog.text
    finally:
        fixedcolumns.install.cache_clear()

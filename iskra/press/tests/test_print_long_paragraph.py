"""A paragraph longer than a page cannot be cut at a paragraph's end: the inside is then laid
out whole (`printing._paper_whole`), and nothing of the text is lost."""

import logging

from iskra.press import printing, services
from iskra.press.tests.factories import (
    STRIKE,
    make_article,
    make_editor,
    make_issue,
    make_publication,
)
from iskra.press.tests.pdf import dehyphenate, pages


def test_a_paragraph_longer_than_a_page_is_printed_whole(los_angeles, tmp_path, caplog):
    editor = make_editor(los_angeles)
    paper = make_publication(editor, los_angeles)
    issue = make_issue(editor, paper)
    lead = make_article(editor, paper, title="Plant gate", body=f"{STRIKE} {STRIKE}")
    services.placement_add(actor=editor, issue=issue, article=lead, page=1, is_lead=True)
    short = make_article(editor, paper, title="Night shift", body=f"{STRIKE}\n\n{STRIKE}")
    services.placement_add(actor=editor, issue=issue, article=short, page=2)
    endless = " ".join(f"{STRIKE} ({index})" for index in range(160)) + " THE-END-WORD."
    long = make_article(editor, paper, title="One long breath", body=endless)
    services.placement_add(actor=editor, issue=issue, article=long, page=2)

    with caplog.at_level(logging.INFO, logger="iskra.press.printing"):
        result = printing.print_issue(issue, base_url="https://press.example.org")
    assert any("Laid out whole" in record.getMessage() for record in caplog.records)
    path = tmp_path / "paper.pdf"
    path.write_bytes(result.pdf)
    document = pages(path)
    assert (result.pages - 1) % 4 == 0  # the proof's first page, then the edition
    text = dehyphenate(" ".join(page.text for page in document))
    assert "THE-END-WORD" in text
    assert "(0)" in text and "(159)" in text

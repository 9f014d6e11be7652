"""A proof's first page (what is missing) is not one of the paper's pages: the page numbers
printed at the foot and in the jump lines are the paper's own, with or without it."""

from pathlib import Path

from iskra.press import printing, services
from iskra.press.models import Publication
from iskra.press.tests.factories import (
    body,
    make_article,
    make_editor,
    make_issue,
    make_publication,
)
from iskra.press.tests.pdf import FROM, JUMP, Page, dehyphenate, folio, pages

DOCKERS = (
    "Dockers on every terminal of the port stopped the cranes at dawn and met at the main "
    "gate, where the stewards read out the demands: safety, staffing, no twelve-hour shift."
)
ESTIBADORES = (
    "Los estibadores de todas las terminales pararon las grúas al amanecer y se reunieron en "
    "la puerta, donde los delegados leyeron las demandas: seguridad, personal, turnos cortos."
)


def printed(issue, path: Path) -> list[Page]:
    path.write_bytes(printing.print_issue(issue, base_url="https://press.example.org").pdf)
    return pages(path)


def jumps(document: list[Page]) -> list[tuple[int | None, int]]:
    """(the folio of the page holding a jump line, the page the line names)."""
    return [
        (folio(page), int(number))
        for page in document
        for number in JUMP.findall(dehyphenate(page.text))
    ]


def test_the_proof_page_does_not_shift_the_papers_page_numbers(los_angeles, tmp_path):
    editor = make_editor(los_angeles)
    paper = make_publication(editor, los_angeles, bilingual=Publication.Bilingual.COMBINED)
    issue = make_issue(editor, paper)
    lead = make_article(editor, paper, title="Port strike spreads", body=body(40, DOCKERS))
    services.article_translate(
        actor=editor,
        article=lead,
        language="es",
        title="La huelga del puerto se extiende",
        body=body(40, ESTIBADORES),
    )
    services.placement_add(actor=editor, issue=issue, article=lead, page=1, is_lead=True)

    proof = printed(issue, tmp_path / "proof.pdf")
    for state in ("editing", "ready"):
        services.issue_set_state(actor=editor, issue=issue, state=state)
    final = printed(issue, tmp_path / "final.pdf")

    assert "PROOF" in proof[0].text and folio(proof[0]) is None
    assert len(proof) == len(final) + 1
    # Every page of the paper carries the same number in the proof and in the final print.
    assert [folio(page) for page in final] == list(range(1, len(final) + 1))
    assert [folio(page) for page in proof[1:]] == [folio(page) for page in final]
    # The jump lines name the same pages, and the page they name holds the continuation.
    assert jumps(proof) == jumps(final) and len(jumps(final)) == 2
    for document in (proof, final):
        by_folio = {folio(page): page for page in document}
        for source, target in jumps(document):
            assert str(source) in FROM.findall(dehyphenate(by_folio[target].text))
    # The Spanish front page is page 5 of the combined paper, proof or not.
    spanish = next(page for page in proof if "BANDERA ROJA" in page.text)
    assert folio(spanish) == 5 and jumps(proof)[1][0] == 5

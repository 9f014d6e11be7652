"""The tabloid's inside is laid out one page at a time (`printing.Restart.one_page`), each page
cut before the next is laid out, and pieced together with the front pages and the house pages:
the paper pieced together that way holds the same words, in the same order, on the same pages,
as the same cuts laid out whole. (Not always line for line: WeasyPrint balances the columns of
a module at a page's foot by the room it sees below it.)"""

import subprocess

from iskra.press import printing, services
from iskra.press.models import Publication
from iskra.press.tests.factories import make_article, make_editor, make_issue, make_publication

STRIKE = (
    "The night shift stopped the line at two and the day shift would not start it again "
    "until the company took back the new quotas, the cameras and the cut in the breaks."
)
HUELGA = (
    "El turno de noche paró la línea a las dos y el de día no quiso arrancarla hasta que la "
    "empresa retirara las nuevas cuotas, las cámaras y el recorte de los descansos."
)


def body(paragraphs: int, sentence: str) -> str:
    return "\n\n".join(f"{sentence} {sentence} ({index})" for index in range(paragraphs))


def text(pdf: bytes, tmp_path, name: str) -> list[list[str]]:
    """The words of each page, in the order they are printed."""
    path = tmp_path / name
    path.write_bytes(pdf)
    raw = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [page.split() for page in raw.split("\f")]


def test_a_paper_laid_out_page_by_page_is_the_paper_laid_out_whole(
    los_angeles, tmp_path, monkeypatch
):
    editor = make_editor(los_angeles)
    paper = make_publication(editor, los_angeles, bilingual=Publication.Bilingual.COMBINED)
    issue = make_issue(editor, paper)
    lead = make_article(editor, paper, title="Plant gate", body=body(3, STRIKE))
    services.article_translate(
        actor=editor, article=lead, language="es", title="Puerta", body=body(3, HUELGA)
    )
    services.placement_add(actor=editor, issue=issue, article=lead, page=1, is_lead=True)
    for number, paragraphs in enumerate((20, 7, 26, 12, 20)):
        article = make_article(
            editor, paper, title=f"Night shift {number}", body=body(paragraphs, STRIKE)
        )
        services.article_translate(
            actor=editor,
            article=article,
            language="es",
            title=f"Turno de noche {number}",
            body=body(paragraphs, HUELGA),
        )
        services.placement_add(actor=editor, issue=issue, article=article, page=2)

    # The pieced paper, and the same cuts and numbers laid out whole.
    compared = []
    by_page = printing._paper_by_page

    def checked(job, editions, proof_pages):
        pieced, numbers = by_page(job, editions, proof_pages)
        whole = job.render(job.html(editions, numbers=numbers))
        compared.append(
            (
                len(pieced.pages),
                text(pieced.write_pdf(), tmp_path, "pieced.pdf"),
                text(whole.write_pdf(), tmp_path, "whole.pdf"),
            )
        )
        return pieced, numbers

    monkeypatch.setattr(printing, "_paper_by_page", checked)
    printing.print_issue(issue, base_url="https://press.example.org")
    ((pages, pieced, whole),) = compared
    assert pages > 4 and pages % 4 == 1  # the proof's first page, then editions of 4n pages
    assert pieced == whole
    printed = " ".join(" ".join(page) for page in pieced)
    assert "Red Banner" in printed and "Continúa en la página" in printed
    assert "Viene de la página" in printed and "Continued from page" in printed

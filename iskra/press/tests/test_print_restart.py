"""A pass of inside cuts lays the tabloid out again only from the first page its cuts change
(`printing.Restart`), keeping the pages before: the paper pieced together that way is the
same, word for word and line for line, as the same cuts laid out whole."""

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


def text(pdf: bytes, tmp_path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_a_paper_laid_out_from_a_page_on_is_the_paper_laid_out_whole(
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

    # At every pass that lays the paper out from a page on, the same paper laid out whole.
    compared = []
    relayout = printing._relayout

    def checked(job, editions, numbers, document, restart):
        pieced, new_fronts = relayout(job, editions, numbers, document, restart)
        if len(new_fronts) < len(editions):  # some pages were kept
            whole = job.render(job.html(editions, numbers=numbers))
            compared.append(
                (
                    restart.page,
                    text(pieced.write_pdf(), tmp_path, "pieced.pdf"),
                    text(whole.write_pdf(), tmp_path, "whole.pdf"),
                )
            )
        return pieced, new_fronts

    monkeypatch.setattr(printing, "_relayout", checked)
    printing.print_issue(issue, base_url="https://press.example.org")
    assert any(page > 1 for page, _pieced, _whole in compared), [c[0] for c in compared]
    for _page, pieced, whole in compared:
        assert pieced == whole
        assert "Red Banner" in pieced and "Continúa en la página" in pieced

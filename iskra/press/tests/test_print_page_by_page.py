"""The tabloid's inside is laid out one page at a time (`printing.Restart.one_page`), each page
cut before the next is laid out, and pieced together with the front pages and the house pages:
the paper pieced together that way holds the same words, in the same order, on the same pages,
as the same cuts laid out whole. (Not always line for line: WeasyPrint balances the columns of
a module at a page's foot by the room it sees below it.)"""

import subprocess

from iskra.press import printing
from iskra.press.tests.factories import combined_night_shift


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
    _editor, _paper, issue = combined_night_shift(los_angeles, (20, 7, 26, 12, 20))

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

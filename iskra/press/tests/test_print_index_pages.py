"""The front page's "Inside" names the page each article starts on, in every edition of a
combined paper and in a proof (whose first page carries no number): the numbers are worked out
by the layout passes, not by WeasyPrint, so they are read back from the PDF here."""

import re

from iskra.press import printing, services
from iskra.press.models import Publication
from iskra.press.tests.factories import make_article, make_editor, make_issue, make_publication
from iskra.press.tests.pdf import dehyphenate, folio, pages

STRIKE = (
    "The night shift stopped the line at two and the day shift would not start it again "
    "until the company took back the new quotas, the cameras and the cut in the breaks."
)
HUELGA = (
    "El turno de noche paró la línea a las dos y el de día no quiso arrancarla hasta que la "
    "empresa retirara las nuevas cuotas, las cámaras y el recorte de los descansos."
)
TITLES = {"en": "Night shift", "es": "Turno de noche"}


def body(paragraphs: int, sentence: str) -> str:
    return "\n\n".join(f"{sentence} {sentence} ({index})" for index in range(paragraphs))


def test_the_index_names_the_page_each_article_starts_on(los_angeles, tmp_path):
    editor = make_editor(los_angeles)
    paper = make_publication(editor, los_angeles, bilingual=Publication.Bilingual.COMBINED)
    issue = make_issue(editor, paper)  # planning: printed as a proof
    lead = make_article(editor, paper, title="Plant gate", body=body(3, STRIKE))
    services.article_translate(
        actor=editor, article=lead, language="es", title="Puerta", body=body(3, HUELGA)
    )
    services.placement_add(actor=editor, issue=issue, article=lead, page=1, is_lead=True)
    # Lengths that differ, so that the articles start on different pages.
    for number, paragraphs in enumerate((4, 22, 9, 30, 12)):
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

    path = tmp_path / "proof.pdf"
    path.write_bytes(printing.print_issue(issue, base_url="https://press.example.org").pdf)
    document = pages(path)
    assert "PROOF" in document[0].text and folio(document[0]) is None
    fronts = {
        "en": next(page for page in document if "RED BANNER" in page.text),
        "es": next(page for page in document if "BANDERA ROJA" in page.text),
    }
    assert folio(fronts["es"]) > folio(fronts["en"]) + 1
    for language, front in fronts.items():
        title = TITLES[language]
        # The articles not wholly on the front page are listed.
        listed = re.findall(rf"{title} (\d) · (\d+)", dehyphenate(front.text))
        assert len(listed) >= 3, (language, front.text)
        assert len({number for _article, number in listed}) >= 2  # not all on one page
        later = [page for page in document if (folio(page) or 0) > folio(front)]
        for article, number in listed:
            # The first page after the front page whose text holds the headline.
            start = next(page for page in later if f"{title} {article}" in page.text)
            assert folio(start) == int(number), (language, article, number, folio(start))


def test_a_number_that_misses_its_targets_page_is_corrected():
    # Page indexes of the laid-out document; with a proof, its first page has no number.
    numbers = {"a1-en-1": 2, "a2-en-1-p1": 4}
    anchors = {"a1-en-1": 1, "a2-en-1-p1": 2}
    assert printing._wrong_numbers(numbers, anchors, proof_pages=0) == {"a2-en-1-p1": 3}
    assert printing._wrong_numbers(numbers, anchors, proof_pages=1) == {
        "a1-en-1": 1,
        "a2-en-1-p1": 2,
    }
    assert printing._wrong_numbers({"a1-en-1": 2}, anchors, proof_pages=0) == {}

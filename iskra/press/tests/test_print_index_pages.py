"""The front page's "Inside" names the page each article starts on, in every edition of a
combined paper and in a proof (whose first page carries no number): the numbers are worked out
by the layout passes, not by WeasyPrint, so they are read back from the PDF here."""

import re

from iskra.press import printing
from iskra.press.tests.factories import combined_night_shift
from iskra.press.tests.pdf import dehyphenate, folio, pages

TITLES = {"en": "Night shift", "es": "Turno de noche"}


def test_the_index_names_the_page_each_article_starts_on(los_angeles, tmp_path):
    # Lengths that differ, so that the articles start on different pages; the issue is
    # in planning, so it is printed as a proof.
    _editor, _paper, issue = combined_night_shift(los_angeles, (4, 22, 9, 30, 12))

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

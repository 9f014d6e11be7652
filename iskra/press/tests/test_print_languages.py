"""Print in any content language: French accents and French hyphenation, no hyphenation at all
for Haitian Creole (pyphen has no dictionary for it, and another language's would be wrong),
and Arabic laid out right to left. Checked in the real PDF (pdftotext) and WeasyPrint's layout."""

import re
import subprocess
from pathlib import Path

import pyphen
import pytest

from iskra.core.languages import hyphenation_dictionary, text_direction
from iskra.press import printing, services
from iskra.press.tests.factories import make_article, make_editor, make_issue, make_publication

FRENCH = (
    "Les ouvrières de l'équipe de nuit exigent immédiatement la sécurité ; « Ça suffit ! » "
    "répètent-elles, le cœur à la grève, après l'accident. Même à la fête, la colère reçue des "
    "travailleuses internationalistes s'organise démocratiquement contre l'intensification."
)
CREOLE = (
    "Travayè yo nan faktori a mande sekirite imedyatman ; yo deklare grèv kont "
    "entansifikasyon travay la ak diminisyon salè yo. Òganizasyon demokratik travayè "
    "entènasyonalis yo kontinye batay la pou tout moun."
)
ARABIC = "العمال في المصنع يطالبون بالأمان"
HYPHEN_AT_LINE_END = re.compile(r"(\w+)\u2010\n(\w+)")


def raw_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def editor(los_angeles):
    return make_editor(los_angeles)


@pytest.fixture
def journal(editor, los_angeles):
    return make_publication(
        editor,
        los_angeles,
        slug="drapeau-rouge",
        names={"fr": "Drapeau Rouge", "ht": "Drapo Wouj", "ar": "الراية الحمراء"},
        languages=["fr", "ht", "ar"],
        mastheads={"fr": "La voix des travailleurs", "ht": "Vwa travayè yo"},
        mottos={"fr": "Prolétaires de tous les pays, unissez-vous !"},
    )


def print_in(issue, language: str, tmp_path: Path) -> Path:
    path = tmp_path / f"issue-{language}.pdf"
    path.write_bytes(
        printing.issue_pdf(issue, language=language, base_url="https://press.example.org")
    )
    return path


@pytest.fixture
def issue(editor, journal):
    issue = make_issue(editor, journal)
    original = make_article(
        editor,
        journal,
        title="Grève à l'usine de Flins",
        body="\n\n".join([FRENCH] * 14),
        language="fr",
        dateline_place="Flins",
        dateline_country="France",
    )
    services.article_translate(
        actor=editor,
        article=original,
        language="ht",
        title="Grèv nan faktori Flins",
        body="\n\n".join([CREOLE] * 14),
    )
    services.article_translate(
        actor=editor, article=original, language="ar", title="إضراب في المصنع", body=ARABIC
    )
    services.placement_add(actor=editor, issue=issue, article=original, page=1, is_lead=True)
    return issue


def test_the_french_edition_keeps_every_accent(issue, tmp_path):
    text = raw_text(print_in(issue, "fr", tmp_path))
    for character in "éèêàçœ«»":
        assert character in text, character
    assert "DRAPEAU ROUGE" in text
    assert "Prolétaires de tous les pays, unissez-vous !" in text


def test_the_french_edition_is_hyphenated_by_french_rules(issue, tmp_path):
    splits = HYPHEN_AT_LINE_END.findall(raw_text(print_in(issue, "fr", tmp_path)))
    assert splits, "French columns of long words are hyphenated"
    french = pyphen.Pyphen(lang="fr")
    for before, after in splits:
        assert len(before) in french.positions(before + after), (before, after)


def test_haitian_creole_is_not_hyphenated_by_another_languages_rules(issue, tmp_path):
    assert hyphenation_dictionary("ht") is None
    text = raw_text(print_in(issue, "ht", tmp_path))
    assert "Grèv nan faktori Flins" in text and "Òganizasyon" in text
    assert not HYPHEN_AT_LINE_END.findall(text)


def test_the_same_creole_text_would_be_hyphenated_if_it_claimed_to_be_french(
    editor, journal, tmp_path
):
    """The control for the test above: the Creole columns are narrow enough to hyphenate."""
    issue = make_issue(editor, journal)
    article = make_article(
        editor, journal, title="Kontwòl", body="\n\n".join([CREOLE] * 14), language="fr"
    )
    services.placement_add(actor=editor, issue=issue, article=article, page=1, is_lead=True)
    assert HYPHEN_AT_LINE_END.findall(raw_text(print_in(issue, "fr", tmp_path)))


def _boxes(box):
    yield box
    for child in getattr(box, "children", []):
        yield from _boxes(child)


def test_the_arabic_edition_is_laid_out_right_to_left(issue):
    assert text_direction("ar") == "rtl"
    html = printing.issue_html(issue, language="ar")
    assert '<html lang="ar" dir="rtl">' in html
    document = printing.render_document(issue, language="ar")
    boxes = [box for page in document.pages for box in _boxes(page._page_box)]
    words = [box for box in boxes if ARABIC.split()[0] in (getattr(box, "text", "") or "")]
    assert words, "the Arabic text is in the layout"
    assert all(box.style["direction"] == "rtl" for box in words)
    # The last line of a right-to-left paragraph sits against its right edge, not its left.
    paragraph = next(
        box
        for box in boxes
        if box.element_tag == "p"
        and any(ARABIC.split()[0] in (getattr(b, "text", "") or "") for b in _boxes(box))
    )
    line = paragraph.children[-1]
    text_right = max(child.position_x + child.width for child in line.children)
    text_left = min(child.position_x for child in line.children)
    assert abs(text_right - (paragraph.content_box_x() + paragraph.width)) < 1
    assert text_left > paragraph.content_box_x() + 10


def test_a_language_outside_the_settings_list_is_refused(editor, journal):
    from iskra.core.errors import DomainError

    with pytest.raises(DomainError):
        make_article(editor, journal, title="Klingon", language="tlh")
    with pytest.raises(DomainError):
        services.publication_update(actor=editor, publication=journal, languages=["fr", "xx"])
    journal.refresh_from_db()
    assert journal.languages == ["fr", "ht", "ar"]

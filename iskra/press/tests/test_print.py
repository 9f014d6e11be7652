"""Print-ready PDFs, checked with poppler's pdfinfo and pdftotext: page count and size, the
masthead, page numbers, the jump to an inner page, Spanish accents, and every word of every
article present (nothing cut off at a column's edge)."""

import re
import subprocess
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from iskra.press import printing, services
from iskra.press.models import Issue, Publication
from iskra.press.tests.factories import make_article, make_editor, make_issue, make_publication

SENTENCE = (
    "Los obreros de la línea exigen seguridad, más descanso y el fin de la aceleración; "
    "la patronal responde con amenazas, pero la asamblea votó unánime."
)


def long_body(paragraphs: int) -> str:
    return "\n\n".join(f"{SENTENCE} Párrafo {index}." for index in range(paragraphs))


def pdf_info(path: Path) -> dict[str, str]:
    output = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return dict(
        (key.strip(), value.strip())
        for key, _sep, value in (line.partition(":") for line in output.stdout.splitlines())
    )


def pdf_text(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    output = subprocess.run(
        ["pdftotext", *pages, str(path), "-"], capture_output=True, text=True, check=True
    )
    # Undo hyphenation at line ends (WeasyPrint hyphenates with U+2010).
    return re.sub(r"[\u2010-]\n", "", output.stdout)


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


@pytest.fixture
def editor(los_angeles):
    return make_editor(los_angeles)


@pytest.fixture
def paper(editor, los_angeles):
    return make_publication(editor, los_angeles)


def write(issue, tmp_path, **options) -> Path:
    """The final PDF of the issue, ready to print (a planning issue prints as a proof, with
    a first page of its own: see test_print_layout)."""
    Issue.objects.filter(pk=issue.pk, state=Issue.State.PLANNING).update(state=Issue.State.READY)
    issue.refresh_from_db()
    path = tmp_path / "issue.pdf"
    path.write_bytes(printing.issue_pdf(issue, base_url="https://press.example.org", **options))
    return path


def test_the_tabloid_has_masthead_columns_page_numbers_and_jumps(editor, paper, tmp_path):
    issue = make_issue(editor, paper)
    lead = make_article(
        editor, paper, title="Huelga en el puerto", body=long_body(60), language="es"
    )
    services.placement_add(actor=editor, issue=issue, article=lead, page=1, is_lead=True)
    inside = make_article(
        editor, paper, title="Carta de una enfermera", body=long_body(3), language="es"
    )
    services.placement_add(actor=editor, issue=issue, article=inside, page=2)
    path = write(issue, tmp_path, language="es")

    info = pdf_info(path)
    assert info["Page size"].startswith("792 x 1224")  # 11 x 17 inches
    pages = int(info["Pages"])
    assert pages >= 2
    front, second = (" ".join(pdf_text(path, page).split()) for page in (1, 2))
    assert "BANDERA ROJA" in front
    assert "¡Proletarios del mundo, uníos!" in front
    assert "LOS ANGELES (USA), 9 de septiembre—" in front
    assert re.search(r"Continúa en la página\s*2", front)
    assert re.search(r"Huelga en el puerto\s+Viene de la página\s*1", second)  # continuation
    # The running header and the page number on the inner page.
    assert "Bandera Roja" in second and "N.º 1" in second
    assert "2" in second.split()
    # Nothing cut off: every word of both articles is in the PDF, accents intact.
    everything = pdf_text(path)
    assert words(lead.body + inside.body) <= words(everything)
    assert "aceleración" in everything and "unánime" in everything


def test_the_workplace_sheet_has_two_sides(editor, detroit_plant, tmp_path):
    plant_editor = make_editor(detroit_plant, "earl")
    sheet = make_publication(
        plant_editor,
        detroit_plant,
        slug="plant-bulletin",
        kind=Publication.Kind.NEWSLETTER,
        names={"en": "Plant Bulletin"},
        languages=["en"],
        print_format=Publication.PrintFormat.LETTER_SHEET,
        mastheads={},
        mottos={},
    )
    issue = make_issue(plant_editor, sheet)
    editorial = make_article(
        plant_editor,
        sheet,
        title="Which side are you on?",
        body="The bosses have a plan.",
        language="en",
    )
    item = make_article(
        plant_editor,
        sheet,
        title="Heat in paint shop",
        body="It was 104 degrees on Tuesday.",
        language="en",
    )
    services.placement_add(actor=plant_editor, issue=issue, article=editorial, page=1)
    services.placement_add(actor=plant_editor, issue=issue, article=item, page=2)
    path = write(issue, tmp_path)

    info = pdf_info(path)
    assert info["Pages"] == "2"
    assert "(letter)" in info["Page size"]
    side_one, side_two = pdf_text(path, 1), pdf_text(path, 2)
    assert "PLANT BULLETIN" in side_one and "Which side are you on?" in side_one
    assert "Heat in paint shop" in side_two and "Which side" not in side_two
    assert "press.example.org/p/plant-bulletin/submit/" in side_two.replace("\n", "")


def test_the_pamphlet_is_an_a5_booklet_in_fours(editor, los_angeles, tmp_path):
    pamphlet = make_publication(
        editor,
        los_angeles,
        slug="state-and-revolution",
        kind=Publication.Kind.PAMPHLET,
        print_format=Publication.PrintFormat.A5_BOOKLET,
    )
    issue = make_issue(editor, pamphlet)
    for index in range(3):
        chapter = make_article(editor, pamphlet, title=f"Chapter {index}", body=long_body(4))
        services.placement_add(actor=editor, issue=issue, article=chapter, page=index + 1)
    path = write(issue, tmp_path, language="en")
    info = pdf_info(path)
    assert info["Page size"].startswith("419.5")  # A5: 148 mm wide
    assert int(info["Pages"]) % 4 == 0
    assert "Red Banner" in pdf_text(path, 1)
    assert "Chapter 2" in pdf_text(path)


def test_a_combined_bilingual_edition_holds_both_languages(editor, paper, tmp_path):
    services.publication_update(
        actor=editor, publication=paper, bilingual=Publication.Bilingual.COMBINED
    )
    issue = make_issue(editor, paper)
    article = make_article(editor, paper, title="Workers unite", body="In English.")
    services.article_translate(
        actor=editor,
        article=article,
        language="es",
        title="Trabajadores, uníos",
        body="En español.",
    )
    services.placement_add(actor=editor, issue=issue, article=article, page=1, is_lead=True)
    text = pdf_text(write(issue, tmp_path))
    assert "Workers unite" in text and "Trabajadores, uníos" in text
    assert "RED BANNER" in text and "BANDERA ROJA" in text


def test_print_issue_command_writes_the_pdf(editor, paper, tmp_path):
    issue = make_issue(editor, paper)
    article = make_article(editor, paper, title="Command line", body="Printed from the shell.")
    services.placement_add(actor=editor, issue=issue, article=article, page=1)
    out = tmp_path / "out.pdf"
    call_command(
        "print_issue", "red-banner", str(issue.number), "--out", str(out), "--language", "en"
    )
    assert "Command line" in pdf_text(out)
    with pytest.raises(CommandError):
        call_command("print_issue", "red-banner", "99", "--out", str(out))
    with pytest.raises(CommandError):
        call_command("print_issue", "red-banner", "1", "--out", str(out), "--language", "fr")

"""The printed result, read back from the PDF with poppler (word positions): the demo paper
fills its pages in columns, jump lines name the page that holds the continuation in every
edition (the combined one too), each language prints its own pictures, proofs say what is
missing, tabloids are padded to four pages, booklets are imposed in saddle-stitch order, and
the sheet keeps its QR code in its box and says when it does not fit."""

import io
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from conftest import client_for
from iskra.press import printing, services
from iskra.press.models import Issue, Publication
from iskra.press.tests.factories import (
    jpeg_upload,
    make_article,
    make_editor,
    make_issue,
    make_publication,
)
from iskra.press.tests.pdf import FROM, JUMP, Page, dehyphenate, folio, pages

SENTENCE = (
    "Los obreros de la línea exigen seguridad, más descanso y el fin de la aceleración; "
    "la patronal responde con amenazas, pero la asamblea votó unánime."
)


DOCKERS = (
    "Dockers on every terminal of the port stopped the cranes at dawn and met at the main "
    "gate, where the stewards read out the demands: safety, staffing, no twelve-hour shift."
)


def long_body(paragraphs: int, sentence: str = SENTENCE) -> str:
    return "\n\n".join(f"{sentence} {sentence} Párrafo {index}." for index in range(paragraphs))


@pytest.fixture
def editor(los_angeles):
    return make_editor(los_angeles)


@pytest.fixture
def paper(editor, los_angeles):
    return make_publication(editor, los_angeles)


def ready(editor, issue):
    """Ready to print: the PDF is no longer a proof (no extra first page)."""
    for state in ("editing", "ready"):
        services.issue_set_state(actor=editor, issue=issue, state=state)
    return issue


def printed(issue, tmp_path: Path, name: str = "issue.pdf", **options) -> tuple[Path, list[Page]]:
    result = printing.print_issue(issue, base_url="https://press.example.org", **options)
    path = tmp_path / name
    path.write_bytes(result.pdf)
    return path, pages(path)


def assert_jumps_land(document: list[Page]) -> int:
    """Every "continued on page N" names a page (by the number printed on it: a proof's first
    page has none) that holds "continued from page <here>"."""
    by_folio = {folio(page): page for page in document}
    count = 0
    for page in document:
        for target in JUMP.findall(dehyphenate(page.text)):
            landing = by_folio[int(target)]
            origins = FROM.findall(dehyphenate(landing.text))
            assert str(folio(page)) in origins, (folio(page), target, origins)
            count += 1
    return count


def test_the_demo_paper_fills_its_pages_in_columns(db, tmp_path):
    call_command("demo", stdout=StringIO())
    issue = Issue.objects.get(publication__slug="red-banner", number=1)
    for language in ("en", "es"):
        _path, document = printed(issue, tmp_path, f"{language}.pdf", language=language)
        assert len(document) >= 4 and len(document) % 4 == 0
        for page in document[:-1]:
            # Text reaches the bottom quarter, and at least three of four columns hold text.
            assert page.lowest_text() > 0.75, (language, page.number, page.lowest_text())
            assert page.columns_with_text(4) >= 3, (language, page.number)
        assert_jumps_land(document)
        # The issue's date, not the day the demo was loaded.
        date = {"en": "Sept. 15, 2024", "es": "15 de septiembre de 2024"}[language]
        assert date in dehyphenate(document[0].text)
    es = dehyphenate(" ".join(page.text for page in document))
    # Bylines and topics in Spanish in the Spanish edition.
    assert "CORRESPONSAL" in es and "A RED BANNER READER" not in es
    assert "ELECCIONES" in es and "ELECTIONS" not in es


def test_jump_lines_name_the_right_page_in_the_combined_edition(editor, paper, tmp_path):
    services.publication_update(
        actor=editor, publication=paper, bilingual=Publication.Bilingual.COMBINED
    )
    issue = make_issue(editor, paper)
    lead = make_article(
        editor,
        paper,
        title="Port strike spreads",
        language="en",
        body=long_body(40, DOCKERS),
    )
    services.article_translate(
        actor=editor,
        article=lead,
        language="es",
        title="La huelga del puerto se extiende",
        body=long_body(40),
    )
    services.placement_add(actor=editor, issue=issue, article=lead, page=1, is_lead=True)
    _path, document = printed(issue, tmp_path)
    text = [dehyphenate(page.text) for page in document]
    # A planning issue: the proof's first page lists what is missing, then the editions.
    english_front = folio(next(p for p in document if "RED BANNER" in p.text))
    spanish_front = folio(next(p for p in document if "BANDERA ROJA" in p.text))
    assert english_front == 1 and spanish_front == 5
    # Two jumps, one per language, each to a page of its own edition.
    assert assert_jumps_land(document) == 2
    jumps = [
        (folio(page), int(n)) for page in document for n in JUMP.findall(text[page.number - 1])
    ]
    assert [source for source, _target in jumps] == [english_front, spanish_front]
    assert all(target > source for source, target in jumps)
    assert f"Viene de la página {spanish_front}" in " ".join(text)


def test_each_language_prints_its_own_picture(editor, paper, tmp_path):
    issue = make_issue(editor, paper)
    article = make_article(editor, paper, title="Dockers", body=long_body(3), language="en")
    services.image_add(
        actor=editor,
        article=article,
        image=jpeg_upload(color=(0, 0, 200)),
        alt_text="Dockers at the gate",
        caption="ENGLISH CAPTION at the gate",
    )
    translation = services.article_translate(
        actor=editor, article=article, language="es", title="Estibadores", body=long_body(3)
    )
    services.image_add(
        actor=editor,
        article=translation,
        image=jpeg_upload(color=(200, 0, 0)),
        alt_text="Estibadores en la puerta",
        caption="LEYENDA EN ESPAÑOL en la puerta",
    )
    services.placement_add(actor=editor, issue=issue, article=article, page=1, is_lead=True)
    _path, document = printed(issue, tmp_path, language="es")
    text = " ".join(page.text for page in document)
    assert "LEYENDA EN ESPAÑOL" in text and "ENGLISH CAPTION" not in text
    html = printing._Job(issue, "es", "", False).html(
        printing._Job(issue, "es", "", False).editions()
    )
    assert translation.images.get().image.name.rsplit("/", 1)[-1] in html
    assert article.images.get().image.name.rsplit("/", 1)[-1] not in html


def test_a_planning_issue_prints_as_a_proof_listing_what_is_missing(editor, paper, tmp_path):
    issue = make_issue(editor, paper)
    translated = make_article(editor, paper, title="Translated", body=long_body(2))
    services.article_translate(
        actor=editor, article=translated, language="es", title="Traducido", body=long_body(2)
    )
    lonely = make_article(editor, paper, title="Only in English", body=long_body(2))
    services.placement_add(actor=editor, issue=issue, article=translated, page=1, is_lead=True)
    services.placement_add(actor=editor, issue=issue, article=lonely, page=2)
    result = printing.print_issue(issue, language="es", base_url="https://press.example.org")
    path = tmp_path / "proof.pdf"
    path.write_bytes(result.pdf)
    document = pages(path)
    assert result.proof
    first = dehyphenate(document[0].text)
    assert "PRUEBA" in first and "Only in English" in first and "no tiene traducción" in first
    assert all("PRUEBA" in page.text for page in document), [p.text[:60] for p in document]
    # The editor sees the same list on the issue page, before printing.
    page = client_for(editor).get(f"/press/red-banner/{issue.number}/").content.decode()
    assert "Only in English" in page and 'id="print-problems"' in page
    # Ready to print: no proof mark.
    services.article_set_state(actor=editor, article=lonely, state="review")
    for state in ("editing", "ready"):
        services.issue_set_state(actor=editor, issue=issue, state=state)
    final = printing.print_issue(issue, language="en", base_url="https://press.example.org")
    path.write_bytes(final.pdf)
    assert not final.proof
    assert all("PROOF" not in page.text for page in pages(path))


def test_a_tabloid_is_padded_to_four_pages_with_the_house_boxes(editor, paper, tmp_path):
    issue = make_issue(editor, paper)
    lead = make_article(editor, paper, title="Short lead", body=long_body(2), language="es")
    services.placement_add(actor=editor, issue=issue, article=lead, page=1, is_lead=True)
    inside = make_article(editor, paper, title="Inside", body=long_body(30), language="es")
    services.placement_add(actor=editor, issue=issue, article=inside, page=2)
    ready(editor, issue)
    _path, document = printed(issue, tmp_path, language="es")
    assert len(document) == 4
    back = dehyphenate(" ".join(page.text for page in document[-2:])).replace(" ", "")
    assert "press.example.org/p/red-banner/submit/" in back
    assert "press.example.org/p/red-banner/subscribe/" in back


def test_saddle_stitch_order():
    assert printing.saddle_stitch_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]
    order = printing.saddle_stitch_order(32)
    assert len(order) == 16 and order[0] == (31, 0) and order[-1] == (15, 16)
    assert sorted(page for side in order for page in side) == list(range(32))


def test_the_booklet_is_imposed_for_saddle_stitching(editor, los_angeles, tmp_path):
    pamphlet = make_publication(
        editor,
        los_angeles,
        slug="pamphlet",
        kind=Publication.Kind.PAMPHLET,
        print_format=Publication.PrintFormat.A5_BOOKLET,
    )
    issue = make_issue(editor, pamphlet)
    for index in range(5):
        chapter = make_article(editor, pamphlet, title=f"Chapter {index}", body=long_body(2))
        services.placement_add(actor=editor, issue=issue, article=chapter, page=index + 1)
    ready(editor, issue)
    result = printing.print_issue(
        issue, language="en", base_url="https://press.example.org", imposed=True
    )
    reading = PdfReader(io.BytesIO(result.pdf))
    count = len(reading.pages)
    assert count % 4 == 0
    path = tmp_path / "imposed.pdf"
    assert result.imposed is not None
    path.write_bytes(result.imposed)
    imposed = pages(path)
    assert len(imposed) == count // 2
    width = float(reading.pages[0].mediabox.width)
    assert imposed[0].width == pytest.approx(2 * width, abs=1)
    # Read the page numbers printed at the foot of each half.
    for side, (left, right) in zip(imposed, printing.saddle_stitch_order(count), strict=True):
        feet = [w for w in side.words if w.y0 > side.height * 0.9 and re.fullmatch(r"\d+", w.text)]
        on_left = {int(w.text) for w in feet if w.x1 < width}
        on_right = {int(w.text) for w in feet if w.x0 > width}
        # The cover (page 1) and blank padding pages carry no number.
        assert on_left <= {left + 1} and on_right <= {right + 1}
        assert on_left or on_right


def test_the_print_shop_gets_crop_marks_and_bleed(editor, paper, tmp_path):
    issue = make_issue(editor, paper)
    article = make_article(editor, paper, title="Marks", body=long_body(2), language="es")
    services.placement_add(actor=editor, issue=issue, article=article, page=1, is_lead=True)
    plain = PdfReader(io.BytesIO(printing.print_issue(issue, language="es").pdf))
    marked = PdfReader(io.BytesIO(printing.print_issue(issue, language="es", crop_marks=True).pdf))
    # The sheet grows by the bleed and the marks around the trimmed page.
    assert float(marked.pages[0].mediabox.width) > float(plain.pages[0].mediabox.width) + 10


@pytest.fixture
def sheet(editor, los_angeles):
    return make_publication(
        editor,
        los_angeles,
        slug="sheet",
        kind=Publication.Kind.NEWSLETTER,
        names={"en": "Plant Sheet"},
        languages=["en"],
        print_format=Publication.PrintFormat.LETTER_SHEET,
    )


def test_the_sheet_says_when_it_does_not_fit_on_two_sides(editor, sheet, tmp_path):
    issue = make_issue(editor, sheet)
    for index in range(6):
        article = make_article(
            editor, sheet, title=f"Long item {index}", body=long_body(12), language="en"
        )
        services.placement_add(actor=editor, issue=issue, article=article, page=1 + index % 2)
    ready(editor, issue)
    result = printing.print_issue(issue, base_url="https://press.example.org")
    assert result.pages > 2
    assert any("does not fit on two sides" in warning for warning in result.warnings)
    out = tmp_path / "sheet.pdf"
    stderr = StringIO()
    call_command("print_issue", "sheet", str(issue.number), "--out", str(out), stderr=stderr)
    assert "does not fit on two sides" in stderr.getvalue()


def _boxes(box, found):
    found.append(box)
    for child in getattr(box, "children", []) or []:
        _boxes(child, found)
    return found


def test_the_sheet_keeps_its_qr_code_in_its_box_and_headlines_with_their_text(editor, sheet):
    issue = make_issue(editor, sheet)
    for index in range(3):
        article = make_article(
            editor, sheet, title=f"Item {index}", body=long_body(2 + index), language="en"
        )
        services.placement_add(actor=editor, issue=issue, article=article, page=1 + index % 2)
    ready(editor, issue)
    document = printing.render_document(issue, base_url="https://press.example.org")
    assert len(document.pages) == 2
    boxes = _boxes(document.pages[1]._page_box, [])
    aside = next(b for b in boxes if b.element_tag == "aside")
    image = next(b for b in _boxes(aside, []) if b.element_tag == "img")
    top, bottom = aside.border_box_y(), aside.border_box_y() + aside.border_height()
    assert top <= image.border_box_y()
    assert image.border_box_y() + image.border_height() <= bottom
    # No headline is the last thing of a column: its article's text follows on the same page.
    for page in document.pages:
        for box in _boxes(page._page_box, []):
            if box.element_tag == "article" and any(
                child.element_tag == "h2" for child in _boxes(box, [])
            ):
                assert box.element.get("id") + "-text" in page.anchors


def test_imposition_keeps_pictures_fonts_and_text(tmp_path):
    """Pages are drawn on the sheets as form XObjects: every page's picture, its embedded fonts
    and its text are in the imposed file (read back with poppler's pdfimages, pdffonts and
    word positions)."""
    import base64
    import subprocess

    from weasyprint import HTML

    png = base64.b64encode(jpeg_upload(size=(120, 80)).read()).decode()
    body = "".join(
        f'<section style="break-before: page"><h1>Página {n}</h1>'
        f'<img src="data:image/jpeg;base64,{png}" alt=""><p>{"Señal. " * 60}</p></section>'
        for n in range(1, 7)
    )
    pdf = HTML(string=f"<style>@page {{ size: A5 }}</style>{body}").write_pdf()
    path = tmp_path / "imposed.pdf"
    path.write_bytes(printing.impose_booklet(pdf))
    listed = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True)
    images = [line for line in listed.stdout.splitlines()[2:] if line.strip()]
    assert len(images) == 6  # one picture on each of the six pages, the two blanks have none
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert fonts.count("DejaVu") == 2 and " no " not in fonts.split("\n", 2)[2]
    sides = pages(path)
    assert len(sides) == 4
    assert {w.text for w in sides[0].words} >= {"Página", "Señal."}

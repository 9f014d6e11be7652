"""The stories of DESIGN.md walked on a 360x740 phone in Chromium, by visible labels, as the
people in them would. Every page visited is checked by `check_page` (no sideways scroll;
no English on a Spanish page). Stories 1, 2, 6 and 7 are walked by their own engineers' tests."""

import subprocess
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD, TOTP_SECRET
from iskra.distribution.models import Outing
from iskra.e2e.conftest import PHONE, login
from iskra.e2e.pages import check_page
from iskra.network.models import Role
from iskra.network.services import membership_create
from iskra.people import services as people
from iskra.press import services as press
from iskra.press.models import Article, Issue
from iskra.press.tests.factories import make_editor, make_issue, make_publication, publish

pytestmark = pytest.mark.e2e

ITEM = "The fans in the paint shop are broken again; it was 104 degrees by booth 4."
EDITORIAL = "Every plant, one class: why the contract fight is ours everywhere"


def poppler(*command: str) -> str:
    completed = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    return completed.stdout


def visit(page: Page, url: str, language: str = "en") -> None:
    response = page.goto(url)
    assert response is not None and response.ok, url
    check_page(page, language)


def test_story_3_workplace_newsletter(
    new_phone_page, live_server, usa, detroit, detroit_plant, tmp_path
):
    """A plant group's two-page sheet: the common editorial written once at the national
    level, plus a worker's item sent anonymously through the public form; the editor
    assembles the issue, prints the letter PDF and logs the copies handed out at the gate."""
    people.ensure_stages()
    nina = make_editor(usa, "nina")
    editorial = press.article_create(
        actor=nina,
        collective=usa,
        language="en",
        title=EDITORIAL,
        body="A contract fight at one plant is a fight at every plant.",
        kind=Article.Kind.EDITORIAL,
        shared_below=True,
    )
    publish(nina, editorial)
    earl = make_editor(detroit_plant, "earl")
    membership_create(actor=None, user=earl, collective=detroit_plant, role=Role.MEMBER)
    sheet = make_publication(
        earl,
        detroit_plant,
        slug="plant-bulletin",
        kind="newsletter",
        names={"en": "Riverside Spark"},
        languages=["en"],
        print_format="letter-sheet",
        mastheads={},
        mottos={},
    )
    issue = make_issue(earl, sheet)

    # A worker, without an account, sends an item from the link or the QR code.
    worker = new_phone_page()
    visit(worker, f"{live_server.url}/p/plant-bulletin/submit/")
    expect(worker.locator("img.qr")).to_be_visible()
    worker.get_by_label("Workplace or department").fill("Paint shop")
    worker.get_by_label("What is happening?").fill(ITEM)
    worker.get_by_role("button", name="Send").click()
    expect(worker.locator("h1")).to_have_text("Thank you")
    check_page(worker)

    # The plant's editor turns it into an article and approves it.
    editor = new_phone_page()
    login(editor, live_server, "earl", PASSWORD, TOTP_SECRET)
    visit(editor, f"{live_server.url}/press/plant-bulletin/submissions/")
    expect(editor.locator(".submission")).to_contain_text("booth 4")
    editor.get_by_role("button", name="Turn into an article").click()
    editor.get_by_label("Title").fill("Paint shop: 104 degrees")
    editor.get_by_role("button", name="Save").click()
    expect(editor.locator("h1")).to_have_text("Paint shop: 104 degrees")
    check_page(editor)
    for step in ("Send to review", "Approve"):
        editor.get_by_role("button", name=step).click()
        check_page(editor)
    item = Article.objects.get(title="Paint shop: 104 degrees")
    assert item.state == Article.State.APPROVED

    # The issue: the common editorial on the front page, the worker's item on the back.
    issue_url = f"{live_server.url}/press/plant-bulletin/{issue.number}/"
    visit(editor, issue_url)
    editor.get_by_label("Article").select_option(str(editorial.pk))
    editor.get_by_label("Front-page lead").check()
    editor.get_by_role("button", name="Place", exact=True).click()
    check_page(editor)
    editor.get_by_label("Article").select_option(str(item.pk))
    editor.locator("#id_page").fill("2")
    editor.get_by_role("button", name="Place", exact=True).click()
    expect(editor.locator(".placement")).to_have_count(2)
    check_page(editor)

    with editor.expect_download() as download:
        editor.get_by_role("link", name="PDF (English)").click()
    pdf = tmp_path / "sheet.pdf"
    download.value.save_as(pdf)
    info = poppler("pdfinfo", str(pdf))
    assert "Pages:           2" in info
    assert "612 x 792 pts (letter)" in info
    front = poppler("pdftotext", "-f", "1", "-l", "1", str(pdf), "-")
    back = poppler("pdftotext", "-f", "2", "-l", "2", str(pdf), "-")
    assert "Every plant, one class" in front and "contract fight" in front
    assert "Paint shop: 104 degrees" in back and "booth 4" in back

    # Printed: the run is recorded, then the copies handed out at the gate are logged.
    for state in ("Editing", "Ready to print", "Printed"):
        editor.get_by_role("button", name=f"Move to: {state}").click()
        check_page(editor)
    editor.get_by_label("Copies").fill("300")
    editor.get_by_label("Cost").fill("24.00")
    editor.get_by_role("button", name="Record a print run").click()
    expect(editor.get_by_text("300 copies")).to_be_visible()
    assert Issue.objects.get(pk=issue.pk).state == Issue.State.PRINTED

    visit(editor, f"{live_server.url}/distribution/detroit-plant/outings/new/")
    editor.get_by_label("Where").fill("Gate 4, shift change")
    editor.locator(f"#id_copies_{issue.pk}").fill("120")
    editor.get_by_role("button", name="Save the outing").click()
    expect(editor.get_by_text("Gate 4, shift change").first).to_be_visible()
    check_page(editor)
    outing = Outing.objects.get()
    assert outing.collective == detroit_plant
    assert sum(line.copies for line in outing.lines.all()) == 120


SPANISH_TITLE = "Huelga de los estibadores en el puerto"
ENGLISH_TITLE = "Dockers strike at the port"


def test_story_5_international(new_phone_page, browser, live_server, usa, international):
    """Articles in several languages, linked as translations; the public archive searched in
    English and in Spanish finds the right version of each, and each links to the other."""
    eddie = make_editor(usa, "eddie")
    paper = make_publication(eddie, usa)  # Red Banner / Bandera Roja, in English and Spanish
    original = press.article_create(
        actor=eddie,
        collective=usa,
        publication=paper,
        language="en",
        title=ENGLISH_TITLE,
        body="Dockers walked out at dawn. They demand safety on the cranes.",
        dateline_place="Los Angeles",
        dateline_country="USA",
        dateline_date=date(2026, 9, 9),
    )

    # The editor translates it on her phone and publishes both versions.
    editor = new_phone_page()
    login(editor, live_server, "eddie", PASSWORD, TOTP_SECRET)
    visit(editor, f"{live_server.url}/press/articles/{original.pk}/")
    editor.get_by_role("link", name="Translate").click()
    check_page(editor)
    editor.get_by_label("Language").select_option("es")
    editor.get_by_label("Title").fill(SPANISH_TITLE)
    editor.get_by_label("Text (Markdown)").fill(
        "Los estibadores pararon al amanecer. Exigen seguridad en las grúas."
    )
    editor.get_by_role("button", name="Save the translation").click()
    expect(editor.locator("h1")).to_have_text(SPANISH_TITLE)
    check_page(editor)
    translation = Article.objects.get(translation_of=original)
    for version in (original, translation):
        visit(editor, f"{live_server.url}/press/articles/{version.pk}/")
        for step in ("Send to review", "Approve", "Publish"):
            editor.get_by_role("button", name=step).click()
            check_page(editor)
    assert set(Article.objects.values_list("state", flat=True)) == {Article.State.PUBLISHED}

    # A reader in English searches the archive.
    reader = new_phone_page()
    visit(reader, f"{live_server.url}/p/search/")
    reader.get_by_label("Words to look for").fill("dockers")
    reader.get_by_role("button", name="Search").click()
    results = reader.locator(".search-results li")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text(ENGLISH_TITLE)
    check_page(reader)

    # A reader in Spanish searches the same archive in Spanish.
    context = browser.new_context(viewport=PHONE, locale="es-ES")
    try:
        lector = context.new_page()
        visit(lector, f"{live_server.url}/p/search/", "es")
        lector.get_by_label("Palabras a buscar").fill("estibadores")
        lector.get_by_role("button", name="Buscar").click()
        results = lector.locator(".search-results li")
        expect(results).to_have_count(1)
        expect(results.first).to_contain_text(SPANISH_TITLE)
        expect(results.first).to_have_attribute("lang", "es")
        check_page(lector, "es")
        # The English word finds nothing in the Spanish archive, and the other way round.
        visit(lector, f"{live_server.url}/p/search/?q=dockers&language=es", "es")
        expect(lector.locator(".search-results li")).to_have_count(0)
        visit(lector, f"{live_server.url}/p/search/?q=estibadores&language=es", "es")
        lector.locator(".search-results a").first.click()
        expect(lector.locator("h1")).to_have_text(SPANISH_TITLE)
        check_page(lector, "es")
        # The translation links to the original: the same article in English, on a page
        # that is English as a whole (the public site speaks the article's language).
        lector.locator(".language-versions a[hreflang=en]").click()
        expect(lector.locator("h1")).to_have_text(ENGLISH_TITLE)
        expect(lector.locator("html")).to_have_attribute("lang", "en")
        check_page(lector)
    finally:
        context.close()

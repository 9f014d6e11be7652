"""The workplace newsletter's story in Chromium at a phone's width: a worker sends an item
without an account; the plant's editor turns it into an article, places it on the back of the
sheet and prints the PDF."""

import re
import subprocess

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD, TOTP_SECRET
from iskra.e2e.conftest import login
from iskra.e2e.pages import check_page
from iskra.press.models import Article, Submission
from iskra.press.tests.factories import make_editor, make_issue, make_publication

pytestmark = pytest.mark.e2e


def poppler(*command: str) -> str:
    """Run one of poppler's tools (pdfinfo, pdftotext) on a PDF; its output."""
    completed = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    return completed.stdout


ITEM = "The fans in the paint shop are broken again; it was 104 degrees by booth 4."


def test_a_workers_item_goes_from_a_phone_to_the_printed_sheet(
    new_phone_page, live_server, detroit_plant, tmp_path
):
    earl = make_editor(detroit_plant, "earl")
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

    worker = new_phone_page()
    worker.goto(f"{live_server.url}/p/plant-bulletin/submit/")
    expect(worker.locator("img.qr")).to_be_visible()
    worker.get_by_label("Workplace or department").fill("Paint shop")
    worker.get_by_label("What is happening?").fill(ITEM)
    worker.get_by_role("button", name="Send").click()
    expect(worker.locator("h1")).to_have_text("Thank you")
    assert Submission.objects.get().body == ITEM

    editor = new_phone_page()
    login(editor, live_server, "earl", PASSWORD, TOTP_SECRET)
    editor.goto(f"{live_server.url}/press/plant-bulletin/submissions/")
    expect(editor.locator(".submission")).to_contain_text("booth 4")
    editor.get_by_role("button", name="Turn into an article").click()
    editor.get_by_label("Title").fill("Paint shop: 104 degrees")
    editor.get_by_role("button", name="Save").click()
    expect(editor.locator("h1")).to_have_text("Paint shop: 104 degrees")
    article = Article.objects.get()

    editor.goto(f"{live_server.url}/press/plant-bulletin/{issue.number}/")
    editor.get_by_label("Article").select_option(str(article.pk))
    editor.locator("#id_page").fill("2")
    editor.get_by_role("button", name="Place", exact=True).click()
    expect(editor.locator(".placement")).to_contain_text("Paint shop: 104 degrees")
    # Ready to print: until then the PDF is a proof with a first page of what is missing.
    to_editing = editor.get_by_role("button", name="Move to: Editing")
    if to_editing.count():
        to_editing.click()
    editor.get_by_role("button", name="Move to: Ready to print").click()
    expect(editor.locator(".badge.state-ready")).to_have_text("Ready to print")
    # The PDF is made by a job: its page shows the steps, then offers the file.
    editor.get_by_role("button", name="PDF (English)").click()
    expect(editor.locator("#job-progress")).to_contain_text("Done", timeout=60_000)
    check_page(editor)
    with editor.expect_download() as download:
        editor.get_by_role("link", name=re.compile(r"^Download .*-en\.pdf$")).click()
    pdf = tmp_path / "sheet.pdf"
    download.value.save_as(pdf)
    info = poppler("pdfinfo", str(pdf))
    assert "Pages:           2" in info
    back = poppler("pdftotext", "-f", "2", "-l", "2", str(pdf), "-")
    assert "Paint shop: 104 degrees" in back
    assert "booth 4" in back

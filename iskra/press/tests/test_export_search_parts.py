"""The export's Pagefind index is made in parts (article ids 0-999, 1000-1999, ...; here one
id a part, so that three articles make three parts): exporting again indexes again only the
parts whose pages changed, and the served search page merges every part. Searched in
Debian's chromium through Playwright, on a real HTTP server."""

import json

import pytest
from playwright.sync_api import expect, sync_playwright

from iskra.press import export, services
from iskra.press.export import export_site
from iskra.press.tests import test_export_anywhere
from iskra.press.tests.test_export_search_from_disk import CHROMIUM

served = test_export_anywhere.served
_search_holds = test_export_anywhere._search_holds


@pytest.fixture
def one_article_a_part(monkeypatch):
    monkeypatch.setattr(export, "SEARCH_PART_DIGITS", 0)


def test_one_changed_article_indexes_only_its_part_again(newsroom, tmp_path, one_article_a_part):
    site = tmp_path / "site"
    first = export_site(site, base_url="https://paper.example.org/")
    assert first.search == "pagefind: 3 of 3 parts indexed again"
    ids = sorted(str(a.pk) for a in (newsroom.published, newsroom.translation))
    assert set(ids) <= set(json.loads((site / "pagefind" / "parts.json").read_text()))
    untouched = site / "pagefind" / str(newsroom.published.pk) / "pagefind-entry.json"
    before = untouched.stat().st_mtime_ns

    services.article_update(
        actor=newsroom.editor,
        article=newsroom.translation,
        title=newsroom.translation.title,
        body="Los estibadores volvieron al trabajo con todas sus demandas.",
    )
    again = export_site(site, base_url="https://paper.example.org/")
    assert again.search == "pagefind: 1 of 3 parts indexed again"
    assert untouched.stat().st_mtime_ns == before
    assert _search_holds(site, "volvieron") and not _search_holds(site, "amanecer")


def test_a_part_changed_without_the_index_is_indexed_at_the_next_export(
    newsroom, tmp_path, one_article_a_part
):
    site = tmp_path / "site"
    export_site(site, base_url="https://paper.example.org/")
    services.article_update(
        actor=newsroom.editor,
        article=newsroom.published,
        title=newsroom.published.title,
        body="Dockers went back with every demand won.",
    )
    export_site(site, base_url="https://paper.example.org/", search_index=False)
    assert _search_holds(site, "walked out")  # --no-search left the index as it was
    after = export_site(site, base_url="https://paper.example.org/")
    assert after.search == "pagefind: 1 of 3 parts indexed again"
    assert not _search_holds(site, "walked out") and _search_holds(site, "demand won")


def test_an_article_gone_takes_its_part_away(newsroom, tmp_path, one_article_a_part):
    site = tmp_path / "site"
    export_site(site, base_url="https://paper.example.org/")
    services.article_set_state(actor=newsroom.editor, article=newsroom.published, state="approved")
    after = export_site(site, base_url="https://paper.example.org/")
    # Its part goes; the translation's part is made again (its page no longer links the
    # English version).
    assert after.search == "pagefind: 1 of 2 parts indexed again, 1 removed"
    assert not (site / "pagefind" / str(newsroom.published.pk)).exists()
    parts = json.loads((site / "pagefind" / "parts.json").read_text())
    assert str(newsroom.published.pk) not in parts and len(parts) == 2
    assert not _search_holds(site, "Dockers walked out")


def test_the_served_search_page_merges_every_part(newsroom, served, one_article_a_part):
    root, address = served
    base = f"{address}/sub/iskra/"
    result = export_site(root / "sub" / "iskra", base_url=base)
    assert result.search == "pagefind: 3 of 3 parts indexed again"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base + "p/search/en/index.html")
        box = page.get_by_label("Search the archive")
        # Words of two articles in two parts: both are found.
        box.fill("hospital")
        expect(page.locator(".pagefind-ui__result-link")).to_have_text(["Nurses win breaks"])
        box.fill("dockers")
        link = page.locator(".pagefind-ui__result-link")
        expect(link).to_have_text([newsroom.published.title])
        link.click()
        expect(page.locator("h1")).to_contain_text(newsroom.published.title)
        assert page.url.startswith(base + "p/a/")
        # The Spanish page searches the Spanish part.
        page.goto(base + "p/search/es/index.html")
        page.get_by_label("Buscar en el archivo").fill("estibadores")
        expect(page.locator(".pagefind-ui__result-link")).to_have_text([newsroom.translation.title])
        assert not errors, errors
        browser.close()

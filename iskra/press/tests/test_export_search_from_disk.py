"""The static export opened from disk (file://): browsers do not let Pagefind read its index
there, so the search page searches the export's own `search-<language>.js` (loaded by a
script tag, which file:// allows). Checked in Debian's chromium through Playwright."""

import shutil

from playwright.sync_api import expect, sync_playwright

from iskra.press import services
from iskra.press.export import export_site

CHROMIUM = "/usr/bin/chromium"


def test_search_works_from_disk(newsroom, tmp_path):
    site = tmp_path / "site"
    export_site(site, base_url="https://paper.example.org/")
    before = tmp_path / "before"
    shutil.copytree(site, before)
    # Unpublished, an article leaves the search from disk too.
    services.article_set_state(actor=newsroom.editor, article=newsroom.published, state="approved")
    export_site(site, base_url="https://paper.example.org/")
    assert newsroom.published.title not in (site / "search-en.js").read_text()
    spanish, english = newsroom.translation.title, newsroom.published.title

    # The browser starts after the exports: Playwright's event loop would move Django's
    # test client to another thread (and another connection to the test database).
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((before / "p" / "search" / "es" / "index.html").as_uri())
        # Accents folded, as on the server: "extendio" finds "extendió".
        page.get_by_label("Buscar en el archivo").fill("huelga extendio")
        result = page.locator(".search-results a")
        expect(result).to_have_text([spanish])
        result.click()
        expect(page.locator("h1")).to_contain_text(spanish)
        assert page.url.startswith("file://") and page.url.endswith("/index.html")
        # The English page searches the English articles; nothing unpublished is there.
        page.goto((before / "p" / "search" / "en" / "index.html").as_uri())
        box = page.get_by_label("Search the archive")
        box.fill("SECRET")
        expect(page.locator(".search-count")).to_contain_text("0 ·")
        box.fill("dockers")
        expect(page.locator(".search-results a")).to_have_text([english])
        # After unpublishing and exporting again, the same search finds nothing.
        page.goto((site / "p" / "search" / "en" / "index.html").as_uri())
        page.get_by_label("Search the archive").fill("dockers")
        expect(page.locator(".search-count")).to_contain_text("0 ·")
        assert not errors
        browser.close()

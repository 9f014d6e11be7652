"""`iskra export_site DIR`: the same public site as static files, links resolving inside DIR,
no drafts, feeds and a Pagefind index per language."""

import re
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import feedparser
from django.core.management import call_command

from iskra.press.tests.conftest import SECRET_MARKERS

LINK = re.compile(r"""(?:href|src)="([^"]+)\"""")


def resolves(root: Path, page: Path, link: str) -> bool:
    """A link of the export: relative to the page that holds it (never site-absolute)."""
    path = urlsplit(urldefrag(link)[0]).path
    if path.startswith("/"):
        return False
    target = (page.parent / path).resolve()
    if path.endswith("/") or not path:
        target = target / "index.html"
    return target.is_file() and root.resolve() in target.parents


def test_the_export_is_the_public_site(newsroom, tmp_path):
    site = tmp_path / "site"
    call_command("export_site", str(site), "--base-url", "https://paper.example.org")
    assert (site / "index.html").is_file()
    assert "Red Banner" in (site / "index.html").read_text()
    files = [path for path in site.rglob("*") if path.is_file()]
    html = [path for path in files if path.suffix == ".html" and "pagefind" not in path.parts]
    assert len(html) >= 8
    broken = []
    for page in html:
        for link in LINK.findall(page.read_text()):
            if link.startswith(("http://", "https://", "mailto:")):
                continue
            if not resolves(site, page, link):
                broken.append(f"{page.relative_to(site)} -> {link}")
    assert not broken, broken
    for path in files:
        if path.suffix in (".html", ".xml", ".json"):
            text = path.read_text()
            for marker in SECRET_MARKERS:
                assert marker not in text, f"{marker} in {path}"
    # No form that needs the organizing server.
    publication_page = (site / "p/red-banner/index.html").read_text()
    assert "/submit/" not in publication_page and "/subscribe/" not in publication_page
    feed = feedparser.parse((site / "p/red-banner/es/atom.xml").read_bytes())
    assert [entry.title for entry in feed.entries] == ["Huelga de los estibadores"]
    assert feed.entries[0].link.startswith("https://paper.example.org/p/a/")
    assert "https://paper.example.org/p/a/" in (site / "p/sitemap.xml").read_text()
    # The static search: Pagefind's bundle with an index per language (in parts, each in
    # pagefind/<part>/).
    assert (site / "pagefind/pagefind-ui.js").is_file()
    assert list((site / "pagefind").glob("*/pagefind.en_*.pf_meta"))
    assert list((site / "pagefind").glob("*/pagefind.es_*.pf_meta"))
    assert (site / "p/search/es/index.html").is_file()
    assert (site / "static/press/search.js").is_file()

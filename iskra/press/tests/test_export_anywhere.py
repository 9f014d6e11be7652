"""The static export can live anywhere and mirrors what is published: served under a sub-path
by a real HTTP server, every internal link and asset answers 200; the base URL keeps its path;
without a public address the export refuses; exporting again writes only what changed and
leaves no trace of an article that was unpublished, in files or in the search index."""

import contextlib
import gzip
import http.server
import re
import threading
from functools import partial
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import feedparser
import pytest
from django.core.management import CommandError, call_command

from iskra.press import editions_files, services
from iskra.press.export import MANIFEST, export_site
from iskra.press.tests.conftest import make_editions

INDEXED = re.compile(r"pagefind: (\d+) of \1 parts indexed again")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if not value:
                continue
            if name in ("href", "src"):
                self.links.append(value)
            elif name == "srcset":
                self.links.extend(part.strip().split(" ")[0] for part in value.split(","))


def links_of(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


@pytest.fixture
def served(tmp_path):
    """A real HTTP server on 127.0.0.1 serving tmp_path/www in a thread."""
    root = tmp_path / "www"
    root.mkdir()
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None  # type: ignore[assignment]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def crawl(start: str) -> dict[str, int]:
    """Follow every internal link and asset from `start`: URL -> HTTP status."""
    host = urlsplit(start).netloc
    seen: dict[str, int] = {}
    queue = [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        try:
            with urlopen(url) as response:  # noqa: S310 - our own local server
                seen[url] = response.status
                body = response.read()
                kind = response.headers.get("Content-Type", "")
        except Exception as error:  # noqa: BLE001 - the status is what we check
            seen[url] = getattr(error, "code", 0)
            continue
        if "html" in kind:
            for link in links_of(body.decode()):
                target = urljoin(url, link).split("#")[0]
                if urlsplit(target).netloc == host and target.startswith(start.rsplit("/", 1)[0]):
                    queue.append(target)
    return seen


def test_the_export_works_under_a_sub_path_with_a_real_server(newsroom, served):
    root, address = served
    base = f"{address}/sub/iskra/"
    make_editions(newsroom.issue)
    result = export_site(root / "sub" / "iskra", base_url=base)
    assert not result.failures and INDEXED.fullmatch(result.search)
    assert not result.missing_editions
    statuses = crawl(base + "index.html")
    broken = {url: status for url, status in statuses.items() if status != 200}
    assert not broken, broken
    visited = " ".join(statuses)
    assert "/en/edition.pdf" in visited and "/es/edition.pdf" in visited  # the print editions
    assert "/es/front.png" in visited or not editions_files.can_draw_front()
    assert "/sub/iskra/p/a/" in visited  # articles
    assert "/sub/iskra/static/" in visited  # style sheets
    assert "/sub/iskra/pagefind/pagefind-ui.js" in visited  # the search
    assert "/sub/iskra/p/images/" in visited or not newsroom.published.images.exists()
    assert len(statuses) >= 15
    # No site-absolute link is left: the same files work at a root and from disk.
    for page in (root / "sub" / "iskra").rglob("*.html"):
        text = page.read_text()
        assert not re.search(r"""(?:href|src)="/(?!/)""", text), page
    # Canonical links, feeds and the sitemap keep the base URL's path.
    article = next((root / "sub/iskra/p/a").rglob("index.html")).read_text()
    assert f'rel="canonical" href="{base}p/a/' in article
    feed = feedparser.parse((root / "sub/iskra/p/red-banner/en/atom.xml").read_bytes())
    assert feed.entries[0].link.startswith(f"{base}p/a/")
    assert all(entry.get("author") for entry in feed.entries)  # RFC 4287
    sitemap = (root / "sub/iskra/p/sitemap.xml").read_text()
    assert f"<loc>{base}p/a/" in sitemap
    assert 'hreflang="es"' in sitemap and 'hreflang="en"' in sitemap
    # A favicon on every page.
    assert 'rel="icon"' in article


def test_without_a_public_address_the_export_refuses(newsroom, tmp_path, settings):
    settings.ISKRA_PUBLIC_URL = ""
    with pytest.raises(CommandError, match="ISKRA_PUBLIC_URL"):
        call_command("export_site", str(tmp_path / "site"))
    assert not (tmp_path / "site" / "index.html").exists()
    settings.ISKRA_PUBLIC_URL = "https://paper.example.org/press"
    call_command("export_site", str(tmp_path / "site"), "--no-search")
    home = (tmp_path / "site" / "p" / "sitemap.xml").read_text()
    assert "https://paper.example.org/press/p/" in home and "localhost" not in home


def test_an_unpublished_article_leaves_no_trace_after_exporting_again(newsroom, tmp_path):
    site = tmp_path / "site"
    first = export_site(site, base_url="https://paper.example.org/")
    assert INDEXED.fullmatch(first.search)
    title = newsroom.published.title
    article_dir = site / "p" / "a" / str(newsroom.published.pk)
    assert article_dir.is_dir()
    assert _search_holds(site, "Dockers walked out")

    # Exporting again with nothing changed writes nothing and keeps the search index.
    again = export_site(site, base_url="https://paper.example.org/")
    assert again.written == 0 and again.articles_rendered == 0 and again.search == "unchanged"

    # The article goes back to "approved": the next export removes every trace of it.
    services.article_set_state(actor=newsroom.editor, article=newsroom.published, state="approved")
    second = export_site(site, base_url="https://paper.example.org/")
    assert second.removed >= 1
    assert not article_dir.exists()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".js"):
            assert title not in path.read_text(), path
    assert not _search_holds(site, "Dockers walked out")
    assert f"p/a/{newsroom.published.pk}/" not in (site / MANIFEST).read_text()
    # Its translation is still published and still there.
    assert (site / "p" / "a" / str(newsroom.translation.pk)).is_dir()


def test_re_exporting_rewrites_only_what_changed(newsroom, tmp_path):
    site = tmp_path / "site"
    export_site(site, base_url="https://paper.example.org/", search_index=False)
    services.article_update(
        actor=newsroom.editor,
        article=newsroom.translation,
        title=newsroom.translation.title,
        body="Los estibadores volvieron al trabajo con todas sus demandas.",
    )
    result = export_site(site, base_url="https://paper.example.org/", search_index=False)
    assert result.articles_rendered == 1
    assert result.unchanged > result.written
    page = (site / "p" / "a" / str(newsroom.translation.pk)).rglob("index.html")
    assert "volvieron al trabajo" in next(page).read_text()


def test_the_export_refuses_a_folder_it_did_not_write(newsroom, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "precious.txt").write_text("mine")
    with pytest.raises(CommandError, match="manifest"):
        call_command("export_site", str(site), "--base-url", "https://paper.example.org/")
    assert (site / "precious.txt").read_text() == "mine"


def _search_holds(site: Path, words: str) -> bool:
    """Whether Pagefind's index (gzip-compressed fragments) still holds the words."""
    for path in (site / "pagefind").rglob("*.pf_fragment"):
        data = path.read_bytes()
        with contextlib.suppress(OSError):
            data = gzip.decompress(data)
        if words.encode() in data:
            return True
    return False


def test_an_issue_page_is_made_again_when_an_article_in_it_changes(newsroom, tmp_path):
    site = tmp_path / "site"
    export_site(site, base_url="https://paper.example.org/", search_index=False)
    issue_page = site / "p" / "red-banner" / str(newsroom.issue.number) / "es" / "index.html"
    assert newsroom.translation.title in issue_page.read_text()
    services.article_update(
        actor=newsroom.editor,
        article=newsroom.translation,
        title="Los estibadores ganan",
        body=newsroom.translation.body,
    )
    again = export_site(site, base_url="https://paper.example.org/", search_index=False)
    assert "Los estibadores ganan" in issue_page.read_text()
    assert again.articles_rendered == 1

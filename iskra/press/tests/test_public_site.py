"""The public site shows what is published and nothing else: walk every page reachable from
/p/, the sitemap and the feeds, and look for anything marked SECRET."""

import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import feedparser
from django.test import Client

from iskra.press import services
from iskra.press.tests.conftest import SECRET_MARKERS

LINK = re.compile(r"""(?:href|src)="([^"]+)\"""")


def crawl(client: Client, start: str = "/p/") -> dict[str, bytes]:
    seen: dict[str, bytes] = {}
    queue = deque([start])
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code}"
        seen[url] = b"".join(response.streaming_content) if response.streaming else response.content
        if "html" not in response["Content-Type"]:
            continue
        for link in LINK.findall(seen[url].decode()):
            link = urldefrag(link)[0]
            parts = urlsplit(link)
            if parts.netloc in ("", "testserver") and parts.path.startswith("/p/"):
                target = parts.path + (f"?{parts.query}" if parts.query else "")
                if target not in seen:
                    queue.append(target)
    return seen


def test_no_draft_or_submission_is_reachable(newsroom):
    pages = crawl(Client())
    sitemap = Client().get("/p/sitemap.xml").content.decode()
    for url in re.findall(r"<loc>http://testserver([^<]+)</loc>", sitemap):
        pages[url] = Client().get(url).content
    assert len(pages) > 10
    for url, content in pages.items():
        for marker in SECRET_MARKERS:
            assert marker.encode() not in content, f"{marker} leaked at {url}"
    published = newsroom.published
    assert f"/p/a/{published.pk}/{published.slug}/" in pages
    assert f"/p/a/{newsroom.translation.pk}/{newsroom.translation.slug}/" in pages


def test_unpublished_things_answer_404(newsroom, client):
    for article in (newsroom.draft, newsroom.in_review, newsroom.approved_unplaced):
        assert client.get(f"/p/a/{article.pk}/{article.slug}/").status_code == 404
    draft_translation = newsroom.draft_translation_of
    assert client.get(f"/p/a/{draft_translation.pk}/{draft_translation.slug}/").status_code == 404
    number = newsroom.unpublished_issue.number
    assert client.get(f"/p/red-banner/{number}/en/").status_code == 404
    assert client.get("/p/red-banner/1/fr/").status_code == 404


def test_a_withdrawn_article_disappears(newsroom, client):
    article = newsroom.published
    assert client.get("/p/search/?q=dockers&language=en").context["results"] == [article]
    services.article_set_state(actor=newsroom.editor, article=article, state="approved")
    assert client.get(f"/p/a/{article.pk}/{article.slug}/").status_code == 404
    assert client.get("/p/search/?q=dockers&language=en").context["results"] == []
    assert b"Dockers strike" not in client.get("/p/red-banner/en/atom.xml").content


def test_article_pages_link_their_language_versions(newsroom, client):
    page = client.get(f"/p/a/{newsroom.published.pk}/{newsroom.published.slug}/").content.decode()
    spanish = f"/p/a/{newsroom.translation.pk}/{newsroom.translation.slug}/"
    # hreflang alternates are absolute, as search engines require.
    assert f'<link rel="alternate" hreflang="es" href="http://testserver{spanish}">' in page
    assert '<meta property="og:title" content="Dockers strike for safety">' in page
    assert '<meta property="og:type" content="article">' in page
    assert '<html lang="en">' in page
    spanish_page = client.get(spanish).content.decode()
    assert '<html lang="es">' in spanish_page
    assert "LOS ANGELES (USA), 9 de septiembre—" in spanish_page
    # The Spanish version of a page with a draft translation links nothing in Spanish.
    other = client.get("/p/red-banner/1/es/").content.decode()
    assert "Huelga de los estibadores" in other and "borrador" not in other


def test_feeds_parse_and_hold_the_published_articles(newsroom, client):
    english = feedparser.parse(client.get("/p/red-banner/en/atom.xml").content)
    assert not english.bozo
    assert english.feed.title == "Red Banner"
    assert sorted(entry.title for entry in english.entries) == [
        "Dockers strike for safety",
        "Nurses win breaks",
    ]
    assert english.entries[0].link.startswith("http://testserver/p/a/")
    spanish = feedparser.parse(client.get("/p/red-banner/es/atom.xml").content)
    assert not spanish.bozo
    assert spanish.feed.title == "Bandera Roja"
    assert [entry.title for entry in spanish.entries] == ["Huelga de los estibadores"]
    assert client.get("/p/red-banner/fr/atom.xml").status_code == 404


def test_search_in_each_language(newsroom, client):
    def titles(query, language):
        response = client.get("/p/search/", {"q": query, "language": language})
        return [article.title for article in response.context["results"]]

    assert titles("strike", "en") == ["Dockers strike for safety"]
    assert titles("terminals", "en") == ["Dockers strike for safety"]
    assert titles("huelga", "es") == ["Huelga de los estibadores"]
    assert titles("estibadores amanecer", "es") == ["Huelga de los estibadores"]
    assert titles("extendio", "es") == ["Huelga de los estibadores"]  # without its accent
    assert titles("huelga", "en") == []
    assert titles("secret", "en") == []
    # Query syntax cannot break out: quotes, operators and SQL are just words.
    assert titles('" OR 1=1 --', "en") == []
    assert titles("NEAR(strike", "en") == []


def test_the_sitemap_lists_published_pages_only(newsroom, client):
    sitemap = client.get("/p/sitemap.xml").content.decode()
    assert f"/p/a/{newsroom.published.pk}/" in sitemap
    assert f"/p/a/{newsroom.draft.pk}/" not in sitemap
    assert "/p/red-banner/1/es/" in sitemap
    assert f"/p/red-banner/{newsroom.unpublished_issue.number}/" not in sitemap

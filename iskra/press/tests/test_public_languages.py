"""An article in French, Haitian Creole and Arabic on the public site and in the static export:
each page carries the right `lang` and `dir`, hreflang alternates to every published version,
and each language has its own feed and search."""

import re
from pathlib import Path

import feedparser
import pytest
from django.core.management import call_command

from iskra.press import services
from iskra.press.tests.conftest import publish_issue
from iskra.press.tests.factories import make_article, make_editor, make_issue, make_publication
from iskra.press.tests.factories import publish as publish_article


@pytest.fixture
def versions(los_angeles):
    editor = make_editor(los_angeles)
    journal = make_publication(
        editor,
        los_angeles,
        slug="drapeau-rouge",
        names={"fr": "Drapeau Rouge", "ht": "Drapo Wouj", "ar": "الراية الحمراء"},
        languages=["fr", "ht", "ar"],
    )
    french = make_article(
        editor, journal, title="Grève à Flins", body="Les ouvrières débrayent.", language="fr"
    )
    creole = services.article_translate(
        actor=editor, article=french, language="ht", title="Grèv nan Flins", body="Travayè yo."
    )
    arabic = services.article_translate(
        actor=editor, article=french, language="ar", title="إضراب في فلان", body="العمال يطالبون."
    )
    issue = make_issue(editor, journal)
    services.placement_add(actor=editor, issue=issue, article=french, page=1, is_lead=True)
    for article in (french, creole, arabic):
        publish_article(editor, article)
    publish_issue(editor, issue)
    return {"fr": french, "ht": creole, "ar": arabic}


def url(article) -> str:
    return f"/p/a/{article.pk}/{article.slug}/"


def alternates(versions) -> list[re.Pattern]:
    """The head links to every version; absolute (the public address) or relative."""
    return [
        re.compile(
            f'<link rel="alternate" hreflang="{code}" href="[^"]*{re.escape(url(article))}">'
        )
        for code, article in sorted(versions.items())
    ]


def test_every_version_links_every_language(versions, client):
    for article in versions.values():
        page = client.get(url(article)).content.decode()
        for link in alternates(versions):
            assert link.search(page), link.pattern


def test_each_page_has_its_languages_lang_and_direction(versions, client):
    arabic = client.get(url(versions["ar"])).content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic
    assert 'lang="ar" dir="rtl">' in arabic.split('class="public-article"')[1][:80]
    creole = client.get(url(versions["ht"])).content.decode()
    assert '<html lang="ht">' in creole
    assert 'lang="ht" dir="ltr"' in creole
    french = client.get(url(versions["fr"])).content.decode()
    assert '<html lang="fr">' in french
    assert "Kreyòl ayisyen" in french  # the other versions, each named in its own language


def test_each_language_has_its_own_feed_and_search(versions, client):
    for code, article in versions.items():
        feed = feedparser.parse(client.get(f"/p/drapeau-rouge/{code}/atom.xml").content)
        assert [entry.title for entry in feed.entries] == [article.title]
    found = client.get("/p/search/", {"language": "ht", "q": "Grèv"}).content.decode()
    assert "Grèv nan Flins" in found and "Grève à Flins" not in found


def test_the_export_carries_the_alternates_and_directions(versions, tmp_path):
    site = tmp_path / "site"
    call_command("export_site", str(site), "--base-url", "https://journal.example.org")
    for article in versions.values():
        page = (site / url(article).lstrip("/") / "index.html").read_text()
        for link in alternates(versions):
            assert link.search(page), link.pattern
    assert (
        '<html lang="ar" dir="rtl">'
        in (site / url(versions["ar"]).lstrip("/") / "index.html").read_text()
    )
    assert (site / "p/drapeau-rouge/ht/atom.xml").is_file()
    pagefind = Path(site / "pagefind")
    for code in ("fr", "ht", "ar"):
        assert list(pagefind.glob(f"*/pagefind.{code}_*.pf_meta")), code

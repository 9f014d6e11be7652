"""Atom feeds (one per publication and language) and the sitemap of the public site."""

from collections.abc import Callable
from xml.sax.saxutils import escape

from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed

from iskra.press import queries
from iskra.press.models import Article, Publication
from iskra.press.rendering import render_markdown


def atom_feed(publication: Publication, language: str, absolute: Callable[[str], str]) -> str:
    with translation.override(language):
        feed = Atom1Feed(
            title=publication.name_in(language),
            link=absolute(reverse("public:publication", args=[publication.slug])),
            description=publication.masthead_in(language),
            language=language,
            feed_url=absolute(reverse("public:feed", args=[publication.slug, language])),
            subtitle=publication.masthead_in(language) or None,
        )
        for article in queries.publication_feed_articles(publication, language):
            feed.add_item(
                title=article.title,
                link=absolute(article_url(article)),
                description=str(render_markdown(article.body)),
                unique_id=absolute(article_url(article)),
                pubdate=article.published_at,
                updateddate=article.updated_at,
                author_name=article.byline or None,
            )
        return feed.writeString("utf-8")


def article_url(article: Article) -> str:
    return reverse("public:article", args=[article.pk, article.slug])


def sitemap(absolute: Callable[[str], str]) -> str:
    urls: list[tuple[str, str]] = [(reverse("public:home"), "")]
    for publication in queries.public_publications():
        urls.append((reverse("public:publication", args=[publication.slug]), ""))
        for issue in queries.published_issues().filter(publication=publication):
            for language in publication.languages:
                urls.append(
                    (
                        reverse("public:issue", args=[publication.slug, issue.number, language]),
                        issue.date.isoformat(),
                    )
                )
    for article in queries.published_articles().only("pk", "slug", "updated_at").iterator():
        urls.append((article_url(article), article.updated_at.date().isoformat()))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    lines.append('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    for path, lastmod in urls:
        modified = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{escape(absolute(path))}</loc>{modified}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"

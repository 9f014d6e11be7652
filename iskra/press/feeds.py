"""Atom feeds (one per publication and language) and the sitemap of the public site."""

from collections.abc import Callable
from xml.sax.saxutils import escape

from django.conf import settings
from django.http import HttpRequest
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
                # RFC 4287: every entry has an author; the byline, else the publication.
                author_name=article.byline or publication.name_in(language),
            )
        return feed.writeString("utf-8")


def public_base(request: HttpRequest | None = None) -> str:
    """The public site's address without a trailing slash: ISKRA_PUBLIC_URL when set (the
    static export sets it to its --base-url), else the address the request came to."""
    configured = str(getattr(settings, "ISKRA_PUBLIC_URL", "") or "").rstrip("/")
    if configured:
        return configured
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return ""


def absolute_for(request: HttpRequest | None) -> Callable[[str], str]:
    """A function that turns a site path (/p/...) into the public absolute URL."""
    base = public_base(request)
    return lambda path: base + path


def article_url(article: Article) -> str:
    return reverse("public:article", args=[article.pk, article.slug])


def article_paths() -> Callable[[int, str], str]:
    """An article's path from its id and slug without reverse(), which costs a tenth of a
    millisecond: the sitemap and the static export make 10,000s of them."""
    sample = reverse("public:article", args=[987654321, "slug-x"])
    head, tail = sample.split("987654321/slug-x")
    return lambda pk, slug: f"{head}{pk}/{slug}{tail}"


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
    # Each article with its translations as hreflang alternates (Google's sitemap extension).
    versions: dict[int, list[tuple[str, str]]] = {}
    article_path = article_paths()
    articles = [
        (original_id or pk, article_path(pk, slug), language, updated_at)
        for pk, slug, updated_at, language, original_id in queries.published_articles()
        .order_by("pk")
        .values_list("pk", "slug", "updated_at", "language", "translation_of_id")
    ]
    for group_id, path, language, _updated_at in articles:
        versions.setdefault(group_id, []).append((language, path))
    alternates: dict[str, str] = {}
    for group_id, path, _language, updated_at in articles:
        urls.append((path, updated_at.date().isoformat()))
        group = versions.get(group_id, [])
        if len(group) > 1:
            alternates[path] = "".join(
                f'<xhtml:link rel="alternate" hreflang="{escape(code)}" '
                f'href="{escape(absolute(other))}"/>'
                for code, other in sorted(group)
            )
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    lines.append(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">'
    )
    for path, lastmod in urls:
        modified = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        links = alternates.get(path, "")
        lines.append(f"<url><loc>{escape(absolute(path))}</loc>{modified}{links}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"

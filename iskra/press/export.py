"""`iskra export_site DIR`: the public site as static files, so that it can be hosted anywhere
while the organizing server stays private.

The pages are fetched from the public views themselves (through Django's test client, with
the header X-Iskra-Export: 1 that hides the forms), so the export is exactly the live site's
published content: nothing a public URL would not show. Files mirror the URL paths
(`/p/red-banner/` -> `DIR/p/red-banner/index.html`), `DIR/index.html` is the home page, the
static assets are copied under `DIR/static/`, and Pagefind (from PyPI) indexes the article
pages per language into `DIR/pagefind/` for the static search page.
"""

import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.contrib.staticfiles import finders
from django.db.models import Q
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from iskra.press import public_views, queries
from iskra.press.models import ArticleImage, Topic

PLAIN_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ARTICLE_CHUNK = 1000
STATIC_REFERENCE = re.compile(r"""(?:href|src)="(/static/[^"?#]+)""")


@dataclass
class ExportResult:
    pages: int = 0
    feeds: int = 0
    static_files: int = 0
    seconds: float = 0.0
    search: str = ""
    failures: list[str] = field(default_factory=list)


def public_paths() -> Iterator[tuple[str, str]]:
    """(URL to fetch, path of the file to write) for every page of the public site."""
    yield reverse("public:home"), "/index.html"
    yield reverse("public:home"), reverse("public:home")
    yield reverse("public:sitemap"), reverse("public:sitemap")
    publications = list(queries.public_publications())
    languages = sorted({code for publication in publications for code in publication.languages})
    search = reverse("public:search")
    for code in languages:
        yield f"{search}?language={code}", f"{search}{code}/"
    if languages:
        yield f"{search}?language={languages[0]}", search
    for publication in publications:
        yield reverse("public:publication", args=[publication.slug]), ""
        for code in publication.languages:
            yield reverse("public:feed", args=[publication.slug, code]), ""
        for issue in queries.published_issues().filter(publication=publication):
            for code in publication.languages:
                yield reverse("public:issue", args=[publication.slug, issue.number, code]), ""
    topics = (
        Topic.objects.filter(articles__in=queries.published_articles())
        .values_list("slug", "articles__language")
        .distinct()
    )
    for slug, code in topics:
        yield reverse("public:topic", args=[slug, code]), ""


def file_for(directory: Path, path: str) -> Path:
    relative = path.lstrip("/")
    if not relative or relative.endswith("/"):
        relative += "index.html"
    return directory / relative


def export_site(directory: Path, *, base_url: str, search_index: bool = True) -> ExportResult:
    started = time.perf_counter()
    result = ExportResult()
    parts = urlsplit(base_url)
    host = parts.netloc or "localhost"
    directory.mkdir(parents=True, exist_ok=True)
    static_paths: set[str] = set()
    with override_settings(ALLOWED_HOSTS=[host.split(":")[0]], STORAGES=PLAIN_STATIC):
        client = Client(HTTP_HOST=host, HTTP_X_ISKRA_EXPORT="1")
        for url, target in public_paths():
            response = client.get(url, secure=parts.scheme == "https")
            if response.status_code != 200:
                result.failures.append(f"{url}: {response.status_code}")
                continue
            path = file_for(directory, target or url)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(response.content)
            if path.suffix == ".html":
                result.pages += 1
                static_paths.update(STATIC_REFERENCE.findall(response.content.decode()))
            elif path.name.endswith(".xml") and "atom" in path.name:
                result.feeds += 1
        factory = RequestFactory(HTTP_HOST=host, HTTP_X_ISKRA_EXPORT="1")
        for url, content in _article_pages(factory, secure=parts.scheme == "https"):
            article_file = file_for(directory, url)
            article_file.parent.mkdir(parents=True, exist_ok=True)
            article_file.write_bytes(content)
            result.pages += 1
    result.static_files = _copy_static(directory, static_paths) + _copy_images(directory)
    result.search = _pagefind(directory) if search_index else "skipped"
    result.seconds = time.perf_counter() - started
    return result


def _article_pages(factory: RequestFactory, *, secure: bool) -> Iterator[tuple[str, bytes]]:
    """Every published article's page, rendered by the same function as the live view, with
    the articles and their language versions loaded a thousand at a time."""
    articles = (
        queries.published_articles()
        .select_related("publication", "translation_of")
        .prefetch_related("images", "translation_of__images")
        .order_by("pk")
    )
    last = 0
    while True:
        chunk = list(articles.filter(pk__gt=last).prefetch_related("topics")[:ARTICLE_CHUNK])
        if not chunk:
            return
        last = chunk[-1].pk
        versions = queries.published_versions_of(
            list({article.translation_of_id or article.pk for article in chunk})
        )
        for article in chunk:
            path = reverse("public:article", args=[article.pk, article.slug])
            request = factory.get(path, secure=secure)
            response = public_views.render_article(
                request, article, versions.get(article.translation_of_id or article.pk, [])
            )
            yield path, response.content


def _copy_images(directory: Path) -> int:
    """The images of published articles, where their public URL points."""
    published = queries.published_articles()
    pictures = ArticleImage.objects.filter(
        Q(article__in=published) | Q(article__translations__in=published)
    ).distinct()
    for picture in pictures:
        target = file_for(directory, reverse("public:image", args=[picture.pk, picture.image_name]))
        target.parent.mkdir(parents=True, exist_ok=True)
        with picture.image.open("rb") as source, target.open("wb") as copy:
            shutil.copyfileobj(source, copy)
    return len(pictures)


def _copy_static(directory: Path, urls: set[str]) -> int:
    copied = 0
    for url in sorted(urls):
        source = finders.find(url.removeprefix("/static/"))
        if source:
            target = directory / url.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(str(source), target)
            copied += 1
    return copied


def _pagefind(directory: Path) -> str:
    """Index the article pages with the Pagefind binary shipped in the PyPI package."""
    from pagefind.service import _must_get_executable

    try:
        executable = str(_must_get_executable())
    except Exception as error:  # noqa: BLE001 - any failure: export without the index
        return f"pagefind unavailable: {error}"
    completed = subprocess.run(  # noqa: S603 - our own arguments, no shell
        [executable, "--site", str(directory), "--output-subdir", "pagefind"],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    if completed.returncode != 0:
        return f"pagefind failed: {completed.stderr.strip()[-500:]}"
    return "pagefind"

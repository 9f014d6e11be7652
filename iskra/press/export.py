"""`iskra export_site DIR --base-url URL`: the public site as static files, so that it can be
hosted anywhere while the organizing server stays private.

The pages are fetched from the public views themselves (through Django's test client, with
the header X-Iskra-Export: 1 that hides the forms), so the export is exactly the live site's
published content: nothing a public URL would not show. Files mirror the URL paths
(`/p/red-banner/` -> `DIR/p/red-banner/index.html`), `DIR/index.html` is the home page, the
static assets are copied under `DIR/static/`, and Pagefind (from PyPI) indexes the article
pages per language into `DIR/pagefind/` for the static search page.

The site can live anywhere: every internal link and asset is written relative to the file
that holds it, with `index.html` spelled out, so it works at a domain's root, under a
sub-path, and opened from disk. Absolute URLs (canonical links, feeds, the sitemap) use the
base URL, path included.

The folder mirrors what is published: `DIR/.iskra-export.json` (the manifest) records every
file the export wrote with its hash, and what each article page was made from. Exporting again
writes only files whose content changed, re-renders only articles that changed, deletes the
files of anything no longer published, and rebuilds the search index only when a page
changed.
"""

import hashlib
import json
import os
import posixpath
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.db.models import Q
from django.db.models.functions import Substr
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils.translation import gettext as _

from iskra.press import editions_files, feeds, images, public_views, queries
from iskra.press.models import Article, ArticleImage, Issue, IssuePlacement, Publication, Topic

PLAIN_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ARTICLE_CHUNK = 1000
# The search from disk reads each article's title, summary and this much of its text.
DISK_SEARCH_CHARS = 600
MARKUP = re.compile(r"[*_#>`\[\]()!|]+|\s+")
MANIFEST = ".iskra-export.json"
MANIFEST_VERSION = 3
# The search index is made in parts of 10**SEARCH_PART_DIGITS article ids (see _pagefind).
SEARCH_PART_DIGITS = 3
STATIC_REFERENCE = re.compile(r"""(?:href|src)="(/static/[^"?#]+)""")
EDITION_REFERENCE = re.compile(r'(?:href|src)="(/[^"?#]+/(?:edition\.pdf|front\.png))"')
# Site-absolute references in attributes: href="/p/...", src="/static/...", srcset="/p/... 480w".
ATTRIBUTE = re.compile(r"""\b(href|src|action|srcset)="(/[^"/][^"]*|/)\"""")


class ExportRefused(Exception):
    """The export cannot run as asked (no public address, a folder that is not ours)."""


@dataclass
class ExportResult:
    pages: int = 0
    feeds: int = 0
    static_files: int = 0
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    articles_rendered: int = 0
    seconds: float = 0.0
    search: str = ""
    failures: list[str] = field(default_factory=list)
    # Print editions of published issues not made yet ("red-banner #3 (es)"): not linked.
    missing_editions: list[str] = field(default_factory=list)
    edition_files: int = 0  # the PDFs and front pages of the made editions in the export


def public_paths() -> Iterator[tuple[str, str]]:
    """(URL to fetch, path of the file to write) for every page of the public site but the
    articles and the issues (`_article_pages`, `_issue_pages`)."""
    yield reverse("public:home"), "/index.html"
    yield reverse("public:home"), reverse("public:home")
    yield reverse("public:sitemap"), reverse("public:sitemap")
    yield reverse("public:houses_css"), reverse("public:houses_css")
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


def relative_url(from_file: str, target: str) -> str:
    """`target` (a site path like /p/red-banner/ or /static/x.css#y) as seen from the file
    `from_file` (a path inside the export like p/a/1/x/index.html), with index.html spelled
    out so that it also works from disk."""
    path, _sep, fragment = target.partition("#")
    path, _sep2, query = path.partition("?")
    if path.endswith("/"):
        path += "index.html"
    start = posixpath.dirname("/" + from_file)
    relative = posixpath.relpath(path, start)
    if query:
        relative += "?" + query
    if fragment:
        relative += "#" + fragment
    return relative


def relativize(html: str, from_file: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name, value = match.group(1), match.group(2)
        if name == "srcset":
            parts = []
            for candidate in value.split(","):
                url, _space, descriptor = candidate.strip().partition(" ")
                if url.startswith("/"):
                    url = relative_url(from_file, url)
                parts.append(f"{url} {descriptor}".strip())
            return f'{name}="{", ".join(parts)}"'
        return f'{name}="{relative_url(from_file, value)}"'

    return ATTRIBUTE.sub(replace, html)


class _Folder:
    """Writes files into the export only when their content changed, and remembers every file
    written (the manifest), so that what is no longer published can be removed."""

    def __init__(self, directory: Path, result: ExportResult):
        self.directory = directory
        self.result = result
        self.previous: dict[str, str] = {}
        self.previous_signatures: dict[str, str] = {}
        self.files: dict[str, str] = {}
        # What each article and issue page was made from (`_signature`, `_issue_signature`).
        self.signatures: dict[str, str] = {}
        # The state of each part of the Pagefind index as last built (`_search_parts`).
        self.previous_search: dict[str, str] = {}
        self.search: dict[str, str] = {}

    def load(self, base_url: str) -> None:
        path = self.directory / MANIFEST
        if not path.is_file():
            if self.directory.exists() and any(self.directory.iterdir()):
                raise ExportRefused(
                    f"{self.directory} is not empty and holds no export manifest ({MANIFEST}): "
                    "export into an empty folder or a folder an earlier export wrote."
                )
            return
        manifest = json.loads(path.read_text())
        self.previous = dict(manifest.get("files", {}))
        same = manifest.get("version") == MANIFEST_VERSION and manifest.get("base_url") == base_url
        # Another base URL or version: every page is made again (the files stay mirrored).
        self.previous_signatures = dict(manifest.get("signatures", {})) if same else {}
        self.previous_search = dict(manifest.get("search", {})) if same else {}
        self.search = dict(self.previous_search)

    def write(self, relative: str, content: bytes) -> None:
        digest = hashlib.sha256(content).hexdigest()
        self.files[relative] = digest
        target = self.directory / relative
        if self.previous.get(relative) == digest and target.is_file():
            self.result.unchanged += 1
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        self.result.written += 1

    def keep(self, relative: str) -> bool:
        """Keep a file written before unchanged; False when it is gone from the folder."""
        if relative in self.previous and (self.directory / relative).is_file():
            self.files[relative] = self.previous[relative]
            self.result.unchanged += 1
            return True
        return False

    def remove_stale(self) -> None:
        for relative in sorted(set(self.previous) - set(self.files)):
            target = self.directory / relative
            if target.is_file():
                target.unlink()
                self.result.removed += 1
            _prune(target.parent, self.directory)

    def finish(self, base_url: str) -> None:
        """Write the manifest: last, so that a killed export leaves the previous one, and the
        next export compares with what the folder held before."""
        manifest = {
            "version": MANIFEST_VERSION,
            "base_url": base_url,
            "files": dict(sorted(self.files.items())),
            "signatures": self.signatures,
            "search": self.search,
        }
        (self.directory / MANIFEST).write_text(json.dumps(manifest, indent=0))


def _prune(folder: Path, root: Path) -> None:
    """Remove empty folders from `folder` up to (not including) `root`."""
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


Report = Callable[[str, int, int], None]


def export_site(
    directory: Path, *, base_url: str, search_index: bool = True, report: Report | None = None
) -> ExportResult:
    """`report(step, done, total)` is told of each page written (a job's progress)."""
    started = time.perf_counter()
    if not base_url or not urlsplit(base_url).netloc:
        raise ExportRefused(
            "The export needs the public address it will be served at: give --base-url "
            "(e.g. https://paper.example.org/ or https://example.org/sub/press/) or set "
            "ISKRA_PUBLIC_URL."
        )
    base_url = base_url.rstrip("/")
    result = ExportResult()
    parts = urlsplit(base_url)
    host = parts.netloc
    directory.mkdir(parents=True, exist_ok=True)
    folder = _Folder(directory, result)
    folder.load(base_url)
    export = _Export(folder, secure=parts.scheme == "https", host=host)
    paths = list(public_paths())
    issues = list(_issue_paths())
    total = len(paths) + len(issues) + queries.published_articles().count() + 2
    tell = report or (lambda step, done, total: None)
    pages_step = _("Writing the pages")
    with override_settings(
        ALLOWED_HOSTS=[host.split(":")[0]], STORAGES=PLAIN_STATIC, ISKRA_PUBLIC_URL=base_url
    ):
        for url, target in paths:
            tell(pages_step, result.pages, total)
            export.fetch(url, str(file_for(Path(""), target or url)))
        site = _site_signature(export.site_static)
        groups: dict[int, list[str]] = {}
        for relative, group, signature, page in _article_pages(
            export.factory, folder, site, secure=export.secure
        ):
            tell(pages_step, result.pages, total)
            folder.signatures[relative] = signature
            groups.setdefault(group, []).append(signature)
            if page is not None:
                export.store(relative, page.decode())
                result.articles_rendered += 1
            result.pages += 1
        placed = _placed_groups()
        for issue, code, url in issues:
            tell(pages_step, result.pages, total)
            relative = str(file_for(Path(""), url))
            signature = _issue_signature(issue, code, site, placed.get(issue.pk, []), groups)
            folder.signatures[relative] = signature
            if folder.previous_signatures.get(relative) == signature and folder.keep(relative):
                result.pages += 1
            else:
                export.fetch(url, relative)
    tell(_("Copying the images and styles"), total - 2, total)
    result.static_files = (
        _copy_static(folder, export.static_paths)
        + _copy_images(folder)
        + _copy_editions(folder, export.edition_paths)
    )
    if search_index:
        _disk_search_data(folder)
    folder.remove_stale()
    tell(_("Building the search index"), total - 1, total)
    result.search = _pagefind(folder) if search_index else "skipped"
    folder.finish(base_url)
    result.seconds = time.perf_counter() - started
    return result


class _Export:
    """Fetches pages from the public views and stores them with relative links, noting the
    static files and print editions they refer to."""

    def __init__(self, folder: _Folder, *, secure: bool, host: str) -> None:
        self.folder = folder
        self.secure = secure
        self.client = Client(HTTP_HOST=host, HTTP_X_ISKRA_EXPORT="1")
        self.factory = RequestFactory(HTTP_HOST=host, HTTP_X_ISKRA_EXPORT="1")
        self.static_paths: set[str] = set()
        self.edition_paths: set[str] = set()
        # The static files of the first page (the home page): the style sheets every page has.
        self.site_static: list[str] = []

    def fetch(self, url: str, relative: str) -> None:
        result = self.folder.result
        response = self.client.get(url, secure=self.secure)
        if response.status_code != 200:
            result.failures.append(f"{url}: {response.status_code}")
            return
        answer: Any = response
        content = b"".join(answer.streaming_content) if answer.streaming else answer.content
        if relative.endswith(".html"):
            self.store(relative, content.decode())
            result.pages += 1
            return
        if relative.endswith("atom.xml"):
            result.feeds += 1
        self.folder.write(relative, content)

    def store(self, relative: str, text: str) -> None:
        static = STATIC_REFERENCE.findall(text)
        if not self.site_static:
            self.site_static = sorted(set(static))
        self.static_paths.update(static)
        self.edition_paths.update(EDITION_REFERENCE.findall(text))
        self.folder.write(relative, relativize(text, relative).encode())


def _issue_paths() -> Iterator[tuple[Issue, str, str]]:
    issues = queries.published_issues().select_related("publication").order_by("pk")
    for issue in issues:
        publication = issue.publication
        for code in publication.languages:
            yield issue, code, reverse("public:issue", args=[publication.slug, issue.number, code])


def _site_signature(site_static: list[str]) -> str:
    """What every page shares: the publications (names, colours, languages in the masthead,
    the language switch and the house style) and the style sheets' hashed names. When it
    changes, every page is made again."""
    publications = list(queries.public_publications().order_by("pk").values())
    parts = [MANIFEST_VERSION, site_static, publications]
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:32]


def _signature(site: str, *parts: object) -> str:
    """What a page is made from, hashed: when none of it changed, the page is not made
    again."""
    return hashlib.sha256("|".join([site, *map(str, parts)]).encode()).hexdigest()[:32]


Placement = tuple[int, int, int]  # the placed article's original, page, order


def _placed_groups() -> dict[int, list[Placement]]:
    """The articles (by original) placed in each published issue, in the issue's order."""
    rows = (
        IssuePlacement.objects.filter(issue__state=Issue.State.PUBLISHED)
        .order_by("issue_id", "page", "order", "pk")
        .values_list("issue_id", "article_id", "article__translation_of_id", "page", "order")
    )
    placed: dict[int, list[Placement]] = {}
    for issue_id, article_id, original_id, page, order in rows:
        placed.setdefault(issue_id, []).append((original_id or article_id, page, order))
    return placed


def _issue_signature(
    issue: Issue, language: str, site: str, placed: list[Placement], groups: dict[int, list[str]]
) -> str:
    """What an issue page is made from: the issue, the signatures of every published
    version of what is placed in it (their titles, summaries, pictures...), and which of its
    print editions are made."""
    return _signature(
        site,
        f"{issue.pk}:{issue.number}:{issue.date}:{issue.published_at}",
        placed,
        ",".join(sig for group, _page, _order in placed for sig in groups.get(group, [])),
        editions_files.made_pdf(issue, language),
        editions_files.made_front(issue, language),
    )


def _article_pages(
    factory: RequestFactory, folder: _Folder, site: str, *, secure: bool
) -> Iterator[tuple[str, int, str, bytes | None]]:
    """Every published article's page: (path in the export, its original's id, signature,
    content or None when the page written before still holds). The signatures come from a
    few bulk queries of plain values; only the articles whose signature changed are loaded
    (a thousand at a time, with their language versions) and rendered by the same function
    as the live view."""
    published = queries.published_articles()
    rows = list(
        published.order_by("pk").values_list(
            "pk",
            "slug",
            "language",
            "translation_of_id",
            "updated_at",
            "published_at",
            "publication__slug",
        )
    )
    names = dict(Publication.objects.values_list("slug", "names"))
    pictures: dict[int, list[str]] = {}
    for article_id, *picture in (
        ArticleImage.objects.filter(article__in=published)
        .order_by("pk")
        .values_list("article_id", "pk", "image", "alt_text", "caption")
    ):
        pictures.setdefault(article_id, []).append(":".join(map(str, picture)))
    topics: dict[int, list[str]] = {}
    for article_id, slug, topic_names in Article.topics.through.objects.filter(
        article__in=published
    ).values_list("article_id", "topic__slug", "topic__names"):
        topics.setdefault(article_id, []).append(slug + str(topic_names))
    groups: dict[int, list[tuple[str, int, str]]] = {}
    for pk, slug, language, original_id, *_rest in rows:
        groups.setdefault(original_id or pk, []).append((language, pk, slug))
    article_path = feeds.article_paths()
    to_render: list[tuple[int, str, str, int, str]] = []
    for pk, slug, _language, original_id, updated_at, published_at, publication in rows:
        group = original_id or pk
        path = article_path(pk, slug)
        relative = str(file_for(Path(""), path))
        signature = _signature(
            site,
            updated_at.timestamp() if updated_at else "",
            published_at.timestamp() if published_at else "",
            ",".join(f"{v}:{s}:{code}" for code, v, s in sorted(groups[group])),
            ",".join(pictures.get(pk, [])),
            ",".join(sorted(topics.get(pk, []))),
            publication or "",
            names.get(publication or "", ""),
        )
        if folder.previous_signatures.get(relative) == signature and folder.keep(relative):
            yield relative, group, signature, None
        else:
            to_render.append((pk, path, relative, group, signature))
    for start in range(0, len(to_render), ARTICLE_CHUNK):
        chunk = to_render[start : start + ARTICLE_CHUNK]
        articles = (
            published.select_related("publication", "translation_of")
            .prefetch_related("images", "topics")
            .in_bulk([row[0] for row in chunk])
        )
        versions = queries.published_versions_of(list({row[3] for row in chunk}))
        for pk, path, relative, group, signature in chunk:
            request = factory.get(path, secure=secure)
            page = public_views.render_article(request, articles[pk], versions.get(group, []))
            yield relative, group, signature, page.content


def _disk_search_data(folder: _Folder) -> None:
    """`search-<language>.js` at the export's root: each published article's address, title,
    summary and first words, for the search page opened from disk (browsers do not let
    Pagefind read its index from file://; a script tag may load this from there)."""
    records: dict[str, list[dict[str, str]]] = {}
    rows = (
        queries.published_articles()
        .order_by("-published_at", "-pk")
        .annotate(opening=Substr("body", 1, DISK_SEARCH_CHARS))
        .values_list("pk", "slug", "language", "title", "summary", "dateline_place", "opening")
    )
    article_path = feeds.article_paths()
    for pk, slug, language, title, summary, place, body in rows:
        path = article_path(pk, slug)
        records.setdefault(language, []).append(
            {
                "u": str(file_for(Path(""), path)),
                "t": title,
                "s": summary,
                "b": " ".join([place, MARKUP.sub(" ", body)]).strip(),
            }
        )
    for language, entries in sorted(records.items()):
        data = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
        folder.write(f"search-{language}.js", f"window.iskraSearch = {data};\n".encode())


def _copy_images(folder: _Folder) -> int:
    """The images of published articles, where their public URL points, and their responsive
    sizes."""
    published = queries.published_articles()
    pictures = ArticleImage.objects.filter(
        Q(article__in=published) | Q(article__translations__in=published)
    ).distinct()
    count = 0
    for picture in pictures:
        urls = [
            (reverse("public:image", args=[picture.pk, picture.image_name]), picture.image.name)
        ]
        for width in images.widths_for(picture):
            for extension in images.FORMATS:
                name = images.make_size(picture, width, extension)
                if name:
                    urls.append((images.size_url(picture, width, extension), name))
        for url, stored in urls:
            count += _copy_stored(folder, url.lstrip("/"), stored)
    return count


def _copy_stored(folder: _Folder, relative: str, stored: str) -> int:
    """Copy a stored file unless the export holds it already (same size and time as
    recorded in the manifest: nothing is read to compare). 1 when copied."""
    source = Path(default_storage.path(stored))
    status = source.stat()
    stamp = f"{status.st_size}-{int(status.st_mtime)}"
    if folder.previous.get(relative) == stamp and folder.keep(relative):
        folder.files[relative] = stamp
        return 0
    target = folder.directory / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    folder.files[relative] = stamp
    folder.result.written += 1
    return 1


def _copy_editions(folder: _Folder, linked: set[str]) -> int:
    """The print editions the pages link (PDF and front page), copied from where the
    editions job stored them. An edition not made yet is linked by no page; it is listed in
    `missing_editions`, and a page linking an edition that is not there is a failure."""
    issues = queries.published_issues().select_related("publication").order_by("pk")
    count = 0
    for issue in issues:
        publication = issue.publication
        for code in publication.languages:
            args = [publication.slug, issue.number, code]
            if not editions_files.is_complete(issue, code):
                folder.result.missing_editions.append(
                    f"{publication.slug} #{issue.number} ({code})"
                )
            for url_name, made in (
                ("public:edition_pdf", editions_files.made_pdf),
                ("public:edition_front", editions_files.made_front),
            ):
                url = reverse(url_name, args=args)
                if url not in linked:
                    continue
                stored = made(issue, code)
                if stored is None:
                    folder.result.failures.append(f"{url}: linked but not made")
                    continue
                count += _copy_stored(folder, url.lstrip("/"), stored)
                folder.result.edition_files += 1
    return count


def _copy_static(folder: _Folder, urls: set[str]) -> int:
    copied = 0
    for url in sorted(urls):
        source = finders.find(url.removeprefix("/static/"))
        if source:
            folder.write(url.lstrip("/"), Path(str(source)).read_bytes())
            copied += 1
    return copied


def _search_parts(files: dict[str, str]) -> dict[str, str]:
    """The article pages by part of the search index (article ids 0-999, 1000-1999, ...),
    each part's state a hash of its pages' paths and content hashes: a part is indexed again
    only when one of its pages changed, came or went."""
    prefix = _article_folder()
    lines: dict[str, list[str]] = {}
    for relative, digest in files.items():
        if relative.startswith(prefix) and relative.endswith(".html"):
            pk = int(relative[len(prefix) :].split("/")[0])
            part = str(pk // 10**SEARCH_PART_DIGITS)
            lines.setdefault(part, []).append(f"{relative} {digest}")
    return {
        part: hashlib.sha256("\n".join(sorted(pages)).encode()).hexdigest()[:32]
        for part, pages in lines.items()
    }


def _article_folder() -> str:
    """Where article pages are in the export: p/a/ (from p/a/<id>/<slug>/index.html)."""
    return feeds.article_paths()(0, "x").lstrip("/").removesuffix("0/x/")


def _part_glob(part: int) -> str:
    """Pagefind's glob for the pages of one part: ids k000-k999 are the folders named k
    and three more characters; part 0 is the folders of one to three characters."""
    digits = SEARCH_PART_DIGITS
    if part == 0 and digits:
        ids = "{" + ",".join("?" * count for count in range(1, digits + 1)) + "}"
    else:
        ids = f"{part}{'?' * digits}"
    return f"{_article_folder()}{ids}/**/*.html"


def _pagefind(folder: _Folder) -> str:
    """Index the article pages with the Pagefind binary shipped in the PyPI package, in parts
    of a thousand articles (`pagefind/<part>/`), which the search page merges
    (`pagefind/parts.json`). Pagefind cannot update an index, so a part is made again from
    scratch, and only when its pages changed: one changed article costs a thousand pages'
    indexing, not all of them. Nothing unpublished stays searchable: a part whose page went
    is made again, a part with no page left is removed."""
    from pagefind.service import _must_get_executable

    try:
        executable = str(_must_get_executable())
    except Exception as error:  # noqa: BLE001 - any failure: export without the index
        return f"pagefind unavailable: {error}"
    directory = folder.directory
    root = directory / "pagefind"
    parts = _search_parts(folder.files)
    if not folder.previous_search:
        # A first index (or one written by an earlier version): nothing old is kept.
        shutil.rmtree(root, ignore_errors=True)
    folder.search = {}
    rebuilt = 0
    for part, state in sorted(parts.items(), key=lambda item: int(item[0])):
        output = root / part
        if folder.previous_search.get(part) == state and (output / "pagefind-entry.json").is_file():
            folder.search[part] = state
            continue
        shutil.rmtree(output, ignore_errors=True)
        completed = subprocess.run(  # noqa: S603 - our own arguments, no shell
            [executable, "--site", str(directory), "--output-subdir", f"pagefind/{part}"]
            + ["--glob", _part_glob(int(part))],
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
            env={**os.environ, "PAGEFIND_SITE": str(directory)},
        )
        if completed.returncode != 0:
            return f"pagefind failed: {completed.stderr.strip()[-500:]}"
        folder.search[part] = state
        rebuilt += 1
        for name in ("pagefind-ui.js", "pagefind-ui.css"):
            shutil.copyfile(output / name, root / name)
    removed = 0
    for stale in root.iterdir() if root.is_dir() else []:
        if stale.is_dir() and stale.name not in parts:
            shutil.rmtree(stale)
            removed += 1
    if not parts:
        return "pagefind: nothing to index"
    (root / "parts.json").write_text(json.dumps(sorted(parts, key=int)))
    if not rebuilt and not removed:
        return "unchanged"
    return f"pagefind: {rebuilt} of {len(parts)} parts indexed again" + (
        f", {removed} removed" if removed else ""
    )

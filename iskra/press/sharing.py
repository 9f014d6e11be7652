"""Articles shared between sister organizations' Iskra instances (DESIGN.md story 5).

A published article and its published translations travel as one self-contained JSON bundle
(format `iskra-article/1`, documented in docs/international.md), images included in base64.
Each instance serves the bundle of every public article at `/p/a/<pk>/<slug>/bundle.json`;
`iskra export_article` writes it to a file. The other instance reads it from that address or
the file (`iskra import_article`, or the editor's form) and `services.article_import` creates
drafts. This module builds, fetches and checks bundles; it writes nothing."""

import base64
import binascii
import ipaddress
import json
import socket
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from iskra.core.errors import DomainError
from iskra.press import queries
from iskra.press.models import Article, Publication

FORMAT = "iskra-article/1"
MAX_BUNDLE_BYTES = 40 * 1024 * 1024
MAX_IMAGE_BYTES = 8 * 1024 * 1024
MAX_VERSIONS = 40
FETCH_TIMEOUT_SECONDS = 20


@dataclass
class SharedVersion:
    language: str
    title: str
    summary: str
    body: str
    byline: str
    dateline_place: str
    dateline_country: str
    dateline_date: date | None
    url: str
    source_name: str


@dataclass
class SharedImage:
    name: str
    data: bytes
    alt_text: str
    caption: str


@dataclass
class SharedArticle:
    kind: str
    topics: list[str]
    original: SharedVersion
    translations: list[SharedVersion] = field(default_factory=list)
    images: list[SharedImage] = field(default_factory=list)


def build_bundle(article: Article, absolute: Callable[[str], str]) -> dict[str, Any]:
    """The bundle of a published article with all its published versions."""
    versions = queries.public_versions(article)
    original = next((v for v in versions if v.translation_of_id is None), versions[0])
    publication = original.publication
    return {
        "format": FORMAT,
        "kind": original.kind,
        "topics": [topic.name_in(original.language) for topic in original.topics.all()],
        "versions": [
            {
                "language": version.language,
                "original": version.pk == original.pk,
                "title": version.title,
                "summary": version.summary,
                "body": version.body,
                "byline": version.byline,
                "dateline_place": version.dateline_place,
                "dateline_country": version.dateline_country,
                "dateline_date": version.dateline_date.isoformat()
                if version.dateline_date
                else None,
                "url": absolute(f"/p/a/{version.pk}/{version.slug}/"),
                "published_by": _publisher(version, publication),
            }
            for version in versions
        ],
        "images": [
            {
                "name": picture.image_name,
                "alt_text": picture.alt_text,
                "caption": picture.caption,
                "data": base64.b64encode(picture.image.read()).decode("ascii"),
            }
            for picture in original.original.images.all()
        ],
    }


def _publisher(version: Article, publication: Publication | None) -> str:
    own = version.publication or publication
    if version.source_name:
        return version.source_name  # an article taken from elsewhere keeps its first source
    return own.name_in(version.language) if own else ""


def read_source(source: str) -> bytes:
    """For the command line: the bundle's bytes from an http(s) address (a public article page
    or its bundle.json), any address the server reaches, or from a file."""
    if source.startswith(("http://", "https://")):
        return fetch(source, allow_private=True)
    try:
        with open(source, "rb") as handle:
            return _limited(handle.read(MAX_BUNDLE_BYTES + 1))
    except OSError as error:
        raise DomainError(
            _("The file cannot be read: %(error)s") % {"error": error.strerror}
        ) from error


def bundle_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.path.endswith("/bundle.json"):
        return url
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return parts._replace(path=path + "bundle.json", query="", fragment="").geturl()


def fetch(url: str, *, allow_private: bool = False) -> bytes:
    """The bundle from another site. Private and loopback addresses only for the server's own
    command line, or with ISKRA_IMPORT_PRIVATE_ADDRESSES."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DomainError(_("Give the address of an article on a public Iskra site."))
    private_allowed = allow_private or settings.ISKRA_IMPORT_PRIVATE_ADDRESSES
    if not private_allowed and _is_private(parts.hostname):
        # An editor's form must not make the server probe its own network.
        raise DomainError(_("Give the address of an article on a public Iskra site."))
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked just above
        bundle_url(url), headers={"Accept": "application/json", "User-Agent": "Iskra"}
    )
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:  # noqa: S310
            return _limited(response.read(MAX_BUNDLE_BYTES + 1))
    except urllib.error.HTTPError as error:
        raise DomainError(
            _("The other site answered %(status)s: is this a published article on Iskra?")
            % {"status": error.code}
        ) from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise DomainError(
            _("The other site cannot be reached: %(reason)s")
            % {"reason": getattr(error, "reason", error)}
        ) from error


def _is_private(hostname: str) -> bool:
    try:
        addresses = {str(info[4][0]) for info in socket.getaddrinfo(hostname, None)}
    except OSError:
        return False  # unreachable anyway: urlopen says so
    return any(not ipaddress.ip_address(address.split("%")[0]).is_global for address in addresses)


def _limited(data: bytes) -> bytes:
    if len(data) > MAX_BUNDLE_BYTES:
        raise DomainError(_("The article bundle is larger than 40 MB."))
    return data


def parse_bundle(data: bytes) -> SharedArticle:
    """A checked bundle; a clear DomainError for anything that is not one."""
    try:
        bundle = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DomainError(_("This is not an Iskra article bundle (not JSON).")) from error
    if not isinstance(bundle, dict) or bundle.get("format") != FORMAT:
        raise DomainError(
            _("This is not an Iskra article bundle (format %(format)s expected).")
            % {"format": FORMAT}
        )
    raw_versions = bundle.get("versions")
    if not isinstance(raw_versions, list) or not 1 <= len(raw_versions) <= MAX_VERSIONS:
        raise DomainError(_("The bundle holds no article."))
    versions = [_version(raw) for raw in raw_versions]
    languages = [version.language for version in versions]
    if len(set(languages)) != len(languages):
        raise DomainError(_("The bundle holds two versions in the same language."))
    originals = [
        version for version, raw in zip(versions, raw_versions, strict=True) if raw.get("original")
    ]
    original = originals[0] if originals else versions[0]
    kind = bundle.get("kind")
    return SharedArticle(
        kind=kind if kind in Article.Kind.values else Article.Kind.REPORT,
        topics=[str(topic)[:80] for topic in bundle.get("topics") or [] if str(topic).strip()][:20],
        original=original,
        translations=[version for version in versions if version is not original],
        images=[_image(raw) for raw in bundle.get("images") or []],
    )


def _text(raw: dict[str, Any], key: str, limit: int) -> str:
    value = raw.get(key) or ""
    if not isinstance(value, str):
        raise DomainError(_("The bundle's %(field)s is not text.") % {"field": key})
    return value.strip()[:limit]


def _version(raw: Any) -> SharedVersion:
    if not isinstance(raw, dict):
        raise DomainError(_("The bundle holds no article."))
    language = _text(raw, "language", 10).lower()
    if language not in settings.CONTENT_LANGUAGES:
        raise DomainError(
            _("%(code)s is not one of the content languages (%(languages)s).")
            % {"code": language or "?", "languages": ", ".join(settings.CONTENT_LANGUAGES)}
        )
    title = _text(raw, "title", 200)
    if not title:
        raise DomainError(_("A version in the bundle has no title."))
    url = _text(raw, "url", 500)
    if url and urlsplit(url).scheme not in ("http", "https"):
        url = ""
    try:
        dateline = date.fromisoformat(raw["dateline_date"]) if raw.get("dateline_date") else None
    except (TypeError, ValueError) as error:
        raise DomainError(_("The bundle's dateline date is not a date.")) from error
    return SharedVersion(
        language=language,
        title=title,
        summary=_text(raw, "summary", 300),
        body=_text(raw, "body", 200_000),
        byline=_text(raw, "byline", 120),
        dateline_place=_text(raw, "dateline_place", 80),
        dateline_country=_text(raw, "dateline_country", 80),
        dateline_date=dateline,
        url=url,
        source_name=_text(raw, "published_by", 200),
    )


def _image(raw: Any) -> SharedImage:
    from PIL import Image, UnidentifiedImageError

    if not isinstance(raw, dict):
        raise DomainError(_("An image in the bundle cannot be read."))
    try:
        data = base64.b64decode(raw.get("data") or "", validate=True)
        Image.open(BytesIO(data)).verify()
    except (binascii.Error, ValueError, UnidentifiedImageError, OSError) as error:
        raise DomainError(_("An image in the bundle cannot be read.")) from error
    if len(data) > MAX_IMAGE_BYTES:
        raise DomainError(_("The image is larger than 8 MB."))
    name = _text(raw, "name", 100).replace("/", "_") or "image"
    return SharedImage(
        name=name,
        data=data,
        alt_text=_text(raw, "alt_text", 300) or name,
        caption=_text(raw, "caption", 300),
    )


def write_bundles(directory: Path, base_url: str) -> int:
    """`bundle.json` next to every published article's page under `directory` (a static export),
    so that a sister instance can take articles from a site that is only static files. One
    bundle per article and its versions, copied to each version's page."""
    base = base_url.rstrip("/")
    written = 0
    originals = (
        queries.published_articles()
        .filter(translation_of__isnull=True)
        .select_related("publication")
        .order_by("pk")
    )
    for original in originals.iterator(chunk_size=500):
        bundle = build_bundle(original, lambda path: base + path)
        data = json.dumps(bundle, ensure_ascii=False).encode()
        for version in bundle["versions"]:
            target = directory / version["url"][len(base) :].lstrip("/") / "bundle.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            written += 1
    return written

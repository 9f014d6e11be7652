"""The print edition of a published issue for the public site: its PDF and a picture of its
front page, made once and kept under `press/editions/` (a published issue no longer changes).
The picture is drawn by poppler's `pdftoppm` when it is installed; without it the site shows
the link to the PDF only."""

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from iskra.press import printing
from iskra.press.models import Issue, Publication

FRONT_DPI = 40


def _name(issue: Issue, language: str, suffix: str) -> str:
    stamp = int(issue.published_at.timestamp()) if issue.published_at else 0
    slug = issue.publication.slug
    return f"press/editions/{slug}-{issue.number}-{language}-{issue.pk}-{stamp}.{suffix}"


PAGE_INCHES = {"tabloid": (11, 17), "letter-sheet": (8.5, 11), "a4-sheet": (8.27, 11.69)}


def front_size(publication: Publication) -> tuple[int, int]:
    """The front page picture's size in pixels."""
    inches = PAGE_INCHES.get(publication.print_format, (5.83, 8.27))  # A5
    return round(inches[0] * FRONT_DPI), round(inches[1] * FRONT_DPI)


def can_draw_front() -> bool:
    return shutil.which("pdftoppm") is not None


def edition_pdf(issue: Issue, language: str, *, base_url: str) -> str:
    name = _name(issue, language, "pdf")
    if not default_storage.exists(name):
        pdf = printing.print_issue(issue, language=language, base_url=base_url).pdf
        name = default_storage.save(name, ContentFile(pdf))
    return name


def edition_front(issue: Issue, language: str, *, base_url: str) -> str | None:
    name = _name(issue, language, "png")
    if default_storage.exists(name):
        return name
    executable = shutil.which("pdftoppm")
    if executable is None:
        return None
    pdf = default_storage.path(edition_pdf(issue, language, base_url=base_url))
    with tempfile.TemporaryDirectory() as folder:
        stem = Path(folder) / "front"
        subprocess.run(  # noqa: S603 - our own arguments, no shell
            [executable, "-f", "1", "-l", "1", "-r", str(FRONT_DPI), "-png", "-singlefile"]
            + [pdf, str(stem)],
            check=True,
            capture_output=True,
            timeout=120,
        )
        data = stem.with_suffix(".png").read_bytes()
    return default_storage.save(name, ContentFile(data))

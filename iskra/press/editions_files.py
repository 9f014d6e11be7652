"""The print edition of a published issue for the public site: its PDF and a picture of its
front page, kept under `press/editions/` (a published issue no longer changes).

They are made by a job queued when the issue is published (`jobs.editions_start`), never by
a visitor's request nor by the static export: a tabloid edition takes a minute of layout.
Until an edition is made, the site and the export link nothing for it (`made_pdf` is None)
and the export lists it as missing. The picture is drawn by poppler's `pdftoppm` when it is
installed; without it the site shows the link to the PDF only."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
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


def made_pdf(issue: Issue, language: str) -> str | None:
    """The stored name of the issue's edition in `language`, or None while it is not made."""
    name = _name(issue, language, "pdf")
    return name if default_storage.exists(name) else None


def made_front(issue: Issue, language: str) -> str | None:
    name = _name(issue, language, "png")
    return name if default_storage.exists(name) else None


def is_complete(issue: Issue, language: str) -> bool:
    """Whether everything the site shows of this edition is made."""
    if made_pdf(issue, language) is None:
        return False
    return made_front(issue, language) is not None or not can_draw_front()


def _store(name: str, data: bytes) -> str:
    """Write under a temporary name and rename, so that a killed job never leaves half a
    file that would pass for a made edition."""
    target = Path(default_storage.path(name))
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    partial.write_bytes(data)
    if settings.FILE_UPLOAD_PERMISSIONS is not None:
        partial.chmod(settings.FILE_UPLOAD_PERMISSIONS)
    partial.replace(target)
    return name


def make_pdf(issue: Issue, language: str, *, base_url: str) -> str:
    """Print the edition unless it is made already (safe to run twice)."""
    name = made_pdf(issue, language)
    if name is None:
        pdf = printing.print_issue(issue, language=language, base_url=base_url).pdf
        name = _store(_name(issue, language, "pdf"), pdf)
    return name


def make_front(issue: Issue, language: str, *, base_url: str) -> str | None:
    """Draw the front page picture from the edition's PDF (made first if need be)."""
    name = made_front(issue, language)
    if name is not None:
        return name
    executable = shutil.which("pdftoppm")
    if executable is None:
        return None
    pdf = default_storage.path(make_pdf(issue, language, base_url=base_url))
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
    return _store(_name(issue, language, "png"), data)

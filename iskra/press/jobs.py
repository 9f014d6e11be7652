"""The press's long work as jobs an editor watches (see docs/background-jobs.md): an issue's
print PDF, the print editions of a published issue for the public site, the public site as a
zip, the email edition.

Each `*_start` service checks the editor, writes the audit entry and queues the job; each
runner does the work with progress and stops at the next report once cancelled. Files are
written through `outputs.output_file`, so a cancelled job offers nothing half-written.
"""

import tempfile
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from iskra.audit.services import log_action
from iskra.core.errors import DomainError
from iskra.network.scope import Capacity, visible_collectives
from iskra.press import editions_files, export, printing
from iskra.press.models import Issue
from iskra.press.services import require_editor
from iskra.reliability import outputs
from iskra.reliability.jobs import Progress, job_create, job_start
from iskra.reliability.models import Job
from iskra.reliability.outputs import output_file

# Steps a print job usually takes, for its progress bar: the layout passes of the format,
# then writing the PDF (and imposing it). A job that takes more raises the total as it goes.
LAYOUT_PASSES: dict[str, int] = {"tabloid": 4, "a5-booklet": 1}


def print_start(
    *,
    actor: Any,
    issue: Issue,
    language: str | None,
    imposed: bool = False,
    crop_marks: bool = False,
    base_url: str,
) -> Job:
    """An editor asks for an issue's PDF (one language, or every language of a combined
    edition; imposed for the print shop when it is a booklet): it is made by a job."""
    publication = issue.publication
    require_editor(actor, publication.collective)
    if language is not None and language not in publication.languages:
        raise DomainError(_("This publication is not printed in that language."))
    if imposed and (language is None or publication.print_format != "a5-booklet"):
        raise DomainError(_("Only a booklet's single-language edition is imposed."))
    title = _("PDF of %(issue)s") % {"issue": f"{publication} #{issue.number}"}
    if language:
        title += f" ({language})"
    if imposed:
        title += " · " + _("imposed")
    with transaction.atomic():
        job = job_create(
            actor=actor,
            runner="iskra.press.jobs.print_runner",
            title=title,
            collective=publication.collective,
            params={
                "issue": issue.pk,
                "slug": publication.slug,
                "number": issue.number,
                "language": language,
                "imposed": imposed,
                "crop_marks": crop_marks,
                "base_url": base_url,
                "output": True,
                "result_template": "press/print_result.html",
            },
        )
        log_action(
            "press.issue.printed",
            actor=actor,
            target=issue,
            collective=publication.collective,
            details={"language": language or "all", "imposed": imposed, "job": str(job.pk)},
        )
        job_start(job=job)
    return job


def print_runner(job: Job, progress: Progress) -> dict[str, Any]:
    issue = Issue.objects.select_related("publication").get(pk=job.params["issue"])
    language, imposed = job.params["language"], job.params["imposed"]
    languages = printing.print_languages(issue.publication, language)
    total = LAYOUT_PASSES.get(issue.publication.print_format, 1) * len(languages) + 1 + imposed
    steps = 0

    def report(step: str) -> None:
        nonlocal steps, total
        steps += 1
        total = max(total, steps + 1)
        progress(step, steps, total, force=True)

    report(_("Loading the issue"))
    result = printing.print_issue(
        issue,
        language=language,
        base_url=job.params["base_url"],
        crop_marks=job.params["crop_marks"],
        imposed=imposed,
        report=report,
    )
    pdf = result.imposed if imposed and result.imposed else result.pdf
    progress(_("Saving the PDF"), total, total, force=True)
    with output_file(job, printing.pdf_filename(issue, language, imposed=imposed)) as path:
        path.write_bytes(pdf)
    return {"pages": result.pages, "proof": result.proof, "warnings": result.warnings}


def editions_start(*, actor: Any, issue: Issue, base_url: str) -> Job:
    """Queue the making of a published issue's print editions for the public site (each
    language's PDF and front-page picture); `issue_set_state` calls it on publishing. The job
    is the publishing editor's to watch; it runs once the publishing is committed."""
    publication = issue.publication
    job = job_create(
        actor=actor,
        runner="iskra.press.jobs.editions_runner",
        title=_("Print editions of %(issue)s for the public site")
        % {"issue": f"{publication} #{issue.number}"},
        collective=publication.collective,
        params={
            "issue": issue.pk,
            "slug": publication.slug,
            "number": issue.number,
            "base_url": base_url,
            "result_template": "press/editions_result.html",
        },
    )
    job_start(job=job)
    return job


def editions_runner(job: Job, progress: Progress) -> dict[str, Any]:
    """Each language's edition, then its front page; what is made already is kept, so a job
    run again (a worker died) only makes what is missing."""
    issue = Issue.objects.select_related("publication").get(pk=job.params["issue"])
    languages = list(issue.publication.languages)
    total = 2 * len(languages)
    made = 0
    for index, language in enumerate(languages):
        progress(
            _("Printing the edition (%(language)s)") % {"language": language}, 2 * index, total
        )
        editions_files.make_pdf(issue, language, base_url=job.params["base_url"])
        progress(
            _("Drawing the front page (%(language)s)") % {"language": language},
            2 * index + 1,
            total,
        )
        editions_files.make_front(issue, language, base_url=job.params["base_url"])
        made += 1
    progress.complete()
    return {"editions": made, "languages": languages}


def export_start(*, actor: Any, base_url: str) -> Job:
    """An editor exports the public site (every publication's published pages: nothing that
    is not public already) as a zip of static files to host at `base_url`."""
    if not visible_collectives(actor, Capacity.EDIT).exists():
        raise DomainError(_("Only editors may export the public site."))
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise DomainError(
            _("Give the address the site will be served at, e.g. https://paper.example.org/.")
        )
    with transaction.atomic():
        job = job_create(
            actor=actor,
            runner="iskra.press.jobs.export_runner",
            title=_("The public site as files, for %(address)s") % {"address": base_url},
            params={
                "base_url": base_url,
                "output": True,
                "result_template": "press/export_result.html",
            },
        )
        log_action(
            "press.site.exported", actor=actor, details={"base_url": base_url, "job": str(job.pk)}
        )
        job_start(job=job)
    return job


def export_runner(job: Job, progress: Progress) -> dict[str, Any]:
    """Export into a scratch folder beside the job files, then zip it, file by file; the zip
    becomes the job's file only once complete, and the scratch folder goes in every case."""
    base_url = job.params["base_url"]
    outputs.folder().mkdir(mode=0o700, parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{job.pk}.", dir=outputs.folder()) as scratch:
        site = Path(scratch) / "site"
        try:
            exported = export.export_site(site, base_url=base_url, report=progress)
        except export.ExportRefused as error:
            raise DomainError(str(error)) from None
        files = sorted(path for path in site.rglob("*") if path.is_file())
        name = f"{urlsplit(base_url).netloc}-{timezone.localdate().isoformat()}.zip"
        with (
            output_file(job, name) as path,
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zip_file,
        ):
            for done, file in enumerate(files, start=1):
                zip_file.write(file, file.relative_to(site).as_posix())
                progress(_("Packing the files"), done, len(files))
    return {
        "pages": exported.pages,
        "feeds": exported.feeds,
        "files": len(files),
        "search": exported.search,
        "missing_editions": exported.missing_editions,
        "errors": exported.failures,
    }

"""The press's long work as jobs an editor watches (see docs/background-jobs.md): an issue's
print PDF, the public site as a zip, the email edition.

Each `*_start` service checks the editor, writes the audit entry and queues the job; each
runner does the work with progress and stops at the next report once cancelled. Files are
written through `outputs.output_file`, so a cancelled job offers nothing half-written.
"""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from iskra.audit.services import log_action
from iskra.core.errors import DomainError
from iskra.press import printing
from iskra.press.models import Issue, Publication
from iskra.press.services import require_editor
from iskra.reliability.jobs import Progress, job_create, job_start
from iskra.reliability.models import Job
from iskra.reliability.outputs import output_file

# Steps a print job usually takes, for its progress bar: the layout passes of the format,
# then writing the PDF (and imposing it). A job that takes more raises the total as it goes.
LAYOUT_PASSES = {Publication.PrintFormat.TABLOID: 4, Publication.PrintFormat.A5_BOOKLET: 1}


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

"""The files jobs make (an issue's PDF, the public site as a zip): kept privately under
`DATA_DIR/job-files/` (never in the public media folder), downloaded only by the person who
started the job, and removed with the job or by the worker after ISKRA_JOB_FILES_DAYS.

A runner writes its file through `output_file`: into a temporary file beside the final one,
renamed into place only when the runner finished it. A cancelled or failed job leaves no
file, so nothing half-written is ever offered for download.
"""

import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from iskra.reliability.models import Job

SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def folder() -> Path:
    return Path(settings.DATA_DIR) / "job-files"


def output_path(job: Job) -> Path:
    return folder() / str(job.pk)


def download_name(name: str) -> str:
    """A file name safe in a Content-Disposition header and on any disk."""
    return SAFE_NAME.sub("-", name).strip("-.")[:150] or "download"


@contextmanager
def output_file(job: Job, name: str) -> Iterator[Path]:
    """A path to write the job's file to; it becomes the job's output only if the block ends
    without an error (a cancel included)."""
    folder().mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = folder() / f".{job.pk}.{uuid.uuid4().hex}.part"
    try:
        yield partial
        os.chmod(partial, 0o600)
        # Named first, so that the worker's purge never takes the file for an orphan.
        job.output_name = download_name(name)
        Job.objects.filter(pk=job.pk).update(output_name=job.output_name)
        os.replace(partial, output_path(job))
    finally:
        partial.unlink(missing_ok=True)


def output_remove(job: Job) -> None:
    output_path(job).unlink(missing_ok=True)
    if job.output_name:
        job.output_name = ""
        Job.objects.filter(pk=job.pk).update(output_name="")


def output_ready(job: Job) -> bool:
    return bool(job.output_name) and job.state == Job.State.DONE and output_path(job).is_file()


def job_delete(*, job: Job) -> None:
    """A job goes with its file."""
    output_path(job).unlink(missing_ok=True)
    job.delete()


def purge_outputs(*, days: int | None = None) -> int:
    """The worker's chore: remove the files of jobs that finished more than `days` ago, the
    files of jobs no longer in the database, and temporary files a killed job left. Returns
    how many files went."""
    if not folder().is_dir():
        return 0
    days = settings.ISKRA_JOB_FILES_DAYS if days is None else days
    before = timezone.now() - timedelta(days=days)
    expired = Job.objects.filter(finished_at__lt=before).exclude(output_name="")
    removed = 0
    for job in expired.only("pk", "output_name"):
        if output_path(job).is_file():
            removed += 1
        output_remove(job)
    live = {str(pk) for pk in Job.objects.exclude(output_name="").values_list("pk", flat=True)}
    stale_before = before.timestamp()
    for path in folder().iterdir():
        orphan = not path.name.startswith(".") and path.name not in live
        stale_part = path.name.startswith(".") and path.stat().st_mtime < stale_before
        if path.is_file() and (orphan or stale_part):
            path.unlink(missing_ok=True)
            removed += 1
    return removed

"""Backups from the web: a superuser's page lists the backups in ISKRA_BACKUP_DIR and starts
one as a job, encrypted to the configured recipients (ISKRA_BACKUP_RECIPIENTS), exactly as
`iskra backup` and the worker's schedule make them. The page never offers a file to download
nor anything that decrypts one: the identities stay off the server."""

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from iskra.audit.services import log_action
from iskra.core.errors import DomainError
from iskra.env import env_int, env_str
from iskra.reliability import backup
from iskra.reliability.jobs import Progress, job_create, job_start
from iskra.reliability.models import Job

RUNNER = "iskra.reliability.backup_jobs.backup_runner"


@dataclass
class BackupFile:
    name: str
    size: int
    taken_at: datetime


def backup_folder() -> Path | None:
    folder = env_str("ISKRA_BACKUP_DIR", "")
    return Path(folder) if folder else None


def backup_list() -> list[BackupFile]:
    """The backups in the folder, newest first: only the files Iskra names iskra-*.age."""
    folder = backup_folder()
    if folder is None or not folder.is_dir():
        return []
    return sorted(
        (
            BackupFile(
                path.name,
                path.stat().st_size,
                datetime.fromtimestamp(path.stat().st_mtime, tz=UTC),
            )
            for path in folder.glob("iskra-*.age")
            if path.is_file()
        ),
        key=lambda found: found.name,
        reverse=True,
    )


def require_superuser(actor: Any) -> None:
    if not getattr(actor, "is_superuser", False):
        raise DomainError(_("Only the server's administrators may take backups."))


def backup_start(*, actor: Any) -> Job:
    require_superuser(actor)
    if backup_folder() is None:
        raise DomainError(_("Set ISKRA_BACKUP_DIR to the folder the backups go to."))
    try:
        backup.recipients_from([])
    except backup.BackupError as error:
        raise DomainError(str(error)) from None
    with transaction.atomic():
        job = job_create(
            actor=actor,
            runner=RUNNER,
            title=_("Backup"),
            params={"result_template": "reliability/backup_result.html"},
        )
        log_action("reliability.backup.started", actor=actor, details={"job": str(job.pk)})
        job_start(job=job)
    return job


def backup_runner(job: Job, progress: Progress) -> dict[str, Any]:
    folder = backup_folder()
    if folder is None:
        raise DomainError(_("Set ISKRA_BACKUP_DIR to the folder the backups go to."))
    # The copy and the media are packed and encrypted in one pass ("archive").
    steps = {"database": _("Copying the database"), "archive": _("Packing and encrypting")}
    steps["encryption"] = _("Encrypting")
    order = list(steps)

    def report(step: str) -> None:
        progress(steps[step], order.index(step), len(order), force=True)

    keep = env_int("ISKRA_BACKUP_KEEP", 14, minimum=1)
    try:
        path = backup.scheduled_backup(folder, keep, backup.recipients_from([]), report)
    except backup.BackupError as error:
        raise DomainError(str(error)) from None
    progress.complete()
    log_action(
        "reliability.backup.written",
        actor=job.created_by,
        details={"file": path.name, "bytes": path.stat().st_size, "job": str(job.pk)},
    )
    return {"file": path.name, "bytes": path.stat().st_size}

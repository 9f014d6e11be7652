"""What a worker does when it starts: queue again the jobs that a dead worker on this machine
left running, and take scheduled backups (see docs/reliability.md).

Every Iskra job is safe to run twice (docs/background-jobs.md), so running again a job that
died half-way finishes it without doing anything twice."""

import logging
import os
import socket
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from django.db import close_old_connections
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from iskra.env import env_int, env_str

logger = logging.getLogger(__name__)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover_dead_workers_jobs() -> int:
    """Jobs marked running by a worker of this machine that is no longer alive: ready again.
    (Workers on other machines are not judged from here: each recovers its own.)"""
    host = socket.gethostname()[:40]
    recovered = 0
    for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING):
        worker = result.worker_ids[-1] if result.worker_ids else ""
        worker_host, _sep, pid = worker.rpartition(":")
        if worker_host != host or not pid.isdigit() or _alive(int(pid)):
            continue
        updated = DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, started_at=None
        )
        recovered += updated
        logger.warning("job %s of dead worker %s queued again", result.pk, worker)
    return recovered


def start_backup_schedule() -> None:
    """With ISKRA_BACKUP_DIR and ISKRA_BACKUP_EVERY_HOURS set, a thread of the worker takes a
    backup when the newest one in the folder is older than that, keeping the last
    ISKRA_BACKUP_KEEP (default 14)."""
    folder = env_str("ISKRA_BACKUP_DIR", "")
    hours = env_int("ISKRA_BACKUP_EVERY_HOURS", 0, minimum=0)
    if not folder or not hours:
        return
    keep = env_int("ISKRA_BACKUP_KEEP", 14, minimum=1)
    thread = threading.Thread(
        target=_schedule_loop, args=(Path(folder), hours * 3600, keep), daemon=True
    )
    thread.start()


def backup_due(folder: Path, every_seconds: float) -> bool:
    newest = max((path.stat().st_mtime for path in folder.glob("iskra-*.age")), default=0.0)
    return datetime.now(UTC).timestamp() - newest >= every_seconds


def _schedule_loop(folder: Path, every_seconds: float, keep: int) -> None:
    from iskra.reliability import backup

    recipients = backup.recipients_from([])
    while True:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if backup_due(folder, every_seconds):
                path = backup.scheduled_backup(folder, keep, recipients)
                logger.info("scheduled backup written to %s", path)
        except Exception:
            logger.exception("the scheduled backup failed")
        finally:
            close_old_connections()
        time.sleep(min(600.0, every_seconds / 4))

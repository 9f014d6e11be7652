"""Long work as jobs with progress (see docs/background-jobs.md).

A `Job` row is what a person watches: its page polls the progress (HTMX), offers a cancel
button and shows the result. The work itself is a plain function named by `Job.runner`,
called as `runner(job, progress)`; it returns a dict that the result page shows (with
`errors`, a list of strings, if it has any). It runs through the task framework: in the
request in development, in `iskra worker` in production. Runners check `progress.check()`
between steps: a cancel asked for by the person ends the work there, before anything is
stored, and the job is marked cancelled.
"""

import logging
import time
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import task

from iskra.audit.services import log_action
from iskra.core.errors import DomainError
from iskra.reliability.models import Job
from iskra.reliability.outputs import output_remove

logger = logging.getLogger(__name__)

# Below this much work a job runs in the request itself: it is over before a page could poll.
INLINE_LIMIT = 5000
PROGRESS_EVERY_SECONDS = 0.5


class JobCancelled(Exception):
    """The person asked to stop; nothing more is done."""


class Progress:
    """What a runner reports: throttled writes of (step, done, total), and the cancel check."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.last_write = 0.0

    def __call__(self, step: str, done: int, total: int | None = None, force: bool = False):
        now = time.monotonic()
        self.job.step, self.job.done = step, done
        if total is not None:
            self.job.total = total
        if force or now - self.last_write >= PROGRESS_EVERY_SECONDS:
            self.last_write = now
            Job.objects.filter(pk=self.job.pk).update(
                step=step, done=done, total=self.job.total, heartbeat_at=timezone.now()
            )
            self.check()

    def complete(self) -> None:
        """The work is stored: the bar ends full. No cancel check: nothing is left to stop."""
        self.job.done = self.job.total

    def check(self) -> None:
        if Job.objects.filter(pk=self.job.pk, cancel_requested=True).exists():
            raise JobCancelled()


def job_create(
    *,
    actor: Any,
    runner: str,
    title: str,
    collective: Any = None,
    params: dict[str, Any] | None = None,
    payload: bytes = b"",
    total: int = 0,
) -> Job:
    if not runner.startswith("iskra."):
        raise ValueError("a job runner is a function of Iskra")
    return Job.objects.create(
        runner=runner,
        title=title[:200],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        collective=collective,
        params=params or {},
        payload=payload,
        total=total,
    )


def job_start(*, job: Job, inline: bool = False) -> None:
    """Queue the job (or run it now when it is small); a finished job may be run again."""
    output_remove(job)
    Job.objects.filter(pk=job.pk).update(
        state=Job.State.QUEUED,
        cancel_requested=False,
        done=0,
        step="",
        result={},
        errors=[],
        started_at=None,
        finished_at=None,
    )
    job.state = Job.State.QUEUED
    if inline:
        execute(job.pk)
    else:
        transaction.on_commit(lambda: run_job.enqueue(str(job.pk)))


def job_cancel(*, actor: Any, job: Job) -> None:
    if job.finished:
        raise DomainError(_("This job has already finished."))
    with transaction.atomic():
        updated = Job.objects.filter(pk=job.pk, state=Job.State.QUEUED).update(
            state=Job.State.CANCELLED, cancel_requested=True, finished_at=timezone.now()
        )
        if not updated:
            Job.objects.filter(pk=job.pk).update(cancel_requested=True)
        log_action(
            "reliability.job.cancelled",
            actor=actor,
            collective=job.collective,
            details={"job": str(job.pk), "runner": job.runner},
        )


@task()
def run_job(job_id: str) -> str:
    return execute(job_id)


def execute(job_id: Any) -> str:
    """Run one job to its end. Safe to call again for a job a dead worker left running."""
    claimed = Job.objects.filter(pk=job_id, state__in=[Job.State.QUEUED, Job.State.RUNNING]).update(
        state=Job.State.RUNNING, started_at=timezone.now(), heartbeat_at=timezone.now()
    )
    if not claimed:
        return "skipped"
    job = Job.objects.get(pk=job_id)
    progress = Progress(job)
    state = Job.State.DONE
    result: dict[str, Any] = {}
    errors: list[str] = []
    try:
        progress.check()
        result = import_string(job.runner)(job, progress) or {}
        errors = [str(error) for error in result.pop("errors", [])]
    except JobCancelled:
        state = Job.State.CANCELLED
    except DomainError as error:
        state, errors = Job.State.FAILED, [error.message]
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.runner)
        state, errors = (
            Job.State.FAILED,
            [_("An unexpected error stopped the job; nothing more was done.")],
        )
    Job.objects.filter(pk=job.pk).update(
        state=state,
        result=result,
        errors=errors[:1000],
        done=progress.job.done,
        total=progress.job.total,
        finished_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )
    return str(state)

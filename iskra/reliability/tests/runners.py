"""Job runners for the tests of the job framework."""

from typing import Any

from iskra.reliability.jobs import Progress
from iskra.reliability.models import Job


def count(job: Job, progress: Progress) -> dict[str, Any]:
    """Counts to `params["to"]`, reporting each step; `params["fail_at"]` raises there."""
    to = job.params.get("to", 3)
    for number in range(1, to + 1):
        if number == job.params.get("fail_at"):
            raise RuntimeError("the runner failed")
        progress("counting", number, to, force=True)
    return {"counted": to, "errors": [f"skipped {n}" for n in job.params.get("skip", [])]}

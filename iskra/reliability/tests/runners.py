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


def write_file(job: Job, progress: Progress) -> dict[str, Any]:
    """Writes `params["lines"]` lines to its output file, reporting each; `params["cancel_at"]`
    asks for a cancel there, as the person's button would."""
    from iskra.reliability.outputs import output_file

    lines = job.params.get("lines", 3)
    with output_file(job, "lines.txt") as path, path.open("w") as out:
        for number in range(1, lines + 1):
            if number == job.params.get("cancel_at"):
                Job.objects.filter(pk=job.pk).update(cancel_requested=True)
            out.write(f"line {number}\n")
            progress("writing", number, lines, force=True)
    return {"lines": lines}

from iskra.core.testing import Case
from iskra.reliability import jobs


def _job(world):
    """A finished job of the organizer's: only she sees it."""
    if "job" not in world.extra:
        job = jobs.job_create(
            actor=world.organizer, runner="iskra.reliability.tests.runners.count", title="Count"
        )
        jobs.job_start(job=job, inline=True)
        world.extra["job"] = job
    return {"pk": world.extra["job"].pk}


MATRIX = [
    Case("reliability:job", _job, member=404, organizer=200, centre=404),
    Case("reliability:job_cancel", _job, method="post", member=404, organizer=302, centre=404),
]

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


def _job_with_file(world):
    """A finished job of the organizer's that made a file: only she may download it."""
    if "job_with_file" not in world.extra:
        job = jobs.job_create(
            actor=world.organizer, runner="iskra.reliability.tests.runners.write_file", title="F"
        )
        jobs.job_start(job=job, inline=True)
        world.extra["job_with_file"] = job
    return {"pk": world.extra["job_with_file"].pk}


# Backups are for the server's administrators (superusers), none of whom is in the cast: every
# member of the cast gets 404 (test_backup_page.py covers the superuser).
NOBODY = {"member": 404, "organizer": 404, "centre": 404, "treasurer": 404}

MATRIX = [
    Case("reliability:backups", **NOBODY),
    Case("reliability:backup_start", method="post", **NOBODY),
    Case("reliability:job", _job, member=404, organizer=200, centre=404),
    Case("reliability:job_download", _job_with_file, member=404, organizer=200, centre=404),
    Case("reliability:job_cancel", _job, method="post", member=404, organizer=302, centre=404),
]

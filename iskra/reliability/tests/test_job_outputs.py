"""Files made by jobs: private, for the job's creator only, never half-written, removed with
the job or after ISKRA_JOB_FILES_DAYS."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from iskra.reliability import jobs, outputs
from iskra.reliability.models import Job

RUNNER = "iskra.reliability.tests.runners.write_file"


@pytest.fixture(autouse=True)
def _own_data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def _run(user, **params) -> Job:
    job = jobs.job_create(actor=user, runner=RUNNER, title="Lines", params=params)
    jobs.job_start(job=job, inline=True)
    job.refresh_from_db()
    return job


def test_it_offers_the_file_to_the_person_who_started_the_job(organizer):
    job = _run(organizer)
    assert job.state == Job.State.DONE and job.output_name == "lines.txt"
    client = client_for(organizer)
    page = client.get(reverse("reliability:job", args=[job.pk])).content.decode()
    assert reverse("reliability:job_download", args=[job.pk]) in page
    response = client.get(reverse("reliability:job_download", args=[job.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"line 1\nline 2\nline 3\n"
    assert response["Content-Disposition"] == 'attachment; filename="lines.txt"'
    assert "no-store" in response["Cache-Control"]


def test_the_file_is_private_and_outside_the_public_media(organizer):
    job = _run(organizer)
    path = outputs.output_path(job)
    assert path.is_file() and oct(path.stat().st_mode & 0o777) == "0o600"
    assert not path.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert Path(settings.DATA_DIR).resolve() in path.resolve().parents


def test_anyone_else_gets_404(organizer, member, centre, outsider):
    job = _run(organizer)
    url = reverse("reliability:job_download", args=[job.pk])
    for other in (member, centre, outsider):
        assert client_for(other).get(url).status_code == 404
    assert client_for(organizer).get(url).status_code == 200


def test_a_cancelled_job_leaves_no_file_half_written(organizer):
    job = _run(organizer, lines=5, cancel_at=3)
    assert job.state == Job.State.CANCELLED and job.output_name == ""
    assert not outputs.output_path(job).exists()
    assert [path for path in outputs.folder().iterdir() if str(job.pk) in path.name] == []
    url = reverse("reliability:job_download", args=[job.pk])
    assert client_for(organizer).get(url).status_code == 404


def test_running_a_job_again_drops_its_old_file_first(organizer):
    job = _run(organizer)
    job.params = {"lines": 4, "cancel_at": 2}
    job.save(update_fields=["params"])
    jobs.job_start(job=job, inline=True)
    job.refresh_from_db()
    assert job.output_name == "" and not outputs.output_path(job).exists()


def test_deleting_a_job_deletes_its_file(organizer):
    job = _run(organizer)
    path = outputs.output_path(job)
    outputs.job_delete(job=job)
    assert not path.exists() and not Job.objects.filter(pk=job.pk).exists()


def test_the_worker_removes_old_files_orphans_and_leftovers(organizer):
    old, recent = _run(organizer), _run(organizer)
    Job.objects.filter(pk=old.pk).update(finished_at=timezone.now() - timedelta(days=8))
    orphan = outputs.folder() / "00000000-0000-0000-0000-000000000000"
    orphan.write_text("a job deleted without its file")
    leftover = outputs.folder() / ".killed.part"
    leftover.write_text("a job killed while writing")
    a_week_ago = (timezone.now() - timedelta(days=8)).timestamp()
    os.utime(leftover, (a_week_ago, a_week_ago))
    assert outputs.purge_outputs(days=7) == 3
    old.refresh_from_db()
    assert old.output_name == "" and not outputs.output_path(old).exists()
    assert outputs.output_path(recent).is_file() and not orphan.exists()
    page = client_for(organizer).get(reverse("reliability:job", args=[old.pk])).content.decode()
    assert reverse("reliability:job_download", args=[old.pk]) not in page

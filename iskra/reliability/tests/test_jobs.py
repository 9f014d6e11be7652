"""The job framework: progress, cancel, result, failure, and the page that shows them."""

from django.urls import reverse

from conftest import client_for
from iskra.reliability import jobs
from iskra.reliability.models import Job

RUNNER = "iskra.reliability.tests.runners.count"


def test_it_runs_a_job_to_its_result(organizer):
    job = jobs.job_create(actor=organizer, runner=RUNNER, title="Count", params={"skip": [2]})
    jobs.job_start(job=job, inline=True)
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.result == {"counted": 3}
    assert job.errors == ["skipped 2"] and (job.done, job.total) == (3, 3)
    page = client_for(organizer).get(reverse("reliability:job", args=[job.pk]))
    assert "skipped 2" in page.content.decode() and "hx-trigger" not in page.content.decode()


def test_a_failing_runner_marks_the_job_failed_with_a_plain_message(organizer):
    job = jobs.job_create(actor=organizer, runner=RUNNER, title="Count", params={"fail_at": 2})
    jobs.job_start(job=job, inline=True)
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and job.done == 1
    assert job.errors == ["An unexpected error stopped the job; nothing more was done."]


def test_a_queued_job_polls_and_can_be_cancelled(organizer, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job = jobs.job_create(actor=organizer, runner=RUNNER, title="Count")
    jobs.job_start(job=job)
    client = client_for(organizer)
    url = reverse("reliability:job", args=[job.pk])
    page = client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in page and "Cancel" in page
    partial = client.get(url, HTTP_HX_REQUEST="true")
    assert "HX-Refresh" not in partial and "<html" not in partial.content.decode()
    client.post(reverse("reliability:job_cancel", args=[job.pk]))
    job.refresh_from_db()
    assert job.state == Job.State.CANCELLED
    # A worker that picks it up later does nothing.
    assert jobs.execute(job.pk) == "skipped"
    assert client.get(url, HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"


def test_a_running_job_stops_at_its_next_progress_report(organizer):
    job = jobs.job_create(actor=organizer, runner=RUNNER, title="Count")
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING)
    jobs.job_cancel(actor=organizer, job=Job.objects.get(pk=job.pk))
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.state == Job.State.CANCELLED and job.result == {}


def test_a_runner_outside_iskra_is_refused(organizer):
    import pytest

    with pytest.raises(ValueError):
        jobs.job_create(actor=organizer, runner="os.system", title="no")

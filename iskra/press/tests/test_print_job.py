"""The issue's PDF from its page is made by a job: the editor watches its steps, then
downloads the file; nobody else sees the job or the file."""

import subprocess

import pytest
from django.urls import reverse

from conftest import client_for
from iskra.audit.models import LogEntry
from iskra.press import jobs as press_jobs
from iskra.press import services
from iskra.press.tests.factories import make_article, make_editor, make_issue, make_publication
from iskra.reliability import jobs, outputs
from iskra.reliability.models import Job


@pytest.fixture(autouse=True)
def _own_data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


@pytest.fixture
def editor(los_angeles):
    return make_editor(los_angeles)


@pytest.fixture
def paper(editor, los_angeles):
    return make_publication(editor, los_angeles)


def _print(client, issue, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("press:issue_print", args=["red-banner", issue.number]), data)


def test_the_editor_watches_the_pdf_job_and_downloads_the_pdf(
    editor, paper, los_angeles, tmp_path, django_capture_on_commit_callbacks
):
    issue = make_issue(editor, paper)
    article = make_article(editor, paper, title="Huelga en el puerto", language="es")
    services.placement_add(actor=editor, issue=issue, article=article, page=1)
    client = client_for(editor)
    response = _print(client, issue, django_capture_on_commit_callbacks, language="es")
    job = Job.objects.get(created_by=editor, runner="iskra.press.jobs.print_runner")
    assert response["Location"] == reverse("reliability:job", args=[job.pk])
    assert job.state == Job.State.DONE and job.output_name == "red-banner-1-es.pdf"
    # Each layout pass and the writing were steps of the progress bar, which ends full.
    assert job.total >= 3 and job.done == job.total
    page = client.get(response["Location"]).content.decode()
    assert "Download red-banner-1-es.pdf" in page and "This is a proof" in page
    download = client.get(reverse("reliability:job_download", args=[job.pk]))
    path = tmp_path / "issue.pdf"
    path.write_bytes(b"".join(download.streaming_content))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Huelga en el puerto" in text
    assert LogEntry.objects.filter(action="press.issue.printed", actor=editor).count() == 1
    # Back on the issue page, the editor finds her PDF job again; another editor does not.
    issue_url = reverse("press:issue", args=["red-banner", issue.number])
    assert response["Location"] in client.get(issue_url).content.decode()
    colleague_page = client_for(make_editor(los_angeles, "colleague")).get(issue_url)
    assert colleague_page.status_code == 200
    assert response["Location"] not in colleague_page.content.decode()


def test_another_collective_editor_cannot_print_nor_see_the_job(
    editor, paper, detroit, django_capture_on_commit_callbacks
):
    issue = make_issue(editor, paper)
    intruder = client_for(make_editor(detroit, "dede"))
    assert _print(intruder, issue, django_capture_on_commit_callbacks).status_code == 404
    _print(client_for(editor), issue, django_capture_on_commit_callbacks, language="en")
    job = Job.objects.get(runner="iskra.press.jobs.print_runner")
    assert intruder.get(reverse("reliability:job", args=[job.pk])).status_code == 404
    assert intruder.get(reverse("reliability:job_download", args=[job.pk])).status_code == 404


def test_a_language_the_publication_does_not_print_is_refused(
    editor, paper, django_capture_on_commit_callbacks
):
    issue = make_issue(editor, paper)
    client = client_for(editor)
    response = _print(client, issue, django_capture_on_commit_callbacks, language="fr")
    assert response["Location"] == reverse("press:issue", args=["red-banner", issue.number])
    response = _print(client, issue, django_capture_on_commit_callbacks, language="en", imposed="1")
    assert not Job.objects.filter(runner="iskra.press.jobs.print_runner").exists()


def test_the_booklet_is_imposed_by_the_job(editor, los_angeles, tmp_path):
    from pypdf import PdfReader

    booklet = make_publication(
        editor, los_angeles, slug="state-rev", print_format="a5-booklet", languages=["en"]
    )
    issue = make_issue(editor, booklet)
    job = press_jobs.print_start(
        actor=editor, issue=issue, language="en", imposed=True, base_url="https://x.example"
    )
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.output_name == "state-rev-1-en-imposed.pdf"
    reader = PdfReader(outputs.output_path(job))
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert width > height  # two A5 pages side by side on each sheet side


def test_a_cancelled_print_job_offers_no_file(editor, paper):
    issue = make_issue(editor, paper)
    job = press_jobs.print_start(actor=editor, issue=issue, language="en", base_url="https://x")
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, cancel_requested=True)
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.state == Job.State.CANCELLED and not outputs.output_path(job).exists()

"""The static export from the web: an editor starts it, watches it file by file, downloads
the zip; a cancel leaves no zip and no scratch folder; only editors may start it."""

import io
import zipfile

import pytest
from django.urls import reverse

from conftest import client_for
from iskra.audit.models import LogEntry
from iskra.press import jobs as press_jobs
from iskra.press.tests.conftest import SECRET_MARKERS
from iskra.reliability import jobs, outputs
from iskra.reliability.models import Job


@pytest.fixture(autouse=True)
def _own_data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def test_an_editor_exports_the_site_and_downloads_the_zip(
    newsroom, django_capture_on_commit_callbacks
):
    client = client_for(newsroom.editor)
    assert "Export the public site" in client.get(reverse("press:publications")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("press:site_export"), {"base_url": "https://paper.example.org/sub/"}
        )
    job = Job.objects.get(runner="iskra.press.jobs.export_runner")
    assert response["Location"] == reverse("reliability:job", args=[job.pk])
    assert job.state == Job.State.DONE, job.errors
    assert job.output_name.startswith("paper.example.org-") and job.output_name.endswith(".zip")
    assert job.done == job.total == job.result["files"]  # the last step: every file packed
    page = client.get(response["Location"]).content.decode()
    assert "files in the zip" in page
    # The editions are not made yet (their job never ran here): the page says so.
    assert job.result["missing_editions"] == ["red-banner #1 (en)", "red-banner #1 (es)"]
    assert "2 print editions are not made yet, so the zip neither holds nor links them" in page
    download = client.get(reverse("reliability:job_download", args=[job.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = archive.namelist()
    assert "index.html" in names and "p/red-banner/es/atom.xml" in names
    assert any(name.startswith("pagefind/") for name in names)
    assert "https://paper.example.org/sub/p/a/" in archive.read("p/sitemap.xml").decode()
    for name in names:
        if name.endswith((".html", ".xml")):
            text = archive.read(name).decode()
            assert not [marker for marker in SECRET_MARKERS if marker in text], name
    assert LogEntry.objects.filter(action="press.site.exported", actor=newsroom.editor).exists()
    # The scratch folder is gone: only the zip is left.
    assert [path.name for path in outputs.folder().iterdir()] == [str(job.pk)]


def test_a_cancelled_export_offers_nothing_and_leaves_nothing(newsroom, monkeypatch):
    monkeypatch.setattr(jobs, "PROGRESS_EVERY_SECONDS", 0)
    job = press_jobs.export_start(actor=newsroom.editor, base_url="https://paper.example.org")
    calls = []
    original = jobs.Progress.check

    def cancel_at_the_fifth_page(progress):
        calls.append(1)
        if len(calls) == 5:
            Job.objects.filter(pk=progress.job.pk).update(cancel_requested=True)
        original(progress)

    monkeypatch.setattr(jobs.Progress, "check", cancel_at_the_fifth_page)
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.state == Job.State.CANCELLED and 0 < job.done < job.total
    assert job.output_name == "" and list(outputs.folder().iterdir()) == []


def test_only_editors_may_export(newsroom, member, organizer, django_capture_on_commit_callbacks):
    url = reverse("press:site_export")
    assert client_for(member).post(url, {"base_url": "https://x.example/"}).status_code == 404
    editor = client_for(newsroom.editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(url, {"base_url": "not an address"})
    assert response["Location"] == reverse("press:publications")
    assert not Job.objects.filter(runner="iskra.press.jobs.export_runner").exists()

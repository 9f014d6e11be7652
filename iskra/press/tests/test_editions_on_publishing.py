"""An issue's print editions for the public site are printed by a job queued when it is
published, never by a visitor's request or by the static export. Until they are made, the
site and the export link nothing for them and the export says which are missing."""

import io
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from conftest import client_for
from iskra.press import editions_files, services
from iskra.press.export import export_site
from iskra.press.tests.conftest import make_editions, publish_issue
from iskra.press.tests.factories import make_article, make_issue, publish
from iskra.reliability.jobs import execute
from iskra.reliability.models import Job

RUNNER = "iskra.press.jobs.editions_runner"


def test_publishing_an_issue_queues_its_editions_job(
    newsroom, django_capture_on_commit_callbacks, settings
):
    settings.ISKRA_PUBLIC_URL = "https://paper.example.org"
    article = make_article(newsroom.editor, newsroom.paper, title="Port strike, day two")
    publish(newsroom.editor, article)
    issue = make_issue(newsroom.editor, newsroom.paper)
    services.placement_add(actor=newsroom.editor, issue=issue, article=article)
    for state in ("editing", "ready", "printed"):
        services.issue_set_state(actor=newsroom.editor, issue=issue, state=state)
    assert not Job.objects.filter(runner=RUNNER, params__issue=issue.pk).exists()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.issue_set_state(actor=newsroom.editor, issue=issue, state="published")
    job = Job.objects.get(runner=RUNNER, params__issue=issue.pk)
    assert job.state == Job.State.QUEUED and job.created_by == newsroom.editor
    assert job.params["base_url"] == "https://paper.example.org"
    assert callbacks, "the job is queued once the publishing is committed"
    # Publishing itself printed nothing.
    assert editions_files.made_pdf(issue, "en") is None


def test_a_visitor_never_starts_the_printing(newsroom):
    issue = newsroom.issue
    client = Client()
    for language in ("en", "es"):
        for name in ("edition.pdf", "front.png"):
            url = f"/p/{newsroom.paper.slug}/{issue.number}/{language}/{name}"
            assert client.get(url).status_code == 404
    assert editions_files.made_pdf(issue, "en") is None
    page = client.get(f"/p/{newsroom.paper.slug}/{issue.number}/es/").content.decode()
    assert "edition.pdf" not in page and "front.png" not in page
    assert "La edición impresa (PDF) se está preparando." in page


def test_the_job_makes_every_language_and_is_safe_to_run_again(newsroom):
    issue = newsroom.issue
    make_editions(issue)
    stored = {}
    for language in ("en", "es"):
        pdf = editions_files.made_pdf(issue, language)
        assert pdf is not None
        assert default_storage.open(pdf).read(4) == b"%PDF"
        front = editions_files.made_front(issue, language)
        assert front is not None or not editions_files.can_draw_front()
        stored[pdf] = Path(default_storage.path(pdf)).stat().st_mtime_ns
    job = Job.objects.get(runner=RUNNER, params__issue=issue.pk)
    assert job.result == {"editions": 2, "languages": ["en", "es"]}
    # The publishing editor sees it among the issue's jobs, and its result.
    editor = client_for(newsroom.editor)
    issue_page = editor.get(reverse("press:issue", args=[newsroom.paper.slug, issue.number]))
    assert reverse("reliability:job", args=[job.pk]) in issue_page.content.decode()
    result_page = editor.get(reverse("reliability:job", args=[job.pk])).content.decode()
    assert "2 print editions are on the public site, with their front pages." in result_page
    # Run again (a worker died after the work): nothing is printed twice.
    Job.objects.filter(pk=job.pk).update(state=Job.State.QUEUED)
    assert execute(job.pk) == "done"
    for pdf, mtime in stored.items():
        assert Path(default_storage.path(pdf)).stat().st_mtime_ns == mtime
    assert not list(Path(default_storage.path("press/editions")).glob(".*.part"))
    # The site links and serves them now.
    client = Client()
    page = client.get(f"/p/{newsroom.paper.slug}/{issue.number}/en/").content.decode()
    assert f"/p/{newsroom.paper.slug}/{issue.number}/en/edition.pdf" in page
    response = client.get(f"/p/{newsroom.paper.slug}/{issue.number}/en/edition.pdf")
    assert b"".join(response.streaming_content)[:4] == b"%PDF"


def test_the_export_says_which_editions_are_missing_and_links_none_of_them(
    newsroom, tmp_path, settings
):
    site = tmp_path / "site"
    result = export_site(site, base_url="https://paper.example.org/", search_index=False)
    number = newsroom.issue.number
    assert result.missing_editions == [f"red-banner #{number} (en)", f"red-banner #{number} (es)"]
    assert not result.failures and result.edition_files == 0
    assert not list(site.rglob("edition.pdf")) and not list(site.rglob("front.png"))
    for page in site.rglob("*.html"):
        text = page.read_text()
        assert "edition.pdf" not in text and "front.png" not in text, page
    # The command says so, and how they get made.
    settings.ISKRA_PUBLIC_URL = "https://paper.example.org"
    errors = io.StringIO()
    call_command("export_site", str(site), "--no-search", stdout=io.StringIO(), stderr=errors)
    assert "2 print editions are not made yet" in errors.getvalue()
    assert f"red-banner #{number} (es)" in errors.getvalue()

    # Once the job made them, the next export copies and links them, and the one after
    # copies nothing again.
    make_editions(newsroom.issue)
    again = export_site(site, base_url="https://paper.example.org/", search_index=False)
    assert not again.missing_editions and not again.failures
    assert again.edition_files == (4 if editions_files.can_draw_front() else 2)
    copied = site / "p" / "red-banner" / str(number) / "es" / "edition.pdf"
    assert copied.read_bytes()[:4] == b"%PDF"
    issue_page = (site / "p" / "red-banner" / str(number) / "es" / "index.html").read_text()
    assert 'href="edition.pdf"' in issue_page
    third = export_site(site, base_url="https://paper.example.org/", search_index=False)
    assert third.written == 0


def test_make_editions_makes_what_is_missing_for_issues_published_before(newsroom):
    other = make_issue(newsroom.editor, newsroom.paper)
    article = make_article(newsroom.editor, newsroom.paper, title="Older news")
    publish(newsroom.editor, article)
    services.placement_add(actor=newsroom.editor, issue=other, article=article)
    publish_issue(newsroom.editor, other)
    out = io.StringIO()
    call_command("make_editions", "--limit", "1", stdout=out)
    # Newest first, one issue: the other one is still missing.
    newest, oldest = sorted([newsroom.issue, other], key=lambda i: i.published_at, reverse=True)
    assert editions_files.is_complete(newest, "es")
    assert not editions_files.is_complete(oldest, "en")
    assert "Made the editions of 1 issues." in out.getvalue()
    # Again: the newest issue is complete, and --limit 1 looks at no other.
    out = io.StringIO()
    call_command("make_editions", "--limit", "1", stdout=out)
    assert "Made the editions of 0 issues." in out.getvalue()
    assert not editions_files.is_complete(oldest, "en")
    call_command("make_editions", stdout=io.StringIO())
    assert editions_files.is_complete(oldest, "en")

"""A newsroom with published and unpublished material, for the public-site tests: whatever
is marked SECRET must never reach a public page, a feed, the sitemap or the static export."""

from dataclasses import dataclass
from typing import Any

import pytest

from iskra.press import services
from iskra.press.models import Article, Issue, Publication
from iskra.press.tests.factories import (
    make_article,
    make_editor,
    make_issue,
    make_publication,
    publish,
)

SECRET_MARKERS = ["SECRET", "SECRETO", "Juanita Pérez"]


@dataclass
class Newsroom:
    editor: Any
    paper: Publication
    issue: Issue
    unpublished_issue: Issue
    published: Article
    translation: Article
    draft: Article
    in_review: Article
    approved_unplaced: Article
    draft_translation_of: Article


@pytest.fixture(autouse=True)
def own_media(settings, tmp_path):
    """Each test its own media folder: an issue's stored editions are named by its id and
    publishing second, which a later test's issue may share after the rollback."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


def publish_issue(editor, issue):
    for state in ("editing", "ready", "printed", "published"):
        services.issue_set_state(actor=editor, issue=issue, state=state)


def make_editions(issue: Issue) -> None:
    """Run the editions job that publishing `issue` queued (the test's transaction never
    commits, so the queue never ran it)."""
    from iskra.reliability.jobs import execute
    from iskra.reliability.models import Job

    job = Job.objects.get(runner="iskra.press.jobs.editions_runner", params__issue=issue.pk)
    assert execute(job.pk) == "done", Job.objects.get(pk=job.pk).errors


@pytest.fixture
def newsroom(los_angeles) -> Newsroom:
    editor = make_editor(los_angeles)
    paper = make_publication(editor, los_angeles)
    published = make_article(
        editor,
        paper,
        title="Dockers strike for safety",
        body="Dockers walked out at dawn. The strike spread to three terminals.",
        topics=["Strikes"],
    )
    translation = services.article_translate(
        actor=editor,
        article=published,
        language="es",
        title="Huelga de los estibadores",
        body="Los estibadores salieron al amanecer. La huelga se extendió a tres terminales.",
    )
    other = make_article(editor, paper, title="Nurses win breaks", body="A win at the hospital.")
    others_draft_translation = services.article_translate(
        actor=editor, article=other, language="es", title="SECRETO borrador", body="SECRETO."
    )
    issue = make_issue(editor, paper)
    services.placement_add(actor=editor, issue=issue, article=published, page=1, is_lead=True)
    services.placement_add(actor=editor, issue=issue, article=other, page=2)
    for article in (published, translation, other):
        services.article_set_state(actor=editor, article=article, state="review")
        services.article_set_state(actor=editor, article=article, state="approved")
    publish_issue(editor, issue)  # publishes the approved versions, not the draft translation

    draft = make_article(editor, paper, title="SECRET plan", body="SECRET text of a draft.")
    in_review = make_article(editor, paper, title="SECRET review", body="SECRET in review.")
    services.article_set_state(actor=editor, article=in_review, state="review")
    approved = make_article(editor, paper, title="SECRET approved", body="SECRET, not yet out.")
    services.article_set_state(actor=editor, article=approved, state="review")
    services.article_set_state(actor=editor, article=approved, state="approved")
    unpublished_issue = make_issue(editor, paper)
    services.placement_add(actor=editor, issue=unpublished_issue, article=approved)
    services.submission_create(
        publication=paper,
        body="SECRET: Juanita Pérez in paint says the line is unsafe.",
        language="en",
    )
    services.subscriber_signup(publication=paper, email="secret-reader@example.org", language="en")
    for article in (published, translation, other, draft, in_review, approved):
        article.refresh_from_db()
    return Newsroom(
        editor=editor,
        paper=paper,
        issue=issue,
        unpublished_issue=unpublished_issue,
        published=published,
        translation=translation,
        draft=draft,
        in_review=in_review,
        approved_unplaced=approved,
        draft_translation_of=others_draft_translation,
    )


__all__ = ["SECRET_MARKERS", "Newsroom", "newsroom", "publish", "publish_issue"]

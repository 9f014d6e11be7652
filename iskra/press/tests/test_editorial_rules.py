"""Articles move draft -> in review -> approved -> published, only by the publication's
editors, each step in the audit log."""

import pytest

from iskra.audit.models import LogEntry
from iskra.core.errors import DomainError
from iskra.press import services
from iskra.press.models import Article
from iskra.press.tests.factories import make_article, make_editor, make_publication, publish


@pytest.fixture
def editor(los_angeles):
    return make_editor(los_angeles)


@pytest.fixture
def paper(editor, los_angeles):
    return make_publication(editor, los_angeles)


def test_an_editor_takes_an_article_through_every_state(editor, paper):
    article = make_article(editor, paper)
    assert article.state == Article.State.DRAFT
    publish(editor, article)
    article.refresh_from_db()
    assert article.state == Article.State.PUBLISHED
    assert article.published_at is not None
    steps = LogEntry.objects.filter(action="press.article.state_changed", object_id=str(article.pk))
    assert sorted((entry.details["from"], entry.details["to"]) for entry in steps) == [
        ("approved", "published"),
        ("draft", "review"),
        ("review", "approved"),
    ]
    assert all(entry.actor == editor for entry in steps)


def test_a_draft_cannot_jump_to_published(editor, paper):
    article = make_article(editor, paper)
    with pytest.raises(DomainError):
        services.article_set_state(actor=editor, article=article, state=Article.State.PUBLISHED)
    article.refresh_from_db()
    assert article.state == Article.State.DRAFT


@pytest.mark.parametrize("who", ["organizer", "member", "detroit_member", "outsider", "centre"])
def test_only_editors_move_states(request, who, editor, paper):
    article = make_article(editor, paper)
    actor = request.getfixturevalue(who)
    with pytest.raises(DomainError):
        services.article_set_state(actor=actor, article=article, state=Article.State.REVIEW)
    article.refresh_from_db()
    assert article.state == Article.State.DRAFT


def test_an_editor_of_another_collective_cannot(editor, paper, detroit):
    detroit_editor = make_editor(detroit, "dede")
    article = make_article(editor, paper)
    with pytest.raises(DomainError):
        services.article_set_state(
            actor=detroit_editor, article=article, state=Article.State.REVIEW
        )


def test_an_editor_above_may(editor, paper, usa):
    national = make_editor(usa, "tomas")
    article = make_article(editor, paper)
    services.article_set_state(actor=national, article=article, state=Article.State.REVIEW)
    assert article.state == Article.State.REVIEW

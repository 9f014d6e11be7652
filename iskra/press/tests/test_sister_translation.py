"""A sister paper prints a published article of another collective in its own language: the
version belongs to the sister paper and its editors, stays linked to the original, and the
sister paper may place it. Drafts of others stay out of reach."""

import pytest

from iskra.core.errors import DomainError
from iskra.press import services
from iskra.press.tests.factories import (
    make_article,
    make_editor,
    make_issue,
    make_publication,
    publish,
)


@pytest.fixture
def papers(los_angeles, detroit):
    red_editor = make_editor(los_angeles, "tomas")
    sister_editor = make_editor(detroit, "julien")
    red = make_publication(red_editor, los_angeles)
    sister = make_publication(
        sister_editor,
        detroit,
        slug="drapeau-rouge",
        names={"fr": "Drapeau Rouge"},
        languages=["fr"],
    )
    return red_editor, red, sister_editor, sister


def test_a_sister_paper_translates_and_places_a_published_article(papers):
    red_editor, red, sister_editor, sister = papers
    original = publish(red_editor, make_article(red_editor, red, title="Strike"))
    french = services.article_translate(
        actor=sister_editor, article=original, language="fr", title="Grève", publication=sister
    )
    assert french.translation_of == original
    assert french.publication == sister and french.collective == sister.collective
    issue = make_issue(sister_editor, sister)
    placement = services.placement_add(actor=sister_editor, issue=issue, article=french)
    assert placement.article == original


def test_a_draft_of_another_collective_cannot_be_taken(papers):
    red_editor, red, sister_editor, sister = papers
    draft = make_article(red_editor, red, title="Draft")
    with pytest.raises(DomainError):
        services.article_translate(
            actor=sister_editor, article=draft, language="fr", title="Brouillon", publication=sister
        )
    assert not draft.translations.exists()


def test_without_a_version_of_its_own_the_sister_paper_cannot_place_it(papers):
    red_editor, red, sister_editor, sister = papers
    original = publish(red_editor, make_article(red_editor, red, title="Strike"))
    with pytest.raises(DomainError):
        services.placement_add(
            actor=sister_editor, issue=make_issue(sister_editor, sister), article=original
        )


def test_an_outsider_cannot_translate_into_a_paper_they_do_not_edit(papers, outsider):
    red_editor, red, _sister_editor, sister = papers
    original = publish(red_editor, make_article(red_editor, red, title="Strike"))
    with pytest.raises(DomainError):
        services.article_translate(
            actor=outsider, article=original, language="fr", title="Grève", publication=sister
        )

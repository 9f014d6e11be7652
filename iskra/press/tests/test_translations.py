"""Each language version knows the others, and which are out of date after the original
changed."""

import pytest

from conftest import client_for
from iskra.core.errors import DomainError
from iskra.press import services
from iskra.press.tests.factories import make_article, make_editor, make_publication


@pytest.fixture
def editor(los_angeles):
    return make_editor(los_angeles)


@pytest.fixture
def article(editor, los_angeles):
    paper = make_publication(editor, los_angeles)
    return make_article(editor, paper, title="Dockers strike", body="They walked out.")


def translate(editor, article):
    return services.article_translate(
        actor=editor, article=article, language="es", title="Huelga", body="Salieron."
    )


def test_a_fresh_translation_is_current(editor, article):
    translation = translate(editor, article)
    assert translation.translation_of == article
    assert translation.source_version == article.version == 1
    assert not translation.is_stale
    assert [version.language for version in article.translations.all()] == ["es"]


def test_changing_the_original_text_makes_translations_stale(editor, article):
    translation = translate(editor, article)
    services.article_update(actor=editor, article=article, body="They walked out at dawn.")
    translation.refresh_from_db()
    assert article.version == 2
    assert translation.is_stale


def test_changing_only_the_byline_does_not(editor, article):
    translation = translate(editor, article)
    services.article_update(actor=editor, article=article, byline="A docker")
    translation.refresh_from_db()
    assert not translation.is_stale


def test_the_translator_marks_the_translation_current_again(editor, article):
    translation = translate(editor, article)
    services.article_update(actor=editor, article=article, title="Dockers strike at dawn")
    translation.refresh_from_db()
    services.article_update(actor=editor, article=translation, body="Salieron al amanecer.")
    assert translation.is_stale  # edited, but not said to match
    services.article_update(actor=editor, article=translation, matches_original=True)
    assert not translation.is_stale


def test_one_version_per_language(editor, article):
    translate(editor, article)
    with pytest.raises(DomainError):
        translate(editor, article)
    with pytest.raises(DomainError):
        services.article_translate(actor=editor, article=article, language="en", title="Again")


def test_translating_a_translation_links_to_the_original(editor, article):
    spanish = translate(editor, article)
    french = services.article_translate(actor=editor, article=spanish, language="fr", title="Grève")
    assert french.translation_of == article


def test_the_editor_sees_what_is_out_of_date(editor, article):
    translation = translate(editor, article)
    services.article_update(actor=editor, article=article, body="They walked out at dawn.")
    client = client_for(editor)
    page = client.get(f"/press/articles/{article.pk}/")
    assert b"out of date" in page.content
    assert client.get(f"/press/articles/{translation.pk}/").context["article"].is_stale
    edit = client.post(
        f"/press/articles/{translation.pk}/edit/",
        {
            "title": "Huelga",
            "kind": "report",
            "body": "Salieron al amanecer.",
            "matches_original": "on",
            "dateline_place": "Los Angeles",
            "dateline_country": "USA",
        },
    )
    assert edit.status_code == 302
    translation.refresh_from_db()
    assert not translation.is_stale


def test_translating_through_the_page(editor, article):
    client = client_for(editor)
    form = client.get(f"/press/articles/{article.pk}/translate/")
    assert form.context["languages"] == ["es"]
    response = client.post(
        f"/press/articles/{article.pk}/translate/",
        {"language": "es", "title": "Huelga portuaria", "body": "Salieron."},
    )
    translation = article.translations.get()
    assert response["Location"] == f"/press/articles/{translation.pk}/"
    assert client.get(f"/press/articles/{article.pk}/translate/").context["languages"] == []

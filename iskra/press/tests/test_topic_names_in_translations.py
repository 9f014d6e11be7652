"""An editor names a topic in a translation's language from the translation's forms
(`Topic.names` per language): the Spanish pages and print editions then say "Huelgas", and
the translation keeps its original's topics (no new topic made of the Spanish name)."""

import pytest

from conftest import client_for
from iskra.press import services
from iskra.press.models import Topic
from iskra.press.tests.factories import make_article, make_editor, make_publication


@pytest.fixture
def editor(los_angeles):
    return make_editor(los_angeles)


@pytest.fixture
def article(editor, los_angeles):
    paper = make_publication(editor, los_angeles)
    return make_article(editor, paper, title="Dockers strike", body="Out.", topics=["Strikes"])


def edit_fields(translation):
    return {
        "title": translation.title,
        "kind": translation.kind,
        "body": translation.body,
        "byline": translation.byline,
        "summary": translation.summary,
        "dateline_place": translation.dateline_place,
        "dateline_country": translation.dateline_country,
        "dateline_date": translation.dateline_date.isoformat(),
    }


def test_it_names_the_topic_when_translating(editor, article):
    client = client_for(editor)
    page = client.get(f"/press/articles/{article.pk}/translate/").content.decode()
    assert 'name="topic_strikes"' in page and "Strikes" in page
    client.post(
        f"/press/articles/{article.pk}/translate/",
        {"language": "es", "title": "Huelga", "body": "Fuera.", "topic_strikes": "Huelgas"},
    )
    topic = Topic.objects.get()
    assert topic.names == {"en": "Strikes", "es": "Huelgas"}
    assert list(article.translations.get().topics.all()) == [topic]


def test_it_renames_the_topic_from_the_translations_edit_form(editor, article):
    translation = services.article_translate(
        actor=editor, article=article, language="es", title="Huelga", body="Fuera."
    )
    client = client_for(editor)
    page = client.get(f"/press/articles/{translation.pk}/edit/").content.decode()
    assert 'name="topic_strikes"' in page and 'name="topics_text"' not in page
    response = client.post(
        f"/press/articles/{translation.pk}/edit/",
        {**edit_fields(translation), "topic_strikes": "Huelgas"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Topic.objects.get().names["es"] == "Huelgas"
    # Saving again shows the Spanish name and keeps the same single topic.
    page = client.get(f"/press/articles/{translation.pk}/edit/").content.decode()
    assert 'value="Huelgas"' in page
    client.post(f"/press/articles/{translation.pk}/edit/", {**edit_fields(translation)})
    assert Topic.objects.count() == 1
    assert list(translation.topics.all()) == list(article.topics.all())
    assert [topic.name_in("es") for topic in translation.topics.all()] == ["Huelgas"]


def test_an_outsider_cannot_rename_a_topic(editor, article, los_angeles):
    from conftest import make_user

    translation = services.article_translate(
        actor=editor, article=article, language="es", title="Huelga", body="Fuera."
    )
    outsider = make_user("charlie", two_factor=True)
    response = client_for(outsider).post(
        f"/press/articles/{translation.pk}/edit/",
        {**edit_fields(translation), "topic_strikes": "Huelgas"},
    )
    assert response.status_code == 404
    assert "es" not in Topic.objects.get().names

"""The editorial office through its pages: editors work, everybody else gets 404."""

import pytest

from conftest import client_for
from iskra.audit.models import LogEntry
from iskra.press import services
from iskra.press.models import Article, Issue, Publication
from iskra.press.tests.factories import make_article, make_editor, make_issue, make_publication


@pytest.fixture
def editor(los_angeles):
    return make_editor(los_angeles)


@pytest.fixture
def paper(editor, los_angeles):
    return make_publication(editor, los_angeles)


ARTICLE = {
    "language": "en",
    "title": "Nurses win breaks",
    "kind": "report",
    "body": "A win at the hospital.\n\n<script>alert(1)</script> **Together.**",
    "dateline_place": "Los Angeles",
    "dateline_country": "USA",
    "dateline_date": "2024-09-09",
    "topics_text": "Health care, Strikes",
}


def test_an_editor_creates_a_publication(editor, los_angeles):
    client = client_for(editor)
    response = client.post(
        "/press/new/",
        {
            "collective": los_angeles.pk,
            "slug": "la-voice",
            "names": "en: LA Voice\nes: La Voz",
            "kind": "paper",
            "languages": "en, es",
            "schedule": "monthly",
            "print_format": "tabloid",
            "bilingual": "separate",
        },
    )
    assert response["Location"] == "/press/la-voice/"
    publication = Publication.objects.get(slug="la-voice")
    assert publication.names == {"en": "LA Voice", "es": "La Voz"}
    assert publication.languages == ["en", "es"]
    assert LogEntry.objects.filter(action="press.publication.created").exists()


def test_bad_publication_input_is_refused(editor, los_angeles, paper):
    client = client_for(editor)
    data = {
        "collective": los_angeles.pk,
        "names": "LA Voice",
        "kind": "paper",
        "languages": "english!",
        "schedule": "monthly",
        "print_format": "tabloid",
        "bilingual": "separate",
    }
    response = client.post("/press/new/", {**data, "slug": "red-banner"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "names" in errors and "languages" in errors
    response = client.post(
        "/press/new/", {**data, "slug": "red-banner", "names": "en: X", "languages": "en"}
    )
    assert "already taken" in str(response.context["form"].errors)
    response = client.post(
        "/press/new/", {**data, "slug": "new", "names": "en: X", "languages": "en"}
    )
    assert "already taken" in str(response.context["form"].errors)


def test_the_article_workflow_through_the_pages(editor, paper):
    client = client_for(editor)
    response = client.post("/press/red-banner/articles/new/", ARTICLE)
    article = Article.objects.get()
    assert response["Location"] == f"/press/articles/{article.pk}/"
    assert sorted(topic.slug for topic in article.topics.all()) == ["health-care", "strikes"]
    page = client.get(f"/press/articles/{article.pk}/")
    assert b"<strong>Together.</strong>" in page.content
    assert b"<script>alert(1)</script>" not in page.content  # escaped, never markup
    assert b"LOS ANGELES (USA), September 9\xe2\x80\x94" in page.content
    for state in ("review", "approved"):
        client.post(f"/press/articles/{article.pk}/state/", {"state": state})
    article.refresh_from_db()
    assert article.state == "approved"
    response = client.post(f"/press/articles/{article.pk}/state/", {"state": "draft"}, follow=True)
    assert b"cannot go from Approved to Draft" in response.content
    client.post(f"/press/articles/{article.pk}/comment/", {"body": "Cut the second paragraph."})
    assert article.comments.get().body == "Cut the second paragraph."
    assert article.comments.get().author == editor
    response = client.post(f"/press/articles/{article.pk}/comment/", {"body": ""}, follow=True)
    assert b"The comment is empty" in response.content


def test_an_article_edit_keeps_what_was_typed_on_error(editor, paper):
    article = make_article(editor, paper)
    client = client_for(editor)
    response = client.post(
        f"/press/articles/{article.pk}/edit/", {**ARTICLE, "title": "", "body": "New text"}
    )
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert b"New text" in response.content
    article.refresh_from_db()
    assert article.title == "Strike at the port"


def test_an_issue_is_planned_filled_and_published(editor, paper):
    client = client_for(editor)
    assert client.post("/press/red-banner/issues/new/", {"date": "2024-10-01"}).status_code == 302
    issue = Issue.objects.get()
    article = make_article(editor, paper)
    client.post(f"/press/red-banner/{issue.number}/place/", {"article": article.pk, "page": 1})
    placement = issue.placements.get()
    client.post(
        f"/press/red-banner/{issue.number}/placements/{placement.pk}/",
        {"page": 3, "order": 2, "is_lead": "on"},
    )
    placement.refresh_from_db()
    assert (placement.page, placement.order, placement.is_lead) == (3, 2, True)
    for state in ("editing", "ready", "printed"):
        client.post(f"/press/red-banner/{issue.number}/state/", {"state": state})
    response = client.post(
        f"/press/red-banner/{issue.number}/state/", {"state": "published"}, follow=True
    )
    assert b"not approved yet" in response.content
    for state in ("review", "approved"):
        services.article_set_state(actor=editor, article=article, state=state)
    client.post(f"/press/red-banner/{issue.number}/state/", {"state": "published"})
    issue.refresh_from_db()
    article.refresh_from_db()
    assert issue.state == "published" and article.state == "published"
    response = client.post(
        f"/press/red-banner/{issue.number}/placements/{placement.pk}/remove/", follow=True
    )
    assert b"A published issue cannot change" in response.content
    client.post(
        f"/press/red-banner/{issue.number}/print-runs/",
        {"copies": 540, "cost": "212.50", "currency": "usd", "language": "en"},
    )
    run = issue.print_runs.get()
    assert (run.copies, str(run.cost), run.currency) == (540, "212.50", "USD")
    response = client.post(
        f"/press/red-banner/{issue.number}/print-runs/", {"copies": 0, "cost": "-1"}, follow=True
    )
    assert b"Give the number of copies" in response.content


def test_an_issue_moves_one_step_at_a_time(editor, paper):
    issue = make_issue(editor, paper)
    response = client_for(editor).post(
        f"/press/red-banner/{issue.number}/state/", {"state": "printed"}, follow=True
    )
    assert b"one step at a time" in response.content


@pytest.mark.parametrize("who", ["organizer", "member", "detroit_member", "outsider", "centre"])
def test_nobody_else_gets_in(request, who, editor, paper, detroit):
    article = make_article(editor, paper)
    issue = make_issue(editor, paper)
    client = client_for(request.getfixturevalue(who))
    for url in (
        "/press/red-banner/",
        f"/press/red-banner/{issue.number}/",
        f"/press/articles/{article.pk}/",
        f"/press/articles/{article.pk}/edit/",
        "/press/red-banner/submissions/",
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(f"/press/articles/{article.pk}/state/", {"state": "review"}).status_code == 404
    )
    assert client.get("/press/").context["publications"].count() == 0


def test_an_editor_of_another_collective_gets_404(editor, paper, detroit):
    article = make_article(editor, paper)
    issue = make_issue(editor, paper)
    client = client_for(make_editor(detroit, "dede"))
    for url in (
        "/press/red-banner/",
        f"/press/red-banner/{issue.number}/",
        f"/press/articles/{article.pk}/",
        f"/press/articles/{article.pk}/translate/",
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(f"/press/red-banner/{issue.number}/place/", {"article": article.pk}).status_code
        == 404
    )
    article.refresh_from_db()
    assert article.state == "draft"

"""The public site looks like a paper: the home page leads with the current issue (masthead,
lead with its picture, the other headlines, the print edition's front page and PDF), then the
newsletters and pamphlets; an issue's page is its table of contents; the language switch
keeps the reader on the same article; the calls to send a story and subscribe are on every
page of a publication; pages stay small and need no JavaScript."""

import re

import feedparser
from django.test import Client

from iskra.press import services
from iskra.press.models import Publication
from iskra.press.tests.conftest import make_editions, publish_issue
from iskra.press.tests.factories import jpeg_upload, make_article, make_issue, make_publication


def test_the_home_page_leads_with_the_current_issue(newsroom, los_angeles):
    services.image_add(
        actor=newsroom.editor,
        article=newsroom.published,
        image=jpeg_upload(size=(1000, 600)),
        alt_text="Dockers at the gate",
        caption="Terminal 3 at dawn",
    )
    services.publication_update(actor=newsroom.editor, publication=newsroom.paper, color="#0a5c36")
    sheet = make_publication(
        newsroom.editor,
        los_angeles,
        slug="dock-sheet",
        kind=Publication.Kind.NEWSLETTER,
        names={"en": "Dock Sheet"},
        languages=["en"],
        print_format=Publication.PrintFormat.LETTER_SHEET,
    )
    item = make_article(newsroom.editor, sheet, title="Crane 4 is unsafe", language="en")
    sheet_issue = make_issue(newsroom.editor, sheet)
    services.placement_add(actor=newsroom.editor, issue=sheet_issue, article=item, page=1)
    services.article_set_state(actor=newsroom.editor, article=item, state="review")
    services.article_set_state(actor=newsroom.editor, article=item, state="approved")
    publish_issue(newsroom.editor, sheet_issue)

    client = Client()
    home = client.get("/p/").content.decode()
    # The paper's masthead and motto, its current issue's lead with the picture and sizes.
    assert 'class="paper-masthead"' in home and "Red Banner" in home
    assert "Workers of the world, unite!" in home
    lead = home.index("Dockers strike for safety")
    assert lead < home.index("Nurses win breaks") < home.index("Dock Sheet")
    assert 'alt="Dockers at the gate"' in home and "srcset=" in home
    assert 'width="1000" height="600"' in home
    # The print edition: its front page as a picture and its PDF, once the job queued on
    # publishing made them; before, the page says so and links neither.
    issue = newsroom.issue
    pdf = f"/p/red-banner/{issue.number}/en/edition.pdf"
    assert pdf not in home and "front.png" not in home
    assert "The print edition (PDF) is being prepared." in home
    assert client.get(pdf).status_code == 404
    make_editions(issue)
    home = client.get("/p/").content.decode()
    assert "being prepared" not in home
    assert pdf in home and f"/p/red-banner/{issue.number}/en/front.png" in home
    response = client.get(pdf)
    assert response.status_code == 200 and b"".join(response.streaming_content)[:4] == b"%PDF"
    front = client.get(f"/p/red-banner/{issue.number}/en/front.png")
    assert b"".join(front.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
    # Then the workplace newsletters; the house colour; the calls; no script needed.
    assert "Dock Sheet" in home and "Crane 4" not in home.split("Dock Sheet")[0]
    assert "#0a5c36" in client.get("/p/houses.css").content.decode()
    assert "house-red-banner" in home
    assert "/p/red-banner/submit/" in home and "/p/red-banner/subscribe/" in home
    assert "<script" not in home
    assert len(home.encode()) < 100_000
    # An unpublished issue's edition is not there.
    assert (
        client.get(f"/p/red-banner/{newsroom.unpublished_issue.number}/en/edition.pdf").status_code
        == 404
    )


def test_the_issue_page_is_a_table_of_contents_and_the_switch_keeps_the_article(newsroom):
    client = Client()
    issue = newsroom.issue
    page = client.get(f"/p/red-banner/{issue.number}/en/").content.decode()
    assert page.index("Dockers strike for safety") < page.index("Page 2")
    assert page.index("Page 2") < page.index("Nurses win breaks")
    assert f"/p/red-banner/{issue.number}/es/" in page
    article = client.get(
        f"/p/a/{newsroom.published.pk}/{newsroom.published.slug}/"
    ).content.decode()
    nav = article.split('aria-label="Main"')[1].split("</nav>")[0]
    # The language switch in the top bar goes to this article's Spanish version.
    assert f"/p/a/{newsroom.translation.pk}/{newsroom.translation.slug}/" in nav
    assert 'rel="icon"' in article
    # Every page of a publication says: send us your story, subscribe.
    assert "/p/red-banner/submit/" in article and "/p/red-banner/subscribe/" in article
    spanish = client.get(
        f"/p/a/{newsroom.translation.pk}/{newsroom.translation.slug}/"
    ).content.decode()
    assert 'lang="es"' in spanish and "Envíenos su historia" in spanish
    # The article's date is the issue's, not the day it was loaded.
    assert "Sept. 15, 2024" in article


def test_atom_entries_have_an_author(newsroom):
    feed = feedparser.parse(Client().get("/p/red-banner/en/atom.xml").content)
    assert feed.entries
    for entry in feed.entries:
        assert entry.get("author"), entry.title
    assert re.search(
        r"<author>\s*<name>", Client().get("/p/red-banner/en/atom.xml").content.decode()
    )


def test_a_translation_shows_its_own_picture_caption_and_description(newsroom):
    for article, alt, caption in (
        (newsroom.published, "Dockers at the gate", "ENGLISH CAPTION"),
        (newsroom.translation, "Estibadores en la puerta", "LEYENDA EN ESPAÑOL"),
    ):
        services.image_add(
            actor=newsroom.editor,
            article=article,
            image=jpeg_upload(),
            alt_text=alt,
            caption=caption,
        )
    spanish = (
        Client()
        .get(f"/p/a/{newsroom.translation.pk}/{newsroom.translation.slug}/")
        .content.decode()
    )
    own = newsroom.translation.images.get()
    assert "LEYENDA EN ESPAÑOL" in spanish and 'alt="Estibadores en la puerta"' in spanish
    assert f"/p/images/{own.pk}/" in spanish
    assert "ENGLISH CAPTION" not in spanish and "Dockers at the gate" not in spanish


def test_the_home_page_takes_each_publications_newest_published_issue(newsroom, los_angeles):
    from datetime import date

    from iskra.press import queries

    newer = services.issue_create(
        actor=newsroom.editor, publication=newsroom.paper, date=date(2024, 10, 1)
    )
    article = make_article(newsroom.editor, newsroom.paper, title="October wages")
    services.placement_add(actor=newsroom.editor, issue=newer, article=article, page=1)
    services.article_set_state(actor=newsroom.editor, article=article, state="review")
    services.article_set_state(actor=newsroom.editor, article=article, state="approved")
    publish_issue(newsroom.editor, newer)
    services.issue_create(actor=newsroom.editor, publication=newsroom.paper, date=date(2025, 1, 1))
    sheet = make_publication(newsroom.editor, los_angeles, slug="dock-sheet")
    latest = queries.latest_issues([newsroom.paper, sheet])
    assert latest == {newsroom.paper.pk: newer}
    assert "October wages" in Client().get("/p/").content.decode()

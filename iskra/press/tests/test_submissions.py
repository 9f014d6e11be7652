"""Workers' items through the public form: nothing about the sender is stored or logged, the
rate limit holds per address, bad input is refused clearly, and valid items all arrive."""

import logging

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client

from conftest import client_for
from iskra.audit.models import LogEntry
from iskra.press.models import Article, Submission
from iskra.press.public_views import SUBMISSIONS_PER_HOUR
from iskra.press.tests.factories import make_editor, make_publication

ADDRESS = "203.0.113.77"
AGENT = "Mozilla/5.0 (Linux; Android 14) TellTaleBrowser/1.0"


@pytest.fixture(autouse=True)
def _empty_cache(db):
    cache.clear()


@pytest.fixture
def editor(detroit_plant):
    return make_editor(detroit_plant, "earl")


@pytest.fixture
def sheet(editor, detroit_plant):
    return make_publication(
        editor,
        detroit_plant,
        slug="plant-bulletin",
        kind="newsletter",
        names={"en": "Plant Bulletin"},
        languages=["en"],
    )


def send(data, address=ADDRESS):
    return Client(REMOTE_ADDR=address, HTTP_USER_AGENT=AGENT).post(
        "/p/plant-bulletin/submit/", data
    )


ITEM = {"workplace": "Paint shop", "body": "The fans in booth 4 are broken again.", "reply_to": ""}


def test_an_item_arrives_with_nothing_about_the_sender(sheet, caplog):
    caplog.set_level(logging.DEBUG)
    response = send(ITEM)
    assert response.status_code == 302
    assert response["Location"] == "/p/plant-bulletin/submit/thanks/"
    submission = Submission.objects.get()
    assert (submission.workplace, submission.body, submission.reply_to) == (
        "Paint shop",
        "The fans in booth 4 are broken again.",
        "",
    )
    row = " ".join(str(value) for value in Submission.objects.values().get().values())
    entries = " ".join(str(entry.details) for entry in LogEntry.objects.all())
    for trace in (ADDRESS, "TellTaleBrowser"):
        assert trace not in row
        assert trace not in entries
        assert trace not in caplog.text
    assert {field.name for field in Submission._meta.fields} == {
        "id",
        "publication",
        "workplace",
        "body",
        "reply_to",
        "language",
        "state",
        "article",
        "created_at",
    }


def test_the_thank_you_page_reveals_nothing(sheet):
    send({**ITEM, "body": "Supervisor Kowalski falsified the injury log."})
    page = Client().get("/p/plant-bulletin/submit/thanks/")
    assert page.status_code == 200
    assert b"Kowalski" not in page.content


def test_the_rate_limit_holds_per_address(sheet):
    for index in range(SUBMISSIONS_PER_HOUR):
        assert send({**ITEM, "body": f"Item number {index} from the line."}).status_code == 302
    refused = send({**ITEM, "body": "One more item from the line."})
    assert refused.status_code == 429
    assert b"Too many items from this connection" in refused.content
    assert send({**ITEM, "body": "From another phone entirely."}, "198.51.100.4").status_code == 302
    # Nothing valid was lost: every accepted item is in the queue.
    assert Submission.objects.count() == SUBMISSIONS_PER_HOUR + 1
    # The cache (a database table here) holds a keyed hash, never the address.
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM iskra_cache")
        keys = [row[0] for row in cursor.fetchall()]
    assert any("press:submit" in key for key in keys)
    assert not any(ADDRESS in key for key in keys)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**ITEM, "body": "x" * 4001}, b"at most 4000 characters"),
        ({**ITEM, "body": ""}, b"This field is required"),
        ({**ITEM, "body": "short"}, b"at least 10 characters"),
        ({**ITEM, "workplace": "w" * 121}, b"at most 120 characters"),
        ({**ITEM, "reply_to": "r" * 201}, b"at most 200 characters"),
        ({**ITEM, "body": "null \x00 byte in the text"}, b"contains a NUL character"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(sheet, data, message):
    response = send(data)
    assert response.status_code == 400
    assert message in response.content
    assert Submission.objects.count() == 0


def test_an_unknown_publication_is_404(db):
    assert Client().get("/p/nothing-here/submit/").status_code == 404


def test_the_qr_code_points_to_the_form(sheet):
    response = Client().get("/p/plant-bulletin/submit/qr.svg")
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")
    assert b"http://testserver/p/plant-bulletin/submit/" in response.content


def test_the_editor_turns_an_item_into_an_article_or_discards_it(sheet, editor, los_angeles):
    send(ITEM)
    send({**ITEM, "body": "Somebody's name and a rumour, not for print."})
    keep, drop = Submission.objects.order_by("created_at")
    client = client_for(editor)
    queue = client.get("/press/plant-bulletin/submissions/")
    assert b"booth 4" in queue.content
    response = client.post(f"/press/plant-bulletin/submissions/{keep.pk}/accept/")
    article = Article.objects.get()
    assert response["Location"] == f"/press/articles/{article.pk}/edit/"
    assert (article.kind, article.state, article.body) == ("workers-item", "draft", ITEM["body"])
    assert article.publication == sheet
    keep.refresh_from_db()
    assert keep.state == "used" and keep.article == article
    assert client.post(f"/press/plant-bulletin/submissions/{keep.pk}/accept/").status_code == 302
    assert Article.objects.count() == 1  # used once only
    client.post(f"/press/plant-bulletin/submissions/{drop.pk}/discard/")
    assert not Submission.objects.filter(pk=drop.pk).exists()
    # Another collective's editor sees nothing of the queue.
    other = client_for(make_editor(los_angeles, "lara"))
    assert other.get("/press/plant-bulletin/submissions/").status_code == 404
    assert other.post(f"/press/plant-bulletin/submissions/{keep.pk}/accept/").status_code == 404


def test_the_form_is_never_cached_but_articles_may_be(sheet, newsroom):
    assert "no-store" in Client().get("/p/plant-bulletin/submit/")["Cache-Control"]
    article = newsroom.published
    response = Client().get(f"/p/a/{article.pk}/{article.slug}/")
    assert "no-store" not in response.get("Cache-Control", "")

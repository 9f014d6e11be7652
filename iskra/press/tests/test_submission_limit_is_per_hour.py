"""Finding 4: the submission limit is 5 an hour, not 5 in 5 minutes (the database cache's
`incr` reset the entry's expiry to its default five minutes)."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from iskra.press.models import Submission
from iskra.press.public_views import SUBMISSIONS_PER_HOUR
from iskra.press.tests.factories import make_editor, make_publication


@pytest.fixture
def sheet(detroit_plant):
    cache.clear()
    editor = make_editor(detroit_plant, "earl")
    return make_publication(
        editor,
        detroit_plant,
        slug="plant-bulletin",
        kind="newsletter",
        names={"en": "Plant Bulletin"},
        languages=["en"],
    )


def send(number: int):
    item = {"workplace": "Paint shop", "body": f"Item {number} about booth 4.", "reply_to": ""}
    return Client(REMOTE_ADDR="203.0.113.77").post("/p/plant-bulletin/submit/", item)


def test_the_sixth_item_in_the_hour_is_refused_ten_minutes_later(sheet, monkeypatch):
    start = timezone.now()
    for number in range(SUBMISSIONS_PER_HOUR):
        assert send(number).status_code == 302
    for minutes, expected in [(10, 429), (40, 429), (61, 302)]:
        moment = start + timedelta(minutes=minutes)
        monkeypatch.setattr(timezone, "now", lambda moment=moment: moment)
        assert send(100 + minutes).status_code == expected, f"after {minutes} minutes"
    assert Submission.objects.count() == SUBMISSIONS_PER_HOUR + 1

"""Finding 7: a submitter's reply address is a protected field, encrypted at rest."""

from django.db import connection
from django.test import Client

from iskra.press.models import Submission
from iskra.press.tests.factories import make_editor, make_publication

REPLY = "+1 313 555 0142 (text only)"


def test_the_reply_address_is_encrypted_at_rest(detroit_plant):
    editor = make_editor(detroit_plant, "earl")
    make_publication(
        editor,
        detroit_plant,
        slug="plant-bulletin",
        kind="newsletter",
        names={"en": "Plant Bulletin"},
        languages=["en"],
    )
    item = {"workplace": "Paint shop", "body": "Booth 4 fans are broken.", "reply_to": REPLY}
    assert Client().post("/p/plant-bulletin/submit/", item).status_code == 302
    assert Submission.objects.get().reply_to == REPLY
    with connection.cursor() as cursor:
        cursor.execute("SELECT reply_to FROM press_submission")
        (raw,) = cursor.fetchone()
    stored = bytes(raw) if not isinstance(raw, str) else raw.encode()
    assert b"555" not in stored and REPLY.encode() not in stored
    assert stored[:1] == b"\x01"  # an Iskra ciphertext

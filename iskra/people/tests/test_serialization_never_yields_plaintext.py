"""Finding 8: `iskra dumpdata` and fixtures never carry protected fields in plaintext, and a
dump loads back to the same values."""

import json
from datetime import date
from io import StringIO

from django.core.management import call_command

from iskra.people import services
from iskra.people.models import Contact, Conversation

PHONE = "+1 (213) 555-0199"
NOTE = "Her brother is on the bargaining committee."


def test_dumpdata_writes_ciphertext_and_loads_back(los_angeles, organizer, stages, tmp_path):
    contact = services.contact_create(
        actor=organizer,
        collective=los_angeles,
        display_name="M",
        phone=PHONE,
        legal_name="Maria Quiet",
    )
    services.conversation_add(
        actor=organizer, contact=contact, happened_on=date(2026, 9, 5), kind="street", note=NOTE
    )
    out = StringIO()
    call_command("dumpdata", "people.contact", "people.conversation", stdout=out)
    dump = out.getvalue()
    for secret in (PHONE, "555-0199", "Maria Quiet", NOTE, "bargaining"):
        assert secret not in dump
    rows = json.loads(dump)
    assert rows[0]["fields"]["phone"].startswith("iskra-sealed:")

    fixture = tmp_path / "people.json"
    fixture.write_text(dump)
    Conversation.objects.all().delete()
    Contact.tags.through.objects.all().delete()
    Contact.objects.all().delete()
    call_command("loaddata", str(fixture), stdout=StringIO())
    restored = Contact.objects.get(pk=contact.pk)
    assert (restored.phone, restored.legal_name) == ("+12135550199", "Maria Quiet")
    assert Conversation.objects.get().note == NOTE


def test_a_plaintext_fixture_is_encrypted_when_loaded(los_angeles, stages, tmp_path):
    fixture = tmp_path / "plain.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "people.contact",
                    "pk": 9001,
                    "fields": {
                        "collective": los_angeles.pk,
                        "display_name": "F",
                        "stage": stages["met"].pk,
                        "phone": PHONE,
                        "updated_at": "2026-09-05T12:00:00Z",
                    },
                }
            ]
        )
    )
    call_command("loaddata", str(fixture), stdout=StringIO())
    assert Contact.objects.get(pk=9001).phone == PHONE
    out = StringIO()
    call_command("dumpdata", "people.contact", stdout=out)
    assert PHONE not in out.getvalue()

"""Protected values are encrypted at rest, found by blind index, and fail loudly under a
wrong key; `iskra rotate_keys` re-encrypts everything and keeps old rows readable."""

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from iskra.people import crypto
from iskra.people.models import Contact, Conversation
from iskra.people.queries import already_here

NOTE = "Talked about the electoral college and the class nature of the state."
PHONE = "+1 (213) 555-0147"
STORED_PHONE = "+12135550147"  # stored in E.164 (phones.py)


def _raw(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return bytes(cursor.fetchone()[0])


def test_note_and_phone_never_reach_the_database_in_plaintext(m_contact):
    conversation = Conversation.objects.get(contact=m_contact)
    raw_note = _raw("people_conversation", "note", conversation.pk)
    raw_phone = _raw("people_contact", "phone", m_contact.pk)
    assert NOTE.encode() not in raw_note and b"electoral" not in raw_note
    assert b"555" not in raw_phone
    assert raw_note[:1] == crypto.VERSION
    # Read back through the model, they are whole again.
    assert Conversation.objects.get(pk=conversation.pk).note == NOTE
    assert Contact.objects.get(pk=m_contact.pk).phone == STORED_PHONE


SAVE_M = """
from iskra.network.services import collective_create
from iskra.people import services
collective = collective_create(actor=None, name="LA", slug="la", kind="city")
contact = services.contact_create(actor=None, collective=collective,
    display_name="M (Green Party sign)", phone="+1 (213) 555-0147", email="m.green@example.org",
    legal_name="Maria Greenfield", address="1 Spring Street")
services.conversation_add(actor=None, contact=contact, happened_on=contact.created_at.date(),
    kind="street", note="Talked about the electoral college and the class nature of the state.")
"""


@pytest.mark.skipif(connection.vendor != "sqlite", reason="greps the SQLite file")
def test_grep_the_sqlite_file_for_protected_values(tmp_path):
    """A real database file, written by a separate `iskra` process, holds no plaintext."""
    database = tmp_path / "iskra.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "ISKRA_DATA_DIR": str(tmp_path)}
    for args in (["migrate", "--verbosity", "0"], ["shell", "-c", SAVE_M]):
        result = subprocess.run(
            [sys.executable, "-m", "iskra.manage", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert result.returncode == 0, result.stderr
    data = b"".join(
        path.read_bytes() for path in tmp_path.iterdir() if path.name.startswith("iskra.sqlite3")
    )
    assert b"M (Green Party sign)" in data  # the display name is plain, so the grep works
    for secret in (b"electoral college", b"555-0147", b"m.green@example.org", b"Greenfield"):
        assert secret not in data
        assert secret.decode().encode("utf-16-le") not in data


def test_the_blind_index_finds_email_and_phone_whatever_their_spelling(m_contact, los_angeles):
    assert already_here([los_angeles.pk], email="  M.Green@Example.org ") == [m_contact]
    assert already_here([los_angeles.pk], phone="+12135550147") == [m_contact]
    assert already_here([los_angeles.pk], phone="+1 213 555 0148") == []
    assert m_contact.email_index and "green" not in m_contact.email_index


def test_a_value_moved_to_another_column_does_not_decrypt(m_contact):
    raw_phone = _raw("people_contact", "phone", m_contact.pk)
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(raw_phone, b"people_contact.email")


def test_a_wrong_key_fails_loudly(m_contact, tmp_path, settings):
    other = tmp_path / "other.key"
    other.write_text(base64.urlsafe_b64encode(os.urandom(32)).decode())
    settings.ISKRA_DATA_KEY_FILE = str(other)
    crypto.reset_keyring()
    try:
        with pytest.raises(crypto.DecryptionError, match="not in ISKRA_DATA_KEY_FILE"):
            Contact.objects.get(pk=m_contact.pk)
        # Lists that do not touch protected fields still work.
        assert Contact.objects.defer("phone", "email", "legal_name", "address").count() == 1
    finally:
        crypto.reset_keyring()


def test_a_missing_or_bad_key_file_is_a_clear_error(tmp_path, settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.ISKRA_DATA_KEY_FILE = str(tmp_path / "missing.key")
    crypto.reset_keyring()
    try:
        with pytest.raises(ImproperlyConfigured, match="cannot read"):
            crypto.encrypt("x", b"t")
        (tmp_path / "bad.key").write_text("not-a-key\n")
        settings.ISKRA_DATA_KEY_FILE = str(tmp_path / "bad.key")
        crypto.reset_keyring()
        with pytest.raises(ImproperlyConfigured, match="line 1"):
            crypto.encrypt("x", b"t")
    finally:
        crypto.reset_keyring()


def test_rotate_keys_re_encrypts_everything_and_drops_the_old_key(m_contact, tmp_path, settings):
    key_file = tmp_path / "data.key"
    key_file.write_text(Path(settings.ISKRA_DATA_KEY_FILE).read_text())
    settings.ISKRA_DATA_KEY_FILE = str(key_file)
    crypto.reset_keyring()
    try:
        old_phone = _raw("people_contact", "phone", m_contact.pk)
        old_key = key_file.read_text().split()[0]
        call_command("rotate_keys", stdout=open(os.devnull, "w"))  # noqa: SIM115
        keys = key_file.read_text().split()
        assert len(keys) == 1 and keys[0] != old_key
        assert oct(key_file.stat().st_mode & 0o777) == "0o600"
        new_phone = _raw("people_contact", "phone", m_contact.pk)
        assert new_phone != old_phone and crypto.is_current(new_phone)
        contact = Contact.objects.get(pk=m_contact.pk)
        assert contact.phone == STORED_PHONE
        assert Conversation.objects.get(contact=contact).note == NOTE
        # The old key is gone: a copy of the old ciphertext no longer opens.
        with pytest.raises(crypto.DecryptionError):
            crypto.decrypt(old_phone, b"people_contact.phone")
    finally:
        crypto.reset_keyring()


def test_rows_stay_readable_in_the_middle_of_a_rotation(m_contact, tmp_path, settings):
    key_file = tmp_path / "data.key"
    old = Path(settings.ISKRA_DATA_KEY_FILE).read_text().split()[0]
    new = base64.urlsafe_b64encode(os.urandom(32)).decode()
    key_file.write_text(f"{new}\n{old}\n")  # what rotate_keys writes before it starts
    settings.ISKRA_DATA_KEY_FILE = str(key_file)
    crypto.reset_keyring()
    try:
        assert Contact.objects.get(pk=m_contact.pk).phone == STORED_PHONE
        assert not crypto.is_current(_raw("people_contact", "phone", m_contact.pk))
    finally:
        crypto.reset_keyring()

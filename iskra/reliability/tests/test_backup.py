"""`iskra backup` and `iskra restore`: the demo backed up, restored into a fresh database with
every count equal and a planted protected note readable with the data key; the note and the
keys absent from the backup's bytes; the backup unreadable without its identity."""

import io
import os
import sqlite3
import tarfile

import pyrage
import pytest

from iskra.reliability.tests.helpers import Instance

NOTE = "Planted note 7f3a: meets the union rep on Thursdays"
PLANT = f"""
from datetime import date
from iskra.people.models import Contact
from iskra.people.services import conversation_add
contact = Contact.objects.order_by("pk").first()
conversation_add(actor=None, contact=contact, happened_on=date(2026, 9, 5), kind="street",
                 note={NOTE!r})
"""
READ = f"""
from iskra.people.models import Conversation
print(any(c.note == {NOTE!r} for c in Conversation.objects.order_by("-pk")[:5]))
"""


@pytest.fixture
def instances(tmp_path, db):
    made = [Instance(tmp_path, "backup_a"), Instance(tmp_path, "backup_b")]
    yield made
    for instance in made:
        instance.drop()


def test_the_demo_backs_up_and_restores_with_every_count_and_the_protected_note(
    instances, tmp_path
):
    source, target = instances
    source.run("migrate", "--verbosity", "0")
    source.run("demo")
    source.run("shell", "-c", PLANT)
    media = source.data_dir / "media" / "press"
    media.mkdir(parents=True, exist_ok=True)  # the demo may have pictures already
    (media / "photo.jpg").write_bytes(b"\xff\xd8 a photo")
    identity = tmp_path / "backup.key"
    public = source.run("backup", "--new-identity", str(identity)).stdout.split(": ")[1].split()[0]
    out = tmp_path / "iskra.age"
    source.run("backup", "--out", str(out), "--recipient", public)

    # What the file holds: nothing readable without the identity, and, decrypted, neither
    # the note (encrypted in the database) nor the data keys.
    sealed = out.read_bytes()
    assert NOTE.encode() not in sealed
    archive = pyrage.decrypt(sealed, [pyrage.x25519.Identity.from_str(_secret(identity))])
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        names = tar.getnames()
        everything = b"".join(
            tar.extractfile(member).read() for member in tar.getmembers() if member.isfile()
        )
    assert "manifest.json" in names and "media/press/photo.jpg" in names
    assert NOTE.encode() not in everything
    for key_file in ("ISKRA_DATA_KEY_FILE", "ISKRA_BLIND_INDEX_KEY_FILE"):
        with open(os.environ[key_file], "rb") as key:
            assert key.read().strip() not in everything
    stranger = tmp_path / "stranger.key"
    source.run("backup", "--new-identity", str(stranger))
    refused = source.run("backup", "--verify", str(out), "--identity", str(stranger), check=False)
    assert refused.returncode != 0 and "cannot be decrypted" in refused.stderr
    assert (
        "the backup is sound"
        in source.run("backup", "--verify", str(out), "--identity", str(identity)).stdout
    )

    target.run("migrate", "--verbosity", "0")
    sqlite = target.url.startswith("sqlite")
    before = target.path.stat().st_ino if sqlite else None
    restored = target.run("restore", str(out), "--identity", str(identity))
    assert "people_contact" in restored.stdout
    assert target.counts() == source.counts()
    assert target.query("SELECT COUNT(*) FROM people_contact")[0][0] > 0
    assert "True" in target.run("shell", "-c", READ).stdout
    assert (target.data_dir / "media" / "press" / "photo.jpg").read_bytes() == b"\xff\xd8 a photo"

    # A database that holds data is not overwritten unless asked.
    again = target.run("restore", str(out), "--identity", str(identity), check=False)
    assert again.returncode != 0 and "not empty" in again.stderr
    target.run("restore", str(out), "--identity", str(identity), "--replace")
    assert target.counts() == source.counts()
    if sqlite:
        # Nobody else had the database open: the checked copy was renamed into place.
        assert target.path.stat().st_ino != before
        # With the site running (another process holds the database open), the copy is
        # written into the live file through SQLite's backup API instead, in one transaction.
        holder = sqlite3.connect(target.path)
        contacts = holder.execute("SELECT COUNT(*) FROM people_contact").fetchone()[0]
        in_place = target.path.stat().st_ino
        target.run("restore", str(out), "--identity", str(identity), "--replace")
        assert target.path.stat().st_ino == in_place
        assert holder.execute("SELECT COUNT(*) FROM people_contact").fetchone()[0] == contacts
        assert holder.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        holder.close()
        assert target.counts() == source.counts()


def test_a_damaged_backup_is_refused(instances, tmp_path):
    source, _target = instances
    source.run("migrate", "--verbosity", "0")
    identity = tmp_path / "backup.key"
    public = source.run("backup", "--new-identity", str(identity)).stdout.split(": ")[1].split()[0]
    out = tmp_path / "iskra.age"
    source.run("backup", "--out", str(out), "--recipient", public)
    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 0xFF
    out.write_bytes(bytes(data))
    refused = source.run("backup", "--verify", str(out), "--identity", str(identity), check=False)
    assert refused.returncode != 0 and "altered or cut short" in refused.stderr
    out.write_bytes(bytes(data[: len(data) - 65_552]))  # the last chunks lost in a copy
    refused = source.run("backup", "--verify", str(out), "--identity", str(identity), check=False)
    assert refused.returncode != 0 and "altered or cut short" in refused.stderr
    no_recipient = source.run("backup", "--out", str(tmp_path / "x.age"), check=False)
    assert no_recipient.returncode != 0 and "No recipient" in no_recipient.stderr


def _secret(identity):
    return next(line for line in identity.read_text().splitlines() if line.startswith("AGE-"))

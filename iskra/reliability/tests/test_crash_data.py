"""What a crash leaves: an import killed while it writes leaves nothing half-stored; the
SQLite files, copied as they stand in the middle of a write burst (what a power cut leaves),
open to a consistent database."""

import shutil
import signal
import sqlite3
import subprocess
import time

import pytest
from django.db import connection

from iskra.reliability.tests.helpers import ISKRA, Instance

SETUP = """
from iskra.network.services import collective_create
from iskra.people.services import ensure_stages
ensure_stages()
root = collective_create(actor=None, name="International", slug="international",
                         kind="international", languages=["en"])
collective_create(actor=None, name="Los Angeles", slug="los-angeles", kind="city",
                  parent=root, country="US", languages=["en"])
"""
BURST = """
from iskra.network.models import Collective
from iskra.people.services import contact_create
city = Collective.objects.get(slug="los-angeles")
for number in range(100_000):
    contact_create(actor=None, collective=city, display_name=f"C{number}",
                   phone=f"+1213555{number:04d}", topics=["rent"])
"""
# Every contact has its audit entry, its topic link and its place in the stage counts.
CONSISTENCY = [
    "SELECT (SELECT COUNT(*) FROM people_contact)"
    " - (SELECT COUNT(*) FROM audit_logentry WHERE action = 'people.contact.created')",
    "SELECT (SELECT COUNT(*) FROM people_contact) - (SELECT COUNT(*) FROM people_contact_topics)",
    "SELECT (SELECT COUNT(*) FROM people_contact)"
    " - (SELECT COALESCE(SUM(count), 0) FROM people_stagecount)",
]


@pytest.fixture
def instance(tmp_path, db):
    made = Instance(tmp_path, "crash")
    made.run("migrate", "--verbosity", "0")
    made.run("shell", "-c", SETUP)
    yield made
    made.drop()


def _writing(instance: Instance) -> bool:
    """Whether the import has reached its write (the parse before it writes nothing)."""
    if connection.vendor == "postgresql":
        rows = instance.query(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND query LIKE 'COPY people_contact%%' AND state = 'active'"
        )
        return rows[0][0] > 0
    wal = instance.path.with_name(instance.path.name + "-wal")
    return wal.exists() and wal.stat().st_size > 2_000_000


def test_an_import_killed_while_it_writes_leaves_nothing(instance, tmp_path):
    rows = ["display_name,phone,tags"]
    rows += [f"P{n},+1310555{n % 10000:04d}{n // 10000},kill" for n in range(80_000)]
    source = tmp_path / "big.csv"
    source.write_text("\n".join(rows) + "\n")
    importer = subprocess.Popen(  # noqa: S603 - our own command
        [*ISKRA, "import_contacts", str(source), "--collective", "los-angeles"],
        env=instance.environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while not _writing(instance):
        assert importer.poll() is None, "the import ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    importer.send_signal(signal.SIGKILL)
    importer.wait()
    assert instance.query("SELECT COUNT(*) FROM people_contact") == [(0,)]
    assert instance.query("SELECT COUNT(*) FROM people_contact_tags") == [(0,)]
    assert instance.query("SELECT COALESCE(SUM(count), 0) FROM people_stagecount") == [(0,)]
    assert instance.query(
        "SELECT COUNT(*) FROM audit_logentry WHERE action = 'people.contact.imported'"
    ) == [(0,)]
    if connection.vendor == "sqlite":
        assert instance.query("PRAGMA integrity_check") == [("ok",)]


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_sqlite_files_copied_mid_burst_open_consistent(instance, tmp_path):
    writer = subprocess.Popen(  # noqa: S603 - our own command
        [*ISKRA, "shell", "-c", BURST],
        env=instance.environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    snapshots = []
    try:
        for number in range(3):
            time.sleep(1.5)
            # Frozen mid-write, the files are what a power cut would leave on the disk.
            writer.send_signal(signal.SIGSTOP)
            folder = tmp_path / f"snapshot{number}"
            folder.mkdir()
            for suffix in ("", "-wal"):  # the shared-memory index is not on the disk
                path = instance.path.with_name(instance.path.name + suffix)
                if path.exists():
                    shutil.copy(path, folder / path.name)
            snapshots.append(folder / instance.path.name)
            writer.send_signal(signal.SIGCONT)
    finally:
        writer.kill()
        writer.wait()
    found = []
    for snapshot in snapshots:
        db = sqlite3.connect(snapshot)
        try:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            for sql in CONSISTENCY:
                assert db.execute(sql).fetchone() == (0,), sql
            found.append(db.execute("SELECT COUNT(*) FROM people_contact").fetchone()[0])
        finally:
            db.close()
    assert found[-1] > 0 and found == sorted(found)
    # And the live file, after the writer was killed mid-burst.
    for sql in CONSISTENCY:
        assert instance.query(sql) == [(0,)], sql

"""`reliability` benchmarks: `iskra backup` and `iskra restore` of the bench database, each
against the plain tool on the same database (SQLite's backup API, or pg_dump / pg_restore)."""

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyrage
from django.conf import settings
from django.db import connection

from iskra.core.benchmarks import BenchContext, Result
from iskra.reliability import backup

GROUP = "reliability"


def _timed(function: object) -> float:
    # Each run starts with nothing of the previous one's left to write back: the one before
    # wrote 2.7 GB at a million contacts, and whichever came second paid for its writeback.
    os.sync()
    start = time.perf_counter()
    function()  # type: ignore[operator]
    return time.perf_counter() - start


def run(context: BenchContext) -> list[Result]:
    from iskra.people.bench import _ensure_dataset

    _ensure_dataset(context)
    identity = pyrage.x25519.Identity.generate()
    with tempfile.TemporaryDirectory(prefix="iskra-bench-backup-") as scratch_name:
        scratch = Path(scratch_name)
        out = scratch / "bench.age"
        plain = scratch / "plain"

        def plain_backup() -> None:
            if plain.exists():
                plain.unlink()
            if connection.vendor == "sqlite":
                _sqlite_copy(plain)
            else:
                _pg(["pg_dump", "--format=custom", f"--file={plain}"])

        # Each is run twice, in turn, and the second run of each counts: whichever ran first
        # would otherwise read the database from the disk and the other from the page cache
        # (at 1,000,000 contacts on SQLite the same copy took 2.8 s or 11.2 s by its turn).
        for _turn in range(2):
            plain_backup_s = _timed(plain_backup)
            backup_s = _timed(lambda: backup.create_backup(out, [identity.to_public()]))
        context.say(f"backup: {backup_s:.1f} s, plain {plain_backup_s:.1f} s")
        restore_s, plain_restore_s = _restore(scratch, out, identity, plain)
        context.say(f"restore: {restore_s:.1f} s, plain {plain_restore_s:.1f} s")
    size = f"{context.contacts} contacts, {connection.vendor}"
    return [
        Result(
            "reliability.backup_s",
            round(backup_s, 2),
            "s",
            "<= 2x plain, encryption included",
            baseline=round(plain_backup_s, 2),
            ratio=round(backup_s / plain_backup_s, 2),
            met=backup_s <= 2 * plain_backup_s,
            note=size,
        ),
        Result(
            "reliability.restore_s",
            round(restore_s, 2),
            "s",
            "<= 3x plain",
            baseline=round(plain_restore_s, 2),
            ratio=round(restore_s / plain_restore_s, 2),
            met=restore_s <= 3 * plain_restore_s,
            note=size + "; into an empty database, counts checked",
        ),
    ]


def _sqlite_copy(target: Path) -> None:
    source = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
    copy = sqlite3.connect(str(target))
    source.backup(copy)
    source.close()
    copy.close()


def _pg(command: list[str], database: str = "") -> None:
    url = backup.postgres_url()
    if database:
        url = url.rsplit("/", 1)[0] + "/" + database
    subprocess.run(  # noqa: S603 - PostgreSQL's own tools, our arguments
        [*command, f"--dbname={url}"], check=True, capture_output=True
    )


def _restore(scratch: Path, out: Path, identity: object, plain: Path) -> tuple[float, float]:
    """`iskra restore` into an empty database, in a process of its own, and the plain
    restore of the plain copy into another."""
    environment = dict(os.environ)
    identity_file = scratch / "identity.txt"
    identity_file.write_text(f"{identity}\n")
    if connection.vendor == "sqlite":
        target = scratch / "restored.sqlite3"
        plain_target = scratch / "plain-restored.sqlite3"
        environment["DATABASE_URL"] = f"sqlite:///{target}"
        for _turn in range(2):  # the second turn of each counts, as for the backup
            for path in scratch.glob("*restored.sqlite3*"):
                path.unlink()
            plain_s = _timed(lambda: _sqlite_restore(plain, plain_target))
            _iskra(["migrate", "--verbosity", "0"], environment)
            restore_s = _timed(
                lambda: _iskra(["restore", str(out), "--identity", str(identity_file)], environment)
            )
        return restore_s, plain_s
    name = f"{settings.DATABASES['default']['NAME']}_restore"
    times = []
    for label in ("iskra", "plain"):
        _admin(f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
        if label == "iskra":
            environment["DATABASE_URL"] = backup.postgres_url().rsplit("/", 1)[0] + "/" + name
            _iskra(["migrate", "--verbosity", "0"], environment)
            times.append(
                _timed(
                    lambda: _iskra(
                        ["restore", str(out), "--identity", str(identity_file)], environment
                    )
                )
            )
        else:
            times.append(_timed(lambda: _pg(["pg_restore", "--no-owner", str(plain)], name)))
    _admin(f'DROP DATABASE IF EXISTS "{name}"')
    return times[0], times[1]


def _admin(*statements: str) -> None:
    import psycopg

    db = settings.DATABASES["default"]
    with psycopg.connect(
        dbname="postgres",
        host=db.get("HOST") or "localhost",
        port=db.get("PORT") or 5432,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        autocommit=True,
    ) as admin:
        for sql in statements:
            admin.execute(sql)


def _sqlite_restore(plain: Path, target: Path) -> None:
    source = sqlite3.connect(str(plain))
    copy = sqlite3.connect(str(target))
    source.backup(copy)
    source.close()
    copy.close()


def _iskra(arguments: list[str], environment: dict[str, str]) -> None:
    subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "iskra.manage", *arguments],
        env=environment,
        check=True,
        capture_output=True,
    )

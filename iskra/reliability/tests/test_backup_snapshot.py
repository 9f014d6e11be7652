"""A backup reads the live SQLite file itself (no copy first) only while SQLite keeps the
file unchanged: snapshots taken that way in the middle of a write burst, with checkpoints
running as fast as they can, are consistent databases."""

import random
import sqlite3
import threading
import time

from iskra.reliability import backup

ACCOUNTS = 400
TOTAL = ACCOUNTS * 100


def _make(path):
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE django_migrations (app TEXT, name TEXT)")
    db.execute("INSERT INTO django_migrations VALUES ('people', '0001_initial')")
    db.execute("CREATE TABLE account (id INTEGER PRIMARY KEY, balance INTEGER, note TEXT)")
    db.executemany(
        "INSERT INTO account VALUES (?, 100, ?)",
        [(n, "x" * 3000) for n in range(ACCOUNTS)],  # about 300 pages
    )
    db.close()


def _transfers(path, stop, done):
    db = sqlite3.connect(path, isolation_level=None, timeout=30)
    db.execute("PRAGMA wal_autocheckpoint=1")  # every commit tries to checkpoint
    rng = random.Random()
    while not stop.is_set():
        a, b = rng.sample(range(ACCOUNTS), 2)
        amount = rng.randint(1, 50)
        note = str(rng.random()) * rng.randint(100, 250)
        db.execute("BEGIN IMMEDIATE")
        db.execute(
            "UPDATE account SET balance = balance - ?, note = ? WHERE id = ?", (amount, note, a)
        )
        db.execute(
            "UPDATE account SET balance = balance + ?, note = ? WHERE id = ?", (amount, note, b)
        )
        db.execute("COMMIT")
        done.append(1)
        if rng.random() < 0.2:
            time.sleep(0.02)  # a pause now and then, in which the WAL can be emptied
    db.close()


def _checkpoints(path, stop):
    db = sqlite3.connect(path, isolation_level=None, timeout=30)
    while not stop.is_set():
        db.execute("PRAGMA wal_checkpoint(PASSIVE)")
    db.close()


def test_snapshots_read_from_the_live_file_are_consistent_during_a_write_burst(tmp_path):
    path = tmp_path / "live.sqlite3"
    _make(str(path))
    stop = threading.Event()
    done: list[int] = []
    workers = [threading.Thread(target=_transfers, args=(str(path), stop, done)) for _ in range(2)]
    workers.append(threading.Thread(target=_checkpoints, args=(str(path), stop)))
    for worker in workers:
        worker.start()
    held_with_writes = copies_checked = 0
    try:
        deadline = time.monotonic() + 40
        while held_with_writes < 5 and time.monotonic() < deadline:
            copy = tmp_path / f"copy-{copies_checked}.sqlite3"
            with backup._held_sqlite_file(path) as held:
                if held is None:
                    continue
                source, migrations, counts = held
                before = len(done)
                with copy.open("wb") as out:
                    while chunk := source.read(16 * 1024):
                        out.write(chunk)
                        time.sleep(0.002)  # slowly, so that many commits land meanwhile
                written_meanwhile = len(done) - before
            assert migrations == ["people.0001_initial"]
            check = sqlite3.connect(copy)
            assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert check.execute("SELECT sum(balance) FROM account").fetchone()[0] == TOTAL
            assert check.execute("SELECT count(*) FROM account").fetchone()[0] == counts["account"]
            check.close()
            copies_checked += 1
            if written_meanwhile >= 20:
                held_with_writes += 1
    finally:
        stop.set()
        for worker in workers:
            worker.join()
    assert held_with_writes >= 5, (held_with_writes, copies_checked, len(done))
    final = sqlite3.connect(path)
    assert final.execute("SELECT sum(balance) FROM account").fetchone()[0] == TOTAL
    final.close()

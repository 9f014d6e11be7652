"""Encrypted backups: one age-encrypted tar file holding a consistent snapshot of the
database, the uploaded media and a manifest (see docs/reliability.md).

Inside the tar: `manifest.json`, `database.sqlite3` (SQLite's online backup API) or
`database.pgdump` (`pg_dump --format=custom`, taken in the same snapshot the row counts are
read from), and `media/...`. The manifest holds Iskra's version, the migrations applied, the
row count of every table and the SHA-256 of every other part. The keys that decrypt the
contacts' protected fields are never in a backup: they are files outside the database and
outside the media folder, and a media file that is one of them is refused.
"""

import hashlib
import io
import json
import os
import queue
import shutil
import sqlite3
import stat
import subprocess
import tarfile
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import IO, Any, cast

import pyrage
from django.conf import settings
from django.db import connection

from iskra.env import env_str
from iskra.reliability import age

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_PART = "database.sqlite3"
POSTGRES_PART = "database.pgdump"
# Tables that `migrate` fills by itself: a database holding only these is empty.
MIGRATION_TABLES = {
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "people_stage",
    "iskra_cache",
    "django_session",
}

Progress = Callable[[str], None]


class BackupError(Exception):
    """The backup cannot be made, read or restored; the message says why."""


@dataclass
class Manifest:
    iskra_version: str
    database: str
    created_at: str
    migrations: list[str]
    counts: dict[str, int]
    parts: dict[str, str] = field(default_factory=dict)
    format: int = FORMAT

    def as_json(self) -> bytes:
        return json.dumps(self.__dict__, indent=1, sort_keys=True).encode()

    @classmethod
    def from_json(cls, data: bytes) -> "Manifest":
        try:
            values = json.loads(data)
            return cls(**values)
        except (ValueError, TypeError) as error:
            raise BackupError(f"The manifest is not readable: {error}") from None


def iskra_version() -> str:
    try:
        return version("iskra")
    except PackageNotFoundError:
        return "unknown"


# -- keys --------------------------------------------------------------------------------


def recipients_from(values: list[str]) -> list[Any]:
    """age public keys (age1...) from --recipient values and ISKRA_BACKUP_RECIPIENTS
    (comma- or newline-separated); a value may also name a file of keys, one a line."""
    texts = list(values)
    if not texts:
        texts = [env_str("ISKRA_BACKUP_RECIPIENTS", "")]
    keys: list[str] = []
    for text in texts:
        path = Path(text.strip())
        if text.strip() and not text.strip().startswith("age1") and path.is_file():
            text = path.read_text()
        keys.extend(
            part.strip()
            for part in text.replace(",", "\n").splitlines()
            if part.strip() and not part.strip().startswith("#")
        )
    if not keys:
        raise BackupError(
            "No recipient: give --recipient age1... or set ISKRA_BACKUP_RECIPIENTS. "
            "Create a key pair with `iskra backup --new-identity FILE` (or age-keygen)."
        )
    recipients = []
    for key in keys:
        try:
            recipients.append(pyrage.x25519.Recipient.from_str(key))
        except Exception:  # pyrage raises its own error types for malformed keys
            raise BackupError(f"Not an age public key: {key[:12]}...") from None
    return recipients


def identities_from(path: Path) -> list[Any]:
    try:
        lines = path.read_text().splitlines()
    except OSError as error:
        raise BackupError(f"Cannot read the identity file {path}: {error.strerror}") from None
    identities = []
    for line in lines:
        line = line.strip()
        if line and not line.startswith("#"):
            try:
                identities.append(pyrage.x25519.Identity.from_str(line))
            except Exception:
                raise BackupError(f"{path} is not an age identity file.") from None
    if not identities:
        raise BackupError(f"{path} holds no age identity (a line AGE-SECRET-KEY-1...).")
    return identities


def new_identity(path: Path) -> str:
    """Write a new age identity (private key) to `path`, readable by its owner only; return
    its public key, the recipient to give `iskra backup`."""
    identity = pyrage.x25519.Identity.generate()
    public = str(identity.to_public())
    created = datetime.now(UTC).isoformat(timespec="seconds")
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as key_file:
        key_file.write(f"# created: {created}\n# public key: {public}\n{identity}\n")
    return public


# -- taking a backup ---------------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        for chunk in iter(lambda: source.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _applied_migrations(cursor: Any) -> list[str]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [f"{app}.{name}" for app, name in cursor.fetchall()]


def _counts(cursor: Any, tables: list[str], quote: Callable[[str], str]) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - names from catalog
        counts[table] = cursor.fetchone()[0]
    return counts


def _sqlite_tables(db: sqlite3.Connection) -> list[str]:
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return [row[0] for row in rows]


def _sqlite_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _snapshot_sqlite(target: Path) -> list[str]:
    source = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
    copy = sqlite3.connect(str(target))
    try:
        # The online backup API copies a consistent snapshot while the site keeps running.
        source.backup(copy, pages=4096)
    finally:
        source.close()
    try:
        return _applied_migrations(copy.cursor())
    finally:
        copy.close()


def _sqlite_snapshot_counts(path: Path) -> dict[str, int]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    try:
        return _counts(db.cursor(), _sqlite_tables(db), _sqlite_quote)
    finally:
        db.close()


def postgres_url() -> str:
    db = settings.DATABASES["default"]
    user = f"{db['USER']}@" if db.get("USER") else ""
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgresql://{user}{db.get('HOST') or 'localhost'}{port}/{db['NAME']}"


def _postgres_env() -> dict[str, str]:
    environment = dict(os.environ)
    password = settings.DATABASES["default"].get("PASSWORD")
    if password:
        environment["PGPASSWORD"] = password  # not on the command line, where ps shows it
    return environment


def _snapshot_postgres(target: Path) -> tuple[list[str], dict[str, int]]:
    # A second connection holds a repeatable-read snapshot: the counts are read in it, and
    # pg_dump dumps exactly that snapshot (--snapshot), so the manifest matches the dump. It is
    # a plain psycopg connection, outside Django's handler: nothing else may use it.
    import psycopg

    password = settings.DATABASES["default"].get("PASSWORD") or None
    with psycopg.connect(postgres_url(), password=password, autocommit=False) as snapshot:
        with snapshot.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            exported = cursor.fetchone()
            assert exported is not None
            # pg_dump runs beside the counting, both in the exported snapshot.
            dump = _Background(
                lambda: _run(
                    [
                        "pg_dump",
                        "--format=custom",
                        "--no-owner",
                        "--no-privileges",
                        f"--snapshot={exported[0]}",
                        f"--file={target}",
                        f"--dbname={postgres_url()}",
                    ]
                )
            )
            migrations = _applied_migrations(cursor)
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            tables = [row[0] for row in cursor.fetchall()]
            counts = _counts(cursor, tables, connection.ops.quote_name)
            dump.result()
        snapshot.rollback()
    return migrations, counts


def _run(command: list[str]) -> None:
    try:
        subprocess.run(  # noqa: S603 - fixed program, our own arguments
            command, check=True, capture_output=True, env=_postgres_env()
        )
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed (PostgreSQL's client tools).") from None
    except subprocess.CalledProcessError as error:
        raise BackupError(
            f"{command[0]} failed: {error.stderr.decode(errors='replace').strip()}"
        ) from None


def _key_files() -> set[Path]:
    paths = set()
    for name in ("ISKRA_DATA_KEY_FILE", "ISKRA_BLIND_INDEX_KEY_FILE"):
        value = getattr(settings, name, "")
        if value:
            paths.add(Path(value).resolve())
    return paths


def _media_files() -> Iterator[Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return
    keys = _key_files()
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            if path.resolve() in keys:
                raise BackupError(
                    f"{path} is a data key file inside the media folder; move it out: "
                    "keys are never put in a backup."
                )
            yield path


def create_backup(out: Path, recipients: list[Any], progress: Progress | None = None) -> Manifest:
    """Write an encrypted backup to `out` (through a temporary file, renamed at the end).

    The snapshot is written once; from there one pass streams it into the tar, hashing it on
    the way, and the tar into the age encryption (a second thread) and the file, while the
    row counts are read from the snapshot beside it. The manifest, with the hashes and the
    counts, is the tar's last member."""
    say = progress or (lambda message: None)
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups of {vendor} databases are not supported.")
    out = out.resolve()
    with ExitStack() as stack:
        scratch = Path(
            stack.enter_context(tempfile.TemporaryDirectory(prefix="iskra-backup-", dir=out.parent))
        )
        part = SQLITE_PART if vendor == "sqlite" else POSTGRES_PART
        say("database")
        counting: _Background | None = None
        database: Path | IO[bytes] = scratch / part
        if vendor == "sqlite":
            held = stack.enter_context(_held_sqlite_file())
            if held is not None:
                database, migrations, counts = held
            else:
                migrations = _snapshot_sqlite(scratch / part)
                counting = _Background(lambda: _sqlite_snapshot_counts(scratch / part))
        else:
            migrations, counts = _snapshot_postgres(scratch / part)
        manifest = Manifest(
            iskra_version=iskra_version(),
            database=vendor,
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            migrations=migrations,
            counts={},
        )
        media_root = Path(settings.MEDIA_ROOT)
        media = [
            (path, "media/" + path.relative_to(media_root).as_posix()) for path in _media_files()
        ]
        say("archive")
        sealed = scratch / "backup.age"
        with sealed.open("wb") as sealed_file, ExitStack() as writing:
            queued = _QueuedWriter(sealed_file)
            writing.callback(queued.finish)
            stream = age.Writer(cast(IO[bytes], queued), recipients)
            with tarfile.open(fileobj=cast(IO[bytes], stream), mode="w", bufsize=CHUNK) as tar:
                tar.copybufsize = CHUNK  # type: ignore[attr-defined]
                for source, name in [(database, part), *media]:
                    manifest.parts[name] = _add_file(tar, source, name)
                manifest.counts = counting.result() if counting else counts
                _add_bytes(tar, MANIFEST, manifest.as_json())
            stream.close()
            queued.finish()
            say("encryption")
        os.chmod(sealed, 0o600)
        os.replace(sealed, out)
    return manifest


@contextmanager
def _held_sqlite_file(
    path: Path | None = None,
) -> Iterator[tuple[IO[bytes], list[str], dict[str, int]] | None]:
    """The live SQLite file itself, opened for reading while a read transaction keeps it
    unchanged, with the migrations and row counts read in that transaction; or None, and the
    caller takes a copy with the backup API.

    In WAL mode the WAL is first checkpointed into the file and emptied; a read transaction
    that starts while the WAL is empty reads the file alone (SQLite's read lock 0), and no
    checkpoint may write into the file while such a reader holds it: writers go on into the
    WAL. If a write came between the checkpoint and the transaction's start (the WAL is not
    empty), the snapshot could be partly in the WAL, and the copy is taken instead. In
    rollback-journal mode the reader's shared lock keeps every writer out of the file. So the
    backup reads the database once and writes it once, where a copy first would write it
    twice (at a million contacts, 2.7 GB; writing is what a backup costs here)."""
    path = path or Path(settings.DATABASES["default"]["NAME"])
    if not path.is_file():  # an in-memory database (the tests'): copied with the backup API
        yield None
        return
    db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=10)
    try:
        mode = db.execute("PRAGMA journal_mode").fetchone()[0]
        if mode == "wal":
            busy, _log, _done = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if busy:
                yield None
                return
        db.execute("BEGIN")
        migrations = _applied_migrations(db.cursor())  # the read transaction starts here
        wal = Path(f"{path}-wal")
        if mode == "wal" and wal.exists() and wal.stat().st_size > 0:
            db.execute("ROLLBACK")
            yield None
            return
        counts = _counts(db.cursor(), _sqlite_tables(db), _sqlite_quote)
        with path.open("rb") as held:
            yield held, migrations, counts
        db.execute("ROLLBACK")
    finally:
        db.close()


CHUNK = 1 << 20


class _Background:
    """A function run in a second thread (SQLite and hashlib let go of the GIL); its result
    or its exception is taken at `result()`."""

    def __init__(self, function: Callable[[], Any]) -> None:
        self.value: Any = None
        self.error: BaseException | None = None

        def run() -> None:
            try:
                self.value = function()
            except BaseException as error:  # noqa: BLE001 - handed to the caller
                self.error = error

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()

    def result(self) -> Any:
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.value


class _Feeding:
    """A second thread that hands each piece of data fed to it, in order, to `consume`: the
    work it does (hashing, writing) lets go of the GIL, so it runs beside the caller's.
    `finish()` waits for it and raises its error; it also ends the thread when the caller
    stops on an error of its own (call it in a `finally`)."""

    def __init__(self, consume: Callable[[bytes], Any]) -> None:
        self.consume = consume
        self.queue: queue.Queue[bytes | None] = queue.Queue(maxsize=8)
        self.thread = _Background(self._run)

    def _run(self) -> None:
        while (data := self.queue.get()) is not None:
            self.consume(data)

    def feed(self, data: bytes | None) -> None:
        while True:
            if not self.thread.thread.is_alive():
                self.thread.result()  # raises the error it stopped on
                raise BackupError("A backup thread stopped early.")
            try:
                self.queue.put(data, timeout=0.5)
                return
            except queue.Full:
                continue

    def finish(self) -> None:
        if self.thread.thread.is_alive():
            self.feed(None)
        self.thread.result()


class _QueuedWriter(_Feeding):
    """Writes done by a second thread, so that the next megabyte is encrypted or decrypted
    while this one goes to the disk."""

    def __init__(self, target: IO[bytes]) -> None:
        super().__init__(target.write)

    def write(self, data: bytes) -> int:
        self.feed(data)
        return len(data)

    def flush(self) -> None:
        """Nothing: what was handed over is written by `finish()`."""


class _Hashing(_Feeding):
    """SHA-256 of what is read through it (or handed to `update`), computed by a second
    thread."""

    def __init__(self, source: Any = None) -> None:
        self.source = source
        self.digest = hashlib.sha256()
        super().__init__(self.digest.update)

    def update(self, data: bytes) -> None:
        self.feed(data)

    def read(self, size: int = -1) -> bytes:
        data = self.source.read(size)
        self.feed(data)
        return data

    def hexdigest(self) -> str:
        self.finish()
        return self.digest.hexdigest()


def _add_file(tar: tarfile.TarFile, source: Path | IO[bytes], name: str) -> str:
    """Add one file (a path, or a file held open) to the tar, returning its SHA-256,
    computed as it is read."""
    with ExitStack() as stack:
        held = stack.enter_context(source.open("rb")) if isinstance(source, Path) else source
        info = tar.gettarinfo(arcname=name, fileobj=held)
        info.mode = 0o600
        hashing = _Hashing(held)
        stack.callback(hashing.finish)
        tar.addfile(info, hashing)
    return hashing.hexdigest()


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


# -- reading one back --------------------------------------------------------------------


@contextmanager
def opened(
    path: Path, identities: list[Any], beside: Path | None = None
) -> Iterator[tuple[Manifest, Path]]:
    """Decrypt and unpack a backup into a private temporary folder (in `beside`, if given:
    the live database's folder, so that its copy can be renamed into place), in one pass,
    hashing every part as it is written (in a second thread); check every part's SHA-256
    against the manifest. Yields the manifest and the folder."""
    if not path.is_file():
        raise BackupError(f"{path} does not exist.")
    with tempfile.TemporaryDirectory(prefix="iskra-restore-", dir=beside) as scratch_name:
        unpacked = Path(scratch_name) / "unpacked"
        unpacked.mkdir()
        hashes = _decrypt_and_unpack(path, identities, unpacked)
        manifest_path = unpacked / MANIFEST
        if not manifest_path.is_file():
            raise BackupError(f"{path} has no manifest: not an Iskra backup.")
        manifest = Manifest.from_json(manifest_path.read_bytes())
        if manifest.format != FORMAT:
            raise BackupError(f"Backup format {manifest.format} is not known to this Iskra.")
        for name, expected in manifest.parts.items():
            if name not in hashes:
                raise BackupError(f"The backup lacks {name}, which its manifest lists.")
            if hashes[name] != expected:
                raise BackupError(f"{name} does not match its SHA-256 in the manifest.")
        yield manifest, unpacked


def _decrypt_and_unpack(path: Path, identities: list[Any], folder: Path) -> dict[str, str]:
    hashes: dict[str, str] = {}
    with path.open("rb") as sealed:
        try:
            reader = age.Reader(sealed, identities)
        except age.AgeError as error:
            raise BackupError(
                f"{path} cannot be decrypted with this identity (or is not an Iskra backup): "
                f"{error}"
            ) from None
        try:
            with tarfile.open(fileobj=cast(IO[bytes], reader), mode="r|", bufsize=CHUNK) as tar:
                for member in tar:
                    checked = tarfile.data_filter(member, str(folder))
                    target = folder / checked.name
                    if checked.isdir():
                        target.mkdir(parents=True, exist_ok=True)
                        continue
                    if not checked.isfile():
                        raise BackupError(f"{path} holds {member.name}, which is not a plain file.")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    source = tar.extractfile(member)
                    assert source is not None
                    with target.open("wb") as written, ExitStack() as threads:
                        os.chmod(target, 0o600)
                        hashing = _Hashing()
                        threads.callback(hashing.finish)
                        queued = _QueuedWriter(written)
                        threads.callback(queued.finish)
                        for chunk in iter(lambda: source.read(CHUNK), b""):  # noqa: B023
                            hashing.update(chunk)
                            queued.write(chunk)
                        queued.finish()
                    hashes[checked.name] = hashing.hexdigest()
            reader.read()  # to the end: an altered or cut-short payload shows there
        except age.AgeError as error:
            raise BackupError(f"{path} was altered or cut short: {error}") from None
        except (tarfile.TarError, OSError) as error:
            raise BackupError(f"{path} is not a readable backup: {error}") from None
    return hashes


def _sqlite_checked_counts(path: Path) -> dict[str, int]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = db.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise BackupError(f"The database in the backup fails its integrity check: {result}")
        return _counts(db.cursor(), _sqlite_tables(db), _sqlite_quote)
    finally:
        db.close()


def _sqlite_header(path: Path) -> bytes:
    with path.open("rb") as database:
        return database.read(16)


def verify_backup(path: Path, identities: list[Any]) -> Manifest:
    """Everything short of restoring: decrypts, checks hashes, and SQLite's full integrity
    check of the database copy (which a restore leaves out: see `_restore_sqlite`)."""
    with opened(path, identities) as (manifest, unpacked):
        if manifest.database == "sqlite":
            found = _sqlite_checked_counts(unpacked / SQLITE_PART)
            _compare(manifest.counts, found)
        else:
            _run(["pg_restore", "--list", str(unpacked / POSTGRES_PART)])
    return manifest


def _compare(expected: dict[str, int], found: dict[str, int]) -> None:
    wrong = [
        f"{table}: {found.get(table)} rows, the manifest says {count}"
        for table, count in sorted(expected.items())
        if found.get(table) != count
    ]
    if wrong:
        raise BackupError("Row counts differ from the manifest: " + "; ".join(wrong[:10]))


# -- restoring ---------------------------------------------------------------------------


def live_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        return _counts(cursor, tables, connection.ops.quote_name)


def holds_data() -> list[str]:
    """The tables of the current database with rows that `migrate` did not put there."""
    return [
        table
        for table, count in live_counts().items()
        # the full-text search index's set-up rows are made by `migrate` too
        if count and table not in MIGRATION_TABLES and "_fts" not in table
    ]


def restore_backup(
    path: Path, identities: list[Any], *, replace: bool = False, progress: Progress | None = None
) -> Manifest:
    say = progress or (lambda message: None)
    filled = holds_data()
    if filled and not replace:
        raise BackupError(
            "The database is not empty (" + ", ".join(filled[:5]) + "...). Restore into an "
            "empty database, or pass --replace to overwrite everything in it."
        )
    beside = None
    if connection.vendor == "sqlite":
        beside = Path(settings.DATABASES["default"]["NAME"]).resolve().parent
    with opened(path, identities, beside) as (manifest, unpacked):
        if manifest.database != connection.vendor:
            raise BackupError(
                f"This is a {manifest.database} backup; the configured database is "
                f"{connection.vendor}."
            )
        say("database")
        if manifest.database == "sqlite":
            _restore_sqlite(unpacked / SQLITE_PART)
        else:
            _restore_postgres(unpacked / POSTGRES_PART)
        say("media")
        media_root = Path(settings.MEDIA_ROOT)
        media = unpacked / "media"
        if media.is_dir():
            media_root.mkdir(parents=True, exist_ok=True)
            shutil.copytree(media, media_root, dirs_exist_ok=True)
    _compare(manifest.counts, live_counts())
    return manifest


def _restore_sqlite(part: Path) -> None:
    # The copy is byte for byte the snapshot the backup took (its SHA-256 was checked), and
    # the restored database's row counts are compared with the manifest's afterwards. SQLite's
    # full integrity check of the copy is left to `iskra backup --verify`: at a million
    # contacts it takes 69 s, eight times the restore itself.
    if _sqlite_header(part) != b"SQLite format 3\x00":
        raise BackupError("The database in the backup is not an SQLite database.")
    connection.close()
    live = Path(settings.DATABASES["default"]["NAME"]).resolve()
    target = sqlite3.connect(str(live), timeout=30)
    try:
        # When no other process has the database open (the usual restore, server stopped),
        # SQLite lets it leave WAL mode (its WAL checkpointed and removed), and the unpacked
        # copy, written to disk, is renamed over it: the rename is atomic, so a crash leaves
        # the old database or the new one, and the database is written once. With the site
        # running, the backup API writes the copy into the live file in one transaction
        # (through the WAL, every page twice).
        target.execute("PRAGMA busy_timeout=0")  # someone else has it open: say so at once
        try:
            alone = target.execute("PRAGMA journal_mode=DELETE").fetchone()[0] == "delete"
        except sqlite3.OperationalError:  # "database is locked": the site is running
            alone = False
        target.execute("PRAGMA busy_timeout=30000")
        if alone:
            # Leaving WAL mode removed its WAL and shared-memory files; the exclusive lock
            # keeps out (waiting) anyone who opens the old file before the rename.
            target.execute("BEGIN EXCLUSIVE")
            os.chmod(part, stat.S_IMODE(live.stat().st_mode))
            with part.open("rb+") as written:
                os.fsync(written.fileno())
            os.replace(part, live)
            _fsync_folder(live.parent)
        else:
            source = sqlite3.connect(f"file:{part}?mode=ro", uri=True)
            try:
                source.backup(target)
            finally:
                source.close()
    finally:
        target.close()


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _restore_postgres(part: Path) -> None:
    connection.close()
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if tables:
            quoted = ", ".join(connection.ops.quote_name(table) for table in tables)
            cursor.execute(f"DROP TABLE IF EXISTS {quoted} CASCADE")
        # Functions are not tables: the books' balance trigger function would make the
        # restore of its own definition fail. Extensions' functions stay.
        cursor.execute(
            "SELECT p.oid::regprocedure::text FROM pg_proc p"
            " JOIN pg_namespace n ON n.oid = p.pronamespace"
            " WHERE n.nspname = current_schema() AND NOT EXISTS ("
            "  SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')"
        )
        for (signature,) in cursor.fetchall():
            cursor.execute(f"DROP FUNCTION IF EXISTS {signature} CASCADE")
    connection.close()
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={postgres_url()}",
            str(part),
        ]
    )


# -- scheduled backups -------------------------------------------------------------------


def scheduled_backup(
    folder: Path, keep: int, recipients: list[Any], progress: Progress | None = None
) -> Path:
    """A backup named by its time in `folder`; only the newest `keep` are kept."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = folder / f"iskra-{stamp}.age"
    create_backup(out, recipients, progress)
    backups = sorted(folder.glob("iskra-*.age"))
    for old in backups[: max(0, len(backups) - keep)]:
        old.unlink()
    return out

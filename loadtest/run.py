"""`make loadtest`: the Locust load test against `iskra serve` in production mode, on a
server this script starts itself on 127.0.0.1 with a scratch database, bounded in time.

    python loadtest/run.py --database sqlite|postgres [--users 50] [--time 300] [--out FILE]

It makes the data (loadtest/setup_data.py), starts `iskra serve` (2 gunicorn workers, HTTPS
with a throwaway self-signed certificate so that the production cookies, Secure ones, work),
runs Locust headless, stops the server, then checks that every write Locust reported as
successful is in the database. It prints one JSON summary (requests per second, p50/p95/p99,
errors, lost writes) and exits non-zero on errors or lost writes. PostgreSQL uses the
database named by --pg-database (default iskra_loadtest), dropped and created anew.

The data made for a run are kept in var/loadtest-seeds/ (and, for PostgreSQL, as a template
database of the same name) and copied for the next run with the same size, migrations and
set-up; `--fresh` makes them anew.
"""

import argparse
import base64
import csv
import datetime
import hashlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from ssl import CERT_NONE, create_default_context
from typing import Any

HERE = Path(__file__).resolve().parent
ISKRA = [sys.executable, "-m", "iskra.manage"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def self_signed(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def environment(folder: Path, database_url: str) -> dict[str, str]:
    keys = {}
    for name in ("data.key", "blind-index.key"):
        path = folder / name
        if not path.exists():
            path.write_text(base64.urlsafe_b64encode(os.urandom(32)).decode())
        keys[name] = str(path)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ISKRA_", "DATABASE_URL", "DJANGO_"))
    }
    env.update(
        DATABASE_URL=database_url,
        ISKRA_DATA_DIR=str(folder),
        ISKRA_SECRET_KEY=base64.urlsafe_b64encode(os.urandom(40)).decode(),
        ISKRA_DATA_KEY_FILE=keys["data.key"],
        ISKRA_BLIND_INDEX_KEY_FILE=keys["blind-index.key"],
        ISKRA_ALLOWED_HOSTS="127.0.0.1",
        ISKRA_TASKS_BACKEND="database",
        ISKRA_LOG_LEVEL="WARNING",
    )
    return env


def wait_for(url: str, deadline: float) -> None:
    context = create_default_context()
    context.check_hostname = False
    context.verify_mode = CERT_NONE
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, context=context, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer {url} in time")


def writes_by_kind(writes: Path) -> dict[str, int]:
    kinds: dict[str, int] = {}
    if writes.exists():
        for line in writes.read_text().splitlines():
            kind = json.loads(line)["kind"]
            kinds[kind] = kinds.get(kind, 0) + 1
    return kinds


def lost_writes(writes: Path, query: Any) -> tuple[int, int]:
    """(writes reported as successful, those not found in the database)."""
    if not writes.exists():
        return 0, 0
    entries = [json.loads(line) for line in writes.read_text().splitlines() if line]
    contacts = {row[0] for row in query("SELECT display_name FROM people_contact WHERE display_name LIKE 'LT-%%'")}
    outings = {row[0] for row in query("SELECT place FROM distribution_outing WHERE place LIKE 'LT-%%'")}
    conversations: dict[int, int] = {}
    for contact_id, number in query("SELECT contact_id, COUNT(*) FROM people_conversation GROUP BY contact_id"):
        conversations[contact_id] = number
    dues: dict[tuple[int, int], int] = {}
    for member_id, amount_minor in query("SELECT member_id, amount_minor FROM finance_duespayment"):
        dues[(member_id, amount_minor)] = dues.get((member_id, amount_minor), 0) + 1
    expected: dict[int, int] = {}
    lost = 0
    for entry in entries:
        if entry["kind"] == "contact" and entry["name"] not in contacts:
            lost += 1
        elif entry["kind"] == "outing" and entry["place"] not in outings:
            lost += 1
        elif entry["kind"] == "dues":
            key = (entry["member"], entry["amount_minor"])
            if dues.get(key, 0) > 0:
                dues[key] -= 1
            else:
                lost += 1
        elif entry["kind"] == "conversation":
            expected[entry["contact"]] = expected.get(entry["contact"], 0) + 1
    for contact_id, number in expected.items():
        lost += max(0, number - conversations.get(contact_id, 0))
    return len(entries), lost


SEEDS = HERE.parent / "var" / "loadtest-seeds"


def seed_name(database: str, contacts: int, users: int) -> str:
    """The data depend on the migrations, the dataset generators and the set-up script: a
    change to any of them makes a new seed."""
    digest = hashlib.sha256()
    sources = sorted(HERE.parent.glob("iskra/*/migrations/*.py")) + sorted(HERE.parent.glob("iskra/*/dataset.py"))
    for path in [*sources, HERE / "setup_data.py"]:
        digest.update(str(path.relative_to(HERE.parent)).encode() + path.read_bytes())
    return f"{database}-{contacts}-{users}-{digest.hexdigest()[:12]}"


def save_seed(seed: Path, folder: Path, options: Any, database_url: str) -> None:
    """Keep the data just made (and its keys) for the next run: making 20,000 contacts with
    their conversations, outings and articles takes minutes, copying them seconds."""
    import shutil

    partial = seed.with_name(seed.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    for name in ("data.key", "blind-index.key", "accounts.json"):
        shutil.copy(folder / name, partial / name)
    if options.database == "postgres":
        import psycopg

        with psycopg.connect(f"{options.pg_url}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{seed.name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{seed.name}" TEMPLATE "{options.pg_database}"')
    else:
        source = sqlite3.connect(folder / "iskra.sqlite3")
        target = sqlite3.connect(partial / "iskra.sqlite3")
        with target:
            source.backup(target)
        source.close()
        target.close()
    shutil.rmtree(seed, ignore_errors=True)
    partial.rename(seed)


def seed_exists(seed: Path, options: Any) -> bool:
    if not (seed / "accounts.json").exists():
        return False
    if options.database == "postgres":
        import psycopg

        with psycopg.connect(f"{options.pg_url}/postgres", autocommit=True) as admin:
            found = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [seed.name]).fetchall()
            return bool(found)
    return (seed / "iskra.sqlite3").exists()


def restore_seed(seed: Path, folder: Path, options: Any, database_url: str) -> None:
    import shutil

    for name in ("data.key", "blind-index.key", "accounts.json"):
        shutil.copy(seed / name, folder / name)
    if options.database == "postgres":
        import psycopg

        with psycopg.connect(f"{options.pg_url}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{options.pg_database}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{options.pg_database}" TEMPLATE "{seed.name}"')
    else:
        shutil.copy(seed / "iskra.sqlite3", folder / "iskra.sqlite3")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--users", type=int, default=int(os.environ.get("LOADTEST_USERS", 50)))
    parser.add_argument("--time", type=int, default=int(os.environ.get("LOADTEST_TIME", 300)))
    parser.add_argument("--spawn-rate", type=float, default=0.4)
    parser.add_argument("--contacts", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--pg-database", default="iskra_loadtest")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--fresh", action="store_true", help="make the data anew, not from the seed")
    options = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="iskra-loadtest-"))
    if options.database == "postgres":
        import psycopg

        with psycopg.connect(f"{options.pg_url}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{options.pg_database}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{options.pg_database}"')
        database_url = f"{options.pg_url}/{options.pg_database}"

        def query(sql: str) -> list[Any]:
            with psycopg.connect(database_url) as db:
                return db.execute(sql.replace("%%", "%")).fetchall()
    else:
        database_url = f"sqlite:///{folder / 'iskra.sqlite3'}"

        def query(sql: str) -> list[Any]:
            db = sqlite3.connect(folder / "iskra.sqlite3")
            try:
                return db.execute(sql.replace("%%", "%")).fetchall()
            finally:
                db.close()

    users_per_role = max(1, options.users)
    accounts = folder / "accounts.json"
    seed = None if options.fresh else SEEDS / seed_name(options.database, options.contacts, users_per_role)
    if seed is not None and seed_exists(seed, options):
        restore_seed(seed, folder, options, database_url)
        env = environment(folder, database_url)
        print(f"data from the seed {seed} (--fresh makes it anew)", flush=True)
    else:
        started = time.monotonic()
        env = environment(folder, database_url)
        subprocess.run([*ISKRA, "migrate", "--verbosity", "0"], env=env, check=True)  # noqa: S603
        subprocess.run(  # noqa: S603
            [sys.executable, str(HERE / "setup_data.py"), str(accounts), str(options.contacts), str(users_per_role)],
            env=env,
            check=True,
        )
        print(f"data made in {time.monotonic() - started:.0f} s", flush=True)
        if seed is not None:
            save_seed(seed, folder, options, database_url)
    cert, key = self_signed(folder)
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [*ISKRA, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(options.workers),
         "--certfile", str(cert), "--keyfile", str(key)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(folder / "server.log", "w"),  # noqa: SIM115
        start_new_session=True,
    )
    writes = folder / "writes.jsonl"
    try:
        wait_for(f"https://127.0.0.1:{port}/healthz", time.monotonic() + 120)
        locust_env = dict(env, LOADTEST_ACCOUNTS=str(accounts), LOADTEST_WRITES=str(writes))
        subprocess.run(  # noqa: S603
            [sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless",
             "--users", str(options.users), "--spawn-rate", str(options.spawn_rate),
             "--run-time", f"{options.time}s", "--stop-timeout", "10",
             "--host", f"https://127.0.0.1:{port}", "--csv", str(folder / "locust"),
             "--only-summary", "--loglevel", "WARNING"],
            env=locust_env,
            timeout=options.time + 180,
            check=False,
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    with open(folder / "locust_stats.csv") as stats_file:
        total = next(row for row in csv.DictReader(stats_file) if row["Name"] == "Aggregated")
    reported, lost = lost_writes(writes, query)
    locked = (folder / "server.log").read_text().count("database is locked")
    summary = {
        "database": options.database,
        "users": options.users,
        "seconds": options.time,
        "web_workers": options.workers,
        "requests": int(total["Request Count"]),
        "requests_per_s": round(float(total["Requests/s"]), 1),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "p99_ms": float(total["99%"]),
        "errors": int(total["Failure Count"]),
        "writes": reported,
        "writes_by_kind": writes_by_kind(writes),
        "lost_writes": lost,
        "database_is_locked": locked,
        "load_average": os.getloadavg(),
        "folder": str(folder),
    }
    print(json.dumps(summary))
    if options.out:
        options.out.write_text(json.dumps(summary, indent=1))
    if summary["errors"] or lost or locked:
        sys.exit(1)


if __name__ == "__main__":
    main()

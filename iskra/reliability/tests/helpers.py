"""Separate Iskra instances for the tests that need whole processes: each has its own
database (a SQLite file, or a PostgreSQL database named after the test database when the
suite runs on PostgreSQL), its own data folder, and the suite's data keys."""

import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import psycopg
from django.conf import settings
from django.db import connection

ISKRA = [sys.executable, "-m", "iskra.manage"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Instance:
    def __init__(self, folder: Path, name: str) -> None:
        self.folder = folder
        self.name = name
        self.data_dir = folder / name
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if connection.vendor == "postgresql":
            db = settings.DATABASES["default"]
            self.pg = {
                "host": db.get("HOST") or "localhost",
                "port": db.get("PORT") or 5432,
                "user": db.get("USER") or "postgres",
                "password": db.get("PASSWORD") or None,
            }
            self.db_name = f"{connection.settings_dict['NAME']}_{name}"[:60]
            self._admin(f'DROP DATABASE IF EXISTS "{self.db_name}"')
            self._admin(f'CREATE DATABASE "{self.db_name}"')
            auth = self.pg["user"] + (f":{self.pg['password']}" if self.pg["password"] else "")
            self.url = f"postgres://{auth}@{self.pg['host']}:{self.pg['port']}/{self.db_name}"
        else:
            self.path = self.data_dir / "iskra.sqlite3"
            self.url = f"sqlite:///{self.path}"

    def _admin(self, sql: str) -> None:
        with psycopg.connect(dbname="postgres", autocommit=True, **self.pg) as admin:
            admin.execute(sql)  # type: ignore[arg-type]

    def environment(self, **extra: str) -> dict[str, str]:
        environment = dict(os.environ)
        environment.update(
            DATABASE_URL=self.url,
            ISKRA_DATA_DIR=str(self.data_dir),
            ISKRA_DEBUG="1",
            ISKRA_TASKS_BACKEND="immediate",
        )
        environment.update(extra)
        return environment

    def run(self, *arguments: str, check: bool = True, **extra: str) -> Any:
        result = subprocess.run(  # noqa: S603 - our own command
            [*ISKRA, *arguments],
            env=self.environment(**extra),
            capture_output=True,
            text=True,
            timeout=600,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"iskra {' '.join(arguments)} failed:\n{result.stderr}")
        return result

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        if connection.vendor == "postgresql":
            with psycopg.connect(dbname=self.db_name, **self.pg) as db:
                return db.execute(sql).fetchall()  # type: ignore[arg-type]
        db = sqlite3.connect(self.path)
        try:
            return db.execute(sql).fetchall()
        finally:
            db.close()

    def counts(self) -> dict[str, int]:
        if connection.vendor == "postgresql":
            tables = [
                row[0]
                for row in self.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            ]
        else:
            tables = [
                row[0]
                for row in self.query(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%'"
                )
            ]
        return {table: self.query(f'SELECT COUNT(*) FROM "{table}"')[0][0] for table in tables}

    def drop(self) -> None:
        if connection.vendor == "postgresql":
            self._admin(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')

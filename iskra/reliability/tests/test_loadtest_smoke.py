"""A 20-second smoke run of `make loadtest` (loadtest/run.py): a production-mode server on
127.0.0.1 that it starts itself, members, organizers and a treasurer signing in with their
second factor, CSRF on; no error, no lost write, no "database is locked"."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="one database is enough for a smoke")
def test_a_short_load_test_loses_nothing(tmp_path, db):
    out = tmp_path / "summary.json"
    result = subprocess.run(  # noqa: S603 - our own script
        [
            sys.executable,
            str(ROOT / "loadtest" / "run.py"),
            "--database",
            "sqlite",
            "--users",
            "9",  # by the weights 3:3:1:2, one of them a treasurer
            "--spawn-rate",
            "9",
            "--time",
            "20",
            "--contacts",
            "0",
            "--fresh",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
    )
    assert out.exists(), result.stderr[-3000:]
    summary = json.loads(out.read_text())
    assert summary["requests"] > 0, summary
    assert summary["errors"] == 0 and summary["lost_writes"] == 0, summary
    assert summary["database_is_locked"] == 0
    assert result.returncode == 0

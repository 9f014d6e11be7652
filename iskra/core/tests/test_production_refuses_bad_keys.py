"""Finding 2: production refuses to start (check, serve, WSGI, worker) without usable keys."""

import os
import secrets
import subprocess
import sys

import pytest

from iskra.core.tests.test_production_settings import run_iskra
from iskra.env import DEVELOPMENT_SECRET_KEY

GOOD_SECRET = secrets.token_urlsafe(50)


def start(entry_point: str, tmp_path, **env):
    """Start one production entry point; return the finished process."""
    if entry_point == "wsgi":
        environment = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith("ISKRA_") and name != "DJANGO_ALLOW_ASYNC_UNSAFE"
        }
        environment.update({"ISKRA_DATA_DIR": str(tmp_path), **env})
        return subprocess.run(
            [sys.executable, "-c", "import iskra.wsgi"],
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    arguments = {"check": ["check"], "serve": ["serve", "--port", "1"], "worker": ["worker"]}
    return run_iskra(*arguments[entry_point], tmp_path=tmp_path, **env)


def key_file(tmp_path, name: str, content: str) -> str:
    path = tmp_path / name
    path.write_text(content)
    return str(path)


@pytest.mark.parametrize("entry_point", ["check", "serve", "wsgi", "worker"])
def test_a_missing_data_key_file_stops_every_entry_point(entry_point, tmp_path):
    blind = key_file(tmp_path, "b.key", "A" * 43 + "=\n")
    result = start(
        entry_point,
        tmp_path,
        ISKRA_SECRET_KEY=GOOD_SECRET,
        ISKRA_DATA_KEY_FILE=str(tmp_path / "absent.key"),
        ISKRA_BLIND_INDEX_KEY_FILE=blind,
    )
    assert result.returncode != 0
    assert "ISKRA_DATA_KEY_FILE: cannot read" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "holds no key"),
        ("\n\n", "holds no key"),
        ("not-a-key\n", "is not a base64 256-bit key"),
        ("c2hvcnQ=\n", "is not a base64 256-bit key"),
    ],
)
def test_an_empty_or_malformed_key_file_stops_the_start(content, message, tmp_path):
    result = run_iskra(
        "check",
        tmp_path=tmp_path,
        ISKRA_SECRET_KEY=GOOD_SECRET,
        ISKRA_DATA_KEY_FILE=key_file(tmp_path, "bad.key", content),
    )
    assert result.returncode != 0
    assert message in result.stderr


def test_a_missing_blind_index_key_file_stops_the_start(tmp_path):
    result = run_iskra(
        "check",
        tmp_path=tmp_path,
        ISKRA_SECRET_KEY=GOOD_SECRET,
        ISKRA_BLIND_INDEX_KEY_FILE=str(tmp_path / "gone.key"),
    )
    assert result.returncode != 0
    assert "ISKRA_BLIND_INDEX_KEY_FILE: cannot read" in result.stderr


def test_an_unreadable_key_file_stops_the_start(tmp_path):
    # A directory where the file should be: reading it fails like a file without permission
    # (the tests may run as root, who reads any file).
    (tmp_path / "dir.key").mkdir()
    result = run_iskra(
        "check",
        tmp_path=tmp_path,
        ISKRA_SECRET_KEY=GOOD_SECRET,
        ISKRA_DATA_KEY_FILE=str(tmp_path / "dir.key"),
    )
    assert result.returncode != 0
    assert "ISKRA_DATA_KEY_FILE: cannot read" in result.stderr


@pytest.mark.parametrize(
    ("secret", "message"),
    [
        ("secret", "at least 50 characters"),
        ("ab" * 40, "at least 50 characters with at least 10 different ones"),
        (DEVELOPMENT_SECRET_KEY, "published in Iskra's source"),
        ("test-secret-key-not-for-production-0123456789", "published in Iskra's source"),
    ],
)
def test_a_weak_or_published_secret_key_stops_the_start(secret, message, tmp_path):
    result = run_iskra("check", tmp_path=tmp_path, ISKRA_SECRET_KEY=secret)
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.parametrize("entry_point", ["serve", "wsgi", "worker"])
def test_a_weak_secret_key_stops_the_server_and_the_worker(entry_point, tmp_path):
    env = {"ISKRA_SECRET_KEY": "secret"}
    if entry_point == "wsgi":
        env["ISKRA_DATA_KEY_FILE"] = key_file(tmp_path, "d.key", "A" * 43 + "=\n")
        env["ISKRA_BLIND_INDEX_KEY_FILE"] = key_file(tmp_path, "b.key", "B" * 43 + "=\n")
    result = start(entry_point, tmp_path, **env)
    assert result.returncode != 0
    assert "at least 50 characters" in result.stderr


def test_the_development_key_does_not_pass_the_deploy_check(tmp_path):
    result = run_iskra(
        "check",
        "--deploy",
        tmp_path=tmp_path,
        ISKRA_SECRET_KEY=DEVELOPMENT_SECRET_KEY,
        ISKRA_ALLOWED_HOSTS="iskra.example.org",
    )
    assert result.returncode != 0
    assert "published in Iskra's source" in result.stderr

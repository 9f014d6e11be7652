"""Production is the default mode, and it starts only when it is configured safely."""

import base64
import json
import os
import secrets
import subprocess
import sys

import pytest


def run_iskra(*args, tmp_path, **env):
    """`iskra <args>` in a fresh process with production settings plus `env`."""
    # Nothing of the test run leaks in: no ISKRA_* variables, and not the async escape hatch
    # that the browser tests set (the deploy check rightly refuses it).
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("ISKRA_") and name != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    environment["ISKRA_DATA_DIR"] = str(tmp_path)
    for name, file_name in [
        ("ISKRA_DATA_KEY_FILE", "data.key"),
        ("ISKRA_BLIND_INDEX_KEY_FILE", "blind-index.key"),
    ]:
        key_file = tmp_path / file_name
        key_file.write_text(base64.urlsafe_b64encode(os.urandom(32)).decode() + "\n")
        environment[name] = str(key_file)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "iskra.manage", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_deploy_check_passes_with_production_settings(tmp_path):
    result = run_iskra(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        ISKRA_SECRET_KEY=secrets.token_urlsafe(50),
        ISKRA_ALLOWED_HOSTS="iskra.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_catches_a_weak_secret_key(tmp_path):
    result = run_iskra(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        ISKRA_SECRET_KEY="short",
        ISKRA_ALLOWED_HOSTS="iskra.example.org",
    )
    assert result.returncode != 0
    assert "ISKRA_SECRET_KEY must be at least 50 characters" in result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_iskra("check", tmp_path=tmp_path, ISKRA_ALLOWED_HOSTS="iskra.example.org")
    assert result.returncode != 0
    assert "ISKRA_SECRET_KEY (or ISKRA_SECRET_KEY_FILE) is required in production" in (
        result.stderr
    )


def test_the_secret_key_may_come_from_a_file(tmp_path):
    key_file = tmp_path / "secret-key"
    key_file.write_text(secrets.token_urlsafe(50) + "\n")
    result = run_iskra(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        ISKRA_SECRET_KEY_FILE=str(key_file),
        ISKRA_ALLOWED_HOSTS="iskra.example.org",
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("ISKRA_DEBUG", "maybe", "ISKRA_DEBUG must be one of"),
        ("ISKRA_SESSION_HOURS", "twelve", "ISKRA_SESSION_HOURS must be a whole number"),
        ("ISKRA_TASKS_BACKEND", "celery", "ISKRA_TASKS_BACKEND must be one of"),
    ],
)
def test_nonsense_in_the_environment_stops_the_start(name, value, message, tmp_path):
    result = run_iskra(
        "check", tmp_path=tmp_path, ISKRA_SECRET_KEY=secrets.token_urlsafe(50), **{name: value}
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_old_secret_keys_are_read_as_fallbacks(tmp_path):
    result = run_iskra(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY_FALLBACKS)",
        tmp_path=tmp_path,
        ISKRA_SECRET_KEY=secrets.token_urlsafe(50),
        ISKRA_SECRET_KEY_FALLBACKS="old-key-one, old-key-two",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "['old-key-one', 'old-key-two']"


def test_production_defaults_are_the_safe_ones(tmp_path):
    result = run_iskra(
        "shell",
        "-c",
        "import json; from django.conf import settings as s; print(json.dumps(["
        "s.DEBUG, s.PASSWORD_HASHERS[0], s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS,"
        " s.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN, s.CACHES['default']['BACKEND']]))",
        tmp_path=tmp_path,
        ISKRA_SECRET_KEY=secrets.token_urlsafe(50),
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [
        False,
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        True,
        True,
        True,
        True,
        31536000,
        False,
        "django.core.cache.backends.db.DatabaseCache",
    ]


def test_argon2_hashes_work(settings):
    from django.contrib.auth.hashers import check_password, make_password

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    hashed = make_password("a long passphrase", hasher="argon2")
    assert hashed.startswith("argon2$argon2id$")
    assert check_password("a long passphrase", hashed)


@pytest.mark.parametrize("missing", ["ISKRA_DATA_KEY_FILE", "ISKRA_BLIND_INDEX_KEY_FILE"])
def test_production_refuses_to_start_without_the_data_keys(missing, tmp_path):
    result = run_iskra(
        "check", tmp_path=tmp_path, ISKRA_SECRET_KEY=secrets.token_urlsafe(50), **{missing: ""}
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "ISKRA_DATA_KEY_FILE and ISKRA_BLIND_INDEX_KEY_FILE are required" in result.stderr


KEEPS_CONNECTION = """
import io
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
handler = WSGIHandler()
opened = []
for _ in range(3):
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/healthz", "SERVER_NAME": "localhost",
               "SERVER_PORT": "443", "HTTP_HOST": "localhost", "wsgi.url_scheme": "https",
               "wsgi.input": io.BytesIO()}
    response = handler(environ, lambda status, headers: None)
    response.close()  # as gunicorn does: request_finished, where Django closes old connections
    assert response.status_code == 200, response.status_code
    opened.append(id(connection.connection) if connection.connection is not None else None)
print(opened)
"""


def test_served_requests_keep_their_sqlite_connection(tmp_path):
    """A request that opens SQLite again pays for it: the schema read again and an empty page
    cache, about 4 ms of a 6 ms page through gunicorn (docs/benchmarks.md). Served requests
    keep their connection, as on PostgreSQL; the test goes through Django's WSGI handler,
    not the test client (which never closes connections)."""
    env = {
        "ISKRA_SECRET_KEY": secrets.token_urlsafe(50),
        "ISKRA_ALLOWED_HOSTS": "localhost",
        # SQLite, also when the suite runs on PostgreSQL.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'iskra.sqlite3'}",
    }
    assert run_iskra("migrate", "--verbosity", "0", tmp_path=tmp_path, **env).returncode == 0
    result = run_iskra("shell", "-c", KEEPS_CONNECTION, tmp_path=tmp_path, **env)
    assert result.returncode == 0, result.stderr
    opened = json.loads(result.stdout.strip().splitlines()[-1].replace("None", "null"))
    assert opened[0] is not None and opened == [opened[0]] * 3

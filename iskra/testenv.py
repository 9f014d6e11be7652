"""Loaded by pytest before Django starts (see `addopts` in pyproject.toml): the test
environment runs in explicit development mode with throwaway keys. DATABASE_URL chooses
the database, as everywhere; `make test` runs the suite once on SQLite and once on
PostgreSQL when ISKRA_TEST_DATABASE_URL is set."""

import base64
import os
import tempfile
from pathlib import Path

_data_dir = Path(tempfile.mkdtemp(prefix="iskra-test-"))
(_data_dir / "static").mkdir()
os.environ.setdefault("ISKRA_DEBUG", "1")
# Throwaway keys for the contacts' protected fields: new for every test run.
for _name, _file_name in [
    ("ISKRA_DATA_KEY_FILE", "data.key"),
    ("ISKRA_BLIND_INDEX_KEY_FILE", "blind-index.key"),
]:
    if not os.environ.get(_name):
        (_data_dir / _file_name).write_text(base64.urlsafe_b64encode(os.urandom(32)).decode())
        os.environ[_name] = str(_data_dir / _file_name)
os.environ.setdefault("ISKRA_SECRET_KEY", "test-secret-key-not-for-production-0123456789")
os.environ.setdefault("ISKRA_DATA_DIR", str(_data_dir))
os.environ.setdefault("ISKRA_TASKS_BACKEND", "immediate")
os.environ.setdefault("ISKRA_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

"""Backups from the web: a superuser starts `iskra backup` as a job to the configured
recipients, watches it, and sees the backups of the folder listed; nothing there decrypts
them. Run in a separate instance (a real database file to back up)."""

import json

import pyrage
import pytest

from conftest import client_for
from iskra.reliability.tests.helpers import Instance

SCRIPT = """
import json
from django.test import Client
from conftest import make_user
from iskra.audit.models import LogEntry
from iskra.reliability.models import Job

admin = make_user("root", two_factor=True)
admin.is_superuser = True
admin.save()
client = Client(HTTP_HOST="localhost")
client.force_login(admin)
before = client.get("/jobs/backups/").content.decode()
started = client.post("/jobs/backups/start/")
job = Job.objects.get()
result = client.get(started["Location"]).content.decode()
after = client.get("/jobs/backups/").content.decode()
print(json.dumps({
    "before": before, "location": started["Location"], "result": result, "after": after,
    "state": job.state, "done": job.done, "total": job.total, "file": job.result.get("file"),
    "audit": sorted(LogEntry.objects.filter(action__startswith="reliability.backup")
                    .values_list("action", flat=True)),
}))
"""


@pytest.fixture
def instance(tmp_path, db):
    made = Instance(tmp_path, "backup_web")
    yield made
    made.drop()


def test_a_superuser_takes_a_backup_from_the_web(instance, tmp_path):
    identity = pyrage.x25519.Identity.generate()
    folder = tmp_path / "backups"
    folder.mkdir()
    # An identity left in the folder by mistake is not a backup: never listed, never shown.
    (folder / "identity.txt").write_text(str(identity))
    instance.run("migrate", "--verbosity", "0")
    output = instance.run(
        "shell",
        "-c",
        SCRIPT,
        ISKRA_BACKUP_DIR=str(folder),
        ISKRA_BACKUP_RECIPIENTS=str(identity.to_public()),
    ).stdout
    seen = json.loads(output.strip().splitlines()[-1])
    assert "None yet." in seen["before"] and "Take a backup now" in seen["before"]
    assert seen["location"].startswith("/jobs/") and seen["state"] == "done"
    assert (seen["done"], seen["total"]) == (3, 3)
    name = seen["file"]
    assert name.startswith("iskra-") and name.endswith(".age")
    assert f"Written: {name}" in seen["result"] and name in seen["after"]
    assert seen["audit"] == ["reliability.backup.started", "reliability.backup.written"]
    for page in (seen["before"], seen["result"], seen["after"]):
        assert "identity.txt" not in page and "AGE-SECRET-KEY" not in page
        assert "/download/" not in page
    # The backup opens with the identity kept off the server, and only with it.
    sealed = (folder / name).read_bytes()
    assert pyrage.decrypt(sealed, [identity])[:512]
    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(sealed, [pyrage.x25519.Identity.generate()])


def test_nobody_else_may_see_or_start_backups(organizer, centre):
    for user in (organizer, centre):
        client = client_for(user)
        assert client.get("/jobs/backups/").status_code == 404
        assert client.post("/jobs/backups/start/").status_code == 404

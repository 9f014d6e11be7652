"""The web server killed (`SIGKILL`, master and worker) in the middle of saving an outing: what
is left is either the whole outing, with its copies, people met, their conversations, its
money and the books' postings, or nothing of it. The kill is aimed: the server is frozen
while its write transaction is open (SQLite's write lock held, or a PostgreSQL backend with a
transaction id), checked to be still inside it, then killed. The same form posted again to a
new server is saved whole, so the form itself was a valid outing."""

import importlib.util
import os
import signal
import sqlite3
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import requests
from django.db import connection

from iskra.reliability.tests.helpers import ISKRA, Instance, free_port

_spec = importlib.util.spec_from_file_location(
    "loadtest_forms", Path(__file__).resolve().parents[3] / "loadtest" / "forms.py"
)
assert _spec is not None and _spec.loader is not None
_forms = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_forms)

PASSWORD = "crash test password 1917"  # noqa: S105 - a throwaway database's account
PEOPLE = 50  # the form's most; their contacts and conversations make the transaction long
SETUP = f"""
from django.contrib.auth import get_user_model
from iskra.network.models import Role
from iskra.network.services import collective_create, membership_create
from iskra.people.services import ensure_stages
from iskra.press import services as press
from iskra.press.tests.conftest import publish_issue
from iskra.press.tests.factories import make_article, make_editor, make_issue, make_publication
ensure_stages()
root = collective_create(actor=None, name="International", slug="international",
                         kind="international", languages=["en"])
city = collective_create(actor=None, name="Los Angeles", slug="los-angeles", kind="city",
                         parent=root, country="US", time_zone="America/Los_Angeles",
                         languages=["en"])
editor = make_editor(city)
paper = make_publication(editor, city, languages=["en"], names={{"en": "Red Banner"}})
issue = make_issue(editor, paper)
article = make_article(editor, paper)
press.placement_add(actor=editor, issue=issue, article=article, page=1, is_lead=True)
press.article_set_state(actor=editor, article=article, state="review")
press.article_set_state(actor=editor, article=article, state="approved")
publish_issue(editor, issue)
member = get_user_model().objects.create_user(username="bob", password="{PASSWORD}")
membership_create(actor=None, user=member, collective=city, role=Role.MEMBER)
"""
# Tables a request may write outside the outing's transaction (the session, its activity).
SESSION_TABLES = {"django_session", "usersessions_usersession"}
OUTING_TABLES = {
    "distribution_outing",
    "distribution_outingline",
    "distribution_outingmoney",
    "distribution_outingcontact",
    "people_contact",
    "people_conversation",
    "audit_logentry",
}


class Server:
    def __init__(self, instance: Instance, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        with open(log, "a") as output:
            self.process = subprocess.Popen(  # noqa: S603 - our own command
                [*ISKRA, "serve", "--host", "127.0.0.1", "--port", str(self.port),
                 "--workers", "1", "--threads", "2"],
                env=instance.environment(ISKRA_TASKS_BACKEND="immediate"),
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        deadline = time.monotonic() + 120
        while True:
            try:
                if requests.get(f"{self.url}/healthz", timeout=5).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            assert self.process.poll() is None, log.read_text()[-3000:]
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.3)

    def signal(self, number: int) -> None:
        os.killpg(self.process.pid, number)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.signal(signal.SIGKILL)
        self.process.wait(timeout=30)


def _browser(server: Server) -> requests.Session:
    browser = requests.Session()
    page = browser.get(f"{server.url}/accounts/login/", timeout=30)
    form = _forms.form_on(page.text, "login")
    assert form is not None
    fields = {**form["fields"], "login": "bob", "password": PASSWORD}
    answer = browser.post(f"{server.url}/accounts/login/", fields, timeout=30)
    assert "/accounts/" not in answer.url, "the member could not sign in"
    return browser


def _outing_form(browser: requests.Session, server: Server) -> tuple[str, dict[str, Any]]:
    url = f"{server.url}/distribution/los-angeles/outings/new/"
    form = _forms.form_on(browser.get(url, timeout=30).text, "place")
    assert form is not None
    fields = _forms.outing_fields(form["fields"], "Gate 4, Harbor plant")
    copies = [name for name in fields if name.startswith("copies_")]
    assert copies, "the form offers no issue to hand out"
    fields[copies[0]] = "40"
    fields.update({"money-TOTAL_FORMS": "1", "money-0-amount": "12.50", "money-0-kind": "donation"})
    fields["met-TOTAL_FORMS"] = str(PEOPLE)
    for number in range(PEOPLE):
        fields[f"met-{number}-name"] = f"Worker {number}"
        fields[f"met-{number}-cares"] = "overtime, safety"
        fields[f"met-{number}-note"] = f"Took the paper at gate 4, talked about the line {number}."
    return url, fields


def _writing(instance: Instance) -> bool:
    """Whether a write transaction is open in the server right now."""
    if connection.vendor == "postgresql":
        rows = instance.query(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
        )
        return bool(rows[0][0])
    probe = sqlite3.connect(instance.path, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        assert "locked" in str(error)
        return True
    else:
        probe.execute("ROLLBACK")
        return False
    finally:
        probe.close()


def _changed(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {
        table: after.get(table, 0) - count
        for table, count in before.items()
        if after.get(table, 0) != count and table not in SESSION_TABLES
    }


@pytest.fixture
def instance(tmp_path, db):
    made = Instance(tmp_path, "crashweb")
    made.run("migrate", "--verbosity", "0")
    made.run("shell", "-c", SETUP)
    yield made
    made.drop()


def test_a_server_killed_while_saving_an_outing_leaves_all_or_nothing(instance, tmp_path):
    log = tmp_path / "server.log"
    server = Server(instance, log)
    try:
        browser = _browser(server)
        url, fields = _outing_form(browser, server)
        before = instance.counts()
        answers: list[Any] = []

        def post() -> None:
            try:
                answers.append(browser.post(url, fields, timeout=60, allow_redirects=False))
            except requests.RequestException as error:
                answers.append(error)

        poster = threading.Thread(target=post)
        poster.start()
        # Aim: a write held for a while is the outing's own transaction (the session's writes
        # last a millisecond); freeze the server there and check it is still inside it.
        deadline = time.monotonic() + 60
        held_since = None
        while True:
            assert not answers, f"the outing was saved before the kill: {answers}"
            assert time.monotonic() < deadline, "the server never wrote the outing"
            if _writing(instance):
                held_since = held_since or time.monotonic()
                if time.monotonic() - held_since > 0.1:
                    server.signal(signal.SIGSTOP)
                    if _writing(instance):
                        break
                    server.signal(signal.SIGCONT)
                    held_since = None
            else:
                held_since = None
            time.sleep(0.005)
        server.signal(signal.SIGKILL)
        poster.join(timeout=60)
        server.stop()
        assert isinstance(answers[0], requests.RequestException), answers
        deadline = time.monotonic() + 30
        while _writing(instance):  # PostgreSQL rolls back once it sees the client gone
            assert time.monotonic() < deadline
            time.sleep(0.1)
        assert _changed(before, instance.counts()) == {}, "part of the outing was stored"
        if connection.vendor == "sqlite":
            assert instance.query("PRAGMA integrity_check") == [("ok",)]

        # The same outing, posted again to a new server, is saved whole.
        server = Server(instance, log)
        answer = browser.post(url.replace(url.split("/distribution")[0], server.url), fields,
                              timeout=120, allow_redirects=False)  # fmt: skip
        assert answer.status_code == 302, _forms.form_errors(answer.text)
        changed = _changed(before, instance.counts())
        assert set(changed) >= OUTING_TABLES, changed
        assert changed["distribution_outing"] == 1
        assert changed["distribution_outingline"] == 1
        assert changed["people_contact"] == PEOPLE
        assert changed["distribution_outingcontact"] == PEOPLE
        assert changed["people_conversation"] == PEOPLE
        assert any(table.startswith("finance_") for table in changed), changed
    finally:
        server.stop()

"""Killing the worker (SIGKILL) in the middle of an email edition and starting it again:
every subscriber receives exactly one copy, through a real SMTP server."""

import asyncio
import email
import os
import signal
import subprocess
import time
from email import policy

import pytest
from aiosmtpd.controller import Controller

from iskra.reliability.tests.helpers import ISKRA, Instance, free_port

SUBSCRIBERS = 12
KILL_AT = 5
NEWSROOM = f"""
from iskra.network.services import collective_create
from iskra.press import editions, services
from iskra.press.tests.conftest import publish_issue
from iskra.press.tests.factories import make_article, make_editor, make_issue, make_publication

root = collective_create(actor=None, name="International", slug="international",
                         kind="international", languages=["en", "es"])
city = collective_create(actor=None, name="Los Angeles", slug="los-angeles", kind="city",
                         parent=root, country="US", languages=["en", "es"])
editor = make_editor(city)
paper = make_publication(editor, city)
article = make_article(editor, paper, title="Dockers strike", body="They walked out.")
issue = make_issue(editor, paper)
services.placement_add(actor=editor, issue=issue, article=article, page=1, is_lead=True)
services.article_set_state(actor=editor, article=article, state="review")
services.article_set_state(actor=editor, article=article, state="approved")
publish_issue(editor, issue)
for number in range({SUBSCRIBERS}):
    subscriber = services.subscriber_signup(
        publication=paper, email=f"reader{{number}}@example.org", language="en"
    )
    services.subscriber_confirm(subscriber=subscriber)
editions.edition_send(actor=editor, issue=issue, base_url="https://paper.example.org")
"""


class KillingInbox:
    """Keeps every message; at the KILL_AT-th recipient, kills the worker sending it."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.recipients_seen = 0
        self.worker_pid: int | None = None

    async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802
        self.recipients_seen += 1
        if self.recipients_seen == KILL_AT and self.worker_pid:
            os.kill(self.worker_pid, signal.SIGKILL)
            await asyncio.sleep(3)  # no answer: the worker dies waiting for it
            return "451 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


@pytest.fixture
def instance(tmp_path, db):
    made = Instance(tmp_path, "worker")
    yield made
    made.drop()


def test_a_killed_worker_resumes_and_every_subscriber_gets_one_copy(instance):
    inbox = KillingInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        mail = {
            "ISKRA_TASKS_BACKEND": "database",
            "ISKRA_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "ISKRA_SMTP_HOST": "127.0.0.1",
            "ISKRA_SMTP_PORT": str(controller.port),
        }
        instance.run("migrate", "--verbosity", "0")
        # Sign-up confirmations go nowhere (console); the edition is queued for the worker.
        instance.run("shell", "-c", NEWSROOM, ISKRA_TASKS_BACKEND="database")
        worker = subprocess.Popen(  # noqa: S603 - our own command
            [*ISKRA, "worker", "--interval", "0.2"],
            env=instance.environment(**mail),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        inbox.worker_pid = worker.pid
        assert worker.wait(timeout=300) == -signal.SIGKILL
        assert len(inbox.messages) == KILL_AT - 1
        # The job is left "running" by the dead worker; a new worker runs it again.
        instance.run("worker", "--batch", "--interval", "0.2", **mail)
        time.sleep(0.2)
    finally:
        controller.stop()
    copies = sorted(message["To"] for message in inbox.messages)
    assert copies == sorted(f"reader{number}@example.org" for number in range(SUBSCRIBERS))
    states = instance.query("SELECT state, COUNT(*) FROM press_emaildelivery GROUP BY state")
    assert states == [("sent", SUBSCRIBERS)]
    # The editor's job, taken over by the new worker, ends done with every copy counted
    # (publishing also queued the print editions' job, which the first worker ran).
    assert instance.query(
        "SELECT state, done, total FROM reliability_job"
        " WHERE runner = 'iskra.press.editions.edition_runner'"
    ) == [("done", SUBSCRIBERS, SUBSCRIBERS)]
    assert instance.query(
        "SELECT state FROM reliability_job WHERE runner = 'iskra.press.jobs.editions_runner'"
    ) == [("done",)]

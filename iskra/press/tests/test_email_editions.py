"""Email editions through a real SMTP server (aiosmtpd) in the test: double opt-in, each
subscriber receives the issue once, HTML and text, with List-Unsubscribe headers; one-click
unsubscribe works; a crash mid-send resumes without sending anything twice."""

import email
import re
import smtplib
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller
from asgiref.sync import sync_to_async
from django.core import mail
from django.db import connections
from django.test import Client
from django.urls import reverse

from conftest import client_for
from iskra.core.errors import DomainError
from iskra.people import crypto
from iskra.press import editions, services
from iskra.press.models import EmailDelivery, Subscriber
from iskra.press.tests.factories import make_editor
from iskra.reliability import jobs
from iskra.reliability.models import Job


class Inbox:
    """An SMTP handler that keeps every message, and can be told to refuse after n of them."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.refuse_after: int | None = None
        self.after_each = lambda count: None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's API
        if self.refuse_after is not None and len(self.messages) >= self.refuse_after:
            return "421 Service not available, closing transmission channel"
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        await sync_to_async(self._after, thread_sensitive=False)(len(self.messages))
        return "250 Message accepted for delivery"

    def _after(self, count: int) -> None:
        try:
            self.after_each(count)
        finally:
            connections.close_all()  # this thread's own connections, so none outlives the test

    def recipients(self) -> list[str]:
        return sorted(message["To"] for message in self.messages)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield inbox
    controller.stop()


def subscribe(newsroom, address, language="en"):
    subscriber = services.subscriber_signup(
        publication=newsroom.paper, email=address, language=language
    )
    return services.subscriber_confirm(subscriber=subscriber)


def test_public_sign_up_is_double_opt_in(newsroom, smtp):
    client = Client()
    response = client.post("/p/red-banner/subscribe/", {"email": "Rosa@Example.org"})
    assert response.status_code == 200
    assert b"Check your email" in response.content
    subscriber = Subscriber.objects.get(email_index=crypto.email_index("rosa@example.org"))
    assert subscriber.state == Subscriber.State.PENDING
    assert len(smtp.messages) == 1
    body = smtp.messages[0].get_body(("plain",)).get_content()
    link = re.search(r"http://testserver(/p/confirm/\S+/)", body).group(1)
    # Opening the link only asks; a scanner following links confirms nothing.
    assert client.get(link).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.state == Subscriber.State.PENDING
    client.post(link)
    subscriber.refresh_from_db()
    assert subscriber.state == Subscriber.State.ACTIVE
    # Signing up again says the same and sends nothing more to an active subscriber.
    again = client.post("/p/red-banner/subscribe/", {"email": "rosa@example.org"})
    assert b"Check your email" in again.content
    assert len(smtp.messages) == 1


def test_a_forged_or_bad_address_is_refused(newsroom, client):
    assert client.get("/p/confirm/not-a-token/").status_code == 404
    assert client.post("/p/unsubscribe/1:forged/").status_code == 404
    response = client.post("/p/red-banner/subscribe/", {"email": "not an address"})
    assert response.status_code == 400
    assert b"Enter a valid email address" in response.content


def test_each_subscriber_receives_the_issue_once(newsroom, smtp):
    subscribe(newsroom, "ana@example.org")
    subscribe(newsroom, "beto@example.org", language="es")
    services.subscriber_signup(
        publication=newsroom.paper, email="pending@example.org", language="en"
    )
    counts = editions.deliver(issue=newsroom.issue, base_url="https://paper.example.org")
    assert counts == {"sent": 2, "failed": 0, "skipped": 0}
    assert smtp.recipients() == ["ana@example.org", "beto@example.org"]
    english = next(m for m in smtp.messages if m["To"] == "ana@example.org")
    spanish = next(m for m in smtp.messages if m["To"] == "beto@example.org")
    assert english["Subject"] == "Red Banner, no. 1"
    assert english["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.fullmatch(
        r"<https://paper\.example\.org(/p/unsubscribe/\S+/)>", english["List-Unsubscribe"].strip()
    )
    assert unsubscribe, english["List-Unsubscribe"]
    assert "Dockers strike for safety" in english.get_body(("html",)).get_content()
    assert "Dockers walked out at dawn." in english.get_body(("plain",)).get_content()
    assert "Huelga de los estibadores" in spanish.get_body(("plain",)).get_content()
    assert "SECRET" not in english.as_string() and "SECRETO" not in spanish.as_string()
    # Sending again sends nothing: every row is marked sent.
    assert editions.deliver(issue=newsroom.issue, base_url="https://paper.example.org")["sent"] == 0
    assert len(smtp.messages) == 2

    # One-click unsubscribe, as a mail program does it: a POST without any cookie or token.
    response = Client(enforce_csrf_checks=True).post(
        unsubscribe.group(1), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert (
        Subscriber.objects.get(email_index=crypto.email_index("ana@example.org")).state
        == Subscriber.State.UNSUBSCRIBED
    )


def test_a_crash_mid_send_resumes_without_duplicates(newsroom, smtp):
    addresses = [f"reader{index}@example.org" for index in range(7)]
    for address in addresses:
        subscribe(newsroom, address)
    smtp.refuse_after = 3
    with pytest.raises(smtplib.SMTPException):
        editions.deliver(issue=newsroom.issue, base_url="https://paper.example.org", batch_size=2)
    assert len(smtp.messages) == 3
    states = EmailDelivery.objects.filter(issue=newsroom.issue).values_list("state", flat=True)
    assert sorted(states).count("sent") == 3

    smtp.refuse_after = None  # the server is back; the job runs again
    counts = editions.deliver(
        issue=newsroom.issue, base_url="https://paper.example.org", batch_size=2
    )
    assert counts["sent"] == 4
    assert smtp.recipients() == sorted(addresses)  # each exactly once
    assert len({message["Message-ID"] for message in smtp.messages}) == 7


def test_the_editor_sends_from_the_issue_page(
    newsroom, smtp, detroit, django_capture_on_commit_callbacks
):
    subscribe(newsroom, "ana@example.org")
    url = f"/press/red-banner/{newsroom.issue.number}/send/"
    outsider_editor = make_editor(detroit, "dede")
    assert client_for(outsider_editor).post(url).status_code == 404
    assert smtp.messages == []
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(newsroom.editor).post(url)
    job = Job.objects.get(runner="iskra.press.editions.edition_runner")
    assert response["Location"] == reverse("reliability:job", args=[job.pk])
    assert smtp.recipients() == ["ana@example.org"]  # the immediate backend ran the job
    assert job.state == Job.State.DONE and (job.done, job.total) == (1, 1)
    page = client_for(newsroom.editor).get(response["Location"]).content.decode()
    assert "1 copy sent." in page and "ana@example.org" not in page
    assert client_for(outsider_editor).get(response["Location"]).status_code == 404
    unpublished = f"/press/red-banner/{newsroom.unpublished_issue.number}/send/"
    with django_capture_on_commit_callbacks(execute=True):
        client_for(newsroom.editor).post(unpublished)
    assert len(smtp.messages) == 1


def test_a_subscriber_who_left_meanwhile_is_skipped(newsroom):
    subscriber = subscribe(newsroom, "gone@example.org")
    editions.prepare_deliveries(newsroom.issue)
    services.subscriber_unsubscribe(subscriber=subscriber)
    counts = editions.deliver(issue=newsroom.issue, base_url="https://paper.example.org")
    assert counts == {"sent": 0, "failed": 0, "skipped": 1}
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_a_cancelled_edition_stops_and_sending_again_sends_only_the_rest(
    newsroom, smtp, monkeypatch
):
    monkeypatch.setattr(jobs, "PROGRESS_EVERY_SECONDS", 0)  # every message checks the cancel
    addresses = [f"reader{index}@example.org" for index in range(7)]
    for address in addresses:
        subscribe(newsroom, address)
    base_url = "https://paper.example.org"

    def press_cancel_after_the_third(count: int) -> None:
        if count == 3:
            running = Job.objects.get(state=Job.State.RUNNING)
            jobs.job_cancel(actor=newsroom.editor, job=running)

    smtp.after_each = press_cancel_after_the_third
    # The immediate backend runs the job in this call, as a worker would.
    job = editions.edition_send(actor=newsroom.editor, issue=newsroom.issue, base_url=base_url)
    job.refresh_from_db()
    assert job.state == Job.State.CANCELLED and (job.done, job.total) == (3, 7)
    assert len(smtp.messages) == 3
    page = client_for(newsroom.editor).get(reverse("reliability:job", args=[job.pk]))
    assert "Stopped: 3 of 7 subscribers have it." in page.content.decode()

    smtp.after_each = lambda count: None
    again = editions.edition_send(actor=newsroom.editor, issue=newsroom.issue, base_url=base_url)
    again.refresh_from_db()
    assert again.state == Job.State.DONE and again.result["sent"] == 4
    assert smtp.recipients() == sorted(addresses)  # each exactly once


def test_an_issue_being_sent_is_not_sent_twice_at_once(newsroom, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    base_url = "https://paper.example.org"
    editions.edition_send(actor=newsroom.editor, issue=newsroom.issue, base_url=base_url)
    with pytest.raises(DomainError, match="being sent already"):
        editions.edition_send(actor=newsroom.editor, issue=newsroom.issue, base_url=base_url)
    Job.objects.update(state=Job.State.DONE)
    editions.edition_send(actor=newsroom.editor, issue=newsroom.issue, base_url=base_url)

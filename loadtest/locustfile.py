"""Iskra's load test (Locust): organizers and members who log in with their second factor,
read contacts and follow-ups, add contacts and conversations and log outings; public readers
on the site and its feed. CSRF stays on: every form is read first and posted back with its
token, as a browser does. Run by `make loadtest` (loadtest/run.py), which starts the server,
gives the accounts in LOADTEST_ACCOUNTS and checks afterwards that every write reported here
as successful is in the database (LOADTEST_WRITES, one JSON line per write)."""

import base64
import hashlib
import hmac
import json
import os
import random
import re
import struct
import time
import uuid
from itertools import count
from typing import Any

from forms import dues_fields, form_errors, form_on, outing_fields, select_options
from locust import HttpUser, between, task

SETUP = json.loads(open(os.environ["LOADTEST_ACCOUNTS"]).read())  # noqa: SIM115
WRITES = os.environ["LOADTEST_WRITES"]
_accounts = {role: count() for role in ("organizer", "member", "treasurer")}


def totp(secret: str, at: float | None = None) -> str:
    key = base64.b32decode(secret)
    counter = struct.pack(">Q", int((at or time.time()) // 30))
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


def record(kind: str, **values: Any) -> None:
    with open(WRITES, "a") as writes:
        writes.write(json.dumps({"kind": kind, **values}) + "\n")


class SignedIn(HttpUser):
    """Someone of the city who signs in with password and TOTP code, then works."""

    abstract = True
    wait_time = between(1, 4)
    role = "organizer"

    def on_start(self) -> None:
        self.client.verify = False  # the run's self-signed certificate
        number = next(_accounts[self.role])
        accounts = [a for a in SETUP["accounts"] if a["role"] == self.role]
        self.account = accounts[number % len(accounts)]
        self.city = SETUP["city"]
        self.mine: list[int] = []
        self.contact_ids: list[int] = []
        self.login()

    def post(self, url: str, fields: dict[str, Any], **options: Any) -> Any:
        """As a browser posts a form: with the page it came from as Referer (Django's CSRF
        check demands it over HTTPS)."""
        referer = url if url.startswith("http") else self.host + url
        return self.client.post(url, fields, headers={"Referer": referer}, **options)

    def login(self) -> None:
        page = self.client.get("/accounts/login/", name="login form")
        form = form_on(page.text, "login")
        if form is None:
            raise RuntimeError("no login form")
        fields = {**form["fields"], "login": self.account["username"], "password": SETUP["password"]}
        response = self.post("/accounts/login/", fields, name="login")
        form = form_on(response.text, "code")
        if form is None:
            raise RuntimeError("no two-factor form after the password")
        # One code per 30 s window and account: wait for a fresh window if needed.
        response = self.post(
            response.url, {**form["fields"], "code": totp(self.account["secret"])}, name="login code"
        )
        if "/accounts/" in response.url:
            raise RuntimeError(f"two-factor login failed for {self.account['username']}")


class Organizer(SignedIn):
    """An organizer of the city: follow-ups, contacts, conversations, outings."""

    weight = 3
    role = "organizer"

    @task(3)
    def followups(self) -> None:
        self.client.get("/people/followups/", name="follow-ups")

    @task(3)
    def contact_list(self) -> None:
        response = self.client.get(f"/people/c/{self.city}/", name="contact list")
        found = [int(pk) for pk in re.findall(r'href="/people/contact/(\d+)/"', response.text)]
        if found:
            self.contact_ids = found[:50]

    @task(2)
    def contact_page(self) -> None:
        if self.contact_ids:
            pk = random.choice(self.contact_ids)
            self.client.get(f"/people/contact/{pk}/", name="contact page")

    @task(1)
    def add_contact(self) -> None:
        url = f"/people/c/{self.city}/add/"
        form = form_on(self.client.get(url, name="add contact form").text, "display_name")
        if form is None:
            return
        marker = f"LT-{uuid.uuid4().hex[:10]}"
        fields = {**form["fields"], "display_name": marker, "add_anyway": "1"}
        with self.post(url, fields, name="add contact", catch_response=True, allow_redirects=False) as response:
            if response.status_code == 302:
                record("contact", name=marker)
                match = re.search(r"/people/contact/(\d+)/", response.headers.get("Location", ""))
                if match:
                    self.mine.append(int(match.group(1)))
                response.success()
            else:
                problems = form_errors(response.text)
                response.failure(f"add contact answered {response.status_code}: {problems}")

    @task(1)
    def add_conversation(self) -> None:
        if not self.mine:
            return
        pk = random.choice(self.mine)
        url = f"/people/contact/{pk}/conversation/"
        form = form_on(self.client.get(url, name="conversation form").text, "happened_on")
        if form is None:
            return
        fields = {**form["fields"], "note": "Talked about the strike fund."}
        with self.post(url, fields, name="add conversation", catch_response=True, allow_redirects=False) as response:
            if response.status_code == 302:
                record("conversation", contact=pk)
                response.success()
            else:
                problems = form_errors(response.text)
                response.failure(f"add conversation answered {response.status_code}: {problems}")

    @task(1)
    def log_outing(self) -> None:
        url = f"/distribution/{self.city}/outings/new/"
        page = self.client.get(url, name="outing form")
        form = form_on(page.text, "place")
        if form is None:
            return
        marker = f"LT-{uuid.uuid4().hex[:10]}"
        fields = outing_fields(form["fields"], marker)
        with self.post(url, fields, name="log outing", catch_response=True, allow_redirects=False) as response:
            if response.status_code == 302:
                record("outing", place=marker)
                response.success()
            else:
                problems = form_errors(response.text)
                response.failure(f"log outing answered {response.status_code}: {problems}")


class Member(Organizer):
    weight = 3
    role = "member"


class Treasurer(SignedIn):
    """A treasurer of the city: reads the dues list and the books, records dues paid in cash."""

    weight = 1
    role = "treasurer"

    @task(3)
    def dues_list(self) -> None:
        self.client.get(f"/finance/{self.city}/dues/", name="dues list")

    @task(1)
    def books(self) -> None:
        self.client.get(f"/finance/{self.city}/", name="books")

    @task(2)
    def record_dues(self) -> None:
        url = f"/finance/{self.city}/dues/"
        page = self.client.get(url, name="dues list")
        form = form_on(page.text, "amount")
        members = select_options(page.text, "member")
        if form is None or not members:
            return
        member = random.choice(members)
        amount_minor = random.randint(100_000, 9_999_999)  # with the member, this payment's mark
        fields = dues_fields(form["fields"], member, amount_minor)
        with self.post(url, fields, name="record dues", catch_response=True, allow_redirects=False) as response:
            if response.status_code == 302:
                record("dues", member=int(member), amount_minor=amount_minor)
                response.success()
            else:
                problems = form_errors(response.text)
                response.failure(f"record dues answered {response.status_code}: {problems}")


class PublicReader(HttpUser):
    """A reader of the public site: the home page, the publication, an issue, the feed."""

    weight = 2
    wait_time = between(1, 5)

    def on_start(self) -> None:
        self.client.verify = False

    @task(2)
    def home(self) -> None:
        self.client.get("/p/", name="public home")

    @task(2)
    def issue(self) -> None:
        self.client.get(f"/p/{SETUP['publication']}/{SETUP['issue']}/en/", name="public issue")

    @task(1)
    def feed(self) -> None:
        self.client.get(f"/p/{SETUP['publication']}/en/atom.xml", name="public feed")

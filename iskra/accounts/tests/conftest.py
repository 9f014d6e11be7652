"""Helpers for signing in through allauth's real pages, the way a browser does."""

import time
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client

from conftest import PASSWORD


def totp_code(secret: str, at: float | None = None) -> str:
    """The code an authenticator app shows for `secret` now (or at the time `at`)."""
    counter = int(time.time() if at is None else at) // 30
    return format_hotp_value(hotp_value(secret, counter))


def password_step(client: Client, username: str, password: str = PASSWORD) -> Any:
    return client.post("/accounts/login/", {"login": username, "password": password})


def code_step(client: Client, code: str) -> Any:
    return client.post("/accounts/2fa/authenticate/", {"code": code})


@pytest.fixture
def frozen_totp(monkeypatch: pytest.MonkeyPatch) -> float:
    """Hold allauth's TOTP clock at one 30-second step, so that a test cannot straddle two."""
    from allauth.mfa.totp.internal import auth

    now = time.time()
    monkeypatch.setattr(auth, "yield_hotp_counters_from_time", lambda: iter([int(now) // 30]))
    return now

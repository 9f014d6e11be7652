"""The shared cast of every test (see STYLE.md):

- `international`, `usa`, `los_angeles`, `detroit`, `detroit_plant`: the collective tree;
- `organizer` (Los Angeles organizer), `member` (Los Angeles member),
  `detroit_member`, `centre` (centre at the international), `outsider` (no membership).
Every view test also proves the outsider and the other collective are kept out.
"""

from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.test import Client

from iskra.core.translations import compile_catalogues
from iskra.network.models import Collective, Role
from iskra.network.services import collective_create, membership_create


def pytest_configure(config: Any) -> None:
    # A bare `pytest` on a fresh clone needs the Spanish catalogues compiled too.
    compile_catalogues(only_stale=True)


PASSWORD = "correct horse battery staple"  # noqa: S105 - test cast password
TOTP_SECRET = "JBSWY3DPEHPK3PXPTESTCAST"  # noqa: S105


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def international(db: None) -> Collective:
    return collective_create(
        actor=None,
        name="International",
        slug="international",
        kind="international",
        languages=["en", "es"],
    )


@pytest.fixture
def usa(international: Collective) -> Collective:
    return collective_create(
        actor=None,
        name="USA",
        slug="usa",
        kind="country",
        parent=international,
        country="US",
        time_zone="America/Chicago",
        languages=["en", "es"],
    )


@pytest.fixture
def los_angeles(usa: Collective) -> Collective:
    return collective_create(
        actor=None,
        name="Los Angeles",
        slug="los-angeles",
        kind="city",
        parent=usa,
        country="US",
        time_zone="America/Los_Angeles",
        languages=["en", "es"],
    )


@pytest.fixture
def detroit(usa: Collective) -> Collective:
    return collective_create(
        actor=None,
        name="Detroit",
        slug="detroit",
        kind="city",
        parent=usa,
        country="US",
        time_zone="America/Detroit",
        languages=["en"],
    )


@pytest.fixture
def detroit_plant(detroit: Collective) -> Collective:
    return collective_create(
        actor=None,
        name="Riverside plant group",
        slug="detroit-plant",
        kind="workplace",
        parent=detroit,
        country="US",
        time_zone="America/Detroit",
        languages=["en"],
    )


def make_user(username: str, *, two_factor: bool = False) -> Any:
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    if two_factor:
        TOTP.activate(user, TOTP_SECRET)
    return user


@pytest.fixture
def organizer(los_angeles: Collective) -> Any:
    user = make_user("alice", two_factor=True)
    membership_create(actor=None, user=user, collective=los_angeles, role=Role.ORGANIZER)
    return user


@pytest.fixture
def member(los_angeles: Collective) -> Any:
    user = make_user("bob")
    membership_create(actor=None, user=user, collective=los_angeles, role=Role.MEMBER)
    return user


@pytest.fixture
def detroit_member(detroit: Collective) -> Any:
    user = make_user("dora")
    membership_create(actor=None, user=user, collective=detroit, role=Role.MEMBER)
    return user


@pytest.fixture
def centre(international: Collective) -> Any:
    user = make_user("cora", two_factor=True)
    membership_create(actor=None, user=user, collective=international, role=Role.CENTRE)
    return user


@pytest.fixture
def outsider(db: None) -> Any:
    return make_user("charlie")


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def treasurer(usa: Collective) -> Any:
    """The USA section's treasurer: the finance capacity on the USA and every city below."""
    user = make_user("tess", two_factor=True)
    membership_create(actor=None, user=user, collective=usa, role=Role.TREASURER)
    return user

"""The permission meta-test: every URL of the project is in the matrix, and every case holds."""

from importlib import import_module
from importlib.util import find_spec

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import make_user
from iskra.core.testing import EXEMPT_PREFIXES, Case, World
from iskra.network.models import Role
from iskra.network.services import membership_create


def _all_cases() -> list[Case]:
    cases: list[Case] = []
    for app_config in apps.get_app_configs():
        name = f"{app_config.name}.tests.access_matrix"
        if app_config.name.startswith("iskra.") and find_spec(name) is not None:
            cases.extend(import_module(name).MATRIX)
    return cases


def _named_urls(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _named_urls(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


CASES = _all_cases()


def test_every_url_is_in_the_matrix():
    covered = {case.url_name for case in CASES}
    missing = sorted(
        name
        for name in _named_urls(get_resolver())
        if name not in covered and not name.startswith(EXEMPT_PREFIXES)
    )
    assert not missing, f"URLs missing from an access_matrix.py: {missing}"


@pytest.fixture
def world(international, usa, los_angeles, detroit, organizer, member, outsider, centre, treasurer):
    other = make_user("olga")
    membership_create(actor=None, user=other, collective=detroit, role=Role.MEMBER)
    return World(
        international=international,
        usa=usa,
        los_angeles=los_angeles,
        detroit=detroit,
        organizer=organizer,
        member=member,
        other=other,
        outsider=outsider,
        centre=centre,
        treasurer=treasurer,
    )


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case.method}:{case.url_name}")
def test_access(case: Case, world: World):
    url = reverse(case.url_name, kwargs=case.kwargs(world))
    data = case.data(world)
    failures = []
    for actor, expected in case.expected().items():
        client = Client()
        if actor != "anonymous":
            client.force_login(getattr(world, actor))
        response = getattr(client, case.method)(url, data)
        if response.status_code != expected:
            failures.append(f"{actor}: expected {expected}, got {response.status_code}")
    assert not failures, f"{case.method.upper()} {url}: " + "; ".join(failures)

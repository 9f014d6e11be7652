"""The fixed cost of a signed-in page (`core.page_overhead_ms` in docs/benchmarks.md): the
session, the user, the scope with its shares and the two-factor check are one plain statement
each, and the navigation bar reads nothing more. The answers must stay those of the ORM."""

from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import clear_url_caches, reverse
from django.utils import timezone

from conftest import make_user
from iskra.network.models import Role
from iskra.network.scope import Capacity, scope_for
from iskra.network.services import membership_create, share_create


def _empty_page(client: Client) -> tuple[int, list[str], str]:
    with override_settings(ROOT_URLCONF="iskra.core.bench_urls"):
        clear_url_caches()
        try:
            client.get("/bench/page/")  # the session's first "last seen" write
            with CaptureQueriesContext(connection) as queries:
                response = client.get("/bench/page/")
        finally:
            clear_url_caches()
    return response.status_code, [q["sql"] for q in queries], response.content.decode()


def test_a_signed_in_page_costs_five_statements(organizer, los_angeles, detroit):
    share_create(
        actor=organizer,
        source=detroit,
        recipient=los_angeles,
        reason="joint campaign",
        expires_at=timezone.now() + timedelta(days=3),
    )
    client = Client()
    client.force_login(organizer)
    status, statements, _page = _empty_page(client)
    assert status == 200
    # session, user, memberships with their collectives, shares, second factor
    assert len(statements) == 5, statements


def test_the_scope_reads_the_same_grants_as_before(organizer, los_angeles, detroit, usa):
    share_create(
        actor=organizer,
        source=detroit,
        recipient=los_angeles,
        reason="joint campaign",
        expires_at=timezone.now() + timedelta(days=3),
    )
    expired = make_user("eve")
    membership_create(actor=None, user=expired, collective=usa, role=Role.EDITOR)
    scope = scope_for(organizer)
    assert scope.ids(Capacity.CONTACTS) == {los_angeles.pk, detroit.pk}
    assert scope.ids(Capacity.MANAGE) == {los_angeles.pk}
    assert scope_for(expired).ids(Capacity.EDIT) >= {usa.pk, los_angeles.pk, detroit.pk}
    assert scope_for(expired).ids(Capacity.CONTACTS) == set()


def test_the_phone_bar_goes_to_the_deepest_collective_of_ones_contacts(usa, los_angeles):
    both = make_user("dee")
    membership_create(actor=None, user=both, collective=usa, role=Role.MEMBER)
    membership_create(actor=None, user=both, collective=los_angeles, role=Role.MEMBER)
    client = Client()
    client.force_login(both)
    status, _statements, page = _empty_page(client)
    assert status == 200
    assert reverse("distribution:outing_new", args=[los_angeles.slug]) in page
    assert reverse("distribution:outing_new", args=[usa.slug]) not in page
    assert scope_for(both).deepest(Capacity.CONTACTS).slug == los_angeles.slug


def test_an_expired_session_is_signed_out(member):
    client = Client()
    client.force_login(member)
    from django.contrib.sessions.models import Session

    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    with override_settings(ROOT_URLCONF="iskra.core.bench_urls"):
        clear_url_caches()
        try:
            response = client.get("/bench/page/")
        finally:
            clear_url_caches()
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]

"""Story 2's stock: the parade's 540 copies are saved against 275 on record; the gap shows
on the stock page and the collective's page until the secretary records what came in."""

import pytest
from django.urls import reverse

from conftest import client_for
from iskra.audit.models import LogEntry
from iskra.distribution import queries
from iskra.distribution.models import Bundle
from iskra.distribution.tests import factories


@pytest.fixture
def parade(usa, los_angeles, member):
    issue = factories.stocked_paper(usa, los_angeles, copies=275)
    factories.outing(member, los_angeles, issue, copies=540)
    return issue


def test_the_gap_shows_on_the_stock_page_and_the_collectives_page(parade, organizer, member):
    for user in (organizer, member):
        for url in (
            reverse("distribution:stock", args=["los-angeles"]),
            reverse("network:collective", args=["los-angeles"]),
        ):
            assert "handed out 540, 275 on record" in client_for(user).get(url).content.decode()


def test_the_secretary_records_copies_from_the_printer(parade, los_angeles, organizer):
    client = client_for(organizer)
    url = reverse("distribution:bundle_receive", args=["los-angeles"])
    form = client.get(url, {"issue": parade.pk}).content.decode()
    assert f'<option value="{parade.pk}" selected>' in form
    assert "From the printer" in form
    response = client.post(
        url,
        {"issue": parade.pk, "origin": "printer", "copies": 265, "received_on": "2026-09-01"},
    )
    assert response.status_code == 302
    assert not queries.discrepancies(los_angeles)
    assert Bundle.objects.get(origin="printer").created_by == organizer
    assert LogEntry.objects.filter(action="distribution.bundle.received").exists()
    page = client.get(reverse("network:collective", args=["los-angeles"])).content.decode()
    assert "on record" not in page


def test_copies_from_another_collective_need_which_one_and_list_them(
    parade, usa, los_angeles, organizer
):
    client = client_for(organizer)
    url = reverse("distribution:bundle_receive", args=["los-angeles"])
    form = client.get(url).content.decode()
    assert f'<option value="{usa.pk}">USA</option>' in form
    missing = client.post(
        url, {"issue": parade.pk, "origin": "collective", "copies": 5, "received_on": "2026-09-01"}
    )
    assert "Choose the collective that sent the copies." in missing.content.decode()
    client.post(
        url,
        {
            "issue": parade.pk,
            "origin": "collective",
            "source": usa.pk,
            "copies": 265,
            "received_on": "2026-09-01",
        },
    )
    assert queries.stock_of(usa, parade).sent == 540


def test_a_correction_needs_a_reason_and_is_audited(parade, los_angeles, organizer):
    client = client_for(organizer)
    url = reverse("distribution:stock_adjust", args=["los-angeles"])
    refused = client.post(url, {"issue": parade.pk, "copies": 265, "reason": ""})
    assert refused.status_code == 200
    assert not queries.stock_of(los_angeles, parade).adjusted
    client.post(url, {"issue": parade.pk, "copies": 265, "reason": "Boxes found in the office"})
    assert queries.stock_of(los_angeles, parade).adjusted == 265
    entry = LogEntry.objects.get(action="distribution.stock.adjusted")
    assert entry.actor == organizer
    history = client.get(reverse("distribution:stock", args=["los-angeles"])).content.decode()
    assert "Boxes found in the office" in history


def test_a_member_sees_the_gap_but_cannot_record_stock(parade, member):
    client = client_for(member)
    for name in ("distribution:bundle_receive", "distribution:stock_adjust"):
        assert client.get(reverse(name, args=["los-angeles"])).status_code == 404
    stock = client.get(reverse("distribution:stock", args=["los-angeles"])).content.decode()
    assert "Record copies received" not in stock

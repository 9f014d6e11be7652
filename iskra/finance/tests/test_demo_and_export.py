"""The demo's books: the USA month report consolidates Los Angeles and Detroit without
counting the transfers twice, the treasurer sees them, and Beancount's own bean-check
accepts the export."""

import io
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from iskra.distribution import demo as distribution_demo
from iskra.finance import demo, queries
from iskra.finance.models import ClosedMonth, Transfer
from iskra.network import demo as network_demo
from iskra.network.models import Collective

# Beancount (a test dependency) installs bean-check beside the interpreter.
CHECKER = str(Path(sys.executable).with_name("bean-check"))


@pytest.fixture
def demo_books(db):
    out = io.StringIO()
    for _ in range(2):  # idempotent
        network_demo.load(out)
        distribution_demo.load(out)
        demo.load(out)
    return Collective.objects.in_bulk(
        ["usa", "los-angeles", "detroit", "johannesburg", "san-salvador"], field_name="slug"
    )


def test_the_usa_month_consolidates_without_counting_the_transfer_twice(demo_books):
    usa, la, detroit = demo_books["usa"], demo_books["los-angeles"], demo_books["detroit"]
    transfer = Transfer.objects.get(sender=la, receiver=usa)
    start = transfer.sent_on.replace(day=1)
    end = queries.next_month(start) - timezone.timedelta(days=1)
    parts = [
        queries.period_summary(collectives=[collective], start=start, end=end)
        for collective in (usa, la, detroit)
    ]
    whole = queries.period_summary(collectives=[usa, la, detroit], start=start, end=end)
    assert parts[1].expenses_by_category["transfers-out"] == Decimal("150.00")
    assert parts[0].income_by_category["transfers-in"] == Decimal("230.00")
    assert "transfers-in" not in whole.income_by_category
    assert "transfers-out" not in whole.expenses_by_category
    separate_income = sum((part.income for part in parts), Decimal(0))
    assert whole.income == separate_income - Decimal("230.00")
    assert whole.eliminated_count == 4
    assert whole.dues_paid > 0 and whole.income_by_category["paper-sales"] > 0


def test_the_demo_has_a_closed_month_and_zar_books(demo_books):
    assert ClosedMonth.objects.filter(collective=demo_books["los-angeles"]).count() == 1
    assert queries.books_currency(demo_books["johannesburg"]) == "ZAR"
    assert queries.books_currency(demo_books["san-salvador"]) == "USD"


def test_the_demo_treasurer_sees_the_books(demo_books):
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="ruth"))
    response = client.get(reverse("finance:books", args=["detroit"]))
    assert response.status_code == 200
    assert "Dues" in response.content.decode()
    assert client.get(reverse("finance:books", args=["johannesburg"])).status_code == 404
    client.force_login(get_user_model().objects.get(username="ines"))
    assert client.get(reverse("finance:books", args=["johannesburg"])).status_code == 200


def test_bean_check_accepts_the_demo_export(demo_books, tmp_path):
    target = tmp_path / "books.beancount"
    call_command(
        "export_ledger",
        "--collective",
        "international",
        "--below",
        "--out",
        str(target),
        stdout=io.StringIO(),
    )
    text = target.read_text()
    assert "Assets:Johannesburg:Cash" in text and " ZAR" in text
    result = subprocess.run([CHECKER, str(target)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    start = Transfer.objects.first().sent_on
    partial = tmp_path / "la.beancount"
    call_command(
        "export_ledger",
        "--collective",
        "los-angeles",
        "--from",
        start.isoformat(),
        "--out",
        str(partial),
        stdout=io.StringIO(),
    )
    assert "Balances before" in partial.read_text()
    result = subprocess.run([CHECKER, str(partial)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_bean_check_refuses_a_broken_file(tmp_path):
    """The check above can fail: bean-check rejects an unbalanced entry."""
    broken = tmp_path / "broken.beancount"
    broken.write_text(
        "2026-01-01 open Assets:Cash\n2026-01-01 open Income:Dues\n\n"
        '2026-01-02 * "x"\n  Assets:Cash  10.00 USD\n  Income:Dues  -9.00 USD\n'
    )
    assert subprocess.run([CHECKER, str(broken)], capture_output=True, check=False).returncode != 0

"""The finance benchmarks run end to end on a tiny dataset (speed itself is measured by
`iskra bench`, never by timed tests)."""

import json
from io import StringIO

from django.core.management import call_command
from django.db.models import Sum

from iskra.distribution.tests.factories import ensure_stages
from iskra.finance.models import Posting, Transaction


def test_the_finance_bench_runs_on_generated_books(db, tmp_path):
    ensure_stages()
    out = tmp_path / "bench.json"
    call_command(
        "bench", "--only", "finance", "--contacts", "60", "--json", str(out), stdout=StringIO()
    )
    names = [result["name"] for result in json.loads(out.read_text())["results"]]
    assert names == [
        "finance.balances_p95_ms",
        "finance.consolidated_month_ms",
        "finance.log_outing_p95_ms",
    ]
    assert Posting.objects.count() >= 6000
    # The generated books balance per transaction, as the trigger would have required.
    unbalanced = (
        Posting.objects.values("transaction_id", "currency")
        .annotate(total=Sum("amount_minor"))
        .exclude(total=0)
    )
    assert not unbalanced.exists()
    assert not Transaction.objects.filter(sealed=False).exists()
    assert Transaction.objects.filter(kind="outing").count() >= 40

"""The audit benchmark runs end to end on a tiny dataset (speed itself is measured by
`iskra bench`, never by timed tests)."""

import json
from io import StringIO

from django.core.management import call_command

from iskra.audit.models import LogEntry


def test_the_audit_bench_runs_on_generated_entries(db, tmp_path):
    out = tmp_path / "bench.json"
    call_command(
        "bench", "--only", "audit", "--contacts", "200", "--json", str(out), stdout=StringIO()
    )
    report = json.loads(out.read_text())
    (result,) = report["results"]
    assert result["name"] == "audit.filter_p95_ms"
    assert result["value"] > 0 and result["baseline"] > 0
    assert LogEntry.objects.filter(actor__username__startswith="bench-auditor-").count() == 2000
    # Ids grow with time, as the keyset paging assumes.
    times = list(LogEntry.objects.order_by("id").values_list("created_at", flat=True))
    assert times == sorted(times)

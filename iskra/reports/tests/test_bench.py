"""The reports benchmarks run end to end on a tiny dataset (speed itself is measured by
`iskra bench`, never by timed tests)."""

import json
from io import StringIO

from django.core.management import call_command

from iskra.reports.models import Version


def test_the_reports_bench_runs_on_generated_data(db, tmp_path):
    out = tmp_path / "bench.json"
    call_command(
        "bench", "--only", "reports", "--contacts", "300", "--json", str(out), stdout=StringIO()
    )
    report = json.loads(out.read_text())
    names = [result["name"] for result in report["results"]]
    assert names == ["reports.period_report_ms", "reports.rollup_ms", "reports.pdf_s"]
    assert all(result["value"] > 0 for result in report["results"])
    assert Version.objects.count() >= 499

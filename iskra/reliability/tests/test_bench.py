"""The reliability benchmarks run end to end at a tiny scale (numbers not checked here)."""

import json
from io import StringIO

from django.core.management import call_command


def test_the_reliability_bench_runs_and_writes_its_json(transactional_db, tmp_path):
    out = tmp_path / "bench.json"
    call_command(
        "bench", "--only", "reliability", "--contacts", "200", "--json", str(out), stdout=StringIO()
    )
    report = json.loads(out.read_text())
    names = [result["name"] for result in report["results"]]
    assert names == ["reliability.backup_s", "reliability.restore_s"]
    assert all(result["value"] > 0 and result["baseline"] > 0 for result in report["results"])

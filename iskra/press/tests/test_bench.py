"""The press benchmarks run end to end at a tiny scale (speed itself is measured by
`iskra bench`, never by timed tests)."""

import json
from io import StringIO

from django.core.management import call_command


def test_the_press_bench_runs_at_a_tiny_scale(db, tmp_path, monkeypatch):
    monkeypatch.setenv("ISKRA_BENCH_PRESS_EXPORT_ARTICLES", "20")
    monkeypatch.setenv("ISKRA_BENCH_PRESS_ARTICLES", "40")
    monkeypatch.setenv("ISKRA_BENCH_PRESS_TABLOID_PAGES", "2")
    monkeypatch.setenv("ISKRA_BENCH_PRESS_BOOKLET_PAGES", "8")
    out = tmp_path / "bench.json"
    call_command("bench", "--only", "press", "--json", str(out), stdout=StringIO())
    results = {result["name"]: result for result in json.loads(out.read_text())["results"]}
    for name in (
        "press.print_tabloid_s",
        "press.export_incremental_s",
        "press.booklet_impose_s",
        "press.export_site_s",
    ):
        assert results[name]["value"] > 0, name
    assert "1 page made again" in results["press.export_incremental_s"]["note"]

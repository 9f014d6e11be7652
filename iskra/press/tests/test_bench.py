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
    monkeypatch.setenv("ISKRA_BENCH_PRESS_EDITIONS", "0")  # a tabloid edition takes a minute
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
    # The export's bench says how many editions it had and how much CPU it took.
    note = results["press.export_site_s"]["note"]
    assert "0 edition files (PDF, front page) copied, 2 editions not made yet" in note
    assert "CPU " in note and "Pagefind " in note and "load " in note

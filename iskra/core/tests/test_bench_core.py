"""`iskra bench` runs under production settings (hashed static files from collectstatic's
manifest) and measures the fixed cost of a page; the numbers are not checked here."""

import json
from io import StringIO

from django.core.management import call_command


def test_the_core_bench_runs_with_the_static_manifest(db, tmp_path, settings):
    settings.STATIC_MANIFEST = True
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    out = tmp_path / "bench.json"
    call_command(
        "bench", "--only", "core", "--contacts", "300", "--json", str(out), stdout=StringIO()
    )
    report = json.loads(out.read_text())
    assert [result["name"] for result in report["results"]] == ["core.page_overhead_ms"]
    result = report["results"][0]
    assert result["baseline"] > 0 and result["unit"] == "ms" and result["target"] == "<= 3 ms"
    assert (tmp_path / "static" / "staticfiles.json").exists()

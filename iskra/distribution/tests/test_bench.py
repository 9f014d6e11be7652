"""The distribution benchmarks run end to end on a tiny dataset (speed itself is measured
by `iskra bench`, never by timed tests)."""

import json
import random
from io import StringIO

from django.core.management import call_command

from iskra.distribution.dataset import BENCH_PAPER
from iskra.distribution.models import Outing, OutingLine, OutingMoney
from iskra.distribution.tests.factories import ensure_stages
from iskra.press.dataset import ensure_articles


def test_the_distribution_bench_runs_on_generated_handouts(db, tmp_path):
    ensure_stages()
    # `iskra generate_dataset` makes every app's data in one database: the press dataset's
    # paper (of its own collective) was taken for the distribution bench's, and logging an
    # outing with it failed ("Bench Paper #1248 is not handed out here").
    ensure_articles(4, rng=random.Random(1917), out=StringIO())
    out = tmp_path / "bench.json"
    call_command(
        "bench",
        "--only",
        "distribution",
        "--contacts",
        "300",
        "--json",
        str(out),
        stdout=StringIO(),
    )
    report = json.loads(out.read_text())
    names = [result["name"] for result in report["results"]]
    assert "distribution.report_p95_ms" in names and "distribution.log_outing_p95_ms" in names
    assert OutingLine.objects.filter(issue__publication__slug=BENCH_PAPER).count() >= 3000
    # log_outing saved outings through the ORM after the generated ones, which were written
    # with explicit ids: on PostgreSQL that works only because the sequence was moved on.
    assert Outing.objects.count() >= 1000
    assert OutingMoney.objects.filter(kind="donation").count() >= 300

"""The people benchmarks run end to end on a tiny dataset (the numbers are not checked
here: speed is measured by `iskra bench`, never by timed tests)."""

import json
from io import StringIO

from django.core.management import call_command

from iskra.people.models import Contact, Conversation, StageCount


def test_the_people_bench_runs_and_writes_its_json(db, tmp_path):
    out = tmp_path / "bench.json"
    call_command(
        "bench", "--only", "people", "--contacts", "400", "--json", str(out), stdout=StringIO()
    )
    report = json.loads(out.read_text())
    names = [result["name"] for result in report["results"]]
    assert names == [
        "people.import_rows_per_s",
        "people.list_p95_ms",
        "people.list_p95_ms.organizer",
        "people.list_p95_ms.centre",
        "people.followups_p95_ms",
        "people.dedupe_s",
    ]
    assert report["contacts"] == 400
    assert all(
        result["value"] >= 0 and result["baseline"] is not None for result in report["results"]
    )
    assert report["results"][0]["value"] > 0  # rows per second
    # The dataset is there, with conversations; the scratch import collectives are empty.
    assert Contact.objects.count() == 400
    assert Conversation.objects.count() > 1000
    assert sum(StageCount.objects.values_list("count", flat=True)) == 400

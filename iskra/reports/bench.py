"""Benchmarks of the reports app (see docs/reports.md), on the bench dataset (collectives,
contacts, outings and handouts):

- reports.period_report_ms: a city's month report, pre-filled from the data (a draft, so
  every figure is computed) and rendered as the organizer's page; p95.
- reports.rollup_ms: the international's page consolidating a submitted snapshot of every
  collective below it (about 500), as the centre user sees it; p95.
- reports.pdf_s: `print_report` of a country's quarterly report with its charts and the
  roll-up of its cities and groups; the slowest of three runs after a first one that also
  imports WeasyPrint and matplotlib (reported in the note).

The snapshots of the roll-up are made from the bench city's real snapshot with the numbers
varied, and inserted in bulk: building 500 real ones first would measure the data set, not
the roll-up.
"""

import copy
import random
import tempfile
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.utils import timezone

from iskra.core.benchmarks import BenchContext, Result, p95_ms, timed
from iskra.distribution import dataset as distribution_dataset
from iskra.network import dataset as network_dataset
from iskra.network.models import Collective
from iskra.people import dataset as people_dataset
from iskra.people.bench import _client
from iskra.reports import queries, services
from iskra.reports.models import Report, Version
from iskra.reports.periods import Period, month, quarter

GROUP = "reports"
PERIOD_REPORT_TARGET_MS = 500
ROLLUP_TARGET_MS = 2000
PDF_TARGET_S = 5


def _ensure_dataset(context: BenchContext) -> None:
    rng = random.Random(1917)  # noqa: S311 - benchmark data
    network_dataset.generate(contacts=context.contacts, rng=rng, out=context.out)
    people_dataset.generate(contacts=context.contacts, rng=rng, out=context.out)
    handouts = int(context.scratch.get("distribution_handouts", 10 * context.contacts))
    distribution_dataset.generate(
        contacts=context.contacts, rng=rng, out=context.out, handouts=handouts
    )


def _synthetic_snapshots(collectives: list[Collective], period: Period, template: dict) -> int:
    """A submitted report with one version for each collective that has none for `period`."""
    rng = random.Random(1871)  # noqa: S311 - benchmark data
    have = set(
        Report.objects.filter(
            collective__in=collectives, start=period.start, end=period.end
        ).values_list("collective_id", flat=True)
    )
    missing = [c for c in collectives if c.pk not in have]
    reports = Report.objects.bulk_create(
        Report(
            collective=c,
            kind=period.kind,
            start=period.start,
            end=period.end,
            state=Report.State.SUBMITTED,
        )
        for c in missing
    )
    if reports and reports[0].pk is None:  # backends that do not return ids
        reports = list(
            Report.objects.filter(collective__in=missing, start=period.start, end=period.end)
        )
    now = timezone.now()
    versions = []
    for report in reports:
        snapshot = copy.deepcopy(template)
        for section in ("figures", "previous"):
            for key, value in snapshot[section].items():
                if isinstance(value, int):
                    snapshot[section][key] = rng.randrange(0, 2 * value + 10)
        snapshot["collective"] = {"slug": report.collective.slug, "name": report.collective.name}
        versions.append(
            Version(
                report=report,
                number=1,
                snapshot=snapshot,
                sha256=queries.sha256_of(snapshot),
                submitted_at=now,
            )
        )
    Version.objects.bulk_create(versions, batch_size=200)
    return len(versions)


def run(context: BenchContext) -> list[Result]:
    _ensure_dataset(context)
    city = Collective.objects.get(slug=network_dataset.BENCH_CITY_SLUG)
    root = Collective.objects.get(slug="bench-international")
    country = city.parent
    assert country is not None
    last_month = month(timezone.localdate()).previous()
    # The city's live report: every figure computed on each request.
    report = services.report_open(actor=None, collective=city, period=last_month)
    template = queries.build_snapshot(report)
    organizer = _client(network_dataset.BENCH_ORGANIZER)
    page = f"/reports/{city.slug}/{last_month.code}/"
    assert organizer.get(page).status_code == 200
    period_ms = p95_ms(lambda: organizer.get(page), repeat=20)
    context.say(f"city month report page: p95 {period_ms:.0f} ms")

    below = list(Collective.objects.filter(path__startswith=root.path).exclude(pk=root.pk))
    rollup_period = last_month.previous()
    made = _synthetic_snapshots(below, rollup_period, template)
    context.say(f"{made} synthetic snapshots for {rollup_period.code}")
    centre = _client(network_dataset.BENCH_CENTRE)
    rollup_page = f"/reports/{root.slug}/{rollup_period.code}/"
    response = centre.get(rollup_page)
    assert response.status_code == 200 and b"of" in response.content
    rollup_ms = p95_ms(lambda: centre.get(rollup_page), repeat=20)
    context.say(f"international roll-up page: p95 {rollup_ms:.0f} ms")

    last_quarter = quarter(last_month.start)
    if last_quarter.end >= timezone.localdate():
        last_quarter = last_quarter.previous()
    country_below = [c for c in below if c.path.startswith(country.path) and c.pk != country.pk]
    _synthetic_snapshots(country_below, last_quarter, template)
    services.report_open(actor=None, collective=country, period=last_quarter)
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "country.pdf"

        def print_pdf() -> Any:
            call_command(
                "print_report",
                "--collective",
                country.slug,
                "--period",
                last_quarter.code,
                "--out",
                str(out),
                stdout=context.out,
            )

        # The first run also imports WeasyPrint and matplotlib, as a fresh process would;
        # a web process has done that already.
        cold_s = timed(print_pdf)
        pdf_s = max(timed(print_pdf) for _run in range(3))
    context.say(f"country quarter PDF: {pdf_s:.2f} s (first run in the process {cold_s:.2f} s)")
    return [
        Result(
            name="reports.period_report_ms",
            value=round(period_ms, 1),
            unit="ms",
            target=f"<= {PERIOD_REPORT_TARGET_MS} ms",
            note="a city's live month report page (charts are separate requests)",
            met=period_ms <= PERIOD_REPORT_TARGET_MS,
        ),
        Result(
            name="reports.rollup_ms",
            value=round(rollup_ms, 1),
            unit="ms",
            target=f"<= {ROLLUP_TARGET_MS} ms",
            note=f"the international's page over {len(below)} collectives' snapshots",
            met=rollup_ms <= ROLLUP_TARGET_MS,
        ),
        Result(
            name="reports.pdf_s",
            value=round(pdf_s, 2),
            unit="s",
            target=f"<= {PDF_TARGET_S} s",
            note=f"{country.slug} {last_quarter.code} with charts and the roll-up of "
            f"{len(country_below)} collectives; slowest of 3 after one warm-up run "
            f"(that one, with the imports: {cold_s:.2f} s)",
            met=pdf_s <= PDF_TARGET_S,
        ),
    ]

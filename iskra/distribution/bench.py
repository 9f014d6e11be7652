"""Benchmarks of the distribution app (see docs/distribution.md).

- distribution.report_p95_ms: the monthly report of a city with the collectives below it,
  and the per-issue report of that city's subtree, over `handouts` rows (default 10 x
  contacts); the baseline is the same aggregates as raw SQL.
- distribution.log_outing_p95_ms: saving an outing with three publication lines and a new
  contact, through the service (no stock check: it never blocks; audit, the people app).
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from iskra.core.benchmarks import BenchContext, Result, p95_ms
from iskra.distribution import dataset, queries, services
from iskra.distribution.models import OutingLine, OutingMoney
from iskra.network import dataset as network_dataset
from iskra.network.models import Collective

GROUP = "distribution"
REPORT_TARGET_MS = 200
LOG_TARGET_MS = 50


def _month_sql(column: str = "handed_on") -> str:
    if connection.vendor == "postgresql":
        return f"date_trunc('month', {column})"
    return f"strftime('%%Y-%%m', {column})"


def _raw_reports(ids: list[int], since: str, issue_id: int) -> None:
    marks = ", ".join(["%s"] * len(ids))
    table = OutingLine._meta.db_table
    money_table = OutingMoney._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {_month_sql()} AS month, currency, SUM(copies), SUM(money), COUNT(*) "  # noqa: S608
            f"FROM {table} WHERE collective_id IN ({marks}) AND handed_on >= %s "
            "GROUP BY 1, 2",
            [*ids, since],
        )
        cursor.fetchall()
        cursor.execute(
            f"SELECT {_month_sql('received_on')} AS month, currency, "  # noqa: S608
            f"SUM(amount) FROM {money_table} WHERE collective_id IN ({marks}) "
            "AND received_on >= %s GROUP BY 1, 2",
            [*ids, since],
        )
        cursor.fetchall()
        cursor.execute(
            f"SELECT collective_id, currency, SUM(copies), SUM(money) FROM {table} "  # noqa: S608
            f"WHERE issue_id = %s AND collective_id IN ({marks}) GROUP BY 1, 2",
            [issue_id, *ids],
        )
        cursor.fetchall()


def run(context: BenchContext) -> list[Result]:
    handouts = int(context.scratch.get("distribution_handouts", 10 * context.contacts))
    rng = random.Random(1917)  # noqa: S311 - benchmark data
    network_dataset.generate(contacts=context.contacts, rng=rng, out=context.out)
    dataset.generate(contacts=context.contacts, rng=rng, out=context.out, handouts=handouts)
    city = Collective.objects.get(slug=network_dataset.BENCH_CITY_SLUG)
    subtree = list(Collective.objects.filter(path__startswith=city.path))
    ids = [collective.pk for collective in subtree]
    issues = dataset.bench_issues()
    issue = issues[-2]
    today = timezone.localdate()
    since = (today.replace(day=1) - timedelta(days=335)).replace(day=1)
    until = today + timedelta(days=1)

    def reports() -> None:
        queries.monthly_report(city, since=since, until=until, below=True)
        queries.issue_report(issue, subtree)

    measured = p95_ms(reports, repeat=30)
    baseline = p95_ms(lambda: _raw_reports(ids, since.isoformat(), issue.pk), repeat=30)
    rows = OutingLine.objects.count()
    results = [
        Result(
            name="distribution.report_p95_ms",
            value=measured,
            unit="ms",
            target=f"<= {REPORT_TARGET_MS} ms",
            baseline=baseline,
            ratio=measured / baseline if baseline else None,
            note=f"{rows} handout rows; city subtree of {len(ids)} collectives",
            met=measured <= REPORT_TARGET_MS,
        )
    ]
    # Log outings at the bench city with the three latest issues in stock there.
    latest = issues[-3:]
    counter = iter(range(10**6))

    def log_outing() -> None:
        services.outing_log(
            actor=None,
            collective=city,
            starts_at=timezone.now(),
            place="Bench gate",
            kind="factory_gate",
            lines=[
                services.LineInput(issue=latest_issue, copies=5, money=Decimal("2.50"))
                for latest_issue in latest
            ],
            contacts_met=[services.ContactMet(display_name=f"Bench contact {next(counter)}")],
        )

    _stock_city(city, latest)
    measured = p95_ms(log_outing, repeat=40)
    results.append(
        Result(
            name="distribution.log_outing_p95_ms",
            value=measured,
            unit="ms",
            target=f"<= {LOG_TARGET_MS} ms",
            note="three lines and one new contact, stock checked, audited",
            met=measured <= LOG_TARGET_MS,
        )
    )
    return results


def _stock_city(city: Collective, issues: list) -> None:
    for issue in issues:
        if queries.stock_of(city, issue).left < 10_000:
            services.bundle_send(
                actor=None,
                issue=issue,
                source=issue.publication.collective,
                collective=city,
                copies=100_000,
            )

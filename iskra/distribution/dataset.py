"""Synthetic outings for benchmarks: `HANDOUTS_PER_CONTACT` handout rows (outing lines) per
contact, spread over the bench collectives and three years, with a donation on one outing
in `DONATION_EVERY` (money lines, as the outing form makes them), written with COPY on
PostgreSQL and executemany on SQLite."""

import random
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection, transaction

from iskra.core.bulk import write_rows
from iskra.distribution.models import Outing, OutingLine, OutingMoney
from iskra.network.models import Collective
from iskra.press.models import Issue, PrintRun, Publication

HANDOUTS_PER_CONTACT = 10
LINES_PER_OUTING = 3
BATCH = 20_000
DAYS = 3 * 365
BENCH_PAPER = "bench-banner"  # not the press dataset's "bench-paper": both run in one database
OUTING_COLUMNS = [
    "id",
    "collective_id",
    "starts_at",
    "day",
    "place",
    "kind",
    "shift",
    "friends_count",
    "summaries",
    "created_at",
]
LINE_COLUMNS = [
    "outing_id",
    "collective_id",
    "handed_on",
    "publication_id",
    "issue_id",
    "language",
    "copies",
    "money",
    "currency",
]
MONEY_COLUMNS = ["outing_id", "collective_id", "received_on", "amount", "currency", "kind"]
DONATION_EVERY = 3
ISSUES = 36


def bench_issues() -> list[Issue]:
    """The bench paper (of the bench international) and its printed monthly issues."""
    root = Collective.objects.get(slug="bench-international")
    paper, _created = Publication.objects.get_or_create(
        slug=BENCH_PAPER,
        defaults={
            "collective": root,
            "kind": Publication.Kind.PAPER,
            "names": {"en": "Bench Banner", "es": "Bandera de prueba"},
            "languages": ["en", "es"],
        },
    )
    if not paper.issues.exists():
        start = date.today() - timedelta(days=DAYS)
        for number in range(1, ISSUES + 1):
            issue = Issue.objects.create(
                publication=paper,
                number=number,
                date=start + timedelta(days=30 * number),
                state=Issue.State.PRINTED,
            )
            PrintRun.objects.create(issue=issue, copies=10**9, cost=Decimal("1000.00"))
    return list(paper.issues.order_by("number"))


def generate(*, contacts: int, rng: random.Random, out: Any, handouts: int | None = None) -> None:
    wanted = handouts if handouts is not None else HANDOUTS_PER_CONTACT * contacts
    if not Collective.objects.filter(slug="bench-international").exists():
        out.write("no bench collectives: run the network dataset first\n")
        return
    issues = bench_issues()
    have = OutingLine.objects.filter(issue__publication__slug=BENCH_PAPER).count()
    if have >= wanted:
        out.write(f"{have} handout rows already generated\n")
        return
    collective_ids = list(
        Collective.objects.filter(slug__startswith="bench-").values_list("pk", flat=True)
    )
    paper_id = issues[0].publication_id
    today = date.today()
    kinds = Outing.Kind.values
    ops = connection.ops
    days = {offset: today - timedelta(days=offset) for offset in range(DAYS)}
    adapted_days = {offset: ops.adapt_datefield_value(day) for offset, day in days.items()}
    issue_for_day = {
        offset: issues[min(len(issues) - 1, max(0, (DAYS - offset) // 30))].pk
        for offset in range(DAYS)
    }
    now = ops.adapt_datetimefield_value(datetime.now(UTC))
    moneys = [ops.adapt_decimalfield_value(Decimal(cents) / 100, 8, 2) for cents in range(0, 4000)]
    made = have
    while made < wanted:
        size = min(BATCH, wanted - made)
        outings_in_batch = max(1, size // LINES_PER_OUTING)
        with transaction.atomic():
            # Rows go in with COPY / executemany (write_rows), ids allocated here: the
            # ORM's bulk_create would take most of an hour for ten million rows.
            first_id = (
                Outing.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            ) + 1
            outings = []
            for number in range(outings_in_batch):
                offset = rng.randrange(DAYS)
                starts = datetime.combine(days[offset], time(rng.randrange(6, 20)), tzinfo=UTC)
                outings.append(
                    (
                        first_id + number,
                        rng.choice(collective_ids),
                        ops.adapt_datetimefield_value(starts),
                        adapted_days[offset],
                        f"Bench place {rng.randrange(200)}",
                        rng.choice(kinds),
                        "",
                        rng.randrange(4),
                        "{}",
                        now,
                        offset,
                    )
                )
            write_rows(
                Outing._meta.db_table,
                OUTING_COLUMNS,
                [outing[:-1] for outing in outings],
            )
            lines = []
            for index in range(size):
                outing = outings[index % outings_in_batch]
                offset = outing[-1]
                lines.append(
                    (
                        outing[0],
                        outing[1],
                        adapted_days[offset],
                        paper_id,
                        issue_for_day[offset],
                        rng.choice(("en", "es")),
                        rng.randrange(1, 60),
                        moneys[rng.randrange(0, 4000)],
                        "USD" if rng.random() < 0.9 else "MXN",
                    )
                )
            write_rows(OutingLine._meta.db_table, LINE_COLUMNS, lines)
            donations = [
                (
                    outing[0],
                    outing[1],
                    adapted_days[outing[-1]],
                    moneys[rng.randrange(100, 4000)],
                    "USD",
                    OutingMoney.Kind.DONATION,
                )
                for outing in outings[::DONATION_EVERY]
            ]
            write_rows(OutingMoney._meta.db_table, MONEY_COLUMNS, donations)
        made += size
        if made % (BATCH * 25) < BATCH:
            out.write(f"  {made} handout rows\n")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # The outings' ids were given explicitly: move the sequence past them.
            table = Outing._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
        with connection.cursor() as cursor:  # fresh statistics, or the planner guesses
            tables = ", ".join(model._meta.db_table for model in (Outing, OutingLine, OutingMoney))
            if connection.in_atomic_block:
                cursor.execute(f"ANALYZE {tables}")
            else:
                # As autovacuum leaves a table at rest: index-only scans need the
                # visibility map that VACUUM sets after a bulk load.
                cursor.execute(f"VACUUM ANALYZE {tables}")
    out.write(f"{made} handout rows in outings over {len(collective_ids)} collectives\n")

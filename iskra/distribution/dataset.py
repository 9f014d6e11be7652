"""Synthetic outings for benchmarks: `HANDOUTS_PER_CONTACT` handout rows (outing lines) per
contact, spread over the bench collectives and three years, written with bulk_create."""

import random
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection, transaction

from iskra.distribution.models import Outing, OutingLine
from iskra.network.models import Collective
from iskra.press.models import Issue, PrintRun, Publication

HANDOUTS_PER_CONTACT = 10
LINES_PER_OUTING = 3
BATCH = 20_000
DAYS = 3 * 365
BENCH_PAPER = "bench-paper"
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
    made = have
    while made < wanted:
        size = min(BATCH, wanted - made)
        outings_in_batch = max(1, size // LINES_PER_OUTING)
        with transaction.atomic():
            outings = []
            for _ in range(outings_in_batch):
                day = today - timedelta(days=rng.randrange(DAYS))
                outings.append(
                    Outing(
                        collective_id=rng.choice(collective_ids),
                        starts_at=datetime.combine(day, time(rng.randrange(6, 20)), tzinfo=UTC),
                        day=day,
                        place=f"Bench place {rng.randrange(200)}",
                        kind=rng.choice(kinds),
                        friends_count=rng.randrange(4),
                    )
                )
            Outing.objects.bulk_create(outings, batch_size=5000)
            lines = []
            for index in range(size):
                outing = outings[index % outings_in_batch]
                day = outing.starts_at.date()
                issue = issues[min(len(issues) - 1, max(0, (DAYS - (today - day).days) // 30))]
                lines.append(
                    OutingLine(
                        outing_id=outing.pk,
                        collective_id=outing.collective_id,
                        handed_on=day,
                        publication_id=paper_id,
                        issue_id=issue.pk,
                        language=rng.choice(("en", "es")),
                        copies=rng.randrange(1, 60),
                        money=Decimal(rng.randrange(0, 4000)) / 100,
                        currency="USD" if rng.random() < 0.9 else "MXN",
                    )
                )
            OutingLine.objects.bulk_create(lines, batch_size=5000)
        made += size
        if made % (BATCH * 25) < BATCH:
            out.write(f"  {made} handout rows\n")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh statistics, or the planner guesses
            cursor.execute(f"ANALYZE {Outing._meta.db_table}, {OutingLine._meta.db_table}")
    out.write(f"{made} handout rows in outings over {len(collective_ids)} collectives\n")

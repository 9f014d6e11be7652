"""`iskra bench --only audit`: the filtered, keyset-paged audit log at scale.

`audit.filter_p95_ms` is the 95th percentile over a rotating set of the questions an
organizer asks (who read what since Monday, one action, one record, the latest page, a page
deep in the past), for a city organizer and for the international's whole tree. Its
baseline is the same number of rows fetched by primary key alone, the physical limit.
"""

import random
from datetime import timedelta
from itertools import cycle
from typing import Any

from django.db import connection
from django.utils import timezone

from iskra.audit.dataset import ENTRIES_PER_CONTACT
from iskra.audit.dataset import generate as generate_entries
from iskra.audit.models import LogEntry
from iskra.audit.queries import PAGE_SIZE, AuditFilter, filter_entries
from iskra.core.benchmarks import BenchContext, Result, p95_ms
from iskra.network.dataset import BENCH_CITY_SLUG
from iskra.network.dataset import generate as generate_collectives
from iskra.network.models import Collective

GROUP = "audit"
TARGET_MS = 100


def run(context: BenchContext) -> list[Result]:
    rng = random.Random(1917)
    generate_collectives(contacts=context.contacts, rng=rng, out=context.out)
    generate_entries(contacts=context.contacts, rng=rng, out=context.out)
    total = LogEntry.objects.count()
    context.say(f"audit: {total} entries")
    questions = _questions()
    rotation = cycle(questions)

    def ask() -> None:
        filters, before = next(rotation)
        filter_entries(filters, before=before)

    value = p95_ms(ask, repeat=max(40, 4 * len(questions)), warmup=len(questions))
    baseline = p95_ms(_by_primary_key(), repeat=40)
    return [
        Result(
            name="audit.filter_p95_ms",
            value=value,
            unit="ms",
            target=f"<= {TARGET_MS} ms at 10,000,000 entries",
            baseline=baseline,
            ratio=value / baseline if baseline else None,
            note=f"{total} entries ({ENTRIES_PER_CONTACT} per contact), {len(questions)} "
            f"questions, {connection.vendor}",
            met=value <= TARGET_MS,
        )
    ]


def _questions() -> list[tuple[AuditFilter, int | None]]:
    city = Collective.objects.get(slug=BENCH_CITY_SLUG)
    root = Collective.objects.get(slug="bench-international")
    city_ids = list(
        Collective.objects.filter(path__startswith=city.path).values_list("pk", flat=True)
    )
    all_ids = list(
        Collective.objects.filter(path__startswith=root.path).values_list("pk", flat=True)
    )
    latest = LogEntry.objects.filter(collective_id__in=city_ids).order_by("-id").first()
    top_id = LogEntry.objects.order_by("-id").values_list("pk", flat=True).first() or 0
    actor = latest.actor.username if latest and latest.actor else ""
    object_id = latest.object_id if latest else ""
    monday = timezone.now() - timedelta(days=7)
    questions: list[tuple[AuditFilter, int | None]] = []
    for ids in (city_ids, all_ids):
        questions += [
            (AuditFilter(collective_ids=ids), None),
            (AuditFilter(collective_ids=ids), top_id // 2),
            (AuditFilter(collective_ids=ids, actor=actor), None),
            (
                AuditFilter(
                    collective_ids=ids, actor=actor, action="people.contact.read", since=monday
                ),
                None,
            ),
            (AuditFilter(collective_ids=ids, action="network.membership.updated"), None),
            (
                AuditFilter(collective_ids=ids, object_type="people.contact", object_id=object_id),
                None,
            ),
        ]
    return questions


def _by_primary_key() -> Any:
    top = LogEntry.objects.order_by("-id").values_list("pk", flat=True).first() or 0
    offsets = cycle(range(0, max(top, 1), max(top // 50, 1)))

    def fetch() -> None:
        before = top - next(offsets)
        list(LogEntry.objects.filter(id__lt=before).order_by("-id")[: PAGE_SIZE + 1])

    return fetch

"""Synthetic audit entries for `iskra bench --only audit`: ten per contact (ten million at a
million contacts), spread over a year across the bench collectives and 200 accounts."""

import json
import random
import time
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from iskra.audit.models import LogEntry
from iskra.core.bulk import write_rows
from iskra.network.models import Collective

ENTRIES_PER_CONTACT = 10
BENCH_AUDITORS = 200
BATCH = 100_000
COLUMNS = [
    "created_at",
    "actor_id",
    "action",
    "object_type",
    "object_id",
    "object_label",
    "collective_id",
    "details",
]
# (action, object type, weight): reads dominate a real log.
ACTIONS = [
    ("people.contact.read", "people.contact", 60),
    ("people.contact.updated", "people.contact", 10),
    ("people.conversation.created", "people.conversation", 10),
    ("people.followup.done", "people.followup", 8),
    ("distribution.outing.logged", "distribution.outing", 6),
    ("accounts.login.succeeded", "accounts.user", 5),
    ("network.membership.updated", "network.membership", 1),
]


def auditor_ids() -> list[int]:
    User = get_user_model()
    have = set(
        User.objects.filter(username__startswith="bench-auditor-").values_list(
            "username", flat=True
        )
    )
    User.objects.bulk_create(
        [
            User(username=f"bench-auditor-{index}")
            for index in range(BENCH_AUDITORS)
            if f"bench-auditor-{index}" not in have
        ]
    )
    return list(
        User.objects.filter(username__startswith="bench-auditor-")
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def generate(*, contacts: int, rng: random.Random, out: Any) -> None:
    collective_ids = list(
        Collective.objects.filter(slug__startswith="bench-").values_list("pk", flat=True)
    )
    if not collective_ids:
        out.write("no bench collectives: run the network dataset first\n")
        return
    wanted = contacts * ENTRIES_PER_CONTACT
    existing = LogEntry.objects.filter(actor__username__startswith="bench-auditor-").count()
    if existing >= wanted:
        out.write(f"{existing} bench audit entries already there\n")
        return
    actors = auditor_ids()
    actions = [action for action, _type, _weight in ACTIONS]
    types = {action: object_type for action, object_type, _weight in ACTIONS}
    weights = [weight for _action, _type, weight in ACTIONS]
    details = json.dumps({"purpose": "detail"})
    empty = json.dumps({})
    started = time.perf_counter()
    todo = wanted - existing
    # Entries are written oldest first over the last year, so ids grow with time as in life.
    year_start = timezone.now() - timedelta(days=365)
    step = timedelta(days=365) / max(todo, 1)
    done = 0
    while done < todo:
        size = min(BATCH, todo - done)
        rows = []
        for index in range(done, done + size):
            action = rng.choices(actions, weights)[0]
            object_id = rng.randrange(1, max(contacts, 2))
            rows.append(
                (
                    connection.ops.adapt_datetimefield_value(year_start + step * index),
                    rng.choice(actors),
                    action,
                    types[action],
                    str(object_id),
                    f"C{object_id}",
                    rng.choice(collective_ids),
                    details if action == "people.contact.read" else empty,
                )
            )
        with transaction.atomic():
            write_rows(LogEntry._meta.db_table, COLUMNS, rows)
        done += size
        out.write(f"  {existing + done} audit entries ({time.perf_counter() - started:.0f} s)\n")
    # Fresh planner statistics, as the worker keeps them (`PRAGMA optimize` on SQLite).
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {LogEntry._meta.db_table}")

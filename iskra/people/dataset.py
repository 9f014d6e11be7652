"""Synthetic contacts at scale for `iskra bench`: spread over the 500 bench collectives,
with realistic stages, tags, about 10 conversations each (encrypted notes), follow-ups
for 200 bench users, and a small share of duplicates for dedupe to find.

Rows go in with raw executemany (SQLite) or COPY (PostgreSQL): generating a million
contacts through the ORM would take longer than every benchmark together.
"""

import random
import time
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from iskra.core.bulk import write_rows
from iskra.network.dataset import BENCH_CITY_SLUG, BENCH_ORGANIZER
from iskra.network.models import Collective
from iskra.people import counts, crypto, services
from iskra.people.models import Contact, Conversation, FollowUp, Stage, Tag

CONVERSATIONS_PER_CONTACT = 10
BENCH_USERS = 200
STAGE_WEIGHTS = [40, 30, 15, 8, 4, 3]
TAGS = [f"bench-tag-{index}" for index in range(20)]
NAMES = [
    "Ana",
    "Luis",
    "Keisha",
    "Mo",
    "Tran",
    "Rosa",
    "DeShawn",
    "Maria",
    "Jamal",
    "Li",
    "Omar",
    "Gloria",
    "Tyrone",
    "Beatriz",
    "Sam",
    "Nia",
    "Carlos",
    "Fatima",
    "Jorge",
    "Kim",
    "Thandi",
]
NOTES = [
    "Took the paper and asked about the study circle.",
    "Angry about the rent increase; works nights.",
    "Argued that voting is enough; agreed to read the editorial.",
    "Knows people at the warehouse who would talk to us.",
]
BATCH = 20_000


def bench_collectives() -> list[Collective]:
    return list(Collective.objects.filter(slug__startswith="bench-").order_by("id"))


def generate(*, contacts: int, rng: random.Random, out: Any) -> None:
    collectives = bench_collectives()
    if not collectives:
        out.write("no bench collectives: run the network dataset first\n")
        return
    ids = [collective.pk for collective in collectives]
    existing = Contact.objects.filter(collective_id__in=ids).count()
    if existing >= contacts:
        counts.recount(ids)
        out.write(f"{existing} bench contacts already there\n")
        return
    started = time.perf_counter()
    services.ensure_stages()
    stages = list(Stage.objects.order_by("position").values_list("id", flat=True))
    users = _bench_users()
    tags = _bench_tags(ids)
    # The bench city is an ordinary city: it gets the average share, as every collective.
    weights = [1.0] * len(ids)
    notes = [crypto.encrypt(note, _context(Conversation, "note")) for note in NOTES]
    today = timezone.localdate()
    city_id = Collective.objects.filter(slug=BENCH_CITY_SLUG).values_list("pk", flat=True).first()
    todo = contacts - existing
    done = 0
    while done < todo:
        size = min(BATCH, todo - done)
        with transaction.atomic():
            first_id = _next_id(Contact)
            rows = [
                _contact_row(rng, rng.choices(ids, weights)[0], stages, today, existing + done + i)
                for i in range(size)
            ]
            _insert(Contact, CONTACT_COLUMNS, rows)
            contact_ids = list(
                Contact.objects.filter(pk__gte=first_id).order_by("pk").values_list("pk", flat=True)
            )
            by_id = dict(zip(contact_ids, rows, strict=False))
            _insert_tags(rng, by_id, tags)
            _insert_conversations(rng, by_id, notes)
            _insert_followups(rng, by_id, users, today, city_id)
        done += size
        out.write(f"  {existing + done} contacts ({time.perf_counter() - started:.0f} s)\n")
    counts.recount(ids)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    out.write(f"{todo} contacts generated in {time.perf_counter() - started:.0f} s\n")


def _bench_users() -> list[int]:
    User = get_user_model()
    have = set(
        User.objects.filter(username__startswith="bench-user-").values_list("username", flat=True)
    )
    User.objects.bulk_create(
        [
            User(username=f"bench-user-{index}")
            for index in range(BENCH_USERS)
            if f"bench-user-{index}" not in have
        ]
    )
    users = list(
        User.objects.filter(username__startswith="bench-user-").values_list("pk", flat=True)
    )
    organizer = User.objects.filter(username=BENCH_ORGANIZER).values_list("pk", flat=True).first()
    return ([organizer] if organizer else []) + users


def _context(model: Any, name: str) -> bytes:
    return bytes(model._meta.get_field(name).context())


CONTACT_COLUMNS = [
    "collective_id",
    "display_name",
    "search_name",
    "stage_id",
    "language",
    "first_met_on",
    "first_met_place",
    "consent",
    "consent_channels",
    "workplace",
    "department",
    "shift",
    "assessment",
    "legal_name",
    "phone",
    "email",
    "address",
    "email_index",
    "phone_index",
    "last_contact_on",
    "created_at",
    "updated_at",
]


def _contact_row(
    rng: random.Random, collective_id: int, stages: list[int], today: date, serial: int
) -> tuple[Any, ...]:
    name = f"{rng.choice(NAMES)} {chr(65 + serial % 26)}{serial % 97}"
    # About 1 in 200 shares an email with an earlier contact: dedupe has work to do.
    email_serial = serial - 1 if serial % 200 == 7 else serial
    email = f"person{email_serial}@example.org" if rng.random() < 0.3 else ""
    # Already in E.164, as the services store it (parsing a million numbers would be slow).
    phone = f"+1555{serial % 10_000_000:07d}" if rng.random() < 0.4 else ""
    workplace = rng.choice(["", "", "", "Riverside Assembly", "Amazon DLA8", "County hospital"])
    now = timezone.now()
    met = today - timedelta(days=rng.randint(0, 900))
    last = met + timedelta(days=rng.randint(0, 300))
    return (
        collective_id,
        name,
        crypto.normalize_name(name),
        rng.choices(stages, STAGE_WEIGHTS[: len(stages)])[0],
        rng.choice(["en", "es", "en", ""]),
        met,
        "",
        rng.random() < 0.5,
        "[]",
        workplace,
        rng.choice(["Paint", "Body shop", ""]) if workplace else "",
        rng.choice(["1st", "2nd", "3rd"]) if workplace else "",
        rng.randint(1, 5) if workplace else None,
        b"",
        crypto.encrypt(phone, _context(Contact, "phone")) if phone else b"",
        crypto.encrypt(email, _context(Contact, "email")) if email else b"",
        b"",
        crypto.email_index(email) if email else "",
        crypto.blind_index("phone", phone) if phone else "",
        min(last, today),
        now,
        now,
    )


def _insert(model: Any, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    write_rows(model._meta.db_table, columns, rows)


def _next_id(model: Any) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def _bench_tags(collective_ids: list[int]) -> dict[int, list[int]]:
    """Each bench collective's own tags (tags never cross collectives)."""
    Tag.objects.bulk_create(
        [Tag(collective_id=pk, name=name) for pk in collective_ids for name in TAGS],
        ignore_conflicts=True,
    )
    tags: dict[int, list[int]] = {pk: [] for pk in collective_ids}
    for collective_id, tag_id in Tag.objects.filter(collective_id__in=collective_ids).values_list(
        "collective_id", "id"
    ):
        tags[collective_id].append(tag_id)
    return tags


def _insert_tags(
    rng: random.Random, by_id: dict[int, tuple[Any, ...]], tags: dict[int, list[int]]
) -> None:
    rows = []
    for contact_id, row in by_id.items():
        for tag_id in rng.sample(tags[row[0]], rng.choice([0, 1, 1, 2, 3])):
            rows.append((contact_id, tag_id))
    _insert(Contact.tags.through, ["contact_id", "tag_id"], rows)


def _insert_conversations(
    rng: random.Random, by_id: dict[int, tuple[Any, ...]], notes: list[bytes]
) -> None:
    rows = []
    now = timezone.now()
    for contact_id, row in by_id.items():
        collective_id, met, last = row[0], row[5], row[19]
        count = max(0, round(rng.gauss(CONVERSATIONS_PER_CONTACT, 3)))
        span = max(1, (last - met).days)
        for index in range(count):
            day = last if index == 0 else met + timedelta(days=rng.randint(0, span))
            rows.append((contact_id, collective_id, day, "street", rng.choice(notes), now))
    _insert(
        Conversation,
        ["contact_id", "collective_id", "happened_on", "kind", "note", "created_at"],
        rows,
    )


def _insert_followups(
    rng: random.Random,
    by_id: dict[int, tuple[Any, ...]],
    users: list[int],
    today: date,
    city_id: int | None,
) -> None:
    rows = []
    now = timezone.now()
    organizer = users[0]
    for contact_id, row in by_id.items():
        if rng.random() < 0.1:
            done = rng.random() < 0.6
            # The bench organizer has the follow-ups of the bench city's contacts.
            assignee = organizer if row[0] == city_id else rng.choice(users)
            rows.append(
                (
                    contact_id,
                    row[0],
                    "Call about the study circle",
                    today + timedelta(days=rng.randint(-30, 30)),
                    assignee,
                    now if done else None,
                    b"",
                    0,
                    now,
                )
            )
    _insert(
        FollowUp,
        [
            "contact_id",
            "collective_id",
            "action",
            "due_on",
            "assignee_id",
            "done_at",
            "outcome",
            "snoozed",
            "created_at",
        ],
        rows,
    )

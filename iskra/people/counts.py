"""Contacts per collective and stage (StageCount), kept up to date by every service that
adds, deletes or moves contacts; `recount` rebuilds them from the contacts themselves."""

from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, F

from iskra.people.models import Contact, StageCount


def adjust(deltas: Counter[tuple[int, int]] | dict[tuple[int, int], int]) -> None:
    """Add `delta` to the count of each (collective id, stage id)."""
    with transaction.atomic():
        for (collective_id, stage_id), delta in sorted(deltas.items()):
            if not delta:
                continue
            updated = StageCount.objects.filter(
                collective_id=collective_id, stage_id=stage_id
            ).update(count=F("count") + delta)
            if not updated:
                StageCount.objects.create(
                    collective_id=collective_id, stage_id=stage_id, count=delta
                )


def recount(collective_ids: Iterable[int] | None = None) -> None:
    """Rebuild the counts from the contacts (all collectives, or these)."""
    contacts = Contact.objects.all()
    counts = StageCount.objects.all()
    if collective_ids is not None:
        ids = list(collective_ids)
        contacts = contacts.filter(collective_id__in=ids)
        counts = counts.filter(collective_id__in=ids)
    rows = contacts.order_by().values("collective_id", "stage_id").annotate(n=Count("id"))
    with transaction.atomic():
        counts.delete()
        StageCount.objects.bulk_create(
            [
                StageCount(
                    collective_id=row["collective_id"], stage_id=row["stage_id"], count=row["n"]
                )
                for row in rows
            ],
            batch_size=2000,
        )


def by_stage(collective_ids: list[int]) -> dict[int, int]:
    """Contacts per stage id over these collectives. One plain statement: a centre's overview
    passes every collective of the organization, and the ORM spent more time preparing
    hundreds of ids than the database spent adding the counts up."""
    if not collective_ids:
        return {}
    marks = ", ".join(["%s"] * len(collective_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT stage_id, SUM(count) FROM {StageCount._meta.db_table} "  # noqa: S608
            f"WHERE collective_id IN ({marks}) GROUP BY stage_id",
            [int(pk) for pk in collective_ids],
        )
        return {stage_id: int(n) for stage_id, n in cursor.fetchall() if n}

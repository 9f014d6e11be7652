"""Chores of the worker: rows of the database cache that expired are deleted, the files of old
jobs are removed, and SQLite's planner statistics are kept fresh.

Django's database cache deletes expired rows only when it is full, so rate-limit entries
(keyed hashes of client addresses) would otherwise stay in the table long after their hour."""

import threading

from django.conf import settings
from django.core.cache import caches
from django.db import connections, router
from django.utils import timezone

from iskra.reliability.outputs import purge_outputs

CULL_SECONDS = 600


def cull_expired_cache() -> int:
    """Delete the expired rows of every database cache; returns how many went."""
    removed = 0
    for alias, config in settings.CACHES.items():
        if config["BACKEND"] != "django.core.cache.backends.db.DatabaseCache":
            continue
        cache = caches[alias]
        table = config["LOCATION"]
        database = router.db_for_write(cache.cache_model_class)  # type: ignore[attr-defined]
        connection = connections[database]
        expired_before = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {connection.ops.quote_name(table)} WHERE expires < %s",  # noqa: S608
                [expired_before],
            )
            removed += cursor.rowcount
    return removed


def optimize_sqlite() -> None:
    """Let SQLite refresh its statistics where they are stale (`PRAGMA optimize`): without
    them its planner may read the audit log through the wrong index."""
    for connection in connections.all():
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA optimize")


def cull_forever(stop: threading.Event) -> None:
    """The worker's background chores: cull now, then every ten minutes until `stop`."""
    while True:
        cull_expired_cache()
        purge_outputs()
        optimize_sqlite()
        connections.close_all()
        if stop.wait(CULL_SECONDS):
            return

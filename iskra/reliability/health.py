"""What /healthz reports (see docs/reliability.md)."""

import secrets
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.utils import timezone


def check() -> dict[str, Any]:
    result: dict[str, Any] = {"database": "ok", "cache": "ok", "oldest_waiting_job_seconds": None}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        result["database"] = "failing"
        return result
    try:
        probe = secrets.token_hex(4)
        cache.set("healthz", probe, 30)
        if cache.get("healthz") != probe:
            result["cache"] = "failing"
    except Exception:  # any backend's error means the same to a monitor
        result["cache"] = "failing"
    result["oldest_waiting_job_seconds"] = oldest_waiting_job_seconds()
    return result


def oldest_waiting_job_seconds() -> int | None:
    if "DatabaseBackend" not in settings.TASKS["default"]["BACKEND"]:
        return None  # jobs run at once, in process: nothing waits
    from django_tasks_db.models import DBTaskResult

    oldest = (
        DBTaskResult.objects.ready().order_by("enqueued_at").values_list("enqueued_at", flat=True)
    ).first()
    if oldest is None:
        return 0
    return max(0, int((timezone.now() - oldest).total_seconds()))

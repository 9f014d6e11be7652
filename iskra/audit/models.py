from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """The audit log is append-only: entries are never edited or deleted."""


class LogEntryQuerySet(models.QuerySet["LogEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("audit log entries cannot be changed")

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> int:
        raise AppendOnlyError("audit log entries cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit log entries cannot be deleted (see `iskra purge_audit`)")


class LogEntry(models.Model):
    """One thing somebody did or read. `details` never holds protected values."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(max_length=100, db_index=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField(max_length=200, blank=True)
    collective = models.ForeignKey(
        "network.Collective", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    details = models.JSONField(default=dict, blank=True)

    objects = LogEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "-created_at"]),
            # The filters of the audit log, each with the id for keyset paging.
            models.Index(fields=["collective", "-id"], name="audit_collective_id"),
            models.Index(fields=["actor", "collective", "-id"], name="audit_actor_id"),
            models.Index(fields=["action", "collective", "-id"], name="audit_action_id"),
            models.Index(fields=["actor", "-id"], name="audit_actor_only_id"),
            models.Index(fields=["action", "-id"], name="audit_action_only_id"),
            models.Index(fields=["object_type", "object_id", "-id"], name="audit_object_id"),
        ]
        verbose_name = _("log entry")
        verbose_name_plural = _("log entries")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("audit log entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit log entries cannot be deleted (see `iskra purge_audit`)")

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    """Long work run by the task framework, with its progress and its outcome for a person
    to watch (see docs/background-jobs.md). `runner` is the dotted path of the function
    that does the work; `payload` holds its input (an upload, encrypted) until it is done."""

    class State(models.TextChoices):
        DRAFT = "draft", _("being prepared")
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("cancelled")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    runner = models.CharField(max_length=200)
    title = models.CharField(max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    collective = models.ForeignKey(
        "network.Collective", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    state = models.CharField(max_length=12, choices=State.choices, default=State.DRAFT)
    step = models.CharField(max_length=200, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    cancel_requested = models.BooleanField(default=False)
    params = models.JSONField(default=dict, blank=True)
    payload = models.BinaryField(default=b"", blank=True)
    result = models.JSONField(default=dict, blank=True)
    # The name of the file the job made (a PDF, a zip), kept privately under the data folder
    # (iskra/reliability/outputs.py); empty when it made none or the file expired.
    output_name = models.CharField(max_length=200, blank=True)
    errors = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED, self.State.CANCELLED)

    @property
    def percent(self) -> int:
        if not self.total:
            return 0
        return min(100, int(100 * self.done / self.total))

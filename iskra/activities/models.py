"""Activities: meetings, study circles, panels and conferences; who was invited and who
came; the reading list of a study circle; a private calendar feed per user."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from iskra.network.models import Collective


class StudyCircle(models.Model):
    """A circle that reads together over several sessions (each session is an Event)."""

    collective = models.ForeignKey(Collective, on_delete=models.PROTECT, related_name="circles")
    title = models.CharField(_("title"), max_length=200)
    # The reading list, one text a line: "Lenin, State and Revolution, ch. 1".
    reading_list = models.TextField(_("reading list"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("study circle")

    def __str__(self) -> str:
        return self.title

    def readings(self) -> list[str]:
        return [line.strip() for line in self.reading_list.splitlines() if line.strip()]


class Event(models.Model):
    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        STUDY_CIRCLE = "study_circle", _("Study circle")
        PANEL = "panel", _("Public panel")
        CONFERENCE = "conference", _("Conference")

    collective = models.ForeignKey(Collective, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    circle = models.ForeignKey(
        StudyCircle, null=True, blank=True, on_delete=models.CASCADE, related_name="sessions"
    )
    reading = models.CharField(_("reading for this session"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["collective", "starts_at"], name="event_coll_start")]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    """One person (a member or a contact) invited to an event, and whether they came."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    contact = models.ForeignKey(
        "people.Contact",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attendance_rows",
    )
    invited = models.BooleanField(default=True)
    attended = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=True, contact__isnull=False)
                | Q(user__isnull=False, contact__isnull=True),
                name="attendance_user_or_contact",
            ),
            models.UniqueConstraint(
                fields=["event", "user"], condition=Q(user__isnull=False), name="attendance_user"
            ),
            models.UniqueConstraint(
                fields=["event", "contact"],
                condition=Q(contact__isnull=False),
                name="attendance_contact",
            ),
        ]
        indexes = [models.Index(fields=["contact", "attended"], name="attendance_contact_came")]

    def __str__(self) -> str:
        return f"{self.event}: {self.user_id or self.contact_id}"


class SuggestionDismissal(models.Model):
    """An organizer said no to moving this contact to this stage; not suggested again."""

    contact = models.ForeignKey("people.Contact", on_delete=models.CASCADE, related_name="+")
    stage = models.ForeignKey("people.Stage", on_delete=models.CASCADE, related_name="+")
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dismissed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["contact", "stage"], name="dismissed_once")]

    def __str__(self) -> str:
        return f"{self.contact_id} -> {self.stage_id}"


class CalendarToken(models.Model):
    """The secret in a user's calendar feed URL. Only its hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"calendar feed {self.pk}"

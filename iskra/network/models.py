import zoneinfo
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


class Collective(models.Model):
    """A node of the organization's tree: international > country > city > group."""

    class Kind(models.TextChoices):
        INTERNATIONAL = "international", _("International")
        COUNTRY = "country", _("Country section")
        CITY = "city", _("City or region")
        WORKPLACE = "workplace", _("Workplace group")
        CAMPUS = "campus", _("Campus group")
        STUDY = "study", _("Study group")

    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(max_length=80, unique=True)
    country = models.CharField(_("country"), max_length=2, blank=True, help_text=_("ISO code"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    # Materialized path of ids ("/1/4/9/") so that a subtree is one indexed prefix query.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    # Made by `iskra demo`, which touches no collective without this mark.
    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("collective")
        verbose_name_plural = _("collectives")

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/")[:-1] if part]

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    ORGANIZER = "organizer", _("Organizer")
    EDITOR = "editor", _("Editor")
    TREASURER = "treasurer", _("Treasurer")
    CENTRE = "centre", _("Centre")


# Roles that see more than a member's own records must log in with two factors.
SENSITIVE_ROLES = frozenset({Role.ORGANIZER, Role.EDITOR, Role.TREASURER, Role.CENTRE})


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> "MembershipQuerySet":
        return self.filter(ended_at__isnull=True)


class Membership(models.Model):
    class Status(models.TextChoices):
        FRIEND = "friend", _("Friend")
        CANDIDATE = "candidate", _("Candidate")
        MEMBER = "member", _("Member")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    collective = models.ForeignKey(Collective, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.MEMBER
    )
    since = models.DateField(_("since"), default=timezone.localdate)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "collective", "role"],
                condition=models.Q(ended_at__isnull=True),
                name="one_active_role_per_collective",
            )
        ]
        ordering = ["collective__path", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} / {self.collective} / {self.role}"


class Invitation(models.Model):
    """A single-use link that lets one new person sign up into a collective with a role."""

    collective = models.ForeignKey(Collective, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        max_length=20, choices=Membership.Status.choices, default=Membership.Status.MEMBER
    )
    note = models.CharField(
        _("who it is for"),
        max_length=80,
        blank=True,
        help_text=_("A nickname so you recognize it later; not shown to anyone else."),
    )
    # Only a hash of the token is stored: a database leak does not hand out working links.
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.collective} {self.role} {self.note}".strip()

    def is_usable(self, now: Any = None) -> bool:
        now = now or timezone.now()
        return self.used_at is None and self.revoked_at is None and self.expires_at > now


class ContactShare(models.Model):
    """An explicit, logged grant: organizers and centre users of `recipient` may see the raw
    contacts of `source` until it expires or is revoked."""

    source = models.ForeignKey(Collective, on_delete=models.CASCADE, related_name="shares_given")
    recipient = models.ForeignKey(
        Collective, on_delete=models.CASCADE, related_name="shares_received"
    )
    reason = models.CharField(_("reason"), max_length=200)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.source} -> {self.recipient}"

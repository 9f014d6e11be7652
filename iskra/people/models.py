"""Contacts, the conversations had with them, the follow-ups they need and their stages.

Protected values (legal name, phone, email, street address, conversation notes and
follow-up outcomes) are EncryptedTextFields; everything else is plain so that lists,
filters and reports stay fast. See docs/data-protection.md.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from iskra.people import phones
from iskra.people.fields import EncryptedTextField

# The stages an organization starts with; their names and order are data (Stage rows).
# A stage keeps its translated default name until the organization renames it.
DEFAULT_STAGE_NAMES = {
    "met": "Met",
    "reader": "Reader",
    "friend": "Friend",
    "supporter": "Active supporter",
    "candidate": "Candidate",
    "member": "Member",
}
_DEFAULT_STAGE_LABELS = {
    "met": _("Met"),
    "reader": _("Reader"),
    "friend": _("Friend"),
    "supporter": _("Active supporter"),
    "candidate": _("Candidate"),
    "member": _("Member"),
}

PROTECTED_FIELDS = ("legal_name", "phone", "email", "address")


class Stage(models.Model):
    """A step on the way from being met to membership. `position` orders them."""

    key = models.SlugField(max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60)
    position = models.PositiveSmallIntegerField(unique=True)
    counts_as_member = models.BooleanField(
        default=False, help_text=_("Contacts at this stage are never proposed for deletion.")
    )

    class Meta:
        ordering = ["position"]
        verbose_name = _("stage")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The translated default name, unless the organization renamed the stage."""
        if DEFAULT_STAGE_NAMES.get(self.key) == self.name:
            return str(_DEFAULT_STAGE_LABELS[self.key])
        return self.name


class Tag(models.Model):
    """A label a collective puts on its contacts. Tags belong to one collective: another
    collective never sees their names (a tag name can say a lot)."""

    collective = models.ForeignKey(
        "network.Collective", on_delete=models.CASCADE, related_name="tags"
    )
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["collective", "name"], name="one_tag_name_per_collective"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Topic(models.Model):
    """What people care about and what was talked about: "Gaza", "electoral college"."""

    name = models.CharField(_("name"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone call")
    SMS = "sms", _("Text message")
    EMAIL = "email", _("Email")
    POST = "post", _("Post")


class Contact(models.Model):
    collective = models.ForeignKey(
        "network.Collective", on_delete=models.PROTECT, related_name="contacts"
    )
    display_name = models.CharField(
        _("display name"),
        max_length=120,
        help_text=_('Initials or a nickname are enough: "M (Green Party sign)".'),
    )
    # Case- and accent-free display name: search and dedupe use it.
    search_name = models.CharField(max_length=120, editable=False, default="")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="contacts")
    language = models.CharField(_("language"), max_length=10, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="contacts")
    topics = models.ManyToManyField(Topic, blank=True, related_name="contacts")
    first_met_on = models.DateField(_("first met on"), null=True, blank=True)
    first_met_place = models.CharField(_("where first met"), max_length=200, blank=True)
    introduced_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("introduced by (member)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    introduced_by_contact = models.ForeignKey(
        "self",
        verbose_name=_("introduced by (contact)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="introduced",
    )
    consent = models.BooleanField(_("may we contact them?"), default=False)
    consent_channels = models.JSONField(_("by which channels"), default=list, blank=True)
    workplace = models.CharField(_("workplace"), max_length=120, blank=True)
    department = models.CharField(_("department"), max_length=80, blank=True)
    shift = models.CharField(_("shift"), max_length=40, blank=True)
    assessment = models.PositiveSmallIntegerField(
        _("assessment"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 hostile, 2 cool, 3 neutral, 4 friendly, 5 with us."),
    )
    legal_name = EncryptedTextField(_("legal name"))
    phone = EncryptedTextField(_("phone"))
    email = EncryptedTextField(_("email"))
    address = EncryptedTextField(_("street address"))
    email_index = models.CharField(max_length=32, blank=True, default="", editable=False)
    phone_index = models.CharField(max_length=32, blank=True, default="", editable=False)
    # Kept up to date by the services: the date of the latest conversation.
    last_contact_on = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["search_name", "id"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [
            models.Index(fields=["collective", "search_name"], name="contact_coll_name"),
            models.Index(fields=["collective", "stage", "search_name"], name="contact_coll_stage"),
            models.Index(fields=["collective", "last_contact_on"], name="contact_coll_last"),
            models.Index(fields=["collective", "workplace"], name="contact_coll_workplace"),
            models.Index(fields=["email_index"], name="contact_email_index"),
            models.Index(fields=["phone_index"], name="contact_phone_index"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def phone_display(self) -> str:
        return phones.for_display(self.phone)

    @property
    def met_label(self) -> str:
        """Where and when they were first met ("met 3 Sep at the Palestine march"): what tells
        two people with the same nickname apart on lists."""
        when = formats.date_format(self.first_met_on, "j M") if self.first_met_on else ""
        return met_text(when, self.first_met_place)


def met_phrases() -> tuple[str, str, str]:
    """The three ways of saying where and when someone was first met, in the active language."""
    return (
        gettext("met %(date)s at %(place)s"),
        gettext("met %(date)s"),
        gettext("met at %(place)s"),
    )


def met_text(when: str, place: str, phrases: tuple[str, str, str] | None = None) -> str:
    """ "met 3 Sep at the Palestine march", from the date as written and the place (a list
    passes `met_phrases()` once for all its rows)."""
    at_place_on, on, at_place = phrases or met_phrases()
    if when and place:
        return at_place_on % {"date": when, "place": place}
    if when:
        return on % {"date": when}
    if place:
        return at_place % {"place": place}
    return ""


class Conversation(models.Model):
    class Kind(models.TextChoices):
        STREET = "street", _("Street")
        WORKPLACE = "workplace", _("Workplace")
        HOME = "home", _("Home visit")
        PHONE = "phone", _("Phone")
        MEETING = "meeting", _("Meeting")
        STUDY = "study", _("Study circle")

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="conversations")
    collective = models.ForeignKey("network.Collective", on_delete=models.CASCADE, related_name="+")
    happened_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="conversations"
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="conversations")
    note = EncryptedTextField(_("note"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-happened_on", "-id"]
        indexes = [models.Index(fields=["contact", "-happened_on"], name="conversation_contact")]

    def __str__(self) -> str:
        return f"{self.contact} {self.happened_on}"


class FollowUpQuerySet(models.QuerySet["FollowUp"]):
    def open(self) -> "FollowUpQuerySet":
        return self.filter(done_at__isnull=True)


class FollowUp(models.Model):
    """The next step with someone: due on a date of the collective's calendar."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="followups")
    collective = models.ForeignKey("network.Collective", on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(
        Conversation, null=True, blank=True, on_delete=models.SET_NULL, related_name="followups"
    )
    action = models.CharField(
        _("next step"),
        max_length=200,
        help_text=_("Short, and no private details: it shows on follow-up lists."),
    )
    due_on = models.DateField(_("due on"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.CASCADE,
        related_name="followups",
    )
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = EncryptedTextField(_("outcome"))
    snoozed = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(
                fields=["assignee", "due_on"],
                condition=models.Q(done_at__isnull=True),
                name="followup_open_by_assignee",
            ),
            models.Index(fields=["contact", "due_on"], name="followup_contact"),
        ]

    def __str__(self) -> str:
        return f"{self.contact}: {self.action} ({self.due_on})"


# Reasons the system writes: stored in English, shown in the reader's language.
SYSTEM_REASONS = {
    "Added": _("Added"),
    "Merged with a duplicate": _("Merged with a duplicate"),
    "Came to three activities or more": _("Came to three activities or more"),
}


class StageChange(models.Model):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.ForeignKey(
        Stage, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("why"), max_length=200, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.contact}: {self.from_stage} -> {self.to_stage}"

    @property
    def reason_label(self) -> str:
        return str(SYSTEM_REASONS.get(self.reason, self.reason))


class StageCount(models.Model):
    """How many contacts a collective has at each stage, kept by the services (and
    `recount_stages`), so that centre dashboards never count a million rows."""

    collective = models.ForeignKey("network.Collective", on_delete=models.CASCADE, related_name="+")
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="+")
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["collective", "stage"], name="one_count_per_stage")
        ]

    def __str__(self) -> str:
        return f"{self.collective_id}/{self.stage_id}: {self.count}"

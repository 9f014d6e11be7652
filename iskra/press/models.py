"""The press: publications, their issues and articles, workers' submissions, print runs and
the email editions. Every write goes through press.services; reads through press.queries."""

import mimetypes

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from iskra.network.models import Collective
from iskra.people.fields import EncryptedTextField

MOTTO = "The emancipation of the working class will only be achieved by the working class itself."


def in_language(values: dict[str, str], language: str, fallback: str = "") -> str:
    """The value of a per-language dict in `language`, else in any language, else fallback."""
    if not values:
        return fallback
    return values.get(language) or next(iter(values.values()), fallback) or fallback


class Publication(models.Model):
    class Kind(models.TextChoices):
        PAPER = "paper", _("Paper")
        NEWSLETTER = "newsletter", _("Workplace newsletter")
        PAMPHLET = "pamphlet", _("Pamphlet")
        LEAFLET = "leaflet", _("Leaflet")

    class Schedule(models.TextChoices):
        WEEKLY = "weekly", _("Weekly")
        FORTNIGHTLY = "fortnightly", _("Every two weeks")
        MONTHLY = "monthly", _("Monthly")
        BIMONTHLY = "bimonthly", _("Every two months")
        IRREGULAR = "irregular", _("When needed")

    class PrintFormat(models.TextChoices):
        TABLOID = "tabloid", _("Tabloid paper")
        LETTER_SHEET = "letter-sheet", _("Two-sided letter sheet")
        A4_SHEET = "a4-sheet", _("Two-sided A4 sheet")
        A5_BOOKLET = "a5-booklet", _("A5 booklet")

    class Bilingual(models.TextChoices):
        SEPARATE = "separate", _("One PDF per language")
        COMBINED = "combined", _("One PDF with every language")

    collective = models.ForeignKey(
        Collective, on_delete=models.PROTECT, related_name="publications"
    )
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # {"en": "Red Banner", "es": "Bandera Roja"}: one entry per language of the publication.
    names = models.JSONField(_("names"), default=dict)
    languages = models.JSONField(_("languages"), default=list)
    schedule = models.CharField(
        _("schedule"), max_length=20, choices=Schedule.choices, default=Schedule.MONTHLY
    )
    print_format = models.CharField(
        _("print format"), max_length=20, choices=PrintFormat.choices, default=PrintFormat.TABLOID
    )
    bilingual = models.CharField(
        _("bilingual editions"),
        max_length=20,
        choices=Bilingual.choices,
        default=Bilingual.SEPARATE,
    )
    mastheads = models.JSONField(_("masthead"), default=dict, blank=True)
    mottos = models.JSONField(_("motto"), default=dict, blank=True)
    # Print and the public site's face: columns of a tabloid page, the house colour, and the
    # collective's public contact line printed in the house box ("Write to us: ...").
    columns = models.PositiveSmallIntegerField(
        _("columns on a tabloid page"),
        default=4,
        validators=[MinValueValidator(2), MaxValueValidator(6)],
    )
    color = models.CharField(
        _("house colour"),
        max_length=7,
        default="#b3161b",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("A colour like #b3161b."))],
    )
    contact = models.CharField(_("public contact"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        """The name in the active language when the publication has one, else the first."""
        return self.name_in(self.current_language)

    @property
    def current_language(self) -> str:
        active = (get_language() or "").split("-")[0]
        return active if active in self.languages else self.main_language

    @property
    def local_masthead(self) -> str:
        return self.masthead_in(self.current_language)

    @property
    def local_motto(self) -> str:
        return self.motto_in(self.current_language)

    def name_in(self, language: str) -> str:
        return in_language(self.names, language, self.slug)

    def masthead_in(self, language: str) -> str:
        return in_language(self.mastheads, language)

    def motto_in(self, language: str) -> str:
        return in_language(self.mottos, language)

    @property
    def main_language(self) -> str:
        return self.languages[0] if self.languages else settings.LANGUAGE_CODE


class Issue(models.Model):
    class State(models.TextChoices):
        PLANNING = "planning", _("Planning")
        EDITING = "editing", _("Editing")
        READY = "ready", _("Ready to print")
        PRINTED = "printed", _("Printed")
        PUBLISHED = "published", _("Published")

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="issues")
    number = models.PositiveIntegerField(_("number"))
    date = models.DateField(_("date"))
    state = models.CharField(max_length=20, choices=State.choices, default=State.PLANNING)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["publication", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "number"], name="press_issue_number")
        ]
        verbose_name = _("issue")
        verbose_name_plural = _("issues")

    def __str__(self) -> str:
        return f"{self.publication} #{self.number}"

    @property
    def collective(self) -> Collective:
        return self.publication.collective


class Topic(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    names = models.JSONField(default=dict)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug

    def name_in(self, language: str = "") -> str:
        return in_language(self.names, language or (get_language() or "en")[:2], self.slug)


class Article(models.Model):
    class Kind(models.TextChoices):
        EDITORIAL = "editorial", _("Editorial")
        REPORT = "report", _("Report")
        ANALYSIS = "analysis", _("Analysis")
        LETTER = "letter", _("Letter")
        WORKERS_ITEM = "workers-item", _("Workers' item")
        PHOTO_CAPTION = "photo-caption", _("Photo caption")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    # The collective whose editors own it; the publication it was written for, if any (a
    # common editorial belongs to a collective and is placed in many publications' issues).
    collective = models.ForeignKey(Collective, on_delete=models.PROTECT, related_name="articles")
    publication = models.ForeignKey(
        Publication, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    shared_below = models.BooleanField(
        _("offered to the publications below"),
        default=False,
        help_text=_("A common editorial that the groups below may place in their own sheets."),
    )
    language = models.CharField(_("language"), max_length=10)
    translation_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="translations"
    )
    # `version` counts changes of the text; a translation records the original's version it
    # was made from, so it is out of date once the original moved on.
    version = models.PositiveIntegerField(default=1)
    source_version = models.PositiveIntegerField(null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REPORT)
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=200, allow_unicode=False)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    dateline_place = models.CharField(_("dateline place"), max_length=80, blank=True)
    dateline_country = models.CharField(_("dateline country"), max_length=80, blank=True)
    dateline_date = models.DateField(_("dateline date"), null=True, blank=True)
    byline = models.CharField(_("byline or pseudonym"), max_length=120, blank=True)
    body = models.TextField(_("text (Markdown)"), blank=True)
    # Taken from a sister organization's Iskra (`iskra import_article`): who published it
    # first and where, shown with the article.
    source_name = models.CharField(_("first published by"), max_length=200, blank=True)
    source_url = models.URLField(_("first published at"), max_length=500, blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="articles")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["translation_of", "language"],
                condition=models.Q(translation_of__isnull=False),
                name="press_one_translation_per_language",
            )
        ]
        indexes = [
            models.Index(fields=["state", "language", "-published_at"]),
            models.Index(fields=["publication", "state", "language", "-published_at"]),
        ]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self) -> str:
        return self.title

    @property
    def original(self) -> "Article":
        return self.translation_of or self

    @property
    def is_stale(self) -> bool:
        """A translation made from an older text of its original."""
        return (
            self.translation_of is not None
            and (self.source_version or 0) < self.translation_of.version
        )

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    def dateline(self) -> str:
        """LOS ANGELES (USA), September 9—"""
        place = self.dateline_place.upper()
        if place and self.dateline_country:
            place = f"{place} ({self.dateline_country})"
        if self.dateline_date:
            when = date_format(self.dateline_date, "MONTH_DAY_FORMAT")
            place = f"{place}, {when}" if place else when
        return f"{place}—" if place else ""


class ArticleImage(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("image"), upload_to="press/images/%Y/%m/")
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    alt_text = models.CharField(_("description for screen readers"), max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["article", "order", "pk"]

    def __str__(self) -> str:
        return self.alt_text

    @property
    def image_name(self) -> str:
        return self.image.name.rsplit("/", 1)[-1]

    @property
    def content_type(self) -> str:
        return mimetypes.guess_type(self.image_name)[0] or "application/octet-stream"


class IssuePlacement(models.Model):
    """An article in an issue, on a page, in order. One article may be placed in many issues
    (the common editorial); a placement names the version in any language and the issue
    prints the version in the language being printed."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="placements")
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="placements")
    page = models.PositiveSmallIntegerField(_("page"), default=1)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_lead = models.BooleanField(_("front-page lead"), default=False)

    class Meta:
        ordering = ["issue", "page", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "article"], name="press_placed_once"),
            models.UniqueConstraint(
                fields=["issue"], condition=models.Q(is_lead=True), name="press_one_lead"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.issue} p.{self.page}: {self.article}"


class ArticleComment(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:40]


class Submission(models.Model):
    """A worker's item sent through the public form. Deliberately without the sender's IP
    address, user agent or any other trace: only what they typed."""

    class State(models.TextChoices):
        NEW = "new", _("New")
        USED = "used", _("Turned into an article")
        DISCARDED = "discarded", _("Discarded")

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="submissions"
    )
    workplace = models.CharField(_("workplace or department"), max_length=120, blank=True)
    body = models.TextField(_("what happened"))
    # Protected: a phone number or an address can name the worker who wrote.
    reply_to = EncryptedTextField(_("a way to reply (optional)"))
    language = models.CharField(max_length=10, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.NEW)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.body[:40]

    @property
    def collective(self) -> Collective:
        return self.publication.collective


class PrintRun(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="print_runs")
    language = models.CharField(_("language"), max_length=10, blank=True)
    copies = models.PositiveIntegerField(_("copies"))
    cost = models.DecimalField(_("cost"), max_digits=10, decimal_places=2, default=0)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    printed_on = models.DateField(_("printed on"), default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-printed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.issue}: {self.copies}"

    @property
    def collective(self) -> Collective:
        return self.issue.publication.collective


class Subscriber(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        ACTIVE = "active", _("Subscribed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="subscribers"
    )
    # Encrypted like a contact's email (see docs/data-protection.md); `email_index` is its
    # blind index, for "already subscribed?" without the plaintext.
    email = EncryptedTextField(_("email"))
    email_index = models.CharField(max_length=32, editable=False, default="")
    # Set when the subscriber is a contact who agreed to be emailed: the address is the
    # contact's own, read when sending, so a changed address follows.
    contact = models.ForeignKey(
        "people.Contact", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(_("language"), max_length=10)
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["publication", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "email_index"], name="press_subscribed_once"
            )
        ]

    def __str__(self) -> str:
        return f"subscriber {self.pk}"

    @property
    def address(self) -> str:
        """Where the edition goes: the contact's current email, or the signed-up one."""
        return self.contact.email if self.contact is not None else self.email

    def audit_label(self) -> str:
        # Never the address itself.
        return f"subscriber {self.pk} of {self.publication.slug}"

    @property
    def collective(self) -> Collective:
        return self.publication.collective


class EmailDelivery(models.Model):
    """One issue to one subscriber: created before sending and marked sent only after the
    SMTP server accepted the message, so a resumed job sends only what is left."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped: unsubscribed meanwhile")

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="press_delivered_once")
        ]

    def __str__(self) -> str:
        return f"{self.issue} -> {self.subscriber_id}: {self.state}"

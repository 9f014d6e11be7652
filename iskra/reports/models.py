"""Period reports: a collective's report for a month, a quarter or a span, its narrative in
each language (linked as translations), and the frozen versions made on submit."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from iskra.network.models import Collective
from iskra.reports.periods import Period


class Report(models.Model):
    class Kind(models.TextChoices):
        MONTH = "month", _("Month")
        QUARTER = "quarter", _("Quarter")
        SPAN = "span", _("Between two dates")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    collective = models.ForeignKey(Collective, on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start", "collective__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["collective", "start", "end"], name="one_report_per_period"
            ),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="report_ends"),
        ]
        indexes = [models.Index(fields=["start", "end", "state"], name="report_period_state")]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return f"{self.collective} {self.period.code}"

    @property
    def period(self) -> Period:
        return Period(self.kind, self.start, self.end)


class Narrative(models.Model):
    """The collective's own words in one language; a translation points at the original."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="narratives")
    language = models.CharField(_("language"), max_length=10)
    translation_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="translations"
    )
    situation = models.TextField(_("the situation"), blank=True)
    work = models.TextField(_("the work"), blank=True)
    problems = models.TextField(_("the problems"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    SECTIONS = ("situation", "work", "problems", "proposals")

    class Meta:
        ordering = ["translation_of_id", "language"]
        constraints = [
            models.UniqueConstraint(fields=["report", "language"], name="one_narrative_per_lang")
        ]

    def __str__(self) -> str:
        return f"{self.report} [{self.language}]"


class Version(models.Model):
    """A frozen report: figures and text as JSON, and its SHA-256. Never changed; a
    correction adds the next version."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    snapshot = models.JSONField()
    sha256 = models.CharField(max_length=64)
    reason = models.CharField(_("what was corrected"), max_length=300, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"


class Reminder(models.Model):
    """A parent reminded a collective that its report for a period is missing."""

    collective = models.ForeignKey(Collective, on_delete=models.CASCADE, related_name="+")
    start = models.DateField()
    end = models.DateField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.collective} {self.start}..{self.end}"

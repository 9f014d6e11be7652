"""Distribution: bundles of an issue sent to a collective, outings where copies are handed
out and money collected, and the contacts met there. Writes go through services.py."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from iskra.network.models import Collective


class Bundle(models.Model):
    """Copies of an issue that reach a collective: sent by another collective (usually the one
    above it), delivered by the printer, or printed locally. Only the first kind has a source
    collective, whose stock it leaves."""

    class Origin(models.TextChoices):
        COLLECTIVE = "collective", _("From another collective")
        PRINTER = "printer", _("From the printer")
        LOCAL = "local", _("Printed locally")

    issue = models.ForeignKey("press.Issue", on_delete=models.CASCADE, related_name="bundles")
    origin = models.CharField(
        _("where they came from"), max_length=12, choices=Origin.choices, default=Origin.COLLECTIVE
    )
    source = models.ForeignKey(
        Collective,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bundles_sent",
    )
    collective = models.ForeignKey(
        Collective, on_delete=models.PROTECT, related_name="bundles_received"
    )
    copies = models.PositiveIntegerField(_("copies"))
    sent_on = models.DateField(_("sent on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_on", "-pk"]
        indexes = [models.Index(fields=["collective", "issue"], name="bundle_coll_issue")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(origin="collective", source__isnull=False)
                | (~models.Q(origin="collective") & models.Q(source__isnull=True)),
                name="bundle_source_iff_collective",
            )
        ]

    def __str__(self) -> str:
        return f"{self.issue} -> {self.collective}: {self.copies}"


class StockAdjustment(models.Model):
    """A correction of a collective's stock of an issue, with the reason a person gave:
    copies found, lost, damaged, or counted again. Positive adds to the stock."""

    collective = models.ForeignKey(
        Collective, on_delete=models.PROTECT, related_name="stock_adjustments"
    )
    issue = models.ForeignKey(
        "press.Issue", on_delete=models.CASCADE, related_name="stock_adjustments"
    )
    copies = models.IntegerField(_("copies"))
    reason = models.CharField(_("reason"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["collective", "issue"], name="adjust_coll_issue")]

    def __str__(self) -> str:
        return f"{self.collective} {self.issue}: {self.copies:+d}"


class Outing(models.Model):
    class Kind(models.TextChoices):
        MARCH = "march", _("March")
        RALLY = "rally", _("Rally")
        PICKET = "picket", _("Picket line")
        FACTORY_GATE = "factory_gate", _("Factory gate")
        CAMPUS = "campus", _("Campus")
        DOOR_TO_DOOR = "door_to_door", _("Door to door")
        BOOKSTALL = "bookstall", _("Bookstall")
        MEETING = "meeting", _("Meeting")

    collective = models.ForeignKey(Collective, on_delete=models.PROTECT, related_name="outings")
    starts_at = models.DateTimeField(_("when"))
    # The day in the collective's time zone: reports group by it without date functions.
    day = models.DateField(editable=False)
    place = models.CharField(_("place"), max_length=200)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    shift = models.CharField(_("shift"), max_length=40, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="outings", verbose_name=_("who went")
    )
    friends_count = models.PositiveSmallIntegerField(_("friends who helped"), default=0)
    # The summary sentence as edited by a person, per language; empty means "as generated".
    summaries = models.JSONField(default=dict, blank=True)
    article = models.ForeignKey(
        "press.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        indexes = [
            models.Index(fields=["collective", "-starts_at"], name="outing_coll_start"),
            models.Index(fields=["collective", "day", "kind"], name="outing_coll_day"),
        ]
        verbose_name = _("outing")
        verbose_name_plural = _("outings")

    def __str__(self) -> str:
        return f"{self.place} {self.starts_at:%Y-%m-%d}"


class OutingLine(models.Model):
    """Copies of one issue in one language handed out on an outing, and the money collected.
    The collective and the day are copied from the outing so that reports read one table."""

    outing = models.ForeignKey(Outing, on_delete=models.CASCADE, related_name="lines")
    collective = models.ForeignKey(Collective, on_delete=models.PROTECT, related_name="+")
    handed_on = models.DateField()
    publication = models.ForeignKey("press.Publication", on_delete=models.PROTECT, related_name="+")
    issue = models.ForeignKey("press.Issue", on_delete=models.PROTECT, related_name="+")
    language = models.CharField(_("language"), max_length=10, blank=True)
    copies = models.PositiveIntegerField(_("copies"))
    money = models.DecimalField(_("money collected"), max_digits=10, decimal_places=2, default=0)
    currency = models.CharField(_("currency"), max_length=3, default="USD")

    class Meta:
        ordering = ["outing", "pk"]
        indexes = [
            models.Index(
                fields=["collective", "handed_on", "currency", "copies", "money"],
                name="outingline_coll_day",
            ),
            models.Index(
                fields=["issue", "collective", "currency", "copies", "money"],
                name="outingline_issue",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.outing}: {self.copies} x {self.issue}"


class OutingMoney(models.Model):
    """Money collected on an outing: one line per amount, currency and kind, so that the
    books can post each to its account. The collective and day are copied for reports."""

    class Kind(models.TextChoices):
        DONATION = "donation", _("Donations")
        SALE = "sale", _("Sales")

    outing = models.ForeignKey(Outing, on_delete=models.CASCADE, related_name="money_lines")
    collective = models.ForeignKey(Collective, on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField()
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    kind = models.CharField(_("what it was"), max_length=10, choices=Kind.choices)

    class Meta:
        ordering = ["outing", "pk"]
        indexes = [
            models.Index(
                fields=["collective", "received_on", "currency", "amount"],
                name="outingmoney_coll_day",
            )
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="outingmoney_positive")
        ]

    def __str__(self) -> str:
        return f"{self.outing}: {self.amount} {self.currency} {self.kind}"


class OutingContact(models.Model):
    outing = models.ForeignKey(Outing, on_delete=models.CASCADE, related_name="contacts_met")
    contact = models.ForeignKey(
        "people.Contact", on_delete=models.CASCADE, related_name="outings_met"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["outing", "contact"], name="outing_contact_once")
        ]

    def __str__(self) -> str:
        return f"{self.outing}: {self.contact_id}"

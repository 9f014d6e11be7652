"""Finance: each collective's books in double entry. Writes go through services.py.

Amounts are stored as integers in the currency's minor units (cents), so that sums are exact
on every database and a transaction's legs can be checked to sum to zero by the database
itself (see the trigger in migrations/0002). `money.py` converts to and from `Decimal`.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from iskra.finance import money
from iskra.network.models import Collective
from iskra.people.fields import EncryptedTextField


class Books(models.Model):
    """A collective's books: the currency they are kept in."""

    collective = models.OneToOneField(Collective, on_delete=models.CASCADE, related_name="books")
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.collective} ({self.currency})"


class Account(models.Model):
    class Kind(models.TextChoices):
        ASSET = "asset", _("Asset")
        LIABILITY = "liability", _("Liability")
        EQUITY = "equity", _("Equity")
        INCOME = "income", _("Income")
        EXPENSE = "expense", _("Expense")

    collective = models.ForeignKey(Collective, on_delete=models.CASCADE, related_name="accounts")
    # A stable code: the default chart's codes are translated by `labels.py`; an account the
    # treasurer adds has a code of its own and its `name` as typed.
    code = models.SlugField(max_length=40)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=80, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    is_default = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["collective", "kind", "code"]
        constraints = [
            models.UniqueConstraint(fields=["collective", "code"], name="account_code_once")
        ]

    def __str__(self) -> str:
        from iskra.finance.labels import account_label

        return str(account_label(self))

    @property
    def category(self) -> str:
        """The category code reports group by: a custom account reports under its parent's."""
        return self.parent.code if self.parent_id and self.parent else self.code


class Transaction(models.Model):
    class Kind(models.TextChoices):
        MANUAL = "manual", _("Entered by hand")
        OUTING = "outing", _("Money from an outing")
        PRINT_RUN = "print_run", _("Print run")
        BUNDLE = "bundle", _("Bundle of papers")
        DUES = "dues", _("Dues")
        FUND_DRIVE = "fund_drive", _("Fund drive")
        TRANSFER = "transfer", _("Transfer between collectives")
        TRANSFER_RECEIVED = "transfer_received", _("Transfer received")
        REVERSAL = "reversal", _("Correction (reversing entry)")

    collective = models.ForeignKey(
        Collective, on_delete=models.PROTECT, related_name="transactions"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.MANUAL)
    date = models.DateField(_("date"))
    description = models.CharField(_("description"), max_length=200)
    # The currency the money was counted in; when it is not the books' currency, the rate
    # (books' currency per unit) is stored and each leg's `base_minor` uses it.
    currency = models.CharField(_("currency"), max_length=3)
    exchange_rate = models.DecimalField(max_digits=18, decimal_places=8, null=True, blank=True)
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    # What the automatic postings come from ("distribution.outing", 42).
    source_type = models.CharField(max_length=40, blank=True)
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    # Named money (dues, named donations) is seen by the treasurer and the member only.
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    donor = models.CharField(_("donor"), max_length=80, blank=True)
    # The legs are written first, then the transaction is sealed: the database checks
    # at the seal (SQLite) or at commit (PostgreSQL) that the legs balance.
    sealed = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["collective", "-date"], name="fin_tx_coll_date"),
            models.Index(fields=["source_type", "source_id"], name="fin_tx_source"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.description}"


class Posting(models.Model):
    """One leg. The collective, date and category are copied from the account and the
    transaction so that reports read one table with one index."""

    transaction = models.ForeignKey(Transaction, on_delete=models.CASCADE, related_name="legs")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="postings")
    collective = models.ForeignKey(Collective, on_delete=models.PROTECT, related_name="+")
    date = models.DateField()
    category = models.SlugField(max_length=40)
    kind = models.CharField(max_length=10, choices=Account.Kind.choices)
    currency = models.CharField(max_length=3)
    amount_minor = models.BigIntegerField()  # debit positive, credit negative
    base_minor = models.BigIntegerField()  # the same in the books' currency
    # The other collective, on legs of money between collectives: consolidation drops them.
    counterparty = models.ForeignKey(
        Collective, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issue = models.ForeignKey(
        "press.Issue", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["transaction", "pk"]
        indexes = [
            models.Index(
                fields=["collective", "date", "kind", "category", "base_minor"],
                name="fin_post_coll_date",
            ),
            # The balances page sums one collective's legs per account from the index alone.
            models.Index(fields=["collective", "account", "base_minor"], name="fin_post_balance"),
        ]

    def __str__(self) -> str:
        return f"{self.account}: {self.amount}"

    @property
    def amount(self) -> Decimal:
        return money.from_minor(self.amount_minor, self.currency)


class ClosedMonth(models.Model):
    collective = models.ForeignKey(
        Collective, on_delete=models.CASCADE, related_name="closed_months"
    )
    month = models.DateField()  # the first day
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["collective", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["collective", "month"], name="closed_month_once")
        ]

    def __str__(self) -> str:
        return f"{self.collective} {self.month:%Y-%m}"


class DuesPledge(models.Model):
    """What a member pledged from a month on. A change is a new pledge from a later month:
    the months before keep what was pledged then."""

    class Kind(models.TextChoices):
        FIXED = "fixed", _("An amount per month")
        RATE = "rate", _("A share of my wage")

    collective = models.ForeignKey(Collective, on_delete=models.CASCADE, related_name="pledges")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dues_pledges"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    amount_minor = models.BigIntegerField(default=0)  # fixed pledges
    rate_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    # The declared monthly wage, encrypted: seen by the member and the treasurer only.
    wage = EncryptedTextField(_("monthly wage"))
    # What the rate gives, kept so that lists and arrears never decrypt the wage.
    monthly_minor = models.BigIntegerField(default=0)
    currency = models.CharField(max_length=3)
    starts_on = models.DateField()  # the first day of a month
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["collective", "member", "-starts_on", "-pk"]
        indexes = [models.Index(fields=["collective", "starts_on"], name="fin_pledge_coll")]

    def __str__(self) -> str:
        return f"{self.member} {self.starts_on:%Y-%m}"

    @property
    def monthly(self) -> Decimal:
        return money.from_minor(self.monthly_minor, self.currency)


class DuesPayment(models.Model):
    class Method(models.TextChoices):
        CASH = "cash", _("Cash")
        BANK = "bank", _("Bank")
        OTHER = "other", _("Other")

    collective = models.ForeignKey(
        Collective, on_delete=models.CASCADE, related_name="dues_payments"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="dues_payments"
    )
    month = models.DateField()  # the month paid for, first day
    amount_minor = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    method = models.CharField(_("how"), max_length=10, choices=Method.choices)
    transaction = models.OneToOneField(Transaction, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-month", "-pk"]
        indexes = [models.Index(fields=["collective", "month"], name="fin_dues_coll_month")]

    def __str__(self) -> str:
        return f"{self.member} {self.month:%Y-%m}"

    @property
    def amount(self) -> Decimal:
        return money.from_minor(self.amount_minor, self.currency)


class FundDrive(models.Model):
    collective = models.ForeignKey(Collective, on_delete=models.CASCADE, related_name="drives")
    name = models.CharField(_("name"), max_length=120)
    target_minor = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def target(self) -> Decimal:
        return money.from_minor(self.target_minor, self.currency)


class FundPledge(models.Model):
    drive = models.ForeignKey(FundDrive, on_delete=models.CASCADE, related_name="pledges")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    donor = models.CharField(_("who"), max_length=80, blank=True)
    amount_minor = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.drive}: {self.amount_minor}"


class FundPayment(models.Model):
    drive = models.ForeignKey(FundDrive, on_delete=models.CASCADE, related_name="payments")
    amount_minor = models.BigIntegerField()
    transaction = models.OneToOneField(Transaction, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.drive}: {self.amount_minor}"


class Transfer(models.Model):
    """Money sent from one collective to another: in transit until the receiver confirms."""

    class State(models.TextChoices):
        IN_TRANSIT = "in_transit", _("In transit")
        RECEIVED = "received", _("Received")

    sender = models.ForeignKey(Collective, on_delete=models.PROTECT, related_name="transfers_sent")
    receiver = models.ForeignKey(
        Collective, on_delete=models.PROTECT, related_name="transfers_received"
    )
    amount_minor = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    sent_on = models.DateField()
    state = models.CharField(max_length=12, choices=State.choices, default=State.IN_TRANSIT)
    transaction = models.OneToOneField(Transaction, on_delete=models.PROTECT, related_name="+")
    received_transaction = models.OneToOneField(
        Transaction, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    received_on = models.DateField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-sent_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.sender} -> {self.receiver}"

    @property
    def amount(self) -> Decimal:
        return money.from_minor(self.amount_minor, self.currency)

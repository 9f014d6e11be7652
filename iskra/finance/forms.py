from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iskra.core.widgets import QuickSelect
from iskra.finance.labels import DEFAULT_CHART
from iskra.finance.models import DuesPayment, DuesPledge

INCOME = [(code, name) for code, kind, name in DEFAULT_CHART if kind == "income"]
EXPENSE = [(code, name) for code, kind, name in DEFAULT_CHART if kind == "expense"]
MONEY_ACCOUNTS = [("cash", _("Cash on hand")), ("bank", _("Bank"))]


class MoneyField(forms.CharField):
    """Amounts are checked by the services against the currency's own decimals."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})


class RecordForm(forms.Form):
    direction = forms.ChoiceField(
        label=_("Money"), choices=[("in", _("In")), ("out", _("Out"))], widget=forms.RadioSelect
    )
    category = forms.ChoiceField(label=_("Category"), choices=INCOME + EXPENSE)
    amount = MoneyField(label=_("Amount"))
    account = forms.ChoiceField(label=_("Paid into or out of"), choices=MONEY_ACCOUNTS)
    on = forms.DateField(
        label=_("Date"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )
    description = forms.CharField(label=_("What for"), max_length=200)
    donor = forms.CharField(
        label=_("Donor (seen by the treasurer only)"), max_length=80, required=False
    )
    currency = forms.CharField(label=_("Currency"), max_length=3, required=False)
    exchange_rate = forms.DecimalField(
        label=_("Exchange rate"), required=False, max_digits=18, decimal_places=8
    )


class DuesPaymentForm(forms.Form):
    member = forms.TypedChoiceField(label=_("Member"), coerce=int, widget=QuickSelect)
    amount = MoneyField(label=_("Amount"))
    month = forms.DateField(
        label=_("For the month"),
        widget=forms.DateInput(attrs={"type": "month"}),
        input_formats=["%Y-%m", "%Y-%m-%d"],
    )
    method = forms.ChoiceField(
        label=_("How"),
        choices=DuesPayment.Method.choices,
        widget=forms.RadioSelect,
        initial=DuesPayment.Method.CASH,
    )

    def __init__(self, *args: object, members: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["member"].choices = members  # type: ignore[attr-defined]


class PledgeForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("I pledge"),
        choices=DuesPledge.Kind.choices,
        widget=forms.RadioSelect,
        initial=DuesPledge.Kind.FIXED,
    )
    amount = MoneyField(label=_("Amount per month"), required=False)
    rate_percent = forms.DecimalField(
        label=_("Share of my wage (%)"), required=False, max_digits=5, decimal_places=2
    )
    wage = MoneyField(
        label=_("My monthly wage (seen by the treasurer and me only)"), required=False
    )


class CloseForm(forms.Form):
    month = forms.DateField(
        label=_("Month"),
        widget=forms.DateInput(attrs={"type": "month"}),
        input_formats=["%Y-%m", "%Y-%m-%d"],
    )


class TransferForm(forms.Form):
    receiver = forms.TypedChoiceField(label=_("To"), coerce=int)
    amount = MoneyField(label=_("Amount"))
    exchange_rate = forms.DecimalField(
        label=_("Exchange rate, if the receiver keeps another currency"),
        required=False,
        max_digits=18,
        decimal_places=8,
    )

    def __init__(self, *args: object, receivers: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["receiver"].choices = receivers  # type: ignore[attr-defined]


class DriveForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    target = MoneyField(label=_("Target"))
    starts_on = forms.DateField(label=_("Starts"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Ends"), widget=forms.DateInput(attrs={"type": "date"}))


class DriveMoneyForm(forms.Form):
    what = forms.ChoiceField(
        choices=[("pledge", _("Pledge")), ("payment", _("Payment"))],
        widget=forms.RadioSelect,
        label=_("Record a"),
    )
    amount = MoneyField(label=_("Amount"))
    donor = forms.CharField(
        label=_("Who (seen by the treasurer only)"), max_length=80, required=False
    )


class AccountForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80)
    parent = forms.ChoiceField(
        label=_("Under"), choices=INCOME + EXPENSE + MONEY_ACCOUNTS, widget=QuickSelect
    )

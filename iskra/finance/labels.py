"""The default chart of accounts and the translated names of its categories."""

from typing import Any

from django.utils.translation import gettext_lazy as _

# (code, kind, name): created with every collective; the codes are stable (reports and
# the reports app key on them), the names are translated.
DEFAULT_CHART: list[tuple[str, str, Any]] = [
    ("cash", "asset", _("Cash on hand")),
    ("bank", "asset", _("Bank")),
    ("in-transit", "asset", _("Money in transit")),
    ("owed-by", "asset", _("Owed to us by other collectives")),
    ("owed-to", "liability", _("Owed by us to other collectives")),
    ("opening", "equity", _("Opening balance")),
    ("dues", "income", _("Dues")),
    ("paper-sales", "income", _("Paper sales")),
    ("donations", "income", _("Donations")),
    ("fund-drives", "income", _("Fund drives")),
    ("transfers-in", "income", _("Transfers from other collectives")),
    ("other-income", "income", _("Other income")),
    ("printing", "expense", _("Printing")),
    ("papers-bought", "expense", _("Papers from other collectives")),
    ("rent", "expense", _("Rent")),
    ("travel", "expense", _("Travel")),
    ("postage", "expense", _("Postage")),
    ("other-expense", "expense", _("Other expenses")),
    ("transfers-out", "expense", _("Transfers to other collectives")),
]
DEFAULT_NAMES: dict[str, Any] = {code: name for code, _kind, name in DEFAULT_CHART}


def category_label(code: str) -> str:
    """The translated name of a category code (a custom code shows as itself)."""
    return str(DEFAULT_NAMES.get(code, code))


def account_label(account: Any) -> str:
    if account.name:
        return str(account.name)
    return category_label(account.code)

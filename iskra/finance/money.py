"""Money: ISO 4217 currencies with their minor units, Decimal <-> integer minor units, and
formatting per language with Babel."""

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Any

from babel.core import Locale
from babel.numbers import format_currency, get_currency_precision, get_territory_currencies
from babel.numbers import list_currencies as babel_currencies
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from iskra.core.errors import DomainError

CURRENCIES = frozenset(babel_currencies())


def check_currency(code: str) -> str:
    code = (code or "").strip().upper()
    if code not in CURRENCIES:
        raise DomainError(
            _("%(code)s is not a known currency: use an ISO 4217 code like USD or ZAR.")
            % {"code": code or "''"}
        )
    return code


def places(currency: str) -> int:
    return int(get_currency_precision(currency))


def parse(value: Any, currency: str, *, allow_negative: bool = False) -> Decimal:
    """A Decimal of `currency`, refused when it is not a number, negative, or has more
    decimals than the currency has (two for USD, none for JPY)."""
    try:
        amount = Decimal(_normalize(str(value))) if value not in (None, "") else None
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        raise DomainError(_("The amount must be a number."))
    if amount < 0 and not allow_negative:
        raise DomainError(_("The amount cannot be negative."))
    digits = places(currency)
    if amount != amount.quantize(Decimal(1).scaleb(-digits)):
        raise DomainError(
            _("%(currency)s has at most %(places)s decimals.")
            % {"currency": currency, "places": digits}
        )
    return amount


def _normalize(text: str) -> str:
    """Amounts as people type them: "20.50", "20,50" (a decimal comma), "1,234.50",
    "1.234,50"; "1,234" is read as a thousand and more."""
    text = text.strip().replace(" ", "").replace("\xa0", "")
    if "," in text and "." in text:
        if text.rindex(",") > text.rindex("."):
            return text.replace(".", "").replace(",", ".")
        return text.replace(",", "")
    if "," in text and len(text.rsplit(",", 1)[1]) != 3:
        return text.replace(",", ".")
    return text.replace(",", "")


def to_minor(amount: Decimal, currency: str) -> int:
    return int((amount * (10 ** places(currency))).to_integral_value(rounding=ROUND_HALF_EVEN))


def from_minor(minor: int, currency: str) -> Decimal:
    digits = places(currency)
    return (Decimal(minor) / (10**digits)).quantize(Decimal(1).scaleb(-digits))


def convert_minor(minor: int, from_currency: str, to_currency: str, rate: Decimal) -> int:
    """Minor units of `from_currency` in `to_currency` at `rate` (to per one from)."""
    amount = from_minor(minor, from_currency) * rate
    return to_minor(amount, to_currency)


def default_currency(country: str) -> str:
    if country:
        found = get_territory_currencies(country.upper(), tender=True, non_tender=False)
        if found:
            return str(found[0])
    return "USD"


def _locale() -> Locale:
    language = (get_language() or "en").replace("-", "_")
    try:
        return Locale.parse(language)
    except (ValueError, LookupError):
        return Locale.parse("en")


def fmt(amount: Decimal | int, currency: str, *, minor: bool = False) -> str:
    """`amount` formatted for the active language: "$1,234.50" in English, "1234,50 US$" in
    Spanish. `minor=True` takes integer minor units."""
    value = from_minor(int(amount), currency) if minor else Decimal(amount)
    return str(format_currency(value, currency, locale=_locale()))

from decimal import Decimal

from django import template

from iskra.finance import money

register = template.Library()


@register.filter(name="money")
def money_filter(amount: Decimal | None, currency: str) -> str:
    """`{{ amount|money:"USD" }}`: formatted for the active language (Babel)."""
    return money.fmt(amount or Decimal(0), currency)


@register.filter(name="month")
def month_filter(day: object) -> str:
    return day.strftime("%Y-%m") if hasattr(day, "strftime") else ""

"""The finance report of a period: per collective or consolidated over a subtree, as a page,
a CSV and a PDF (WeasyPrint, in the house style), with SVG charts."""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from iskra.core.errors import DomainError
from iskra.finance import charts, queries
from iskra.finance.labels import category_label
from iskra.network.models import Collective


@dataclass
class Period:
    start: date
    end: date
    label: str


def parse_period(period: str = "", start: str = "", end: str = "", *, today: date) -> Period:
    """ "2026-11" (a month), "2026-Q4" (a quarter), or two ISO dates; the current month
    when nothing is given."""
    period = (period or "").strip().upper()
    try:
        if start or end:
            first, last = date.fromisoformat(start), date.fromisoformat(end)
            if last < first:
                raise DomainError(_("The period ends before it starts."))
            return Period(first, last, f"{first.isoformat()} – {last.isoformat()}")
        if not period:
            period = today.strftime("%Y-%m")
        quarter = re.fullmatch(r"(\d{4})-Q([1-4])", period)
        if quarter:
            year, number = int(quarter[1]), int(quarter[2])
            first = date(year, 3 * number - 2, 1)
            last = queries.next_month(date(year, 3 * number, 1)).replace(day=1)
            return Period(first, date.fromordinal(last.toordinal() - 1), period)
        month = re.fullmatch(r"(\d{4})-(\d{2})", period)
        if month:
            first = date(int(month[1]), int(month[2]), 1)
            last = queries.next_month(first)
            return Period(first, date.fromordinal(last.toordinal() - 1), period)
    except ValueError:
        pass
    raise DomainError(_("A period is a month (2026-11), a quarter (2026-Q4) or two dates."))


@dataclass
class Row:
    code: str
    label: str
    amount: Decimal


@dataclass
class FinanceReport:
    collective: Collective
    consolidated: bool
    collectives: list[Collective]
    period: Period
    summary: queries.PeriodSummary
    income: list[Row]
    expenses: list[Row]
    held: dict[str, Decimal]
    paper_sales: list[tuple[Any, Decimal, str]]
    drives: list[queries.DriveProgress]

    @property
    def currency(self) -> str:
        return self.summary.currency


def _rows(amounts: dict[str, Decimal]) -> list[Row]:
    return sorted(
        (Row(code, category_label(code), amount) for code, amount in amounts.items() if amount),
        key=lambda row: -row.amount,
    )


def build(collective: Collective, collectives: list[Collective], period: Period) -> FinanceReport:
    ids = [item.pk for item in collectives]
    summary = queries.period_summary(collectives=collectives, start=period.start, end=period.end)
    return FinanceReport(
        collective=collective,
        consolidated=len(collectives) > 1,
        collectives=collectives,
        period=period,
        summary=summary,
        income=_rows(summary.income_by_category),
        expenses=_rows(summary.expenses_by_category),
        held=queries.cash_position(ids, period.end),
        paper_sales=queries.paper_sales_by_issue(ids, period.start, period.end),
        drives=queries.drives(ids),
    )


def to_csv(report: FinanceReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("section"), _("category"), _("name"), _("amount"), _("currency")])
    for section, rows in ((_("income"), report.income), (_("expenses"), report.expenses)):
        for row in rows:
            writer.writerow([section, row.code, row.label, str(row.amount), report.currency])
    writer.writerow(
        [_("dues"), "dues-paid", _("Dues paid"), str(report.summary.dues_paid), report.currency]
    )
    writer.writerow(
        [
            _("dues"),
            "dues-pledged",
            _("Dues pledged"),
            str(report.summary.dues_pledged),
            report.currency,
        ]
    )
    for currency, amount in sorted(report.held.items()):
        writer.writerow([_("balances"), "held", _("Money held"), str(amount), currency])
    for issue, amount, currency in report.paper_sales:
        writer.writerow([_("paper sales"), f"issue-{issue.pk}", str(issue), str(amount), currency])
    for currency, totals in sorted(report.summary.other_currencies.items()):
        for code, amount in sorted(totals.income_by_category.items()):
            writer.writerow([_("income"), code, category_label(code), str(amount), currency])
        for code, amount in sorted(totals.expenses_by_category.items()):
            writer.writerow([_("expenses"), code, category_label(code), str(amount), currency])
    return buffer.getvalue()


def context(report: FinanceReport) -> dict[str, Any]:
    return {
        "report": report,
        "income_chart": charts.bars_svg(
            [(row.label, row.amount) for row in report.income], _("Income by category")
        ),
        "expense_chart": charts.bars_svg(
            [(row.label, row.amount) for row in report.expenses], _("Expenses by category")
        ),
    }


def to_pdf(report: FinanceReport) -> bytes:
    from weasyprint import HTML  # imported late: slow to import, only the PDF needs it

    html = render_to_string("finance/report_pdf.html", context(report))
    return bytes(HTML(string=html).write_pdf())

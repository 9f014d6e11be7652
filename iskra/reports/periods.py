"""Report periods: a month (`2026-10`), a quarter (`2026-Q3`) or the span between two dates
(`2026-07-01..2026-09-30`). Ends are inclusive, as people say them."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from iskra.core.errors import DomainError

MONTH = "month"
QUARTER = "quarter"
SPAN = "span"
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_SPAN = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date  # inclusive

    @property
    def code(self) -> str:
        if self.kind == MONTH:
            return f"{self.start:%Y-%m}"
        if self.kind == QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        if self.kind == MONTH:
            return month(self.start - timedelta(days=1))
        if self.kind == QUARTER:
            return quarter(self.start - timedelta(days=1))
        return Period(SPAN, self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def overlaps(self, start: date, end: date) -> bool:
        return self.start <= end and start <= self.end

    def __str__(self) -> str:
        return self.code


def _month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def month(day: date) -> Period:
    return Period(MONTH, day.replace(day=1), _month_end(day))


def quarter(day: date) -> Period:
    first_month = (day.month - 1) // 3 * 3 + 1
    start = day.replace(month=first_month, day=1)
    return Period(QUARTER, start, _month_end(start.replace(month=first_month + 2)))


def parse_period(text: str) -> Period:
    """`2026-10`, `2026-Q3` or `2026-07-01..2026-09-30`; anything else is refused clearly."""
    text = text.strip()
    try:
        if found := _MONTH.match(text):
            return month(date(int(found[1]), int(found[2]), 1))
        if found := _QUARTER.match(text):
            return quarter(date(int(found[1]), (int(found[2]) - 1) * 3 + 1, 1))
        if found := _SPAN.match(text):
            start, end = date.fromisoformat(found[1]), date.fromisoformat(found[2])
            if end < start:
                raise DomainError(_("A period cannot end before it starts."))
            return Period(SPAN, start, end)
    except ValueError:
        pass
    raise DomainError(
        _(
            "%(text)s is not a period: write a month (2026-10), a quarter (2026-Q3) "
            "or two dates (2026-07-01..2026-09-30)."
        )
        % {"text": text[:40]}
    )

from datetime import date

import pytest

from iskra.core.errors import DomainError
from iskra.reports.periods import parse_period


def test_a_month_a_quarter_and_a_span_are_understood():
    assert (parse_period("2026-10").start, parse_period("2026-10").end) == (
        date(2026, 10, 1),
        date(2026, 10, 31),
    )
    quarter = parse_period("2026-Q3")
    assert (quarter.start, quarter.end, quarter.code) == (
        date(2026, 7, 1),
        date(2026, 9, 30),
        "2026-Q3",
    )
    span = parse_period("2026-07-01..2026-09-30")
    assert span.days == 92 and span.code == "2026-07-01..2026-09-30"


def test_the_previous_period_is_the_one_just_before():
    assert parse_period("2026-01").previous().code == "2025-12"
    assert parse_period("2026-Q1").previous().code == "2025-Q4"
    previous = parse_period("2026-07-11..2026-07-20").previous()
    assert (previous.start, previous.end) == (date(2026, 7, 1), date(2026, 7, 10))


@pytest.mark.parametrize("text", ["2026-13", "2026-Q5", "October", "2026-09-30..2026-07-01", ""])
def test_nonsense_is_refused_with_a_clear_message(text):
    with pytest.raises(DomainError) as refused:
        parse_period(text)
    assert "2026-10" in refused.value.message or "end before" in refused.value.message

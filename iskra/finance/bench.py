"""Benchmarks of the finance app (see docs/finance.md).

- finance.balances_p95_ms: the bench city's books page (balances and latest transactions),
  rendered in full for its treasurer; the baseline is the page's own SELECTs replayed.
- finance.consolidated_month_ms: period_summary of last month over every bench collective
  (500 at full scale), internal transfers eliminated.
- finance.log_outing_p95_ms: logging an outing with money through the distribution service,
  its postings included.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.test.utils import override_settings
from django.utils import timezone

from iskra.core.benchmarks import BenchContext, Result, p95_ms
from iskra.distribution import dataset as distribution_dataset
from iskra.distribution import services as distribution
from iskra.distribution.bench import _stock_city
from iskra.finance import dataset, queries
from iskra.finance.models import Posting
from iskra.network import dataset as network_dataset
from iskra.network.models import Collective, Membership, Role
from iskra.network.services import membership_create
from iskra.people.bench import _client, _page

GROUP = "finance"
BALANCES_TARGET_MS = 50
CONSOLIDATED_TARGET_MS = 300
LOG_TARGET_MS = 50
BENCH_TREASURER = "bench-treasurer"


def _treasurer(city: Collective) -> None:
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(username=BENCH_TREASURER)
    if not Membership.objects.active().filter(user=user, role=Role.TREASURER).exists():
        membership_create(actor=None, user=user, collective=city, role=Role.TREASURER)


def run(context: BenchContext) -> list[Result]:
    postings = int(
        context.scratch.get("finance_postings", dataset.POSTINGS_PER_CONTACT * context.contacts)
    )
    rng = random.Random(1917)  # noqa: S311 - benchmark data
    network_dataset.generate(contacts=context.contacts, rng=rng, out=context.out)
    dataset.generate(contacts=context.contacts, rng=rng, out=context.out, postings=postings)
    city = Collective.objects.get(slug=network_dataset.BENCH_CITY_SLUG)
    _treasurer(city)
    rows = Posting.objects.count()
    city_rows = Posting.objects.filter(collective=city).count()
    hosts = [host for host in settings.ALLOWED_HOSTS if host and "*" not in host] or ["testserver"]
    with override_settings(ALLOWED_HOSTS=hosts):
        page_ms, raw_ms, statements = _page(_client(BENCH_TREASURER), f"/finance/{city.slug}/", {})
    context.say(f"balances page: p95 {page_ms:.1f} ms, its {statements} SELECTs {raw_ms:.1f} ms")
    results = [
        Result(
            name="finance.balances_p95_ms",
            value=page_ms,
            unit="ms",
            target=f"<= {BALANCES_TARGET_MS} ms and <= 3x its SQL",
            baseline=raw_ms,
            ratio=page_ms / raw_ms if raw_ms else None,
            note=f"{city_rows} postings in the city's books, {rows} in all",
            met=page_ms <= BALANCES_TARGET_MS and (not raw_ms or page_ms <= 3 * raw_ms),
        )
    ]
    everyone = list(Collective.objects.filter(slug__startswith="bench-").order_by("path"))
    first = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    last = timezone.localdate().replace(day=1) - timedelta(days=1)
    summary = queries.period_summary(collectives=everyone, start=first, end=last)
    measured = p95_ms(
        lambda: queries.period_summary(collectives=everyone, start=first, end=last), repeat=10
    )
    results.append(
        Result(
            name="finance.consolidated_month_ms",
            value=measured,
            unit="ms",
            target=f"<= {CONSOLIDATED_TARGET_MS} ms",
            note=f"{len(everyone)} collectives, {summary.eliminated_count} internal legs dropped",
            met=measured <= CONSOLIDATED_TARGET_MS,
        )
    )
    issues = distribution_dataset.bench_issues()[-3:]
    _stock_city(city, issues)

    def log_outing() -> None:
        distribution.outing_log(
            actor=None,
            collective=city,
            starts_at=timezone.now(),
            place="Bench march",
            kind="march",
            lines=[
                distribution.LineInput(issue=issue, copies=5, money=Decimal("2.50"))
                for issue in issues
            ],
        )

    measured = p95_ms(log_outing, repeat=40)
    results.append(
        Result(
            name="finance.log_outing_p95_ms",
            value=measured,
            unit="ms",
            target=f"<= {LOG_TARGET_MS} ms",
            note="three lines with money; the postings and their audit entries included",
            met=measured <= LOG_TARGET_MS,
        )
    )
    return results

"""Reads of the distribution app: stock, current issues, recent places, reports."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Q, QuerySet, Sum

from iskra.distribution.models import (
    Bundle,
    Outing,
    OutingContact,
    OutingLine,
    OutingMoney,
    StockAdjustment,
)
from iskra.distribution.summary import Handout, MoneyTotal, summary_sentence
from iskra.network.models import Collective
from iskra.press.models import Issue, PrintRun, Publication

RECENT_PLACES = 12
CURRENT_STATES = (Issue.State.PRINTED, Issue.State.PUBLISHED)


@dataclass
class Stock:
    issue: Issue
    printed: int = 0
    received: int = 0
    sent: int = 0
    handed_out: int = 0
    adjusted: int = 0

    @property
    def on_record(self) -> int:
        """Copies the records say came in: printed, received and corrections."""
        return self.printed + self.received + self.adjusted

    @property
    def left(self) -> int:
        return self.on_record - self.sent - self.handed_out

    @property
    def missing(self) -> int:
        """Copies handed out or sent that no record brought in: the discrepancy."""
        return max(0, -self.left)


def _sum_by_issue(queryset: QuerySet[Any], column: str) -> dict[int, int]:
    return {
        row["issue_id"]: row["total"] or 0
        for row in queryset.values("issue_id").annotate(total=Sum(column)).order_by()
    }


def stock_for(collective: Collective, issue_ids: list[int] | None = None) -> list[Stock]:
    """What the collective holds of each issue it printed, received, sent or handed out."""
    runs = PrintRun.objects.filter(issue__publication__collective=collective)
    received = Bundle.objects.filter(collective=collective)
    sent = Bundle.objects.filter(source=collective)
    handed = OutingLine.objects.filter(collective=collective)
    adjusted = StockAdjustment.objects.filter(collective=collective)
    if issue_ids is not None:
        runs, received = (
            runs.filter(issue_id__in=issue_ids),
            received.filter(issue_id__in=issue_ids),
        )
        sent, handed = sent.filter(issue_id__in=issue_ids), handed.filter(issue_id__in=issue_ids)
        adjusted = adjusted.filter(issue_id__in=issue_ids)
    columns = {
        "printed": _sum_by_issue(runs, "copies"),
        "received": _sum_by_issue(received, "copies"),
        "sent": _sum_by_issue(sent, "copies"),
        "handed_out": _sum_by_issue(handed, "copies"),
        "adjusted": _sum_by_issue(adjusted, "copies"),
    }
    ids = set().union(*columns.values())
    issues = Issue.objects.filter(pk__in=ids).select_related("publication")
    stocks = []
    for issue in sorted(issues, key=lambda i: (i.publication.slug, -i.number)):
        stocks.append(
            Stock(
                issue=issue, **{name: values.get(issue.pk, 0) for name, values in columns.items()}
            )
        )
    return stocks


def stock_of(collective: Collective, issue: Issue) -> Stock:
    found = stock_for(collective, [issue.pk])
    return found[0] if found else Stock(issue=issue)


def discrepancies(collective: Collective) -> list[Stock]:
    """Issues of which the collective handed out or sent more than its records brought in."""
    return [stock for stock in stock_for(collective) if stock.left < 0]


def stock_history(collective: Collective, limit: int = 30) -> list[Any]:
    """The latest bundles received and adjustments, newest first, for the stock page."""
    received = Bundle.objects.filter(collective=collective).select_related(
        "issue__publication", "source"
    )[:limit]
    adjustments = StockAdjustment.objects.filter(collective=collective).select_related(
        "issue__publication", "created_by"
    )[:limit]
    entries: list[Any] = [*received, *adjustments]
    entries.sort(key=lambda entry: entry.created_at, reverse=True)
    return entries[:limit]


def publications_for(collective: Collective) -> QuerySet[Publication]:
    """Publications a collective hands out: its own and those of the collectives above it."""
    return Publication.objects.filter(
        collective_id__in=[*collective.ancestor_ids(), collective.pk]
    ).order_by("kind", "slug")


def current_issues(collective: Collective) -> list[Issue]:
    """The latest printed or published issue of each publication the collective hands out."""
    latest = (
        Issue.objects.filter(publication__in=publications_for(collective), state__in=CURRENT_STATES)
        .values("publication_id")
        .annotate(number=Max("number"))
        .order_by()
    )
    wanted = Q(pk__in=[])
    for row in latest:
        wanted |= Q(publication_id=row["publication_id"], number=row["number"])
    issues = Issue.objects.filter(wanted).select_related("publication")
    order = {"paper": 0, "newsletter": 1, "pamphlet": 2, "leaflet": 3}
    return sorted(issues, key=lambda i: (order.get(i.publication.kind, 9), i.publication.slug))


def recent_places(collective: Collective) -> list[str]:
    rows = (
        Outing.objects.filter(collective=collective)
        .values("place")
        .annotate(last=Max("starts_at"))
        .order_by("-last")[:RECENT_PLACES]
    )
    return [row["place"] for row in rows]


def last_kind(collective: Collective) -> str:
    outing = Outing.objects.filter(collective=collective).order_by("-starts_at").first()
    return outing.kind if outing else Outing.Kind.MARCH


def outings_of(collective: Collective) -> QuerySet[Outing]:
    return (
        Outing.objects.filter(collective=collective)
        .annotate(copies=Sum("lines__copies"))
        .order_by("-starts_at")
    )


def outing_handouts(outing: Outing) -> list[Handout]:
    totals: dict[int, int] = defaultdict(int)
    publications: dict[int, Publication] = {}
    for line in outing.lines.select_related("publication"):
        totals[line.publication_id] += line.copies
        publications[line.publication_id] = line.publication
    return [
        Handout(
            kind=publications[pk].kind,
            names=publications[pk].names,
            slug=publications[pk].slug,
            copies=copies,
        )
        for pk, copies in totals.items()
    ]


def summary_languages(outing: Outing) -> list[str]:
    from django.conf import settings

    supported = [code for code, _name in settings.LANGUAGES]
    wanted = list(outing.collective.languages)
    for line in outing.lines.select_related("publication"):
        wanted.extend(line.publication.languages)
    languages = [code for code in dict.fromkeys(wanted) if code in supported]
    return languages or [settings.LANGUAGE_CODE]


def outing_money_lines(outing: Outing) -> list[tuple[Decimal, str, str]]:
    """Every amount collected on the outing as (amount, currency, kind): the money lines
    typed in the form, and money typed against an issue's copies (counted as sales). This
    is what the books post."""
    found = [(line.amount, line.currency, line.kind) for line in outing.money_lines.all()]
    found.extend(
        (line.money, line.currency, OutingMoney.Kind.SALE)
        for line in outing.lines.filter(money__gt=0)
    )
    return found


def outing_money_by_kind(outing: Outing) -> list[MoneyTotal]:
    totals: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for amount, currency, kind in outing_money_lines(outing):
        totals[(kind, currency)] += amount
    order = {kind: index for index, kind in enumerate(OutingMoney.Kind.values)}
    return [
        MoneyTotal(kind=kind, currency=currency, amount=amount)
        for (kind, currency), amount in sorted(totals.items(), key=lambda i: order[i[0][0]])
    ]


def outing_language_copies(outing: Outing) -> list[tuple[Issue, str, int]]:
    """Copies per issue and language, for the outing page."""
    totals: dict[tuple[int, str], int] = defaultdict(int)
    issues: dict[int, Issue] = {}
    for line in outing.lines.select_related("issue__publication").order_by("pk"):
        totals[(line.issue_id, line.language)] += line.copies
        issues[line.issue_id] = line.issue
    return [(issues[issue_id], language, copies) for (issue_id, language), copies in totals.items()]


def outing_summaries(outing: Outing) -> dict[str, str]:
    """The summary sentence per language: the edited text if someone edited it."""
    handouts = outing_handouts(outing)
    collected = outing_money_by_kind(outing)
    members = outing.members.count()
    contacts = outing.contacts_met.count()
    generated = {
        language: summary_sentence(
            language=language,
            members=members,
            friends=outing.friends_count,
            handouts=handouts,
            place=outing.place,
            contacts=contacts,
            money=collected,
        )
        for language in summary_languages(outing)
    }
    return {
        language: outing.summaries.get(language) or text for language, text in generated.items()
    }


CENTS = Decimal("0.01")


def money(value: Any) -> Decimal:
    """A sum of money from the database, to the cent. SQLite sums decimals as floats; to the
    cent they are exact for any sum below about 10^13."""
    return Decimal(str(value or 0)).quantize(CENTS)


def money_totals(outing: Outing) -> dict[str, Decimal]:
    """Money collected on the outing per currency, exact."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for amount, currency, _kind in outing_money_lines(outing):
        totals[currency] += amount
    return {currency: money(total) for currency, total in sorted(totals.items())}


# Reports


def _collective_ids(collective: Collective, below: bool) -> list[int]:
    if not below:
        return [collective.pk]
    return list(
        Collective.objects.filter(path__startswith=collective.path).values_list("pk", flat=True)
    )


@dataclass
class MonthRow:
    month: date
    copies: int = 0
    lines: int = 0
    money: dict[str, Decimal] = field(default_factory=dict)
    outings: int = 0
    contacts: int = 0


def monthly_report(
    collective: Collective, *, since: date, until: date, below: bool = False
) -> list[MonthRow]:
    """Grouped by day in the database (an index range, no date functions), by month here."""
    ids = _collective_ids(collective, below)
    rows: dict[date, MonthRow] = {}

    def month_of(day: date) -> MonthRow:
        month = day.replace(day=1)
        return rows.setdefault(month, MonthRow(month=month))

    lines = OutingLine.objects.filter(
        collective_id__in=ids, handed_on__gte=since, handed_on__lt=until
    )
    for row in (
        lines.values("handed_on", "currency")
        .annotate(copies=Sum("copies"), money=Sum("money"), count=Count("*"))
        .order_by()
    ):
        entry = month_of(row["handed_on"])
        entry.copies += row["copies"] or 0
        entry.lines += row["count"]
        entry.money[row["currency"]] = entry.money.get(row["currency"], Decimal("0.00")) + money(
            row["money"]
        )
    for row in (
        OutingMoney.objects.filter(
            collective_id__in=ids, received_on__gte=since, received_on__lt=until
        )
        .values("received_on", "currency")
        .annotate(money=Sum("amount"))
        .order_by()
    ):
        entry = month_of(row["received_on"])
        entry.money[row["currency"]] = entry.money.get(row["currency"], Decimal("0.00")) + money(
            row["money"]
        )
    outings = Outing.objects.filter(collective_id__in=ids, day__gte=since, day__lt=until)
    for row in outings.values("day").annotate(count=Count("*")).order_by():
        month_of(row["day"]).outings += row["count"]
    for row in (
        OutingContact.objects.filter(
            outing__collective_id__in=ids, outing__day__gte=since, outing__day__lt=until
        )
        .values("outing__day")
        .annotate(count=Count("*"))
        .order_by()
    ):
        month_of(row["outing__day"]).contacts += row["count"]
    for entry in rows.values():
        entry.money = dict(sorted(entry.money.items()))
    return [rows[month] for month in sorted(rows)]


@dataclass
class IssueRow:
    collective: Collective
    stock: Any
    money: dict[str, Decimal]

    def money_per_copy(self) -> dict[str, Decimal]:
        handed = self.stock.handed_out
        if not handed:
            return {}
        return {
            currency: (total / handed).quantize(Decimal("0.01"))
            for currency, total in self.money.items()
        }


def issue_report(issue: Issue, collectives: list[Collective]) -> list[IssueRow]:
    """Per collective: printed, received, sent, handed out, left and money per copy; a few
    grouped queries whatever the number of collectives."""
    ids = [collective.pk for collective in collectives]
    totals: dict[int, dict[str, Decimal]] = defaultdict(dict)
    handed: dict[int, int] = defaultdict(int)
    for row in (
        OutingLine.objects.filter(issue=issue, collective_id__in=ids)
        .values("collective_id", "currency")
        .annotate(copies=Sum("copies"), total=Sum("money"))
        .order_by()
    ):
        totals[row["collective_id"]][row["currency"]] = money(row["total"])
        handed[row["collective_id"]] += row["copies"] or 0
    bundles = Bundle.objects.filter(issue=issue)
    received = _sum_by(bundles.filter(collective_id__in=ids), "collective_id")
    sent = _sum_by(bundles.filter(source_id__in=ids), "source_id")
    adjusted = _sum_by(
        StockAdjustment.objects.filter(issue=issue, collective_id__in=ids), "collective_id"
    )
    printed = sum(issue.print_runs.values_list("copies", flat=True))
    rows = []
    for collective in collectives:
        stock = Stock(
            issue=issue,
            printed=printed if collective.pk == issue.publication.collective_id else 0,
            received=received.get(collective.pk, 0),
            sent=sent.get(collective.pk, 0),
            handed_out=handed.get(collective.pk, 0),
            adjusted=adjusted.get(collective.pk, 0),
        )
        if stock.printed or stock.received or stock.handed_out or stock.adjusted:
            rows.append(IssueRow(collective=collective, stock=stock, money=totals[collective.pk]))
    return rows


def _sum_by(queryset: QuerySet[Any], column: str) -> dict[int, int]:
    return {
        row[column]: row["total"] or 0
        for row in queryset.values(column).annotate(total=Sum("copies")).order_by()
    }


@dataclass
class PlaceRow:
    kind: str
    label: str
    outings: int
    copies: int
    contacts: int

    @property
    def per_hundred(self) -> Decimal | None:
        if not self.copies:
            return None
        return (Decimal(self.contacts) * 100 / self.copies).quantize(Decimal("0.1"))


def places_report(collective: Collective, *, since: date, below: bool = True) -> list[PlaceRow]:
    """Contacts met per 100 copies, by kind of place."""
    ids = _collective_ids(collective, below)
    copies = {
        row["outing__kind"]: row["copies"] or 0
        for row in OutingLine.objects.filter(collective_id__in=ids, handed_on__gte=since)
        .values("outing__kind")
        .annotate(copies=Sum("copies"))
        .order_by()
    }
    outings = Outing.objects.filter(collective_id__in=ids, day__gte=since)
    counts = {
        row["kind"]: row["count"]
        for row in outings.values("kind").annotate(count=Count("*")).order_by()
    }
    contacts = {
        row["outing__kind"]: row["count"]
        for row in OutingContact.objects.filter(
            outing__collective_id__in=ids, outing__day__gte=since
        )
        .values("outing__kind")
        .annotate(count=Count("*"))
        .order_by()
    }
    labels = dict(Outing.Kind.choices)
    return [
        PlaceRow(
            kind=kind,
            label=str(labels[kind]),
            outings=counts.get(kind, 0),
            copies=copies.get(kind, 0),
            contacts=contacts.get(kind, 0),
        )
        for kind in Outing.Kind.values
        if counts.get(kind)
    ]


def weekly_copies(
    collective: Collective, *, since: date, below: bool = True
) -> list[tuple[date, int]]:
    ids = _collective_ids(collective, below)
    by_day = (
        OutingLine.objects.filter(collective_id__in=ids, handed_on__gte=since)
        .values("handed_on")
        .annotate(copies=Sum("copies"))
        .order_by("handed_on")
    )
    weeks: dict[date, int] = defaultdict(int)
    for row in by_day:
        day = row["handed_on"]
        weeks[day - timedelta(days=day.weekday())] += row["copies"] or 0
    return sorted(weeks.items())

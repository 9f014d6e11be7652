"""Small builders for distribution tests: publications, printed issues, stock, outings."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from iskra.distribution import services
from iskra.distribution.models import Bundle, Outing
from iskra.network.models import Collective
from iskra.press.models import Issue, PrintRun, Publication


def publication(
    collective: Collective,
    slug: str = "red-banner",
    kind: str = Publication.Kind.PAPER,
    names: dict[str, str] | None = None,
) -> Publication:
    found, _created = Publication.objects.get_or_create(
        slug=slug,
        defaults={
            "collective": collective,
            "kind": kind,
            "names": names or {"en": "Red Banner", "es": "Bandera Roja"},
            "languages": ["en", "es"],
        },
    )
    return found


def printed_issue(
    publication: Publication, *, copies: int = 1000, number: int = 1, cost: str = "300.00"
) -> Issue:
    issue = Issue.objects.create(
        publication=publication,
        number=number,
        date=date.today() - timedelta(days=10),
        state=Issue.State.PRINTED,
    )
    if copies:
        PrintRun.objects.create(issue=issue, copies=copies, cost=Decimal(cost))
    return issue


def bundle(issue: Issue, collective: Collective, copies: int) -> Bundle:
    return services.bundle_send(
        actor=None,
        issue=issue,
        source=issue.publication.collective,
        collective=collective,
        copies=copies,
    )


def stocked_paper(
    owner: Collective,
    holder: Collective,
    *,
    copies: int = 600,
    slug: str = "red-banner",
    kind: str = Publication.Kind.PAPER,
    names: dict[str, str] | None = None,
) -> Issue:
    """A printed issue of a publication of `owner`, with `copies` sent to `holder`."""
    issue = printed_issue(publication(owner, slug, kind, names), copies=copies * 2)
    if holder.pk != owner.pk:
        bundle(issue, holder, copies)
    return issue


def outing(
    actor: Any, collective: Collective, issue: Issue, copies: int = 10, **extra: Any
) -> Outing:
    values: dict[str, Any] = {
        "starts_at": timezone.now() - timedelta(hours=2),
        "place": "MacArthur Park",
        "kind": Outing.Kind.MARCH,
    }
    values.update(extra)
    return services.outing_log(
        actor=actor,
        collective=collective,
        lines=[services.LineInput(issue=issue, copies=copies, money=Decimal("5.25"))],
        **values,
    )


def ensure_stages() -> None:
    """The default stages come from a data migration, which a live-server test's flush
    empties; tests that need stages make sure they are there."""
    from iskra.people.services import ensure_stages as ensure

    ensure()


def outing_form_data(
    *,
    place: str = "MacArthur Park",
    starts_at: str = "2026-09-07T10:00",
    kind: str = "march",
    friends_count: str = "0",
    copies: dict[tuple[Issue, str], int] | None = None,
    money: list[tuple[str, str, str]] | None = None,
) -> dict[str, Any]:
    """What the outing form posts: copies per (issue, language), money lines and the
    management forms of its two formsets (no person met; see people_met_data)."""
    data: dict[str, Any] = {
        "place": place,
        "kind": kind,
        "starts_at": starts_at,
        "friends_count": friends_count,
        "money-TOTAL_FORMS": str(len(money or [])),
        "money-INITIAL_FORMS": "0",
        "met-TOTAL_FORMS": "0",
        "met-INITIAL_FORMS": "0",
    }
    for (issue, language), count in (copies or {}).items():
        data[f"copies_{issue.pk}_{language}"] = str(count)
    for index, (amount, currency, money_kind) in enumerate(money or []):
        data[f"money-{index}-amount"] = amount
        data[f"money-{index}-currency"] = currency
        data[f"money-{index}-kind"] = money_kind
    return data


def people_met_data(people: list[dict[str, str]]) -> dict[str, str]:
    data = {"met-TOTAL_FORMS": str(len(people)), "met-INITIAL_FORMS": "0"}
    for index, person in enumerate(people):
        for key, value in person.items():
            data[f"met-{index}-{key}"] = value
    return data

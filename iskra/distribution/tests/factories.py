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

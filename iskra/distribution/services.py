"""Writes of the distribution app: bundles, stock adjustments, outings (with the copies per
language, the money and the people met) and the summary that goes to the next issue's
drafts. Stock never blocks a record: what happened in the street is saved even when the
recorded stock is short, and the gap shows as a discrepancy (queries.discrepancies) until
someone records the bundle that came in or an adjustment with its reason."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from iskra.audit.services import log_action
from iskra.core.errors import DomainError
from iskra.distribution import queries
from iskra.distribution.models import (
    Bundle,
    Outing,
    OutingContact,
    OutingLine,
    OutingMoney,
    StockAdjustment,
)
from iskra.finance import services as finance
from iskra.network.models import Collective
from iskra.people import services as people
from iskra.people.models import Contact, Conversation, Stage
from iskra.press.models import Article, Issue, IssuePlacement, Publication

MONEY_PLACES = Decimal("0.01")
CONVERSATION_KIND: dict[str, str] = {
    Outing.Kind.FACTORY_GATE: Conversation.Kind.WORKPLACE,
    Outing.Kind.DOOR_TO_DOOR: Conversation.Kind.HOME,
    Outing.Kind.MEETING: Conversation.Kind.MEETING,
}


@dataclass
class LineInput:
    issue: Issue
    copies: int
    money: Decimal = Decimal("0")
    currency: str = "USD"
    language: str = ""


@dataclass
class MoneyInput:
    amount: Decimal
    currency: str = "USD"
    kind: str = OutingMoney.Kind.DONATION


@dataclass
class ContactMet:
    display_name: str
    stage: Stage | None = None
    note: str = ""
    next_action: str = ""
    due_on: date | None = None
    topics: list[str] = field(default_factory=list)


# An outing is logged after it happened; a few minutes of grace cover a phone's clock.
FUTURE_GRACE = timedelta(minutes=15)


def _is_user(actor: Any) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


def _lock_issues(issue_ids: list[int]) -> None:
    """Serialize stock changes of the same issues (a no-op lock on SQLite, which serializes
    writers anyway)."""
    list(Issue.objects.select_for_update().filter(pk__in=sorted(set(issue_ids))).values("pk"))


def bundle_send(
    *,
    actor: Any,
    issue: Issue,
    source: Collective,
    collective: Collective,
    copies: int,
    sent_on: date | None = None,
) -> Bundle:
    if copies <= 0:
        raise DomainError(_("A bundle has at least one copy."))
    if source.pk == collective.pk:
        raise DomainError(_("A collective cannot send a bundle to itself."))
    with transaction.atomic():
        _lock_issues([issue.pk])
        bundle = Bundle.objects.create(
            issue=issue,
            source=source,
            collective=collective,
            copies=copies,
            sent_on=sent_on or timezone.localdate(),
            created_by=actor if _is_user(actor) else None,
        )
        log_action(
            "distribution.bundle.sent",
            actor=actor,
            target=bundle,
            collective=source,
            details={"issue": issue.pk, "to": collective.slug, "copies": copies},
        )
    return bundle


def bundle_receive(
    *,
    actor: Any,
    collective: Collective,
    issue: Issue,
    copies: int,
    origin: str,
    source: Collective | None = None,
    received_on: date | None = None,
) -> Bundle:
    """Copies that came in: from the printer, printed locally, or from another collective
    (whose stock they leave)."""
    if copies <= 0:
        raise DomainError(_("Type how many copies came in: at least one."))
    if origin not in Bundle.Origin.values:
        raise DomainError(_("Say where the copies came from."))
    if origin == Bundle.Origin.COLLECTIVE:
        if source is None:
            raise DomainError(_("Choose the collective that sent the copies."))
        if source.pk == collective.pk:
            raise DomainError(_("A collective cannot send a bundle to itself."))
    else:
        source = None
    if received_on is not None and received_on > timezone.localdate(timezone=collective.zone):
        raise DomainError(_("Copies are recorded once they came in: the date is in the future."))
    with transaction.atomic():
        _lock_issues([issue.pk])
        bundle = Bundle.objects.create(
            issue=issue,
            origin=origin,
            source=source,
            collective=collective,
            copies=copies,
            sent_on=received_on or timezone.localdate(timezone=collective.zone),
            created_by=actor if _is_user(actor) else None,
        )
        log_action(
            "distribution.bundle.received",
            actor=actor,
            target=bundle,
            collective=collective,
            details={
                "issue": issue.pk,
                "origin": origin,
                "from": source.slug if source else "",
                "copies": copies,
            },
        )
    return bundle


def stock_adjust(
    *, actor: Any, collective: Collective, issue: Issue, copies: int, reason: str
) -> StockAdjustment:
    """Corrects the recorded stock (positive adds copies) and says why."""
    reason = " ".join(reason.split())
    if not copies:
        raise DomainError(_("Type how many copies to add (or, with a minus sign, to remove)."))
    if not reason:
        raise DomainError(_('Say why the stock changes, for example "counted again".'))
    with transaction.atomic():
        _lock_issues([issue.pk])
        adjustment = StockAdjustment.objects.create(
            collective=collective,
            issue=issue,
            copies=copies,
            reason=reason[:200],
            created_by=actor if _is_user(actor) else None,
        )
        log_action(
            "distribution.stock.adjusted",
            actor=actor,
            target=adjustment,
            collective=collective,
            details={"issue": issue.pk, "copies": copies, "reason": reason[:200]},
        )
    return adjustment


def clean_money(value: Any) -> Decimal:
    try:
        money = Decimal(str(value or "0"))
    except InvalidOperation:
        raise DomainError(_("Money must be a number.")) from None
    if not money.is_finite() or money < 0:
        raise DomainError(_("Money cannot be negative."))
    if money != money.quantize(MONEY_PLACES):
        raise DomainError(_("Money has at most two decimals."))
    return money.quantize(MONEY_PLACES)


def _clean_currency(value: str) -> str:
    currency = value.strip().upper()
    if len(currency) != 3 or not currency.isalpha():
        raise DomainError(_("A currency is three letters, like USD."))
    return currency


def _check_money(money: list[MoneyInput]) -> list[MoneyInput]:
    kept = []
    for entry in money:
        entry.amount = clean_money(entry.amount)
        entry.currency = _clean_currency(entry.currency)
        if entry.kind not in OutingMoney.Kind.values:
            raise DomainError(_("Say what the money was: donations or sales."))
        if entry.amount:
            kept.append(entry)
    return kept


def _check_lines(collective: Collective, lines: list[LineInput]) -> None:
    allowed = set(queries.publications_for(collective).values_list("pk", flat=True))
    for line in lines:
        if line.copies < 0:
            raise DomainError(_("Copies cannot be negative."))
        if line.issue.publication_id not in allowed:
            raise DomainError(_("%(issue)s is not handed out here.") % {"issue": line.issue})
        line.currency = _clean_currency(line.currency)
        line.money = clean_money(line.money)


def outing_log(
    *,
    actor: Any,
    collective: Collective,
    starts_at: datetime,
    place: str,
    kind: str,
    lines: list[LineInput],
    members: list[Any] | None = None,
    friends_count: int = 0,
    shift: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    contacts_met: list[ContactMet] | None = None,
    money: list[MoneyInput] | None = None,
) -> Outing:
    """Saves the whole outing. Copies beyond the recorded stock are saved too: the gap is a
    discrepancy for an organizer to resolve, never a reason to lose the record."""
    place = " ".join(place.split())
    if not place:
        raise DomainError(_("Say where the outing was."))
    if kind not in Outing.Kind.values:
        raise DomainError(_("Choose the kind of outing from the list."))
    if friends_count < 0:
        raise DomainError(
            _("The number of friends who helped cannot be below zero: type 0 if none came.")
        )
    if starts_at > timezone.now() + FUTURE_GRACE:
        raise DomainError(
            _(
                "This time is in the future: an outing is logged once it has happened. "
                "Check the date and time."
            )
        )
    lines = [line for line in lines if line.copies or line.money]
    _check_lines(collective, lines)
    money = _check_money(list(money or []))
    with transaction.atomic():
        _lock_issues(sorted({line.issue.pk for line in lines}))
        day = timezone.localtime(starts_at, collective.zone).date()
        outing = Outing.objects.create(
            collective=collective,
            starts_at=starts_at,
            day=day,
            place=place[:200],
            kind=kind,
            shift=shift.strip()[:40],
            friends_count=friends_count,
            latitude=latitude,
            longitude=longitude,
            created_by=actor if _is_user(actor) else None,
        )
        went = list(members) if members is not None else ([actor] if _is_user(actor) else [])
        outing.members.set(went)
        OutingLine.objects.bulk_create(
            [
                OutingLine(
                    outing=outing,
                    collective=collective,
                    handed_on=day,
                    publication_id=line.issue.publication_id,
                    issue=line.issue,
                    language=line.language,
                    copies=line.copies,
                    money=line.money,
                    currency=line.currency,
                )
                for line in lines
            ]
        )
        OutingMoney.objects.bulk_create(
            [
                OutingMoney(
                    outing=outing,
                    collective=collective,
                    received_on=day,
                    amount=entry.amount,
                    currency=entry.currency,
                    kind=entry.kind,
                )
                for entry in money
            ]
        )
        for met in contacts_met or []:
            _add_contact_met(actor, outing, day, met)
        finance.outing_post(actor=actor, outing=outing)
        log_action(
            "distribution.outing.logged",
            actor=actor,
            target=outing,
            details={
                "kind": kind,
                "copies": sum(line.copies for line in lines),
                "money_lines": len(money),
                "contacts": len(contacts_met or []),
            },
        )
    return outing


def outing_add_contact(*, actor: Any, outing: Outing, met: ContactMet) -> Contact:
    """A person met on the outing, added afterwards from its page: linked to it ("met at")."""
    with transaction.atomic():
        contact = _add_contact_met(actor, outing, outing.day, met)
        log_action(
            "distribution.outing.contact_added",
            actor=actor,
            target=outing,
            details={"contact": contact.pk},
        )
    return contact


def outing_link_contact(*, actor: Any, outing: Outing, contact: Contact) -> OutingContact:
    """A contact already in the books, met on this outing ("met at")."""
    if contact.collective_id != outing.collective_id:
        raise DomainError(_("This contact belongs to another collective."))
    with transaction.atomic():
        link, created = OutingContact.objects.get_or_create(outing=outing, contact=contact)
        if created:
            log_action(
                "distribution.outing.contact_linked",
                actor=actor,
                target=outing,
                details={"contact": contact.pk},
            )
    return link


def _add_contact_met(actor: Any, outing: Outing, day: date, met: ContactMet) -> Contact:
    contact = people.contact_create(
        actor=actor,
        collective=outing.collective,
        display_name=met.display_name,
        stage=met.stage,
        first_met_on=day,
        first_met_place=outing.place,
        introduced_by_user=actor if _is_user(actor) else None,
        shift=outing.shift,
        topics=met.topics,
    )
    OutingContact.objects.create(outing=outing, contact=contact)
    if met.note or met.next_action:
        people.conversation_add(
            actor=actor,
            contact=contact,
            happened_on=day,
            kind=CONVERSATION_KIND.get(outing.kind, Conversation.Kind.STREET),
            note=met.note,
            next_action=met.next_action,
            due_on=met.due_on,
        )
    return contact


def outing_save_summary(*, actor: Any, outing: Outing, texts: dict[str, str]) -> Outing:
    generated = queries.outing_summaries(outing.__class__.objects.get(pk=outing.pk))
    cleaned = {}
    for language, text in texts.items():
        text = " ".join(text.split())
        if language in generated and text:
            cleaned[language] = text[:2000]
    with transaction.atomic():
        outing.summaries = cleaned
        outing.save(update_fields=["summaries"])
        log_action(
            "distribution.outing.summary_edited",
            actor=actor,
            target=outing,
            details={"languages": sorted(cleaned)},
        )
    return outing


def paper_for(outing: Outing) -> Publication | None:
    """The paper the report goes to: one handed out on the outing, else the nearest above."""
    handed = [line.publication for line in outing.lines.select_related("publication")]
    for publication in handed:
        if publication.kind == Publication.Kind.PAPER:
            return publication
    papers = queries.publications_for(outing.collective).filter(kind=Publication.Kind.PAPER)
    by_collective = {paper.collective_id: paper for paper in papers}
    for collective_id in [outing.collective_id, *reversed(outing.collective.ancestor_ids())]:
        if collective_id in by_collective:
            return by_collective[collective_id]
    return None


def next_issue(publication: Publication) -> Issue:
    """The first issue after the latest printed one; planned here if the editors have not."""
    printed = publication.issues.filter(state__in=queries.CURRENT_STATES).aggregate(
        highest=Max("number")
    )["highest"]
    upcoming = (
        publication.issues.filter(number__gt=printed or 0)
        .exclude(state__in=queries.CURRENT_STATES)
        .order_by("number")
        .first()
    )
    if upcoming is not None:
        return upcoming
    highest = publication.issues.aggregate(highest=Max("number"))["highest"] or 0
    return Issue.objects.create(
        publication=publication, number=highest + 1, date=timezone.localdate() + timedelta(days=30)
    )


def outing_send_to_drafts(*, actor: Any, outing: Outing, texts: dict[str, str]) -> Article:
    """A draft report in the next issue of the paper, in each language of the summary."""
    if texts:
        outing_save_summary(actor=actor, outing=outing, texts=texts)
    if outing.article_id is not None:
        raise DomainError(_("This outing is in the drafts already."))
    paper = paper_for(outing)
    if paper is None:
        raise DomainError(_("There is no paper to send this report to."))
    summaries = queries.outing_summaries(outing)
    languages = [code for code in paper.languages if code in summaries] or list(summaries)
    day = timezone.localtime(outing.starts_at, outing.collective.zone).date()
    with transaction.atomic():
        issue = next_issue(paper)
        original = None
        for language in languages:
            with override(language):
                title = _("Distribution: %(place)s") % {"place": outing.place}
            article = Article.objects.create(
                collective=paper.collective,
                publication=paper,
                language=language,
                translation_of=original,
                source_version=1 if original else None,
                kind=Article.Kind.REPORT,
                state=Article.State.DRAFT,
                title=title[:200],
                slug=(slugify(title) or "outing")[:200],
                body=summaries[language],
                dateline_place=outing.collective.name,
                dateline_date=day,
                created_by=actor if _is_user(actor) else None,
            )
            original = original or article
        assert original is not None
        highest = issue.placements.aggregate(highest=Max("order"))["highest"]
        IssuePlacement.objects.create(
            issue=issue, article=original, page=1, order=0 if highest is None else highest + 1
        )
        outing.article = original
        outing.save(update_fields=["article"])
        log_action(
            "distribution.outing.sent_to_drafts",
            actor=actor,
            target=outing,
            details={"article": original.pk, "issue": issue.pk},
        )
    return original

"""Writes of the conferences app. Each runs in one transaction, writes an audit entry, and
refuses bad input with a DomainError before anything is stored."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from iskra.audit.services import log_action
from iskra.conferences import lines, queries
from iskra.conferences.models import (
    AgendaItem,
    Amendment,
    Conference,
    Contribution,
    Decision,
    Delegate,
    Motion,
    ProgressNote,
    Vote,
    VoteEntry,
)
from iskra.core.errors import DomainError
from iskra.network.models import Collective, Membership


def _user(actor: Any) -> Any:
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _log(action: str, actor: Any, target: Any, conference: Conference, **details: Any) -> None:
    log_action(
        action, actor=actor, target=target, collective=conference.collective, details=details
    )


def _clean(text: str, what: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise DomainError(_("%(what)s cannot be empty.") % {"what": what})
    return text


def _in_tree(conference: Conference, collective: Collective) -> None:
    if not collective.path.startswith(conference.collective.path):
        raise DomainError(_("%(name)s is not part of this conference.") % {"name": collective})


def conference_create(
    *,
    actor: Any,
    collective: Collective,
    title: str,
    starts_on: date,
    ends_on: date,
    place: str = "",
    report_start: date,
    report_end: date,
    contributions_deadline: datetime,
    amendments_deadline: datetime,
) -> Conference:
    title = _clean(title, _("The title"))
    if ends_on < starts_on:
        raise DomainError(_("A conference cannot end before it starts."))
    if report_end < report_start:
        raise DomainError(_("The report period cannot end before it starts."))
    with transaction.atomic():
        conference = Conference.objects.create(
            collective=collective,
            title=title[:200],
            starts_on=starts_on,
            ends_on=ends_on,
            place=place.strip()[:200],
            report_start=report_start,
            report_end=report_end,
            contributions_deadline=contributions_deadline,
            amendments_deadline=amendments_deadline,
        )
        _log("conferences.conference.created", actor, conference, conference)
    return conference


def delegate_add(
    *, actor: Any, conference: Conference, user: Any, credited_by: Collective, votes: int = 1
) -> Delegate:
    _in_tree(conference, credited_by)
    if votes < 1:
        raise DomainError(_("A delegate has at least one vote."))
    if not Membership.objects.active().filter(user=user, collective=credited_by).exists():
        raise DomainError(
            _("%(user)s is not a member of %(collective)s.")
            % {"user": user, "collective": credited_by}
        )
    if conference.delegates.filter(user=user).exists():
        raise DomainError(_("%(user)s is a delegate already.") % {"user": user})
    with transaction.atomic():
        delegate = Delegate.objects.create(
            conference=conference, user=user, credited_by=credited_by, votes=votes
        )
        _log("conferences.delegate.added", actor, delegate, conference, votes=votes)
    return delegate


def agenda_add(*, actor: Any, conference: Conference, title: str, speakers: str = "") -> AgendaItem:
    title = _clean(title, _("The title"))
    with transaction.atomic():
        position = (conference.agenda.aggregate(top=Max("position"))["top"] or 0) + 1
        item = AgendaItem.objects.create(
            conference=conference, position=position, title=title[:200], speakers=speakers[:300]
        )
        _log("conferences.agenda.added", actor, item, conference)
    return item


def minutes_write(*, actor: Any, item: AgendaItem, minutes: str) -> AgendaItem:
    with transaction.atomic():
        item.minutes = minutes.strip()
        item.save(update_fields=["minutes"])
        _log("conferences.agenda.minutes", actor, item, item.conference)
    return item


def contribution_submit(
    *,
    actor: Any,
    conference: Conference,
    title: str,
    body: str,
    language: str,
    translation_of: Contribution | None = None,
    now: datetime | None = None,
) -> Contribution:
    now = now or timezone.now()
    if now > conference.contributions_deadline:
        raise DomainError(_("The deadline for contributions has passed."))
    title = _clean(title, _("The title"))
    if not body.strip():
        raise DomainError(_("%(what)s cannot be empty.") % {"what": _("The text")})
    language = language.strip().lower()[:10]
    if translation_of is not None:
        if translation_of.conference_id != conference.pk:
            raise DomainError(_("That contribution belongs to another conference."))
        translation_of = translation_of.translation_of or translation_of
        if (
            translation_of.language == language
            or translation_of.translations.filter(language=language).exists()
        ):
            raise DomainError(_("This contribution exists in this language already."))
    with transaction.atomic():
        contribution = Contribution.objects.create(
            conference=conference,
            author=_user(actor),
            language=language,
            translation_of=translation_of,
            title=title[:200],
            body=body.strip(),
        )
        _log("conferences.contribution.submitted", actor, contribution, conference)
    return contribution


def motion_create(
    *, actor: Any, conference: Conference, title: str, text: str, language: str
) -> Motion:
    title = _clean(title, _("The title"))
    wrapped = lines.wrap(text)
    if not wrapped:
        raise DomainError(_("%(what)s cannot be empty.") % {"what": _("The text")})
    with transaction.atomic():
        number = (conference.motions.aggregate(top=Max("number"))["top"] or 0) + 1
        motion = Motion.objects.create(
            conference=conference,
            number=number,
            title=title[:200],
            language=language[:10],
            original_text=wrapped,
            text=wrapped,
        )
        _log("conferences.motion.created", actor, motion, conference)
    return motion


def amendment_propose(
    *,
    actor: Any,
    motion: Motion,
    delegate: Delegate,
    text: str,
    first_line: int | None = None,
    last_line: int | None = None,
    paragraph: int | None = None,
    reason: str = "",
    parent: Amendment | None = None,
    now: datetime | None = None,
) -> Amendment:
    """An amendment to lines (or a paragraph) of the motion, or of another amendment."""
    conference = motion.conference
    if delegate.conference_id != conference.pk:
        raise DomainError(_("Only the conference's delegates may amend."))
    if not queries.amendments_open(conference, now):
        raise DomainError(_("Amendments are closed for this conference."))
    if motion.state != Motion.State.OPEN:
        raise DomainError(_("This motion has been voted already."))
    if parent is not None and (
        parent.motion_id != motion.pk or parent.state != Amendment.State.PROPOSED
    ):
        raise DomainError(_("Only a proposed amendment of this motion can be amended."))
    base = parent.text if parent is not None else motion.original_text
    if paragraph is not None:
        found = lines.paragraph_range(base, paragraph)
        if found is None:
            raise DomainError(_("There is no paragraph %(n)s in this text.") % {"n": paragraph})
        first_line, last_line = found
    available = lines.count(base)
    if first_line is None or last_line is None:
        raise DomainError(_("Say which lines or which paragraph the amendment changes."))
    if not 1 <= first_line <= last_line <= available:
        raise DomainError(
            _("Lines %(first)s to %(last)s are outside the text, which has lines 1 to %(n)s.")
            % {"first": first_line, "last": last_line, "n": available}
        )
    with transaction.atomic():
        amendment = Amendment.objects.create(
            motion=motion,
            parent=parent,
            author=delegate,
            first_line=first_line,
            last_line=last_line,
            text=lines.wrap(text),
            reason=reason.strip(),
        )
        _log(
            "conferences.amendment.proposed",
            actor,
            amendment,
            conference,
            lines=[first_line, last_line],
        )
    return amendment


def amendments_close(*, actor: Any, conference: Conference) -> Conference:
    with transaction.atomic():
        if conference.amendments_closed_at is None:
            conference.amendments_closed_at = timezone.now()
            conference.save(update_fields=["amendments_closed_at"])
            _log("conferences.amendments.closed", actor, conference, conference)
    return conference


def _overlaps(amendment: Amendment, other: Amendment) -> bool:
    return amendment.first_line <= other.last_line and other.first_line <= amendment.last_line


def resulting_text(motion: Motion) -> str:
    """The original text with every accepted or merged amendment applied, from the bottom up
    so that the line numbers they were written against stay right."""
    text = motion.original_text
    applied = motion.amendments.filter(
        parent__isnull=True, state__in=[Amendment.State.ACCEPTED, Amendment.State.MERGED]
    ).order_by("-first_line")
    for amendment in applied:
        text = lines.replace(text, amendment.first_line, amendment.last_line, amendment.text)
    return text


def amendment_decide(
    *, actor: Any, amendment: Amendment, state: str, merged_text: str = ""
) -> Amendment:
    """Accepted: applied as written. Merged: the chair's combined wording is applied.
    Rejected: nothing changes. A decided amendment stays decided."""
    if state not in (Amendment.State.ACCEPTED, Amendment.State.REJECTED, Amendment.State.MERGED):
        raise DomainError(_("Unknown decision."))
    if amendment.state != Amendment.State.PROPOSED:
        raise DomainError(_("This amendment has been decided already."))
    if amendment.motion.state != Motion.State.OPEN:
        raise DomainError(_("This motion has been voted already."))
    if state == Amendment.State.MERGED and not merged_text.strip():
        raise DomainError(_("A merged amendment needs the merged wording."))
    with transaction.atomic():
        if state != Amendment.State.REJECTED:
            applied = Amendment.objects.filter(
                motion=amendment.motion,
                parent=amendment.parent,
                state__in=[Amendment.State.ACCEPTED, Amendment.State.MERGED],
            )
            if any(_overlaps(amendment, other) for other in applied):
                raise DomainError(
                    _("These lines were changed by an accepted amendment already; merge instead.")
                )
            if state == Amendment.State.MERGED:
                amendment.text = lines.wrap(merged_text)
            if amendment.parent is not None:
                parent = amendment.parent
                parent.text = lines.replace(
                    parent.text, amendment.first_line, amendment.last_line, amendment.text
                )
                parent.save(update_fields=["text"])
        amendment.state = state
        amendment.save(update_fields=["state", "text"])
        motion = amendment.motion
        motion.text = resulting_text(motion)
        motion.save(update_fields=["text"])
        _log("conferences.amendment.decided", actor, amendment, motion.conference, state=state)
    return amendment


@dataclass
class Tally:
    """One line of a vote: a delegate (roll call) or a delegation's totals."""

    votes_for: int = 0
    votes_against: int = 0
    abstentions: int = 0
    delegate: Delegate | None = None
    delegation: Collective | None = None

    @property
    def total(self) -> int:
        return self.votes_for + self.votes_against + self.abstentions


def _check_entries(conference: Conference, method: str, entries: list[Tally]) -> None:
    if method == Vote.Method.ROLL_CALL:
        seen: set[int] = set()
        for entry in entries:
            delegate = entry.delegate
            if delegate is None or delegate.conference_id != conference.pk:
                raise DomainError(_("A roll call lists the conference's delegates."))
            if delegate.pk in seen:
                raise DomainError(_("%(name)s is listed twice.") % {"name": delegate.user})
            seen.add(delegate.pk)
            if entry.total > delegate.votes:
                raise DomainError(
                    _("%(name)s has %(n)s votes, not %(total)s.")
                    % {"name": delegate.user, "n": delegate.votes, "total": entry.total}
                )
    elif method == Vote.Method.DELEGATIONS:
        weights = queries.delegation_votes(conference)
        for entry in entries:
            if entry.delegation is None or entry.delegation.pk not in weights:
                raise DomainError(_("Only delegations at this conference can vote."))
            if entry.total > weights[entry.delegation.pk]:
                raise DomainError(
                    _("%(name)s has %(n)s votes, not %(total)s.")
                    % {
                        "name": entry.delegation,
                        "n": weights[entry.delegation.pk],
                        "total": entry.total,
                    }
                )


def vote_record(
    *,
    actor: Any,
    motion: Motion,
    method: str,
    votes_for: int = 0,
    votes_against: int = 0,
    abstentions: int = 0,
    entries: list[Tally] | None = None,
) -> Vote:
    """Counts for a show of hands; `entries` for a roll call or per-delegation totals. The
    text voted on is kept with the outcome."""
    conference = motion.conference
    entries = entries or []
    if method not in Vote.Method.values:
        raise DomainError(_("Unknown way of voting."))
    if motion.state != Motion.State.OPEN:
        raise DomainError(_("This motion has been voted already."))
    if queries.amendments_open(conference):
        raise DomainError(_("Close the amendments before the vote."))
    if motion.amendments.filter(state=Amendment.State.PROPOSED).exists():
        raise DomainError(_("Decide every amendment before the vote."))
    if method != Vote.Method.COUNTS:
        if not entries:
            raise DomainError(_("Enter at least one line of the vote."))
        _check_entries(conference, method, entries)
        votes_for = sum(entry.votes_for for entry in entries)
        votes_against = sum(entry.votes_against for entry in entries)
        abstentions = sum(entry.abstentions for entry in entries)
    if min(votes_for, votes_against, abstentions) < 0:
        raise DomainError(_("Votes cannot be negative."))
    cast, possible = votes_for + votes_against + abstentions, queries.total_votes(conference)
    if cast > possible:
        raise DomainError(
            _("%(cast)s votes were entered but the delegates hold only %(possible)s.")
            % {"cast": cast, "possible": possible}
        )
    if cast == 0:
        raise DomainError(_("No votes were entered."))
    carried = votes_for > votes_against
    with transaction.atomic():
        vote = Vote.objects.create(
            motion=motion,
            method=method,
            votes_for=votes_for,
            votes_against=votes_against,
            abstentions=abstentions,
            outcome=Vote.Outcome.CARRIED if carried else Vote.Outcome.LOST,
            voted_text=motion.text,
            recorded_by=_user(actor),
        )
        VoteEntry.objects.bulk_create(
            VoteEntry(
                vote=vote,
                delegate=entry.delegate,
                delegation=entry.delegation,
                votes_for=entry.votes_for,
                votes_against=entry.votes_against,
                abstentions=entry.abstentions,
            )
            for entry in entries
        )
        motion.state = Motion.State.ADOPTED if carried else Motion.State.REJECTED
        motion.save(update_fields=["state"])
        _log(
            "conferences.vote.recorded",
            actor,
            vote,
            conference,
            method=method,
            votes=[votes_for, votes_against, abstentions],
        )
    return vote


def decision_create(
    *,
    actor: Any,
    conference: Conference,
    title: str,
    responsible: Collective,
    motion: Motion | None = None,
    due_on: date | None = None,
    parent: Decision | None = None,
) -> Decision:
    title = _clean(title, _("The title"))
    _in_tree(conference, responsible)
    if motion is not None and (
        motion.conference_id != conference.pk or motion.state != Motion.State.ADOPTED
    ):
        raise DomainError(_("A decision comes from an adopted motion of this conference."))
    if parent is not None and parent.conference_id != conference.pk:
        raise DomainError(_("That decision belongs to another conference."))
    with transaction.atomic():
        decision = Decision.objects.create(
            conference=conference,
            motion=motion,
            parent=parent,
            title=title[:200],
            responsible=responsible,
            due_on=due_on,
        )
        _log("conferences.decision.created", actor, decision, conference)
    return decision


def progress_note(
    *, actor: Any, decision: Decision, text: str, progress: int, state: str
) -> ProgressNote:
    if not 0 <= progress <= 100:
        raise DomainError(_("Progress is a percentage, from 0 to 100."))
    if state not in Decision.State.values:
        raise DomainError(_("Unknown state."))
    if not text.strip():
        raise DomainError(_("Say what was done."))
    with transaction.atomic():
        note = ProgressNote.objects.create(
            decision=decision,
            text=text.strip(),
            progress=progress,
            state=state,
            author=_user(actor),
        )
        decision.progress, decision.state = progress, state
        decision.save(update_fields=["progress", "state"])
        log_action(
            "conferences.decision.progress",
            actor=actor,
            target=decision,
            collective=decision.responsible,
            details={"progress": progress, "state": state},
        )
    return note

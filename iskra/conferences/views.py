from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from iskra.conferences import booklet, lines, queries, services
from iskra.conferences.forms import (
    AgendaForm,
    AmendmentForm,
    ConferenceForm,
    ContributionForm,
    DecideForm,
    DecisionForm,
    DelegateForm,
    MinutesForm,
    MotionForm,
    ProgressForm,
    VoteForm,
)
from iskra.conferences.models import Conference, Contribution, Decision, Motion, Vote
from iskra.core.errors import DomainError
from iskra.network.models import Collective
from iskra.network.scope import Capacity, scope_for, visible_collectives


def _chair(request: HttpRequest, pk: int) -> Conference:
    conference = queries.get_conference_or_404(request.user, pk)
    if not queries.is_chair(request.user, conference):
        raise Http404
    return conference


def _documents(request: HttpRequest, pk: int) -> Conference:
    conference = queries.get_conference_or_404(request.user, pk)
    if not queries.sees_documents(request.user, conference):
        raise Http404
    return conference


def _motion(request: HttpRequest, pk: int, number: int) -> Motion:
    conference = queries.get_conference_or_404(request.user, pk)
    motion = conference.motions.filter(number=number).first()
    if motion is None:
        raise Http404
    return motion


def _done(request: HttpRequest, call: Any, success: str) -> bool:
    try:
        call()
    except DomainError as error:
        messages.error(request, error.message)
        return False
    messages.success(request, success)
    return True


@login_required
def index(request: HttpRequest) -> HttpResponse:
    managed = visible_collectives(request.user, Capacity.MANAGE)
    form = ConferenceForm(request.POST or None, collectives=managed)
    if request.method == "POST":
        if not managed.exists():
            raise Http404
        if form.is_valid():
            try:
                conference = services.conference_create(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                return redirect("conferences:detail", pk=conference.pk)
    return render(
        request,
        "conferences/index.html",
        {
            "conferences": queries.visible_conferences(request.user).select_related("collective"),
            "form": form if managed.exists() else None,
        },
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    conference = queries.get_conference_or_404(request.user, pk)
    chair = queries.is_chair(request.user, conference)
    documents = queries.sees_documents(request.user, conference)
    return render(
        request,
        "conferences/detail.html",
        {
            "conference": conference,
            "chair": chair,
            "documents": documents,
            "delegate": queries.delegate_of(request.user, conference),
            "agenda": conference.agenda.all(),
            "delegates": conference.delegates.select_related("user", "credited_by")
            if documents
            else [],
            "total_votes": queries.total_votes(conference),
            "reports": queries.attending_reports(conference) if documents else [],
            "contributions": queries.contributions_of(conference) if documents else [],
            "motions": conference.motions.all(),
            "decisions": queries.decision_tree(conference),
            "amendments_open": queries.amendments_open(conference),
            "delegate_form": DelegateForm(conference=conference) if chair else None,
            "agenda_form": AgendaForm() if chair else None,
            "motion_form": MotionForm() if chair else None,
        },
    )


@login_required
@require_POST
def delegate_add(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _chair(request, pk)
    form = DelegateForm(request.POST, conference=conference)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    else:
        data = form.cleaned_data
        _done(
            request,
            lambda: services.delegate_add(
                actor=request.user,
                conference=conference,
                user=data["username"],
                credited_by=data["credited_by"],
                votes=data["votes"],
            ),
            _("Delegate credited."),
        )
    return redirect("conferences:detail", pk=pk)


@login_required
@require_POST
def agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _chair(request, pk)
    form = AgendaForm(request.POST)
    if form.is_valid():
        _done(
            request,
            lambda: services.agenda_add(
                actor=request.user, conference=conference, **form.cleaned_data
            ),
            _("Saved."),
        )
    return redirect("conferences:detail", pk=pk)


@login_required
def minutes(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    conference = _chair(request, pk)
    agenda_item = conference.agenda.filter(pk=item).first()
    if agenda_item is None:
        raise Http404
    form = MinutesForm(request.POST or None, initial={"minutes": agenda_item.minutes})
    if request.method == "POST" and form.is_valid():
        services.minutes_write(actor=request.user, item=agenda_item, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("conferences:detail", pk=pk)
    return render(
        request,
        "conferences/minutes_form.html",
        {"conference": conference, "item": agenda_item, "form": form},
    )


@login_required
@require_POST
def amendments_close(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _chair(request, pk)
    services.amendments_close(actor=request.user, conference=conference)
    messages.success(request, _("Amendments are closed."))
    return redirect("conferences:detail", pk=pk)


@login_required
@require_POST
def motion_new(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _chair(request, pk)
    form = MotionForm(request.POST)
    if form.is_valid():
        _done(
            request,
            lambda: services.motion_create(
                actor=request.user, conference=conference, **form.cleaned_data
            ),
            _("Motion tabled."),
        )
    return redirect("conferences:detail", pk=pk)


@login_required
def contribute(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _documents(request, pk)
    original = None
    wanted = request.POST.get("translation_of") or request.GET.get("translation_of")
    if wanted:
        if not wanted.isdigit():
            raise Http404
        original = conference.contributions.filter(pk=int(wanted)).first()
        if original is None:
            raise Http404
    form = ContributionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contribution = services.contribution_submit(
                actor=request.user,
                conference=conference,
                translation_of=original,
                **form.cleaned_data,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Contribution submitted."))
            return redirect("conferences:contribution", pk=pk, contribution=contribution.pk)
    return render(
        request,
        "conferences/contribution_form.html",
        {"conference": conference, "form": form, "original": original},
    )


@login_required
def contribution(request: HttpRequest, pk: int, contribution: int) -> HttpResponse:
    conference = _documents(request, pk)
    found: Contribution | None = conference.contributions.filter(pk=contribution).first()
    if found is None:
        raise Http404
    original = found.translation_of or found
    return render(
        request,
        "conferences/contribution_detail.html",
        {
            "conference": conference,
            "contribution": found,
            "versions": [original, *original.translations.all()],
        },
    )


@login_required
def motion(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    found = _motion(request, pk, number)
    conference = found.conference
    chair = queries.is_chair(request.user, conference)
    delegate = queries.delegate_of(request.user, conference)
    delegates = list(conference.delegates.select_related("user")) if chair else []
    delegations = Collective.objects.filter(pk__in=queries.delegation_votes(conference))
    return render(
        request,
        "conferences/motion.html",
        {
            "conference": conference,
            "motion": found,
            "lines": lines.numbered(found.text),
            "original_lines": lines.numbered(found.original_text),
            "amendments": queries.amendments_of(found),
            "votes": found.votes.all(),
            "chair": chair,
            "delegate": delegate,
            "amendments_open": queries.amendments_open(conference),
            "amend_form": AmendmentForm(),
            "decide_form": DecideForm(),
            "vote_form": VoteForm(delegates=delegates, delegations=delegations) if chair else None,
            "decision_form": DecisionForm(conference=conference) if chair else None,
        },
    )


@login_required
@require_POST
def amend(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    found = _motion(request, pk, number)
    delegate = queries.delegate_of(request.user, found.conference)
    if delegate is None:
        raise Http404
    form = AmendmentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the new text and say which lines it changes."))
        return redirect("conferences:motion", pk=pk, number=number)
    data = form.cleaned_data
    parent = found.amendments.filter(pk=data["parent"]).first() if data.get("parent") else None
    _done(
        request,
        lambda: services.amendment_propose(
            actor=request.user,
            motion=found,
            delegate=delegate,
            text=data["text"],
            first_line=data.get("first_line"),
            last_line=data.get("last_line"),
            paragraph=data.get("paragraph"),
            reason=data.get("reason", ""),
            parent=parent,
        ),
        _("Amendment proposed."),
    )
    return redirect("conferences:motion", pk=pk, number=number)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int, number: int, amendment: int) -> HttpResponse:
    found = _motion(request, pk, number)
    if not queries.is_chair(request.user, found.conference):
        raise Http404
    target = found.amendments.filter(pk=amendment).first()
    form = DecideForm(request.POST)
    if target is None:
        raise Http404
    if form.is_valid():
        _done(
            request,
            lambda: services.amendment_decide(
                actor=request.user, amendment=target, **form.cleaned_data
            ),
            _("Saved."),
        )
    return redirect("conferences:motion", pk=pk, number=number)


def _tallies(form: VoteForm) -> list[services.Tally]:
    data, method = form.cleaned_data, form.cleaned_data["method"]
    tallies = []
    if method == Vote.Method.ROLL_CALL:
        for delegate in form.delegates:
            choice = data.get(f"d{delegate.pk}")
            if choice:
                tally = services.Tally(delegate=delegate)
                setattr(
                    tally,
                    {"for": "votes_for", "against": "votes_against"}.get(choice, "abstentions"),
                    delegate.votes,
                )
                tallies.append(tally)
    elif method == Vote.Method.DELEGATIONS:
        for group in form.delegations:
            votes_for, against, abstentions = (
                data.get(f"g{group.pk}_{name}") or 0 for name in ("for", "against", "abs")
            )
            if votes_for or against or abstentions:
                tallies.append(services.Tally(votes_for, against, abstentions, delegation=group))
    return tallies


@login_required
@require_POST
def vote(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    found = _motion(request, pk, number)
    conference = found.conference
    if not queries.is_chair(request.user, conference):
        raise Http404
    delegations = Collective.objects.filter(pk__in=queries.delegation_votes(conference))
    form = VoteForm(
        request.POST,
        delegates=list(conference.delegates.select_related("user")),
        delegations=delegations,
    )
    if not form.is_valid():
        messages.error(request, _("Votes are whole numbers, zero or more."))
    else:
        data = form.cleaned_data
        _done(
            request,
            lambda: services.vote_record(
                actor=request.user,
                motion=found,
                method=data["method"],
                votes_for=data.get("votes_for") or 0,
                votes_against=data.get("votes_against") or 0,
                abstentions=data.get("abstentions") or 0,
                entries=_tallies(form),
            ),
            _("Vote recorded."),
        )
    return redirect("conferences:motion", pk=pk, number=number)


@login_required
@require_POST
def decision_new(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    found = _motion(request, pk, number)
    if not queries.is_chair(request.user, found.conference):
        raise Http404
    form = DecisionForm(request.POST, conference=found.conference)
    if not form.is_valid():
        messages.error(request, _("Give the decision a title and a responsible collective."))
    else:
        _done(
            request,
            lambda: services.decision_create(
                actor=request.user, conference=found.conference, motion=found, **form.cleaned_data
            ),
            _("Decision tracked."),
        )
    return redirect("conferences:motion", pk=pk, number=number)


@login_required
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    found = Decision.objects.filter(pk=pk).select_related("conference", "responsible").first()
    if found is None:
        raise Http404
    queries.get_conference_or_404(request.user, found.conference_id)
    can_note = scope_for(request.user).can(Capacity.MANAGE, found.responsible)
    form = ProgressForm(
        request.POST or None, initial={"progress": found.progress, "state": found.state}
    )
    if request.method == "POST":
        if not can_note:
            raise Http404
        if form.is_valid() and _done(
            request,
            lambda: services.progress_note(actor=request.user, decision=found, **form.cleaned_data),
            _("Progress noted."),
        ):
            return redirect("conferences:decision", pk=pk)
    return render(
        request,
        "conferences/decision.html",
        {
            "decision": found,
            "progress": queries.rolled_progress(found),
            "notes": found.notes.all(),
            "parts": found.children.select_related("responsible"),
            "form": form if can_note else None,
        },
    )


@login_required
def booklet_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _documents(request, pk)
    language = request.GET.get("language") or None
    response = HttpResponse(
        booklet.booklet_pdf(conference, language=language), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="conference-{conference.pk}.pdf"'
    return response

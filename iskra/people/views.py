import csv
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from iskra.audit.services import access_denied
from iskra.core.errors import DomainError
from iskra.core.redirects import safe_next
from iskra.core.widgets import csrf_field
from iskra.network.models import Collective
from iskra.network.scope import (
    Capacity,
    get_collective_or_404,
    get_scoped_or_404,
    has_two_factor,
    may_read_protected,
    may_read_protected_in,
    scope_for,
)
from iskra.people import counts, csvimport, importing, listing, phones, queries, services
from iskra.people.forms import (
    BulkForm,
    ContactForm,
    ConversationPageForm,
    FollowUpDoneForm,
    ImportColumnsForm,
    ImportForm,
    QuickContactForm,
    StageForm,
)
from iskra.people.models import PROTECTED_FIELDS, Contact, Conversation, FollowUp, Stage, Tag
from iskra.press import services as press_services
from iskra.press.models import Publication

PAGE_SIZE = 50


def _today(collective: Collective) -> Any:
    return timezone.localdate(timezone.now(), collective.zone)


def _contacts_collective(request: HttpRequest, slug: str, capacity: Capacity) -> Collective:
    """A collective whose contacts the user may work with in `capacity` (and CONTACTS)."""
    collective = get_collective_or_404(request.user, slug, Capacity.CONTACTS)
    if capacity != Capacity.CONTACTS and not scope_for(request.user).can(capacity, collective):
        raise Http404
    return collective


def _contact(request: HttpRequest, pk: int) -> Contact:
    return get_scoped_or_404(
        Contact.objects.select_related("collective", "stage").defer(*PROTECTED_FIELDS),
        request.user,
        Capacity.CONTACTS,
        pk=pk,
    )


def _contact_with_protected(request: HttpRequest, pk: int) -> Contact:
    """A contact whose protected fields the user may read; 404 (logged) otherwise."""
    contact = _contact(request, pk)
    if not may_read_protected(request.user, contact):
        access_denied(request, contact, reason="protected fields")
    return contact


def _filters(request: HttpRequest) -> queries.ContactFilter:
    params = request.GET
    stale = params.get("stale", "")
    return queries.ContactFilter(
        q=params.get("q", "").strip()[:120],
        stage=params.get("stage", ""),
        tag=params.get("tag", ""),
        topic=params.get("topic", ""),
        workplace=params.get("workplace", ""),
        stale_days=int(stale) if stale.isdigit() and int(stale) < 100_000 else None,
        due=params.get("due") == "1",
        never=params.get("never") == "1",
        below=params.get("below") == "1",
        sort=params.get("sort", "name") if params.get("sort") in queries.SORTS else "name",
    )


@login_required
def contact_list(request: HttpRequest, slug: str) -> HttpResponse:
    collective = get_collective_or_404(request.user, slug, Capacity.AGGREGATES)
    scope = scope_for(request.user)
    if not scope.can(Capacity.CONTACTS, collective):
        return _overview(request, collective)
    filters = _filters(request)
    contacts = queries.contact_list(request.user, collective, filters, today=_today(collective))
    fields = listing.ROW_FIELDS_BELOW if filters.below else listing.ROW_FIELDS
    page = Paginator(contacts.values(*fields), PAGE_SIZE).get_page(request.GET.get("page"))
    stages = list(Stage.objects.all())
    labels = {stage.pk: stage.label for stage in stages}
    query = request.GET.copy()
    query.pop("page", None)
    can_manage = scope.can(Capacity.MANAGE, collective)
    return render(
        request,
        "people/contact_list.html",
        {
            "collective": collective,
            "page": page,
            "rows": listing.contact_rows(
                page,
                stage_labels=labels,
                contact_url=url_maker("people:contact"),
                show_collective=filters.below,
            ),
            "filters": filters,
            "query": query.urlencode(),
            "stage_options": listing.options(
                [(stage.key, labels[stage.pk]) for stage in stages], filters.stage
            ),
            "tag_options": listing.options(
                [
                    (name, name)
                    for name in Tag.objects.filter(collective=collective).values_list(
                        "name", flat=True
                    )[:200]
                ],
                filters.tag,
                values=False,
            ),
            "bulk_stage_options": listing.options(
                [(str(stage.pk), labels[stage.pk]) for stage in stages]
            ),
            "has_below": queries.has_below(request.user, collective),
            "can_manage": can_manage,
            "publications": _publications_for(collective) if can_manage else [],
        },
    )


def _overview(request: HttpRequest, collective: Collective) -> HttpResponse:
    """Centres and treasurers see counts by stage, never the contacts themselves."""
    per_stage = counts.by_stage(
        queries.subtree_in_scope(request.user, collective, Capacity.AGGREGATES)
    )
    rows = [(stage, per_stage[stage.pk]) for stage in Stage.objects.all() if stage.pk in per_stage]
    return render(
        request,
        "people/contact_overview.html",
        {"collective": collective, "rows": rows, "total": sum(n for _stage, n in rows)},
    )


@login_required
def contact_add(request: HttpRequest, slug: str) -> HttpResponse:
    collective = _contacts_collective(request, slug, Capacity.CONTACTS)
    today = _today(collective)
    initial = {"happened_on": today, "first_met_on": today, "stage": services.first_stage()}
    introducer = None
    introduced_by = request.GET.get("introduced_by", "")
    if introduced_by.isdigit():
        introducer = Contact.objects.filter(pk=int(introduced_by), collective=collective).first()
        initial["introduced_by_contact"] = introducer
    form = QuickContactForm(request.POST or None, initial=initial, collective=collective)
    # As the name is typed, the page says whether someone of that name is already here.
    form.fields["display_name"].widget.attrs.update(
        {
            "hx-post": reverse("people:same_name", args=[collective.slug]),
            "hx-trigger": "input changed delay:400ms, change",
            "hx-target": "#same-name",
            "hx-sync": "this:replace",
            "hx-params": "display_name",
        }
    )
    matches: list[Contact] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        matches = queries.already_here(
            sorted(scope_for(request.user).ids(Capacity.CONTACTS)),
            email=data.get("email") or "",
            phone=data.get("phone") or "",
            region=phones.region_of(collective),
        )
        if not matches or request.POST.get("add_anyway") == "1":
            try:
                contact = _create_with_conversation(request, collective, form)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("%(name)s added.") % {"name": contact.display_name})
                _warn_same_name(request, contact)
                if request.POST.get("then") == "another":
                    return redirect("people:contact_add", slug=collective.slug)
                return redirect("people:contact", pk=contact.pk)
    return render(
        request,
        "people/contact_add.html",
        {"collective": collective, "form": form, "matches": matches, "introducer": introducer},
    )


@login_required
@require_POST
def same_name(request: HttpRequest, slug: str) -> HttpResponse:
    """The contacts of the collective whose name is near-identical to the one being typed
    (an htmx fragment of the add form; the name is posted, never put in a URL)."""
    collective = _contacts_collective(request, slug, Capacity.CONTACTS)
    name = request.POST.get("display_name", "")[:120]
    return render(
        request,
        "people/same_name.html",
        {"matches": queries.same_name(collective, name) if name.strip() else []},
    )


def _warn_same_name(request: HttpRequest, contact: Contact) -> None:
    """ "There is already R (met 3 Sep at the Palestine march) — the same person?" with a
    link: the new contact is saved all the same (the street is never refused)."""
    for other in queries.same_name(contact.collective, contact.display_name, exclude=contact.pk):
        label = other.display_name + (f" ({other.met_label})" if other.met_label else "")
        link = format_html('<a href="{}">{}</a>', reverse("people:contact", args=[other.pk]), label)
        messages.warning(
            request,
            format_html(escape(_("There is already {name} — the same person?")), name=link),
        )


def _create_with_conversation(
    request: HttpRequest, collective: Collective, form: QuickContactForm
) -> Contact:
    data = form.cleaned_data
    values = form.service_values()
    values.pop("stage_reason", None)
    contact = services.contact_create(actor=request.user, collective=collective, **values)
    if data.get("note") or data.get("next_action"):
        services.conversation_add(
            actor=request.user,
            contact=contact,
            happened_on=data.get("happened_on") or data.get("first_met_on") or _today(collective),
            kind=data["kind"],
            note=data.get("note") or "",
            topics=values["topics"],
            next_action=data.get("next_action") or "",
            due_on=data.get("due_on"),
            assignee=request.user,
        )
    return contact


@login_required
def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _contact(request, pk)
    can_read = may_read_protected(request.user, contact)
    if can_read:
        services.contact_read(actor=request.user, contact=contact)
    return render(
        request,
        "people/contact_detail.html",
        {
            "contact": contact,
            "can_read_protected": can_read,
            "needs_two_factor": not has_two_factor(request.user),
            "timeline": queries.timeline(contact, protected=can_read),
            "stage_form": StageForm(initial={"stage": contact.stage}),
            "introduced": contact.introduced.defer(*PROTECTED_FIELDS)[:20],
        },
    )


@login_required
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _contact_with_protected(request, pk)
    form = ContactForm(
        request.POST or None,
        initial=ContactForm.initial_for(contact),
        collective=contact.collective,
    )
    if request.method == "GET":
        services.contact_read(actor=request.user, contact=contact, purpose="edit")
    if request.method == "POST" and form.is_valid():
        values = form.service_values()
        reason = values.pop("stage_reason", "") or ""
        try:
            services.contact_update(actor=request.user, contact=contact, reason=reason, **values)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("people:contact", pk=contact.pk)
    return render(request, "people/contact_form.html", {"contact": contact, "form": form})


@login_required
def conversation_add(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _contact(request, pk)
    form = ConversationPageForm(
        request.POST or None,
        initial={
            "happened_on": _today(contact.collective),
            "members": [request.user.pk],
            "assignee": request.user.pk,
        },
        collective=contact.collective,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.conversation_add(
                actor=request.user,
                contact=contact,
                happened_on=data["happened_on"],
                kind=data["kind"],
                note=data["note"],
                topics=services.split_names(data["topics"]),
                members=list(data["members"]),
                next_action=data["next_action"],
                due_on=data["due_on"],
                assignee=data["assignee"] or request.user,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Conversation recorded."))
            return redirect("people:contact", pk=contact.pk)
    return render(request, "people/conversation_form.html", {"contact": contact, "form": form})


@login_required
@require_POST
def stage_change(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _contact(request, pk)
    form = StageForm(request.POST)
    if form.is_valid():
        services.stage_change(
            actor=request.user,
            contact=contact,
            stage=form.cleaned_data["stage"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("Stage changed."))
    else:
        messages.error(request, _("Choose a stage."))
    return redirect("people:contact", pk=contact.pk)


def url_maker(name: str) -> Any:
    """`url_maker("people:contact")(pk)`: the URL of an object by its id, without a full
    reverse() per row (rows of a list page would spend a third of the page in reverse)."""
    marker = 987654321
    return reverse(name, args=[marker]).replace(str(marker), "{}").format


@login_required
def followups(request: HttpRequest) -> HttpResponse:
    board = queries.my_followups(request.user, page=request.GET.get("page"))
    contact_url = url_maker("people:contact")
    done_url = url_maker("people:followup_done")
    snooze_url = url_maker("people:followup_snooze")
    for followup in board.page:
        followup.contact_url = contact_url(followup.contact_id)
        followup.done_url = done_url(followup.pk)
        followup.snooze_url = snooze_url(followup.pk)
    csrf_input = csrf_field(get_token(request))
    sections = {
        name: listing.followup_rows(getattr(board, name), csrf_input=csrf_input)
        for name in ("overdue", "today", "week", "later")
    }
    return render(
        request,
        "people/followups.html",
        {"board": board, "page": board.page, "sections": sections},
    )


def _followup(request: HttpRequest, pk: int) -> FollowUp:
    followup = get_scoped_or_404(
        FollowUp.objects.select_related("contact", "contact__collective", "collective").defer(
            *(f"contact__{name}" for name in PROTECTED_FIELDS)
        ),
        request.user,
        Capacity.CONTACTS,
        pk=pk,
    )
    return followup


@login_required
def followup_done(request: HttpRequest, pk: int) -> HttpResponse:
    followup = _followup(request, pk)
    form = FollowUpDoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.followup_done(
                actor=request.user, followup=followup, outcome=form.cleaned_data["outcome"]
            )
            if form.cleaned_data["record_conversation"]:
                services.conversation_add(
                    actor=request.user,
                    contact=followup.contact,
                    happened_on=_today(followup.collective),
                    kind=Conversation.Kind.PHONE
                    if "call" in followup.action.casefold()
                    else Conversation.Kind.STREET,
                    note=form.cleaned_data["outcome"],
                )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Done: %(action)s") % {"action": followup.action})
        return redirect(safe_next(request, request.POST.get("next"), reverse("people:followups")))
    return render(request, "people/followup_done.html", {"followup": followup, "form": form})


@login_required
@require_POST
def followup_snooze(request: HttpRequest, pk: int) -> HttpResponse:
    followup = _followup(request, pk)
    days = request.POST.get("days", "7")
    try:
        services.followup_snooze(
            actor=request.user,
            followup=followup,
            days=int(days) if days.isdigit() and 0 < int(days) <= 365 else 7,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Moved to %(date)s.") % {"date": formats.date_format(followup.due_on)},
        )
    return redirect("people:followups")


@login_required
def workplace_map(request: HttpRequest, slug: str) -> HttpResponse:
    collective = _contacts_collective(request, slug, Capacity.CONTACTS)
    return render(
        request,
        "people/workplace_map.html",
        {"collective": collective, "map": queries.workplace_map(collective)},
    )


@login_required
@require_POST
def bulk(request: HttpRequest, slug: str) -> HttpResponse:
    collective = _contacts_collective(request, slug, Capacity.CONTACTS)
    ids = [int(pk) for pk in request.POST.getlist("contacts") if pk.isdigit()]
    allowed = queries.contact_ids_scope(request.user, collective, below=True)
    contacts = list(
        Contact.objects.filter(pk__in=ids, collective_id__in=allowed)
        .select_related("stage", "collective")
        .defer(*PROTECTED_FIELDS)
    )
    form = BulkForm(request.POST, contact_ids=[contact.pk for contact in contacts])
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for error in form.errors.values()))
    elif form.cleaned_data["action"] == "tag":
        count = services.bulk_tag(
            actor=request.user, contacts=contacts, tag_names=[form.cleaned_data["tag"]]
        )
        messages.success(request, _("Tagged %(count)d contacts.") % {"count": count})
    else:
        count = services.bulk_stage(
            actor=request.user, contacts=contacts, stage=form.cleaned_data["stage"]
        )
        messages.success(request, _("Moved %(count)d contacts.") % {"count": count})
    return redirect(reverse("people:contacts", args=[collective.slug]) + _back_query(request))


def _back_query(request: HttpRequest) -> str:
    query = request.POST.get("query", "")
    return f"?{query}" if query and "\n" not in query else ""


@login_required
def import_contacts(request: HttpRequest, slug: str) -> HttpResponse:
    """Step 1 of the web import: the file and its encoding."""
    collective = _contacts_collective(request, slug, Capacity.MANAGE)
    form = ImportForm(request.POST or None, request.FILES or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > csvimport.MAX_BYTES:
                importing.check_upload(b"x" * (csvimport.MAX_BYTES + 1))
            job = importing.draft_create(
                actor=request.user,
                collective=collective,
                data=upload.read(),
                file_name=upload.name or "",
                encoding=form.cleaned_data["encoding"],
            )
        except importing.UploadError as problem:
            error = str(problem)
        else:
            return redirect("people:import_columns", slug=collective.slug, pk=job.pk)
    return render(
        request, "people/import.html", {"collective": collective, "form": form, "error": error}
    )


@login_required
def import_columns(request: HttpRequest, slug: str, pk: str) -> HttpResponse:
    """Step 2: each column mapped to a field, the preview, then the import as a job."""
    collective = _contacts_collective(request, slug, Capacity.MANAGE)
    job = importing.draft_for(actor=request.user, collective=collective, pk=pk)
    if job is None:
        raise Http404
    if job.state != job.State.DRAFT and not job.finished:
        return redirect("reliability:job", pk=job.pk)
    data = importing.unseal(job)
    error = ""
    try:
        upload: importing.Upload | None = importing.read_head(data, job.params["encoding"])
    except importing.UploadError as problem:
        upload, error = None, str(problem)
    header = (upload or importing.read_head(data, "latin-1")).header
    form = ImportColumnsForm(request.POST or None, header=header, initial=_column_initial(job))
    if request.method == "POST" and form.is_valid():
        params = {
            "encoding": form.cleaned_data["encoding"],
            "columns": form.columns(),
            "skip_bad_rows": form.cleaned_data["skip_bad_rows"],
        }
        if request.POST.get("action") == "preset" and form.cleaned_data["preset"]:
            params["preset"] = form.cleaned_data["preset"]
            params["columns"] = importing.preset_columns(header, params["preset"])
        importing.draft_update(job=job, params=params)
        if request.POST.get("action") == "import":
            try:
                importing.import_start(job=job)
            except importing.UploadError as problem:
                error = str(problem)
            else:
                return redirect("reliability:job", pk=job.pk)
        if not error:
            return redirect("people:import_columns", slug=collective.slug, pk=job.pk)
        form = ImportColumnsForm(header=header, initial=_column_initial(job))
    rows = (
        importing.preview(upload, job.params["columns"], collective, request.user) if upload else []
    )
    context = {"collective": collective, "job": job, "form": form, "rows": rows, "error": error}
    return render(request, "people/import_columns.html", context)


def _column_initial(job: Any) -> dict[str, Any]:
    initial = {f"column_{index}": target for index, target in enumerate(job.params["columns"])}
    initial.update(
        encoding=job.params["encoding"],
        preset=job.params["preset"],
        skip_bad_rows=job.params["skip_bad_rows"],
    )
    return initial


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
def export_contacts(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    collective = _contacts_collective(request, slug, Capacity.MANAGE)
    if not may_read_protected_in(request.user, collective):
        access_denied(request, collective, reason="protected fields")
    contacts = list(
        Contact.objects.filter(collective=collective)
        .select_related("stage", "collective")
        .prefetch_related("tags", "topics")
        .order_by("id")
    )
    services.contacts_read(actor=request.user, contacts=contacts, purpose="export")
    writer = csv.writer(_Echo())

    def rows() -> Iterator[str]:
        for row in csvimport.export_rows(contacts):
            yield writer.writerow([csvimport.sanitize_cell(cell) for cell in row])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="contacts-{collective.slug}-{stamp}.csv"'
    )
    return response


def _publications_for(collective: Collective) -> Any:
    """Publications of this collective and of the collectives above it (the paper of the
    organization, the plant's newsletter...)."""
    return Publication.objects.filter(
        collective_id__in=[*collective.ancestor_ids(), collective.pk]
    ).order_by("slug")


@login_required
@require_POST
def subscribe_contacts(request: HttpRequest, slug: str) -> HttpResponse:
    """Contacts who agreed to be emailed receive a publication's email editions."""
    collective = _contacts_collective(request, slug, Capacity.MANAGE)
    publication_id = request.POST.get("publication", "")
    publication = (
        _publications_for(collective).filter(pk=int(publication_id)).first()
        if publication_id.isdigit()
        else None
    )
    if publication is None:
        raise Http404
    contacts = Contact.objects.filter(collective=collective, consent=True).exclude(email_index="")
    added = press_services.subscribe_contacts(
        actor=request.user, publication=publication, contacts=list(contacts)
    )
    messages.success(
        request,
        _("%(count)d contacts who agreed to email now receive %(name)s.")
        % {"count": added, "name": publication.name_in(request.LANGUAGE_CODE)},
    )
    return redirect("people:contacts", slug=collective.slug)


@login_required
def duplicates(request: HttpRequest, slug: str) -> HttpResponse:
    collective = _contacts_collective(request, slug, Capacity.MANAGE)
    ids = queries.contact_ids_scope(request.user, collective, below=True)
    return render(
        request,
        "people/duplicates.html",
        {"collective": collective, "pairs": queries.duplicate_pairs(ids)},
    )


@login_required
@require_POST
def merge(request: HttpRequest, slug: str) -> HttpResponse:
    collective = _contacts_collective(request, slug, Capacity.MANAGE)
    ids = queries.contact_ids_scope(request.user, collective, below=True)
    keep_id, drop_id = request.POST.get("keep", ""), request.POST.get("drop", "")
    if not (keep_id.isdigit() and drop_id.isdigit()):
        raise Http404
    found = Contact.objects.select_related("stage").in_bulk(
        [int(keep_id), int(drop_id)], field_name="pk"
    )
    keep, drop = found.get(int(keep_id)), found.get(int(drop_id))
    if (
        keep is None
        or drop is None
        or keep.collective_id not in ids
        or drop.collective_id not in ids
    ):
        raise Http404
    try:
        services.contacts_merge(actor=request.user, keep=keep, drop=drop)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("people:duplicates", slug=collective.slug)
    messages.success(request, _("Merged into %(name)s.") % {"name": keep.display_name})
    return redirect("people:contact", pk=keep.pk)


@login_required
def stale(request: HttpRequest, slug: str) -> HttpResponse:
    collective = _contacts_collective(request, slug, Capacity.MANAGE)
    ids = queries.contact_ids_scope(request.user, collective, below=True)
    months = settings.ISKRA_RETENTION_MONTHS
    candidates = queries.stale_contacts(ids, months=months, today=_today(collective))
    if request.method == "POST":
        chosen = [int(pk) for pk in request.POST.getlist("contacts") if pk.isdigit()]
        doomed = list(candidates.filter(pk__in=chosen))
        count = services.contacts_purge(actor=request.user, contacts=doomed)
        messages.success(request, _("Deleted %(count)d contacts for good.") % {"count": count})
        return redirect("people:stale", slug=collective.slug)
    page = Paginator(candidates, 200).get_page(request.GET.get("page"))
    return render(
        request,
        "people/stale.html",
        {"collective": collective, "page": page, "months": months},
    )

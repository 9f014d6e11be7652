"""The editorial office: publications, issues, articles, comments, the submission queue.

Everything is loaded through the access scope with Capacity.EDIT: an editor of another
collective, a member or an organizer gets 404, never 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from iskra.core.errors import DomainError
from iskra.network.scope import Capacity, get_scoped_or_404, visible_collectives
from iskra.press import editions, feeds, printing, queries, services, sharing
from iskra.press import jobs as press_jobs
from iskra.press.forms import (
    ArticleForm,
    ArticleImportForm,
    CommentForm,
    ImageForm,
    IssueForm,
    NewArticleForm,
    NewPublicationForm,
    PlacementForm,
    PlacementUpdateForm,
    PrintRunForm,
    PublicationForm,
    StateForm,
    TranslateForm,
    TranslationEditForm,
)
from iskra.press.models import Article, Issue, IssuePlacement, Publication, Submission
from iskra.press.rendering import article_html


def _publication(request: HttpRequest, slug: str) -> Publication:
    return get_scoped_or_404(
        Publication.objects.select_related("collective"), request.user, Capacity.EDIT, slug=slug
    )


def _issue(request: HttpRequest, slug: str, number: int) -> Issue:
    return get_scoped_or_404(
        Issue.objects.select_related("publication__collective"),
        request.user,
        Capacity.EDIT,
        through="publication__collective",
        publication__slug=slug,
        number=number,
    )


def _article(request: HttpRequest, pk: int) -> Article:
    return get_scoped_or_404(
        Article.objects.select_related("translation_of", "publication", "collective"),
        request.user,
        Capacity.EDIT,
        pk=pk,
    )


def _fail(request: HttpRequest, error: DomainError) -> None:
    messages.error(request, error.message)


# Publications


@login_required
def publication_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "press/publication_list.html",
        {
            "publications": queries.editable_publications(request.user),
            "can_create": visible_collectives(request.user, Capacity.EDIT).exists(),
            "public_base": feeds.public_base(request),
        },
    )


@login_required
@require_POST
def site_export(request: HttpRequest) -> HttpResponse:
    """Any editor may export the public site: it holds only what is published already."""
    if not visible_collectives(request.user, Capacity.EDIT).exists():
        raise Http404
    base_url = request.POST.get("base_url", "").strip() or feeds.public_base(request)
    try:
        job = press_jobs.export_start(actor=request.user, base_url=base_url)
    except DomainError as error:
        _fail(request, error)
        return redirect("press:publications")
    return redirect("reliability:job", pk=job.pk)


@login_required
def publication_create(request: HttpRequest) -> HttpResponse:
    collectives = visible_collectives(request.user, Capacity.EDIT)
    if not collectives.exists():
        raise Http404
    form = NewPublicationForm(request.POST or None, collectives=collectives)
    if request.method == "POST" and form.is_valid():
        try:
            publication = services.publication_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error("slug", error.message)
        else:
            return redirect("press:publication", slug=publication.slug)
    return render(request, "press/publication_form.html", {"form": form})


@login_required
def publication_detail(request: HttpRequest, slug: str) -> HttpResponse:
    publication = _publication(request, slug)
    return render(
        request,
        "press/publication_detail.html",
        {
            "publication": publication,
            "issues": publication.issues.all(),
            "articles": queries.publication_articles(publication)[:50],
            "new_submissions": queries.new_submissions(publication).count(),
            "subscribers": publication.subscribers.filter(state="active").count(),
            "issue_form": IssueForm(),
        },
    )


@login_required
def publication_edit(request: HttpRequest, slug: str) -> HttpResponse:
    publication = _publication(request, slug)
    form = PublicationForm(request.POST or None, initial=PublicationForm.initial_for(publication))
    if request.method == "POST" and form.is_valid():
        try:
            services.publication_update(
                actor=request.user, publication=publication, **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("press:publication", slug=publication.slug)
    return render(
        request, "press/publication_form.html", {"form": form, "publication": publication}
    )


# Issues


@login_required
@require_POST
def issue_create(request: HttpRequest, slug: str) -> HttpResponse:
    publication = _publication(request, slug)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give the issue a date."))
        return redirect("press:publication", slug=slug)
    try:
        issue = services.issue_create(
            actor=request.user, publication=publication, **form.cleaned_data
        )
    except DomainError as error:
        _fail(request, error)
        return redirect("press:publication", slug=slug)
    return redirect("press:issue", slug=slug, number=issue.number)


@login_required
def issue_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    issue = _issue(request, slug, number)
    publication = issue.publication
    placements = queries.issue_placements(issue)
    for placement in placements:
        placement.versions = queries.versions_of(placement.article)  # type: ignore[attr-defined]
    return render(
        request,
        "press/issue_detail.html",
        {
            "issue": issue,
            "publication": publication,
            "placements": placements,
            "placement_form": PlacementForm(
                candidates=queries.placement_candidates(request.user, issue)
            ),
            "print_run_form": PrintRunForm(initial={"language": publication.main_language}),
            "print_runs": issue.print_runs.all(),
            "moves": _issue_moves(issue),
            "deliveries": queries.delivery_counts(issue),
            "problems": queries.issue_problems(issue, list(publication.languages), placements),
            "proof": printing.is_proof(issue),
            "jobs": queries.issue_jobs(request.user, issue),
        },
    )


def _issue_moves(issue: Issue) -> list[tuple[str, str]]:
    """The states an issue may move to from here: one step back or forward."""
    index = services.ISSUE_ORDER.index(issue.state)
    neighbours = services.ISSUE_ORDER[max(index - 1, 0) : index + 2]
    return [(state, str(Issue.State(state).label)) for state in neighbours if state != issue.state]


@login_required
@require_POST
def issue_state(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    issue = _issue(request, slug, number)
    form = StateForm(request.POST)
    if form.is_valid():
        try:
            services.issue_set_state(
                actor=request.user,
                issue=issue,
                state=form.cleaned_data["state"],
                base_url=feeds.public_base(request),
            )
        except DomainError as error:
            _fail(request, error)
    return redirect("press:issue", slug=slug, number=number)


@login_required
@require_POST
def placement_add(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    issue = _issue(request, slug, number)
    form = PlacementForm(request.POST, candidates=queries.placement_candidates(request.user, issue))
    if not form.is_valid():
        messages.error(request, _("Choose an article and a page."))
        return redirect("press:issue", slug=slug, number=number)
    try:
        services.placement_add(actor=request.user, issue=issue, **form.cleaned_data)
    except DomainError as error:
        _fail(request, error)
    return redirect("press:issue", slug=slug, number=number)


def _placement(request: HttpRequest, slug: str, number: int, pk: int) -> IssuePlacement:
    issue = _issue(request, slug, number)
    return get_object_or_404(issue.placements.select_related("issue__publication"), pk=pk)


@login_required
@require_POST
def placement_update(request: HttpRequest, slug: str, number: int, pk: int) -> HttpResponse:
    placement = _placement(request, slug, number, pk)
    form = PlacementUpdateForm(request.POST)
    if form.is_valid():
        try:
            services.placement_update(actor=request.user, placement=placement, **form.cleaned_data)
        except DomainError as error:
            _fail(request, error)
    else:
        messages.error(request, _("Page and order must be numbers."))
    return redirect("press:issue", slug=slug, number=number)


@login_required
@require_POST
def placement_remove(request: HttpRequest, slug: str, number: int, pk: int) -> HttpResponse:
    placement = _placement(request, slug, number, pk)
    try:
        services.placement_remove(actor=request.user, placement=placement)
    except DomainError as error:
        _fail(request, error)
    return redirect("press:issue", slug=slug, number=number)


@login_required
@require_POST
def print_run_add(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    issue = _issue(request, slug, number)
    form = PrintRunForm(request.POST)
    if form.is_valid():
        try:
            services.printrun_record(actor=request.user, issue=issue, **form.cleaned_data)
        except DomainError as error:
            _fail(request, error)
        else:
            messages.success(request, _("Print run recorded."))
    else:
        messages.error(request, _("Give the number of copies and the cost."))
    return redirect("press:issue", slug=slug, number=number)


@login_required
@require_POST
def issue_print(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """The PDF is made by a job: the editor watches it and downloads it from the job's page."""
    issue = _issue(request, slug, number)
    try:
        job = press_jobs.print_start(
            actor=request.user,
            issue=issue,
            language=request.POST.get("language") or None,
            imposed=request.POST.get("imposed") == "1",
            crop_marks=request.POST.get("marks") == "1",
            base_url=feeds.public_base(request),
        )
    except DomainError as error:
        _fail(request, error)
        return redirect("press:issue", slug=slug, number=number)
    return redirect("reliability:job", pk=job.pk)


@login_required
@require_POST
def issue_send(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    issue = _issue(request, slug, number)
    try:
        job = editions.edition_send(
            actor=request.user, issue=issue, base_url=feeds.public_base(request)
        )
    except DomainError as error:
        _fail(request, error)
        return redirect("press:issue", slug=slug, number=number)
    return redirect("reliability:job", pk=job.pk)


# Articles


@login_required
def article_create(request: HttpRequest, slug: str) -> HttpResponse:
    publication = _publication(request, slug)
    form = NewArticleForm(request.POST or None, languages=publication.languages)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "topics_text"}
        try:
            article = services.article_create(
                actor=request.user,
                collective=publication.collective,
                publication=publication,
                topics=form.topics(),
                **fields,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect("press:article", pk=article.pk)
    return render(request, "press/article_form.html", {"form": form, "publication": publication})


@login_required
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = _article(request, pk)
    return render(
        request,
        "press/article_detail.html",
        {
            "article": article,
            "body_html": article_html(article),
            "versions": queries.versions_of(article),
            "next_states": sorted(services.ARTICLE_TRANSITIONS.get(article.state, set())),
            "comments": article.comments.select_related("author"),
            "comment_form": CommentForm(),
            "image_form": ImageForm(),
            "images": article.original.images.all(),
            "placements": article.original.placements.select_related("issue__publication"),
        },
    )


@login_required
def article_edit(request: HttpRequest, pk: int) -> HttpResponse:
    article = _article(request, pk)
    initial = {name: getattr(article, name) for name in services.ARTICLE_FIELDS}
    form: ArticleForm
    if article.translation_of is not None:
        form = TranslationEditForm(
            request.POST or None,
            initial=initial,
            topics=list(article.translation_of.topics.all()),
            language=article.language,
        )
    else:
        initial["topics_text"] = ", ".join(
            topic.name_in(article.language) for topic in article.topics.all()
        )
        form = ArticleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in services.ARTICLE_FIELDS}
        try:
            services.article_update(
                actor=request.user,
                article=article,
                topics=None if isinstance(form, TranslationEditForm) else form.topics(),
                topic_names=form.topic_names() if isinstance(form, TranslationEditForm) else None,
                matches_original=form.cleaned_data.get("matches_original", False),
                **changes,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("press:article", pk=article.pk)
    return render(request, "press/article_form.html", {"form": form, "article": article})


@login_required
@require_POST
def article_state(request: HttpRequest, pk: int) -> HttpResponse:
    article = _article(request, pk)
    form = StateForm(request.POST)
    if form.is_valid():
        try:
            services.article_set_state(
                actor=request.user, article=article, state=form.cleaned_data["state"]
            )
        except DomainError as error:
            _fail(request, error)
    return redirect("press:article", pk=pk)


@login_required
@require_POST
def article_comment(request: HttpRequest, pk: int) -> HttpResponse:
    article = _article(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(
                actor=request.user, article=article, body=form.cleaned_data["body"]
            )
        except DomainError as error:
            _fail(request, error)
    else:
        messages.error(request, _("The comment is empty or too long."))
    return redirect("press:article", pk=pk)


@login_required
@require_POST
def article_image_add(request: HttpRequest, pk: int) -> HttpResponse:
    article = _article(request, pk)
    form = ImageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.image_add(actor=request.user, article=article, **form.cleaned_data)
        except DomainError as error:
            _fail(request, error)
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(str(error) for error in errors))
    return redirect("press:article", pk=pk)


@login_required
@require_POST
def article_image_remove(request: HttpRequest, pk: int, image_pk: int) -> HttpResponse:
    article = _article(request, pk)
    picture = get_object_or_404(article.images, pk=image_pk)
    services.image_remove(actor=request.user, picture=picture)
    return redirect("press:article", pk=pk)


@login_required
def article_translate(request: HttpRequest, pk: int) -> HttpResponse:
    article = _article(request, pk).original
    taken = {version.language for version in queries.versions_of(article)}
    languages = [code for code in _languages_for(article) if code not in taken]
    form = TranslateForm(
        request.POST or None,
        languages=languages,
        topics=list(article.topics.all()),
        initial={"title": article.title, "body": article.body, "summary": article.summary},
    )
    if request.method == "POST" and form.is_valid():
        try:
            translation = services.article_translate(
                actor=request.user,
                article=article,
                topic_names=form.topic_names(),
                **form.translation_fields(),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect("press:article", pk=translation.pk)
    return render(
        request,
        "press/article_translate.html",
        {"form": form, "article": article, "languages": languages},
    )


@login_required
def article_import(request: HttpRequest, slug: str) -> HttpResponse:
    """Take an article and its translations from a sister organization's Iskra, as drafts."""
    publication = _publication(request, slug)
    bound = request.method == "POST"
    form = ArticleImportForm(request.POST if bound else None, request.FILES if bound else None)
    if bound and form.is_valid():
        upload = form.cleaned_data["bundle"]
        try:
            if upload is not None and upload.size > sharing.MAX_BUNDLE_BYTES:
                raise DomainError(_("The article bundle is larger than 40 MB."))
            data = upload.read() if upload else sharing.fetch(form.cleaned_data["url"])
            article = services.article_import(
                actor=request.user, publication=publication, shared=sharing.parse_bundle(data)
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Taken as a draft: review it before publishing."))
            return redirect("press:article", pk=article.pk)
    return render(request, "press/article_import.html", {"form": form, "publication": publication})


def _languages_for(article: Article) -> list[str]:
    if article.publication is not None:
        return list(article.publication.languages)
    return list(article.collective.languages) or ["en", "es"]


# Workers' submissions


@login_required
def submission_list(request: HttpRequest, slug: str) -> HttpResponse:
    publication = _publication(request, slug)
    return render(
        request,
        "press/submission_list.html",
        {"publication": publication, "submissions": queries.new_submissions(publication)},
    )


def _submission(request: HttpRequest, slug: str, pk: int) -> Submission:
    return get_scoped_or_404(
        Submission.objects.select_related("publication__collective"),
        request.user,
        Capacity.EDIT,
        through="publication__collective",
        publication__slug=slug,
        pk=pk,
    )


@login_required
@require_POST
def submission_accept(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    submission = _submission(request, slug, pk)
    try:
        article = services.submission_to_article(actor=request.user, submission=submission)
    except DomainError as error:
        _fail(request, error)
        return redirect("press:submissions", slug=slug)
    messages.success(request, _("The item is now a draft article. Give it a title."))
    return redirect("press:article_edit", pk=article.pk)


@login_required
@require_POST
def submission_discard(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    submission = _submission(request, slug, pk)
    services.submission_discard(actor=request.user, submission=submission)
    messages.success(request, _("Discarded."))
    return redirect("press:submissions", slug=slug)

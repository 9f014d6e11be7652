"""The public site at /p/: no login, only what is published. Every page is built from
`queries.published_articles()` / published issues; drafts and submissions never appear.

`iskra export_site` fetches these same pages with the header X-Iskra-Export: 1, which hides
what needs the live server (the forms) and swaps the search page for the static index."""

import re

import segno
from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from iskra.core.errors import DomainError
from iskra.core.ratelimit import over_limit
from iskra.press import editions_files, feeds, images, queries, services, sharing, tokens
from iskra.press.forms import SubmissionForm, SubscribeForm
from iskra.press.models import Article, ArticleImage, Issue, Publication, Subscriber, Topic
from iskra.press.rendering import article_html, html_words, render_markdown

SUBMISSIONS_PER_HOUR = 5
SIGNUPS_PER_HOUR = 5


def is_export(request: HttpRequest) -> bool:
    return request.headers.get("X-Iskra-Export") == "1"


def _language(request: HttpRequest, publication: Publication | None = None) -> str:
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if publication is not None and language not in publication.languages:
        return publication.main_language
    return language


def _public_publication(slug: str) -> Publication:
    return get_object_or_404(queries.public_publications(), slug=slug)


def _context(request: HttpRequest, **values: object) -> dict[str, object]:
    return {"static_site": is_export(request), **values}


def home(request: HttpRequest) -> HttpResponse:
    """The front page of the press: the current issue of the paper first (its lead with the
    picture, the other headlines, the print edition's front page and PDF), then the
    workplace newsletters and pamphlets, then the latest articles."""
    publications = list(queries.public_publications().select_related("collective"))
    language = _language(request)
    latest_issues = queries.latest_issues(publications)
    current = queries.current_issue(publications, latest_issues)
    lead = None
    if current is not None:
        paper = current.publication
        code = language if language in paper.languages else paper.main_language
        lead = _issue_front(current, code)
    others = [
        (publication, latest_issues.get(publication.pk))
        for publication in publications
        if current is None or publication.pk != current.publication_id
    ]
    latest = (
        queries.published_articles().filter(language=language).order_by("-published_at", "-pk")[:8]
    )
    return render(
        request,
        "public/home.html",
        _context(
            request,
            publications=publications,
            latest=latest,
            language=language,
            current=current,
            front=lead,
            others=others,
            publication=current.publication if current is not None else None,
        ),
    )


def _issue_front(issue: Issue, language: str) -> dict[str, object]:
    """An issue in one language as its front page shows it: the lead with its picture, the
    other articles by page, and the print edition."""
    rows = queries.public_issue_articles(issue, language)
    lead_row = next((row for row in rows if row[0].is_lead), rows[0] if rows else None)
    lead_article = lead_row[1] if lead_row else None
    picture = lead_article.images.first() if lead_article is not None else None
    pages: dict[int, list[Article]] = {}
    for placement, article in rows:
        if lead_row is None or article.pk != lead_row[1].pk:
            pages.setdefault(placement.page, []).append(article)
    publication = issue.publication
    width, height = editions_files.front_size(publication)
    return {
        "issue": issue,
        "language": language,
        "name": publication.name_in(language),
        "masthead": publication.masthead_in(language),
        "motto": publication.motto_in(language),
        "front_width": width,
        "front_height": height,
        "lead": lead_article,
        "picture": images.responsive(picture) if picture is not None else None,
        "pages": sorted(pages.items()),
        "others": [article for _page, articles in sorted(pages.items()) for article in articles],
        # Only what is made: the editions are printed by a job after publishing.
        "pdf": reverse("public:edition_pdf", args=[issue.publication.slug, issue.number, language])
        if editions_files.made_pdf(issue, language)
        else "",
        "front_image": reverse(
            "public:edition_front", args=[issue.publication.slug, issue.number, language]
        )
        if editions_files.made_front(issue, language)
        else "",
    }


def publication(request: HttpRequest, slug: str) -> HttpResponse:
    publication = _public_publication(slug)
    language = _language(request, publication)
    return render(
        request,
        "public/publication.html",
        _context(
            request,
            publication=publication,
            language=language,
            issues=queries.published_issues().filter(publication=publication),
            latest=queries.publication_feed_articles(publication, language, limit=10),
        ),
    )


def issue(request: HttpRequest, slug: str, number: int, language: str) -> HttpResponse:
    """An issue as a table of contents: the lead with its picture, then page by page."""
    publication = _public_publication(slug)
    if language not in publication.languages:
        raise Http404
    issue = get_object_or_404(queries.published_issues(), publication=publication, number=number)
    with translation.override(language):
        return render(
            request,
            "public/issue.html",
            _context(
                request,
                publication=publication,
                issue=issue,
                language=language,
                front=_issue_front(issue, language),
                alternates=[
                    (code, reverse("public:issue", args=[slug, number, code]))
                    for code in publication.languages
                ],
            ),
        )


def _published_issue(slug: str, number: int, language: str) -> Issue:
    publication = _public_publication(slug)
    if language not in publication.languages:
        raise Http404
    return get_object_or_404(
        queries.published_issues().select_related("publication"),
        publication=publication,
        number=number,
    )


def edition_pdf(request: HttpRequest, slug: str, number: int, language: str) -> FileResponse:
    """The print edition of a published issue, once the job queued on publishing made it
    (404 before: a visitor's request never starts a minute of printing)."""
    issue = _published_issue(slug, number, language)
    name = editions_files.made_pdf(issue, language)
    if name is None:
        raise Http404
    response = FileResponse(default_storage.open(name, "rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{slug}-{number}-{language}.pdf"'
    return response


def edition_front(request: HttpRequest, slug: str, number: int, language: str) -> FileResponse:
    """The print edition's front page as a picture."""
    issue = _published_issue(slug, number, language)
    name = editions_files.made_front(issue, language)
    if name is None:
        raise Http404
    return FileResponse(default_storage.open(name, "rb"), content_type="image/png")


def houses_css(request: HttpRequest) -> HttpResponse:
    """Each publication's house colour, as a class (a style sheet: the CSP allows no inline
    styles). Colours are validated as #rrggbb when saved."""
    rules = [
        f".house-{publication.slug} {{ --house: {publication.color}; }}"
        for publication in queries.public_publications()
        if re.fullmatch(r"#[0-9a-fA-F]{6}", publication.color or "")
    ]
    return HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")


def article(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    article = get_object_or_404(
        queries.published_articles()
        .select_related("publication", "translation_of")
        .prefetch_related("topics"),
        pk=pk,
    )
    if slug != article.slug:
        return redirect("public:article", pk=article.pk, slug=article.slug, permanent=True)
    return render_article(request, article, queries.public_versions(article))


def article_bundle(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """The article and its published translations as a bundle another Iskra can import."""
    article = get_object_or_404(queries.published_articles(), pk=pk)
    bundle = sharing.build_bundle(article, request.build_absolute_uri)
    return JsonResponse(bundle, json_dumps_params={"ensure_ascii": False})


def render_article(request: HttpRequest, article: Article, versions: list[Article]) -> HttpResponse:
    """The article page; `iskra export_site` calls it too, with versions loaded in bulk."""
    body = str(render_markdown(article.body))  # once, for the page and its description
    with translation.override(article.language):
        return render(
            request,
            "public/article.html",
            _context(
                request,
                article=article,
                body_html=article_html(article, body),
                description=article.summary or html_words(body)[:200],
                versions=versions,
                publication=article.publication,
                # This language's own pictures, captions and descriptions.
                images=[images.responsive(picture) for picture in article.images.all()],
                canonical=feeds.absolute_for(request)(feeds.article_url(article)),
                public_base=feeds.public_base(request),
            ),
        )


def _public_picture(pk: int) -> ArticleImage:
    """An article's image, only once the article (or the original it translates) is out."""
    picture = get_object_or_404(ArticleImage.objects.select_related("article"), pk=pk)
    published = queries.published_articles().filter(
        Q(pk=picture.article_id) | Q(translation_of_id=picture.article_id)
    )
    if not published.exists():
        raise Http404
    return picture


def image(request: HttpRequest, pk: int, name: str) -> FileResponse:
    picture = _public_picture(pk)
    if picture.image_name != name:
        raise Http404
    return FileResponse(picture.image.open("rb"), content_type=picture.content_type)


def image_size(request: HttpRequest, pk: int, width: int, extension: str) -> FileResponse:
    """A responsive version (a width, WebP or JPEG) of a published article's image."""
    picture = _public_picture(pk)
    name = images.make_size(picture, width, extension)
    if name is None:
        raise Http404
    content_type = "image/webp" if extension == "webp" else "image/jpeg"
    return FileResponse(default_storage.open(name, "rb"), content_type=content_type)


def topic(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)
    articles = (
        queries.published_articles()
        .filter(topics=topic, language=language)
        .order_by("-published_at", "-pk")[:100]
    )
    if not articles:
        raise Http404
    with translation.override(language):
        return render(
            request,
            "public/topic.html",
            _context(request, topic=topic, language=language, articles=articles),
        )


def feed(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    publication = _public_publication(slug)
    if language not in publication.languages:
        raise Http404
    body = feeds.atom_feed(publication, language, feeds.absolute_for(request))
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")


def sitemap(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        feeds.sitemap(feeds.absolute_for(request)), content_type="application/xml; charset=utf-8"
    )


def search(request: HttpRequest) -> HttpResponse:
    languages = sorted({code for pub in queries.public_publications() for code in pub.languages})
    language = request.GET.get("language") or _language(request)
    if language not in languages:
        language = _language(request) if _language(request) in languages else "en"
    query = request.GET.get("q", "")[:200]
    results = queries.search_published(language=language, query=query) if query else []
    with translation.override(language):
        return render(
            request,
            # The static export has no server to ask: Pagefind searches in the browser.
            "public/search_static.html" if is_export(request) else "public/search.html",
            _context(request, query=query, language=language, languages=languages, results=results),
        )


# Workers' submissions


def _over_limit(request: HttpRequest, name: str, limit: int) -> bool:
    """Counts requests per client in the cache for an hour, keyed by today's keyed hash of the
    address (iskra.core.privacy); nothing about the sender is written to the database."""
    address = get_adapter().get_client_ip(request)
    return over_limit(name=f"press:{name}", address=address, limit=limit, seconds=3600)


@never_cache  # a form with a CSRF token, or a personal link
def submit(request: HttpRequest, slug: str) -> HttpResponse:
    publication = get_object_or_404(Publication, slug=slug)
    form = SubmissionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _over_limit(request, f"submit:{publication.pk}", SUBMISSIONS_PER_HOUR):
            form.add_error(
                None, _("Too many items from this connection. Please try again in an hour.")
            )
            status = 429
        elif form.is_valid():
            try:
                services.submission_create(
                    publication=publication,
                    language=_language(request, publication),
                    **form.cleaned_data,
                )
            except DomainError as error:
                form.add_error("body", error.message)
            else:
                return redirect("public:submit_thanks", slug=publication.slug)
        if status == 200:
            status = 400
    return render(
        request,
        "public/submit.html",
        _context(
            request, publication=publication, form=form, language=_language(request, publication)
        ),
        status=status,
    )


def submit_thanks(request: HttpRequest, slug: str) -> HttpResponse:
    publication = get_object_or_404(Publication, slug=slug)
    return render(request, "public/submit_thanks.html", _context(request, publication=publication))


def submit_qr(request: HttpRequest, slug: str) -> HttpResponse:
    publication = get_object_or_404(Publication, slug=slug)
    url = feeds.public_base(request) + reverse("public:submit", args=[publication.slug])
    return HttpResponse(qr_svg(url), content_type="image/svg+xml")


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=4, title=url)


# Email subscriptions (double opt-in)


@never_cache  # a form with a CSRF token, or a personal link
def subscribe(request: HttpRequest, slug: str) -> HttpResponse:
    publication = _public_publication(slug)
    form = SubscribeForm(request.POST or None)
    language = _language(request, publication)
    if request.method == "POST":
        if _over_limit(request, f"subscribe:{publication.pk}", SIGNUPS_PER_HOUR):
            form.add_error(
                None, _("Too many sign-ups from this connection. Please try again later.")
            )
        elif form.is_valid():
            subscriber = services.subscriber_signup(
                publication=publication, email=form.cleaned_data["email"], language=language
            )
            if subscriber.state == Subscriber.State.PENDING:
                _send_confirmation(request, subscriber)
            # The same answer whether the address was new, pending or already subscribed.
            return render(
                request, "public/subscribe_sent.html", _context(request, publication=publication)
            )
    return render(
        request,
        "public/subscribe.html",
        _context(request, publication=publication, form=form, language=language),
        status=400 if form.errors else 200,
    )


def _send_confirmation(request: HttpRequest, subscriber: Subscriber) -> None:
    link = request.build_absolute_uri(
        reverse("public:subscribe_confirm", args=[tokens.confirm_token(subscriber)])
    )
    publication = subscriber.publication
    with translation.override(subscriber.language):
        name = publication.name_in(subscriber.language)
        subject = _("Confirm your subscription to %(name)s") % {"name": name}
        text = render_to_string("public/email/confirm.txt", {"name": name, "link": link})
    message = EmailMultiAlternatives(subject, text, to=[subscriber.address])
    message.send()


@never_cache  # a form with a CSRF token, or a personal link
def subscribe_confirm(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = tokens.subscriber_from(
        token, salt=tokens.CONFIRM_SALT, max_age=tokens.CONFIRM_MAX_AGE
    )
    if subscriber is None:
        return render(request, "public/link_invalid.html", _context(request), status=404)
    if request.method == "POST":
        services.subscriber_confirm(subscriber=subscriber)
        messages.success(request, _("You are subscribed."))
    return render(
        request,
        "public/subscribe_confirm.html",
        _context(request, subscriber=subscriber, publication=subscriber.publication),
    )


@never_cache
@csrf_exempt  # RFC 8058 one-click: mail programs POST here without a form of ours.
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = tokens.subscriber_from(token, salt=tokens.UNSUBSCRIBE_SALT)
    if subscriber is None:
        return render(request, "public/link_invalid.html", _context(request), status=404)
    if request.method == "POST":
        services.subscriber_unsubscribe(subscriber=subscriber)
    return render(
        request,
        "public/unsubscribe.html",
        _context(request, subscriber=subscriber, publication=subscriber.publication),
    )

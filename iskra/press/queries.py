"""Reads of the press. Editors' reads start from the access scope (Capacity.EDIT); public
reads start from `published_articles()` and published issues, and nothing else."""

from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from iskra.network.scope import Capacity, narrow, scope_for
from iskra.press import search
from iskra.press.models import (
    Article,
    EmailDelivery,
    Issue,
    IssuePlacement,
    Publication,
    Submission,
)
from iskra.reliability.models import Job

# Editors


def editable_publications(user: Any) -> QuerySet[Publication]:
    return narrow(Publication.objects.select_related("collective"), user, Capacity.EDIT)


def editable_articles(user: Any) -> QuerySet[Article]:
    return narrow(
        Article.objects.select_related("translation_of", "publication"), user, Capacity.EDIT
    )


def editable_issues(user: Any) -> QuerySet[Issue]:
    return narrow(
        Issue.objects.select_related("publication__collective"),
        user,
        Capacity.EDIT,
        through="publication__collective",
    )


def publication_articles(publication: Publication) -> QuerySet[Article]:
    """The originals written for a publication, newest first, with their translations."""
    return (
        publication.articles.filter(translation_of__isnull=True)
        .prefetch_related("translations")
        .order_by("-created_at")
    )


def placement_candidates(user: Any, issue: Issue) -> QuerySet[Article]:
    """What an editor may place in `issue`: originals of the publication's collective that the
    editor edits, and common editorials offered by the collectives above."""
    collective = issue.publication.collective
    scope = scope_for(user)
    owners = [collective.pk] if scope.can(Capacity.EDIT, collective) else []
    above = [*collective.ancestor_ids(), collective.pk]
    return (
        Article.objects.filter(translation_of__isnull=True)
        .filter(Q(collective_id__in=owners) | Q(collective_id__in=above, shared_below=True))
        .exclude(placements__issue=issue)
        .order_by("-created_at")
    )


def issue_placements(issue: Issue) -> list[IssuePlacement]:
    return list(
        issue.placements.select_related("article").prefetch_related(
            Prefetch(
                "article__translations",
                queryset=Article.objects.order_by("language").prefetch_related("images", "topics"),
            ),
            "article__images",
            "article__topics",
        )
    )


def issue_problems(
    issue: Issue, languages: list[str], placements: list[IssuePlacement] | None = None
) -> list[str]:
    """What keeps an issue from being ready, in the given languages: articles not approved,
    missing or out-of-date translations, images without a description. The editor sees this
    list on the issue page; a proof prints it on its first page."""
    problems = []
    ready = (Article.State.APPROVED, Article.State.PUBLISHED)
    for placement in placements if placements is not None else issue_placements(issue):
        original = placement.article.original
        for code in languages:
            version = version_in(original, code)
            if version is None:
                problems.append(
                    _("“%(title)s” has no translation in %(language)s.")
                    % {"title": original.title, "language": code}
                )
                continue
            if version.state not in ready:
                problems.append(
                    _("“%(title)s” is not approved yet (%(state)s).")
                    % {"title": version.title, "state": version.get_state_display()}
                )
            elif version.is_stale:
                problems.append(
                    _("“%(title)s” is a translation of an older text of the original.")
                    % {"title": version.title}
                )
            for picture in version.images.all():
                if not picture.alt_text.strip():
                    problems.append(
                        _("An image of “%(title)s” has no description for screen readers.")
                        % {"title": version.title}
                    )
    return problems


def new_submissions(publication: Publication) -> QuerySet[Submission]:
    return publication.submissions.filter(state=Submission.State.NEW).order_by("created_at")


def delivery_counts(issue: Issue) -> dict[str, int]:
    """How many deliveries of the issue are in each state, by the state's label."""
    rows = EmailDelivery.objects.filter(issue=issue).values_list("state").annotate(Count("pk"))
    return {str(EmailDelivery.State(state).label): count for state, count in rows}


def issue_jobs(user: Any, issue: Issue) -> list[Job]:
    """The person's own latest PDF and email jobs of this issue (a job is seen only by the
    one who started it), to come back to their progress or their file."""
    runners = [
        "iskra.press.jobs.print_runner",
        "iskra.press.jobs.editions_runner",
        "iskra.press.editions.edition_runner",
    ]
    return list(
        Job.objects.defer("payload")
        .filter(created_by_id=user.pk, runner__in=runners, params__issue=issue.pk)
        .exclude(state=Job.State.DRAFT)
        .order_by("-created_at")[:5]
    )


def version_in(article: Article, language: str) -> Article | None:
    """The version of `article` in `language` (the original or one of its translations)."""
    original = article.original
    if original.language == language:
        return original
    for translation in original.translations.all():
        if translation.language == language:
            return translation
    return None


def versions_of(article: Article) -> list[Article]:
    original = article.original
    return [original, *sorted(original.translations.all(), key=lambda version: version.language)]


# The public site: only what is published, ever.


def published_articles() -> QuerySet[Article]:
    return Article.objects.filter(state=Article.State.PUBLISHED)


def published_issues() -> QuerySet[Issue]:
    return Issue.objects.filter(state=Issue.State.PUBLISHED)


def public_publications() -> QuerySet[Publication]:
    """Publications with at least one published issue or article. Two small queries for the
    ids: an OR of the two EXISTS makes PostgreSQL read every published article."""
    ids = set(published_issues().order_by().values_list("publication_id", flat=True).distinct())
    published_article = Article.objects.filter(
        publication=OuterRef("pk"), state=Article.State.PUBLISHED
    )
    ids.update(Publication.objects.filter(Exists(published_article)).values_list("pk", flat=True))
    return Publication.objects.filter(pk__in=ids).order_by("slug")


def latest_issues(publications: list[Publication]) -> dict[int, Issue]:
    """Each publication's newest published issue, by publication id: one row per publication
    (reading every published issue to keep the first of each cost the home page 40 ms at
    1,300 issues)."""
    if not publications:
        return {}
    newest = (
        published_issues()
        .filter(publication=OuterRef("pk"))
        .order_by("-date", "-number")
        .values("pk")[:1]
    )
    ids = (
        Publication.objects.filter(pk__in=[publication.pk for publication in publications])
        .annotate(newest=Subquery(newest))
        .values_list("newest", flat=True)
    )
    issues = Issue.objects.filter(pk__in=[pk for pk in ids if pk is not None]).select_related(
        "publication"
    )
    return {issue.publication_id: issue for issue in issues}


def current_issue(publications: list[Publication], latest: dict[int, Issue]) -> Issue | None:
    """The issue the home page leads with: the newest issue of a paper, else of anything."""
    papers = [latest[p.pk] for p in publications if p.pk in latest and p.kind == p.Kind.PAPER]
    candidates = papers or list(latest.values())
    return max(candidates, key=lambda issue: (issue.date, issue.pk), default=None)


def public_issue_articles(issue: Issue, language: str) -> list[tuple[IssuePlacement, Article]]:
    """The published versions in `language` of what is placed in a published issue."""
    if issue.state != Issue.State.PUBLISHED:
        return []
    rows = []
    # Only the versions: the issue's page shows titles, summaries and bylines (and the
    # lead's picture, asked for once), not every version's pictures and topics.
    placements = issue.placements.select_related("article").prefetch_related(
        Prefetch("article__translations", queryset=Article.objects.order_by("language"))
    )
    for placement in placements:
        version = version_in(placement.article, language)
        if version is not None and version.is_published:
            rows.append((placement, version))
    rows.sort(key=lambda row: (not row[0].is_lead, row[0].page, row[0].order, row[0].pk))
    return rows


def publication_feed_articles(
    publication: Publication, language: str, limit: int = 50
) -> QuerySet[Article]:
    """Published articles in `language` written for the publication or placed in its issues.
    Each of the three ways in is asked on its own, newest first and cut at `limit`, then the
    few ids found are read in order: one query with the OR walked every published article of
    the instance by date (65 ms with 50,000 articles of another paper)."""
    placed = IssuePlacement.objects.filter(issue__publication=publication).values("article_id")
    candidates = published_articles().filter(language=language).order_by("-published_at", "-pk")
    ids: set[int] = set()
    for way_in in (Q(publication=publication), Q(pk__in=placed), Q(translation_of__in=placed)):
        ids.update(candidates.filter(way_in).values_list("pk", flat=True)[:limit])
    return (
        published_articles()
        .filter(pk__in=ids)
        .select_related("translation_of")
        .order_by("-published_at", "-pk")[:limit]
    )


VERSION_FIELDS = ("pk", "slug", "language", "state", "translation_of_id")


def public_versions(article: Article) -> list[Article]:
    """The published language versions of an article (itself included): for hreflang."""
    if article.translation_of_id is None and article.is_published:
        translations = published_articles().filter(translation_of_id=article.pk)
        versions = [article, *translations.only(*VERSION_FIELDS)]
        return sorted(versions, key=lambda version: version.language)
    original_id = article.translation_of_id or article.pk
    return published_versions_of([original_id]).get(original_id, [])


def published_versions_of(original_ids: list[int]) -> dict[int, list[Article]]:
    """Published versions by original id, in language order. Two indexed queries: an OR of
    the two conditions would make the database scan every published article."""
    rows = [
        *published_articles().filter(pk__in=original_ids).only(*VERSION_FIELDS),
        *published_articles().filter(translation_of_id__in=original_ids).only(*VERSION_FIELDS),
    ]
    versions: dict[int, list[Article]] = {}
    for version in sorted(rows, key=lambda row: row.language):
        versions.setdefault(version.translation_of_id or version.pk, []).append(version)
    return versions


def search_published(*, language: str, query: str, limit: int = 30) -> list[Article]:
    ids = search.search_ids(language=language, query=query, limit=limit)
    found = published_articles().in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]

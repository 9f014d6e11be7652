"""Writes of the press: publications, issues, articles and their editorial states, placements,
comments, workers' submissions, print runs and subscribers.

Editorial work (every function here that takes an `actor`) needs Capacity.EDIT on the owning
collective: the editors of a publication's collective and of the collectives above it.
"""

from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from iskra.audit.services import log_action
from iskra.core.errors import DomainError
from iskra.core.languages import check_content_language
from iskra.finance import services as finance
from iskra.network.models import Collective
from iskra.network.scope import Capacity, scope_for
from iskra.people import crypto
from iskra.press import feeds, images, search
from iskra.press.models import (
    Article,
    ArticleComment,
    ArticleImage,
    Issue,
    IssuePlacement,
    PrintRun,
    Publication,
    Submission,
    Subscriber,
    Topic,
)

if TYPE_CHECKING:
    from iskra.press.sharing import SharedArticle, SharedVersion

# Who may move an article from one state to the next (all of them editors, see require_editor).
ARTICLE_TRANSITIONS: dict[str, set[str]] = {
    Article.State.DRAFT: {Article.State.REVIEW},
    Article.State.REVIEW: {Article.State.DRAFT, Article.State.APPROVED},
    Article.State.APPROVED: {Article.State.REVIEW, Article.State.PUBLISHED},
    Article.State.PUBLISHED: {Article.State.APPROVED},
}
ISSUE_ORDER: list[str] = [
    Issue.State.PLANNING,
    Issue.State.EDITING,
    Issue.State.READY,
    Issue.State.PRINTED,
    Issue.State.PUBLISHED,
]
TEXT_FIELDS = ("title", "summary", "body")
ARTICLE_FIELDS = (
    "title",
    "summary",
    "kind",
    "dateline_place",
    "dateline_country",
    "dateline_date",
    "byline",
    "body",
    "shared_below",
)
SUBMISSION_MAX_CHARS = 4000
# Path segments of the editors' and the public URLs that a publication's slug would shadow.
RESERVED_SLUGS = frozenset(
    {"new", "articles", "a", "topics", "search", "sitemap", "confirm", "unsubscribe", "static"}
)


def require_editor(actor: Any, collective: Collective | int) -> None:
    if not scope_for(actor).can(Capacity.EDIT, collective):
        raise DomainError(_("Only the editors of this publication may do this."))


def _check_languages(languages: list[str]) -> None:
    if not languages:
        raise DomainError(_("A publication needs at least one language."))
    for language in languages:
        check_content_language(language)


# Publications and issues


def publication_create(
    *,
    actor: Any,
    collective: Collective,
    slug: str,
    kind: str,
    names: dict[str, str],
    languages: list[str],
    schedule: str = Publication.Schedule.MONTHLY,
    print_format: str = Publication.PrintFormat.TABLOID,
    bilingual: str = Publication.Bilingual.SEPARATE,
    mastheads: dict[str, str] | None = None,
    mottos: dict[str, str] | None = None,
    columns: int | None = None,
    color: str | None = None,
    contact: str = "",
) -> Publication:
    require_editor(actor, collective)
    _check_languages(languages)
    if slug in RESERVED_SLUGS or Publication.objects.filter(slug=slug).exists():
        raise DomainError(_("The short name %(slug)s is already taken.") % {"slug": slug})
    with transaction.atomic():
        publication = Publication(
            collective=collective,
            slug=slug,
            kind=kind,
            names=names,
            languages=languages,
            schedule=schedule,
            print_format=print_format,
            bilingual=bilingual,
            mastheads=mastheads or {},
            mottos=mottos or {},
            contact=contact,
        )
        if columns:
            publication.columns = columns
        if color:
            publication.color = color
        publication.full_clean()
        publication.save()
        log_action(
            "press.publication.created",
            actor=actor,
            target=publication,
            collective=collective,
            details={"slug": slug, "kind": kind},
        )
    return publication


def publication_update(*, actor: Any, publication: Publication, **changes: Any) -> Publication:
    require_editor(actor, publication.collective)
    allowed = {
        "names",
        "languages",
        "schedule",
        "print_format",
        "bilingual",
        "mastheads",
        "mottos",
        "kind",
        "columns",
        "color",
        "contact",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if "languages" in changes:
        _check_languages(changes["languages"])
    with transaction.atomic():
        for attribute, value in changes.items():
            setattr(publication, attribute, value)
        publication.full_clean()
        publication.save(update_fields=list(changes))
        log_action(
            "press.publication.updated",
            actor=actor,
            target=publication,
            collective=publication.collective,
            details={"fields": sorted(changes)},
        )
    return publication


def issue_create(
    *, actor: Any, publication: Publication, date: date, number: int | None = None
) -> Issue:
    require_editor(actor, publication.collective)
    if number is None:
        highest = publication.issues.aggregate(highest=Max("number"))["highest"]
        number = (highest or 0) + 1
    if publication.issues.filter(number=number).exists():
        raise DomainError(_("Issue %(number)s already exists.") % {"number": number})
    with transaction.atomic():
        issue = Issue.objects.create(publication=publication, number=number, date=date)
        log_action(
            "press.issue.created",
            actor=actor,
            target=issue,
            collective=publication.collective,
            details={"number": number},
        )
    return issue


def issue_set_state(*, actor: Any, issue: Issue, state: str, base_url: str = "") -> Issue:
    """Issues move one step forward or back. Publishing an issue publishes its articles (in
    every language that is approved), and needs every placed original approved; it queues
    the job that prints the issue's editions for the public site (`base_url`, else
    ISKRA_PUBLIC_URL, is the address printed on them)."""
    require_editor(actor, issue.publication.collective)
    if state not in ISSUE_ORDER:
        raise DomainError(_("Unknown state."))
    if abs(ISSUE_ORDER.index(state) - ISSUE_ORDER.index(issue.state)) != 1:
        raise DomainError(_("An issue moves one step at a time."))
    placements = list(issue.placements.select_related("article"))
    if state == Issue.State.PUBLISHED:
        unready = [
            p.article.title
            for p in placements
            if p.article.state not in (Article.State.APPROVED, Article.State.PUBLISHED)
        ]
        if unready:
            raise DomainError(
                _("These articles are not approved yet: %(titles)s")
                % {"titles": "; ".join(unready)}
            )
    before = issue.state
    with transaction.atomic():
        issue.state = state
        fields = ["state"]
        if state == Issue.State.PUBLISHED:
            issue.published_at = issue.published_at or timezone.now()
            fields.append("published_at")
            for placement in placements:
                for version in _versions(placement.article):
                    if version.state == Article.State.APPROVED:
                        _set_article_state(actor, version, Article.State.PUBLISHED, issue=issue)
        issue.save(update_fields=fields)
        log_action(
            "press.issue.state_changed",
            actor=actor,
            target=issue,
            collective=issue.publication.collective,
            details={"from": before, "to": state},
        )
        if state == Issue.State.PUBLISHED:
            from iskra.press.jobs import editions_start  # the jobs module imports this one

            editions_start(actor=actor, issue=issue, base_url=base_url or feeds.public_base())
    return issue


# Articles


def _versions(article: Article) -> list[Article]:
    original = article.original
    return [original, *original.translations.all()]


def _slug_for(title: str) -> str:
    return (slugify(title) or "article")[:200]


def article_create(
    *,
    actor: Any,
    collective: Collective,
    language: str,
    title: str,
    publication: Publication | None = None,
    body: str = "",
    kind: str = Article.Kind.REPORT,
    topics: list[str] | None = None,
    **fields: Any,
) -> Article:
    require_editor(actor, collective)
    check_content_language(language)
    if publication is not None and publication.collective_id != collective.pk:
        raise DomainError(_("The publication belongs to another collective."))
    with transaction.atomic():
        article = Article(
            collective=collective,
            publication=publication,
            language=language,
            title=title,
            slug=_slug_for(title),
            body=body,
            kind=kind,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            **fields,
        )
        article.full_clean(exclude=["translation_of", "topics"])
        article.save()
        if topics is not None:
            article_set_topics(article, topics)
        log_action(
            "press.article.created",
            actor=actor,
            target=article,
            details={"language": language, "kind": kind},
        )
    return article


def article_update(
    *,
    actor: Any,
    article: Article,
    topics: list[str] | None = None,
    topic_names: dict[str, str] | None = None,
    matches_original: bool = False,
    **changes: Any,
) -> Article:
    """Edit an article. A change of its text makes its translations stale; a translation
    marked as matching the original becomes current again. A translation names its
    original's topics in its language with `topic_names` ({"elections": "Elecciones"})."""
    require_editor(actor, article.collective)
    unknown = set(changes) - set(ARTICLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    changed = [name for name, value in changes.items() if getattr(article, name) != value]
    with transaction.atomic():
        for name in changed:
            setattr(article, name, changes[name])
        fields = list(changed)
        if any(name in TEXT_FIELDS for name in changed):
            article.version += 1
            fields.append("version")
            if "title" in changed and not article.is_published:
                article.slug = _slug_for(article.title)
                fields.append("slug")
        if matches_original and article.translation_of is not None:
            article.source_version = article.translation_of.version
            fields.append("source_version")
        article.full_clean(exclude=["translation_of", "topics"])
        if fields:
            article.save(update_fields=[*fields, "updated_at"])
        if topics is not None:
            article_set_topics(article, topics)
        if topic_names and article.translation_of is not None:
            named = _name_topics(article.translation_of, article.language, topic_names)
            if named:
                fields.append("topic_names")
        search.index_article(article)
        log_action(
            "press.article.updated",
            actor=actor,
            target=article,
            details={"fields": sorted(fields), "version": article.version},
        )
    return article


def article_set_topics(article: Article, slugs: list[str]) -> None:
    topics = []
    for name in slugs:
        slug = slugify(name)
        if slug:
            topic, _created = Topic.objects.get_or_create(
                slug=slug, defaults={"names": {article.language: name.strip()}}
            )
            topics.append(topic)
    article.topics.set(topics)


def _name_topics(original: Article, language: str, topic_names: dict[str, str]) -> list[str]:
    """Names the original's topics in `language`; the slugs of those whose name changed."""
    named = []
    for topic in original.topics.all():
        name = topic_names.get(topic.slug, "").strip()
        if name and topic.names.get(language) != name:
            topic.names = {**topic.names, language: name}
            topic.save(update_fields=["names"])
            named.append(topic.slug)
    return named


def article_translate(
    *,
    actor: Any,
    article: Article,
    language: str,
    title: str,
    body: str = "",
    topic_names: dict[str, str] | None = None,
    publication: Publication | None = None,
    **fields: Any,
) -> Article:
    """A version of `article` (or of its original) in another language, linked to it. The
    byline may be translated too ("A reader" / "Un lector"); `topic_names` names the
    original's topics in this language ({"elections": "Elecciones"}).

    With `publication`, the version belongs to that publication and its collective: a sister
    paper that prints a published article in its own language, edited by its own editors."""
    original = article.original
    if publication is None:
        require_editor(actor, original.collective)
    else:
        require_editor(actor, publication.collective)
        if not original.is_published:
            raise DomainError(_("Another publication may only translate a published article."))
    check_content_language(language)
    if language == original.language or original.translations.filter(language=language).exists():
        raise DomainError(_("There is already a version in this language."))
    with transaction.atomic():
        translation = Article(
            collective=publication.collective if publication else original.collective,
            publication=publication or original.publication,
            shared_below=original.shared_below and publication is None,
            language=language,
            translation_of=original,
            source_version=original.version,
            kind=original.kind,
            title=title,
            slug=_slug_for(title),
            body=body,
            dateline_place=original.dateline_place,
            dateline_country=fields.pop("dateline_country", original.dateline_country),
            dateline_date=original.dateline_date,
            byline=fields.pop("byline", original.byline),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            **fields,
        )
        translation.full_clean(exclude=["topics"])
        translation.save()
        _name_topics(original, language, topic_names or {})
        translation.topics.set(original.topics.all())
        log_action(
            "press.article.translated",
            actor=actor,
            target=translation,
            details={"original": original.pk, "language": language},
        )
    return translation


def _issue_moment(issue: Issue) -> Any:
    """An article published with an issue carries the issue's date (noon, local time), unless
    that is still ahead: then now."""
    moment = timezone.make_aware(datetime.combine(issue.date, time(12)))
    return min(moment, timezone.now())


def _set_article_state(
    actor: Any, article: Article, state: str, *, issue: Issue | None = None
) -> None:
    before = article.state
    article.state = state
    fields = ["state"]
    if state == Article.State.PUBLISHED and article.published_at is None:
        article.published_at = _issue_moment(issue) if issue is not None else timezone.now()
        fields.append("published_at")
    article.save(update_fields=fields)
    search.index_article(article)
    log_action(
        "press.article.state_changed",
        actor=actor,
        target=article,
        details={"from": before, "to": state},
    )


def article_set_state(*, actor: Any, article: Article, state: str) -> Article:
    require_editor(actor, article.collective)
    if state not in ARTICLE_TRANSITIONS.get(article.state, set()):
        raise DomainError(
            _("An article cannot go from %(before)s to %(after)s.")
            % {
                "before": Article.State(article.state).label,
                "after": Article.State(state).label if state in Article.State else state,
            }
        )
    if state == Article.State.PUBLISHED and not article.body.strip():
        raise DomainError(_("An empty article cannot be published."))
    with transaction.atomic():
        _set_article_state(actor, article, state)
    return article


def comment_add(*, actor: Any, article: Article, body: str) -> ArticleComment:
    require_editor(actor, article.collective)
    body = body.strip()
    if not body:
        raise DomainError(_("The comment is empty."))
    with transaction.atomic():
        comment = ArticleComment.objects.create(article=article, author=actor, body=body)
        log_action("press.article.commented", actor=actor, target=article, details={})
    return comment


# Images

IMAGE_MAX_BYTES = 8 * 1024 * 1024


def image_add(
    *, actor: Any, article: Article, image: Any, alt_text: str, caption: str = ""
) -> ArticleImage:
    require_editor(actor, article.collective)
    if image.size > IMAGE_MAX_BYTES:
        raise DomainError(_("The image is larger than 8 MB."))
    if not alt_text.strip():
        raise DomainError(_("Describe the image for people who cannot see it."))
    try:
        # Every metadata (GPS position, camera serial number...) goes: see press/images.py.
        clean = images.strip_metadata(image)
    except images.UNREADABLE as error:
        raise DomainError(_("This file is not an image that can be read.")) from error
    with transaction.atomic():
        order = article.images.count()
        picture = ArticleImage.objects.create(
            article=article,
            image=clean,
            alt_text=alt_text.strip(),
            caption=caption.strip(),
            order=order,
        )
        log_action("press.article.image_added", actor=actor, target=article, details={})
    return picture


def image_remove(*, actor: Any, picture: ArticleImage) -> None:
    article = picture.article
    require_editor(actor, article.collective)
    with transaction.atomic():
        picture.image.delete(save=False)
        picture.delete()
        log_action("press.article.image_removed", actor=actor, target=article, details={})


# Placements


def may_place(actor: Any, issue: Issue, article: Article) -> bool:
    """An editor of the issue places their own articles, and the common editorials that a
    collective above offers to the publications below it."""
    scope = scope_for(actor)
    if not scope.can(Capacity.EDIT, issue.publication.collective_id):
        return False
    if scope.can(Capacity.EDIT, article.collective_id):
        return True
    if article.translations.filter(publication=issue.publication).exists():
        return True  # the publication prints its own version of a sister paper's article
    return article.shared_below and article.collective_id in [
        *issue.publication.collective.ancestor_ids(),
        issue.publication.collective_id,
    ]


def placement_add(
    *,
    actor: Any,
    issue: Issue,
    article: Article,
    page: int = 1,
    order: int | None = None,
    is_lead: bool = False,
) -> IssuePlacement:
    require_editor(actor, issue.publication.collective)
    article = article.original
    if not may_place(actor, issue, article):
        raise DomainError(_("This article cannot be placed in this issue."))
    if issue.state == Issue.State.PUBLISHED:
        raise DomainError(_("A published issue cannot change."))
    if issue.placements.filter(article=article).exists():
        raise DomainError(_("This article is already in the issue."))
    if order is None:
        highest = issue.placements.filter(page=page).aggregate(highest=Max("order"))["highest"]
        order = 0 if highest is None else highest + 1
    with transaction.atomic():
        if is_lead:
            issue.placements.filter(is_lead=True).update(is_lead=False)
        placement = IssuePlacement.objects.create(
            issue=issue, article=article, page=page, order=order, is_lead=is_lead
        )
        log_action(
            "press.issue.article_placed",
            actor=actor,
            target=issue,
            collective=issue.publication.collective,
            details={"article": article.pk, "page": page, "lead": is_lead},
        )
    return placement


def placement_update(
    *, actor: Any, placement: IssuePlacement, page: int, order: int, is_lead: bool
) -> IssuePlacement:
    issue = placement.issue
    require_editor(actor, issue.publication.collective)
    if issue.state == Issue.State.PUBLISHED:
        raise DomainError(_("A published issue cannot change."))
    with transaction.atomic():
        if is_lead:
            issue.placements.exclude(pk=placement.pk).filter(is_lead=True).update(is_lead=False)
        placement.page, placement.order, placement.is_lead = page, order, is_lead
        placement.save(update_fields=["page", "order", "is_lead"])
        log_action(
            "press.issue.placement_changed",
            actor=actor,
            target=issue,
            collective=issue.publication.collective,
            details={"article": placement.article_id, "page": page, "order": order},
        )
    return placement


def placement_remove(*, actor: Any, placement: IssuePlacement) -> None:
    issue = placement.issue
    require_editor(actor, issue.publication.collective)
    if issue.state == Issue.State.PUBLISHED:
        raise DomainError(_("A published issue cannot change."))
    with transaction.atomic():
        article_id = placement.article_id
        placement.delete()
        log_action(
            "press.issue.article_removed",
            actor=actor,
            target=issue,
            collective=issue.publication.collective,
            details={"article": article_id},
        )


# Workers' submissions


def submission_create(
    *, publication: Publication, body: str, workplace: str = "", reply_to: str = "", language: str
) -> Submission:
    """From the public form: stores only what the worker typed, nothing about the sender."""
    body = body.strip()
    if not body:
        raise DomainError(_("Please write what you want to tell us."))
    if len(body) > SUBMISSION_MAX_CHARS:
        raise DomainError(
            _("Please keep it under %(count)s characters.") % {"count": SUBMISSION_MAX_CHARS}
        )
    with transaction.atomic():
        submission = Submission.objects.create(
            publication=publication,
            body=body,
            workplace=workplace.strip()[:120],
            reply_to=reply_to.strip()[:200],
            language=language,
        )
        log_action(
            "press.submission.received",
            actor=None,
            target=submission,
            collective=publication.collective,
            details={},
        )
    return submission


def submission_to_article(*, actor: Any, submission: Submission, title: str = "") -> Article:
    publication = submission.publication
    require_editor(actor, publication.collective)
    if submission.state != Submission.State.NEW:
        raise DomainError(_("This item has already been handled."))
    language = submission.language or publication.main_language
    if language not in publication.languages:
        language = publication.main_language
    with transaction.atomic():
        article = article_create(
            actor=actor,
            collective=publication.collective,
            publication=publication,
            language=language,
            title=title or submission.workplace or _("From a worker"),
            body=submission.body,
            kind=Article.Kind.WORKERS_ITEM,
            byline=_("A worker"),
        )
        submission.state = Submission.State.USED
        submission.article = article
        submission.save(update_fields=["state", "article"])
        log_action(
            "press.submission.used",
            actor=actor,
            target=submission,
            collective=publication.collective,
            details={"article": article.pk},
        )
    return article


def submission_discard(*, actor: Any, submission: Submission) -> None:
    """A discarded item is deleted, not kept: it may name people."""
    publication = submission.publication
    require_editor(actor, publication.collective)
    with transaction.atomic():
        log_action(
            "press.submission.discarded",
            actor=actor,
            target=submission,
            collective=publication.collective,
            details={},
        )
        submission.delete()


# Print runs


def printrun_record(
    *,
    actor: Any,
    issue: Issue,
    copies: int,
    cost: Decimal,
    currency: str = "USD",
    language: str = "",
    printed_on: date | None = None,
) -> PrintRun:
    require_editor(actor, issue.publication.collective)
    if copies <= 0:
        raise DomainError(_("A print run has at least one copy."))
    if cost < 0:
        raise DomainError(_("The cost cannot be negative."))
    with transaction.atomic():
        run = PrintRun.objects.create(
            issue=issue,
            copies=copies,
            cost=cost,
            currency=currency.upper(),
            language=language,
            printed_on=printed_on or timezone.localdate(),
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        log_action(
            "press.issue.print_run_recorded",
            actor=actor,
            target=issue,
            collective=issue.publication.collective,
            details={"copies": copies, "cost": str(cost), "currency": run.currency},
        )
        finance.print_run_post(actor=actor, run=run)
    return run


# Subscribers (double opt-in; see press.editions for the signed links)


def subscriber_signup(*, publication: Publication, email: str, language: str) -> Subscriber:
    """A public sign-up: a pending subscriber until the link in the confirmation email is
    followed. Signing up again just sends a new link (the answer never says who is in)."""
    email = email.strip().lower()
    if language not in publication.languages:
        language = publication.main_language
    with transaction.atomic():
        subscriber, created = Subscriber.objects.get_or_create(
            publication=publication,
            email_index=crypto.email_index(email),
            defaults={"language": language, "email": email},
        )
        if not created and subscriber.state == Subscriber.State.UNSUBSCRIBED:
            subscriber.state = Subscriber.State.PENDING
            subscriber.language = language
            subscriber.save(update_fields=["state", "language"])
        if created:
            log_action(
                "press.subscriber.signed_up",
                target=subscriber,
                collective=publication.collective,
                details={},
            )
    return subscriber


def subscribe_contacts(*, actor: Any, publication: Publication, contacts: Any) -> int:
    """Contacts who agreed to be emailed become confirmed subscribers (their consent was
    given in person, so there is no confirmation email). Returns how many were added."""
    added = 0
    with transaction.atomic():
        for contact in contacts:
            if not (contact.consent and "email" in contact.consent_channels and contact.email):
                continue
            language = contact.language if contact.language in publication.languages else ""
            index = crypto.email_index(contact.email)
            existing = (
                Subscriber.objects.filter(publication=publication, contact=contact).first()
                or Subscriber.objects.filter(publication=publication, email_index=index).first()
            )
            if existing is None:
                Subscriber.objects.create(
                    publication=publication,
                    contact=contact,
                    email_index=index,
                    language=language or publication.main_language,
                    state=Subscriber.State.ACTIVE,
                    confirmed_at=timezone.now(),
                )
                added += 1
            elif existing.state != Subscriber.State.UNSUBSCRIBED:
                # Whoever unsubscribed stays unsubscribed; the others follow the contact.
                existing.contact = contact
                existing.email_index = index
                existing.save(update_fields=["contact", "email_index"])
        log_action(
            "press.subscriber.contacts_added",
            actor=actor,
            target=publication,
            collective=publication.collective,
            details={"added": added},
        )
    return added


def subscriber_confirm(*, subscriber: Subscriber) -> Subscriber:
    if subscriber.state == Subscriber.State.PENDING:
        with transaction.atomic():
            subscriber.state = Subscriber.State.ACTIVE
            subscriber.confirmed_at = timezone.now()
            subscriber.save(update_fields=["state", "confirmed_at"])
            log_action("press.subscriber.confirmed", target=subscriber, details={})
    return subscriber


def subscriber_unsubscribe(*, subscriber: Subscriber) -> Subscriber:
    if subscriber.state != Subscriber.State.UNSUBSCRIBED:
        with transaction.atomic():
            subscriber.state = Subscriber.State.UNSUBSCRIBED
            subscriber.unsubscribed_at = timezone.now()
            subscriber.save(update_fields=["state", "unsubscribed_at"])
            log_action("press.subscriber.unsubscribed", target=subscriber, details={})
    return subscriber


# Articles taken from a sister organization's Iskra (iskra/press/sharing.py)


def article_import(*, actor: Any, publication: Publication, shared: "SharedArticle") -> Article:
    """Drafts in `publication` from a sister instance's bundle: the original and its
    translations, linked as they were, each with who published it first and where, and the
    images. `actor` None is the server's command line. The editors review before publishing."""
    if actor is not None:
        require_editor(actor, publication.collective)
    if shared.original.url and publication.articles.filter(source_url=shared.original.url).exists():
        raise DomainError(_("This article was taken into this publication already."))
    created_by = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        original = _imported_version(publication, shared.original, shared.kind, None, created_by)
        article_set_topics(original, shared.topics)
        for version in shared.translations:
            translation = _imported_version(publication, version, shared.kind, original, created_by)
            translation.topics.set(original.topics.all())
        for order, image in enumerate(shared.images):
            ArticleImage.objects.create(
                article=original,
                image=ContentFile(image.data, name=image.name),
                alt_text=image.alt_text,
                caption=image.caption,
                order=order,
            )
        log_action(
            "press.article.imported",
            actor=actor,
            target=original,
            details={
                "source": shared.original.url,
                "languages": [original.language, *(v.language for v in shared.translations)],
            },
        )
    return original


def _imported_version(
    publication: Publication,
    version: "SharedVersion",
    kind: str,
    original: Article | None,
    created_by: Any,
) -> Article:
    article = Article(
        collective=publication.collective,
        publication=publication,
        language=version.language,
        translation_of=original,
        source_version=original.version if original else None,
        kind=kind,
        title=version.title,
        slug=_slug_for(version.title),
        summary=version.summary,
        body=version.body,
        byline=version.byline,
        dateline_place=version.dateline_place,
        dateline_country=version.dateline_country,
        dateline_date=version.dateline_date,
        source_name=version.source_name,
        source_url=version.url,
        created_by=created_by,
    )
    article.full_clean(exclude=["translation_of", "topics"])
    article.save()
    return article

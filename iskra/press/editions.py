"""Email editions: a published issue sent to its confirmed subscribers as HTML and plain text,
in batches, by a job the editor watches ("n of m sent", a cancel button; see
docs/background-jobs.md).

Resuming without sending twice: one EmailDelivery row per (issue, subscriber), unique, created
before anything is sent; a row is marked sent right after the SMTP server accepted its message.
A job that dies mid-way (a crash, the server gone) or that the editor cancels leaves the rest
pending, and sending again sends only those. The Message-ID is derived from the row, so even
the one message that could be in flight during a crash is recognizable as the same message by
the receiving side.
"""

import smtplib
from collections.abc import Callable
from typing import Any

from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from iskra.audit.services import log_action
from iskra.core.errors import DomainError
from iskra.press import feeds, queries, tokens
from iskra.press.models import EmailDelivery, Issue, Subscriber
from iskra.press.rendering import article_html, plain_text
from iskra.press.services import require_editor
from iskra.reliability.jobs import Progress, job_create, job_start
from iskra.reliability.models import Job

BATCH_SIZE = 50
EDITION_RUNNER = "iskra.press.editions.edition_runner"


def edition_send(*, actor: Any, issue: Issue, base_url: str) -> Job:
    """An editor sends a published issue: a job she watches; it may be sent again safely."""
    require_editor(actor, issue.publication.collective)
    if issue.state != Issue.State.PUBLISHED:
        raise DomainError(_("Only a published issue can be sent."))
    with transaction.atomic():
        # Two sendings at once could both take the same pending rows: one at a time.
        busy = Job.objects.select_for_update().filter(
            runner=EDITION_RUNNER,
            params__issue=issue.pk,
            state__in=[Job.State.QUEUED, Job.State.RUNNING],
        )
        if busy.exists():
            raise DomainError(_("This issue is being sent already: see its progress."))
        job = job_create(
            actor=actor,
            runner=EDITION_RUNNER,
            title=_("Email edition of %(issue)s")
            % {"issue": f"{issue.publication} #{issue.number}"},
            collective=issue.publication.collective,
            params={
                "issue": issue.pk,
                "slug": issue.publication.slug,
                "number": issue.number,
                "base_url": base_url,
                "resumable": True,
                "result_template": "press/edition_result.html",
            },
        )
        log_action(
            "press.issue.email_queued",
            actor=actor,
            target=issue,
            collective=issue.publication.collective,
            details={"job": str(job.pk)},
        )
        job_start(job=job)
    return job


def edition_runner(job: Job, progress: Progress) -> dict[str, int]:
    issue = Issue.objects.select_related("publication").get(pk=job.params["issue"])
    step = _("Sending to subscribers")
    return deliver(
        issue=issue,
        base_url=job.params["base_url"],
        report=lambda done, total: progress(step, done, total),
    )


def prepare_deliveries(issue: Issue) -> int:
    """One pending row for each confirmed subscriber who has none for this issue yet."""
    subscribers = issue.publication.subscribers.filter(state=Subscriber.State.ACTIVE)
    rows = [EmailDelivery(issue=issue, subscriber=subscriber) for subscriber in subscribers]
    EmailDelivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return len(rows)


def deliver(
    *,
    issue: Issue,
    base_url: str,
    batch_size: int = BATCH_SIZE,
    report: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Send what is pending. `report(done, total)` is told after each message (a job's
    progress: it stops the sending there when the editor cancelled; the rest stays pending)."""
    prepare_deliveries(issue)
    counts = {"sent": 0, "failed": 0, "skipped": 0}
    rows = EmailDelivery.objects.filter(issue=issue)
    total = rows.count()
    done = total - rows.filter(state=EmailDelivery.State.PENDING).count()
    tell = report or (lambda done, total: None)
    tell(done, total)
    editions: dict[str, tuple[str, str, str]] = {}
    while True:
        batch = list(
            EmailDelivery.objects.filter(issue=issue, state=EmailDelivery.State.PENDING)
            .select_related("subscriber")
            .order_by("pk")[:batch_size]
        )
        if not batch:
            break
        # One SMTP connection per batch; an error that is not about one recipient (the
        # server went away, refuses service) ends the job and leaves the rest pending.
        with get_connection(fail_silently=False) as connection:
            for delivery in batch:
                outcome = _deliver_one(delivery, issue, base_url, connection, editions)
                counts[outcome] += 1
                done += 1
                tell(done, total)
    log_action(
        "press.issue.emailed",
        target=issue,
        collective=issue.publication.collective,
        details=counts,
    )
    return counts


def _deliver_one(
    delivery: EmailDelivery,
    issue: Issue,
    base_url: str,
    connection: Any,
    editions: dict[str, tuple[str, str, str]],
) -> str:
    subscriber = delivery.subscriber
    if subscriber.state != Subscriber.State.ACTIVE:
        _mark(delivery, EmailDelivery.State.SKIPPED)
        return "skipped"
    language = subscriber.language
    if language not in editions:
        editions[language] = render_edition(issue, language, base_url)
    subject, text, html = editions[language]
    unsubscribe = base_url.rstrip("/") + reverse(
        "public:unsubscribe", args=[tokens.unsubscribe_token(subscriber)]
    )
    message = EmailMultiAlternatives(
        subject,
        text.replace("__UNSUBSCRIBE_URL__", unsubscribe),
        to=[subscriber.address],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Message-ID": f"<press-{issue.pk}-{subscriber.pk}@{_domain(base_url)}>",
        },
    )
    message.attach_alternative(html.replace("__UNSUBSCRIBE_URL__", unsubscribe), "text/html")
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused as error:
        _mark(delivery, EmailDelivery.State.FAILED, error=str(error)[:300])
        return "failed"
    _mark(delivery, EmailDelivery.State.SENT)
    return "sent"


def _mark(delivery: EmailDelivery, state: str, error: str = "") -> None:
    delivery.state = state
    delivery.attempts += 1
    delivery.error = error
    delivery.sent_at = timezone.now() if state == EmailDelivery.State.SENT else None
    delivery.save(update_fields=["state", "attempts", "error", "sent_at"])


def _domain(base_url: str) -> str:
    return base_url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"


def render_edition(issue: Issue, language: str, base_url: str) -> tuple[str, str, str]:
    """Subject, plain text and HTML of the issue in `language`; __UNSUBSCRIBE_URL__ stands
    for each subscriber's own link."""
    publication = issue.publication
    with translation.override(language):
        rows = [
            {
                "article": article,
                "html": article_html(article),
                "text": plain_text(article.body),
                "url": base_url.rstrip("/") + feeds.article_url(article),
            }
            for _placement, article in queries.public_issue_articles(issue, language)
        ]
        context = {
            "issue": issue,
            "name": publication.name_in(language),
            "rows": rows,
            "language": language,
            "issue_url": base_url.rstrip("/")
            + reverse("public:issue", args=[publication.slug, issue.number, language]),
        }
        subject = _("%(name)s, no. %(number)s") % {
            "name": publication.name_in(language),
            "number": issue.number,
        }
        text = render_to_string("public/email/edition.txt", context)
        html = render_to_string("public/email/edition.html", context)
    return subject, text, html

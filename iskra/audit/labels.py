"""Readable names for audit actions. An action without a name here is shown as its code."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, str | Promise] = {
    "accounts.login.succeeded": _("Signed in"),
    "accounts.session.ended": _("Ended a session"),
    "accounts.session.ended_all": _("Ended all sessions"),
    "accounts.two_factor.added": _("Added a two-factor method"),
    "accounts.two_factor.removed": _("Removed a two-factor method"),
    "accounts.two_factor.reset": _("Made new recovery codes"),
    "accounts.two_factor.failed": _("Wrong two-factor code"),
    "accounts.two_factor.keys_rotated": _("Re-encrypted two-factor secrets"),
    "network.collective.created": _("Collective created"),
    "network.collective.updated": _("Collective changed"),
    "network.membership.created": _("Membership created"),
    "network.membership.updated": _("Membership changed"),
    "network.membership.ended": _("Membership ended"),
    "network.invitation.created": _("Invitation created"),
    "network.invitation.accepted": _("Invitation accepted"),
    "network.invitation.revoked": _("Invitation revoked"),
    "network.share.created": _("Contacts shared"),
    "network.share.revoked": _("Contact share revoked"),
    "network.membership.read": _("Looked at a membership"),
    "accounts.session.nothing": _("No session to end"),
    "accounts.account.compromised": _("Account marked compromised"),
    "accounts.account.restored": _("Compromised account restored"),
    "accounts.exposure.viewed": _("Looked at an exposure report"),
    "accounts.exposure.exported": _("Downloaded an exposure report"),
    "audit.access.denied": _("Refused access"),
    "audit.access.burst": _("Many refused accesses in a short time"),
    "audit.entries.exported": _("Downloaded audit entries"),
    "people.contact.created": _("Contact added"),
    "people.contact.read": _("Read a contact's protected details"),
    "people.contact.updated": _("Contact changed"),
    "people.contact.deleted": _("Contact deleted"),
    "people.contact.imported": _("Contacts imported"),
    "people.contact.merged": _("Contacts merged"),
    "people.contact.tagged": _("Contacts tagged"),
    "people.conversation.created": _("Conversation recorded"),
    "people.followup.created": _("Follow-up planned"),
    "people.followup.done": _("Follow-up done"),
    "people.followup.snoozed": _("Follow-up put off"),
    "people.keys.rotated": _("Data keys rotated"),
    "press.publication.created": _("Publication created"),
    "press.publication.updated": _("Publication changed"),
    "press.site.exported": _("Public site exported"),
    "press.issue.created": _("Issue created"),
    "press.issue.state_changed": _("Issue state changed"),
    "press.issue.article_placed": _("Article placed in an issue"),
    "press.issue.article_removed": _("Article taken out of an issue"),
    "press.issue.placement_changed": _("Issue layout changed"),
    "press.issue.printed": _("Issue printed"),
    "press.issue.print_run_recorded": _("Print run recorded"),
    "press.issue.email_queued": _("Issue queued for email"),
    "press.issue.emailed": _("Issue emailed"),
    "press.article.created": _("Article created"),
    "press.article.updated": _("Article changed"),
    "press.article.state_changed": _("Article state changed"),
    "press.article.translated": _("Article translated"),
    "press.article.imported": _("Article taken from a sister organization"),
    "press.article.commented": _("Comment on an article"),
    "press.article.image_added": _("Image added to an article"),
    "press.article.image_removed": _("Image removed from an article"),
    "press.submission.received": _("Submission received"),
    "press.submission.used": _("Submission used"),
    "press.submission.discarded": _("Submission discarded"),
    "press.subscriber.signed_up": _("Subscriber signed up"),
    "press.subscriber.confirmed": _("Subscriber confirmed"),
    "press.subscriber.unsubscribed": _("Subscriber left"),
    "press.subscriber.contacts_added": _("Contacts subscribed"),
    "distribution.bundle.sent": _("Bundle sent"),
    "distribution.outing.logged": _("Outing logged"),
    "distribution.outing.sent_to_drafts": _("Outing summary sent to the drafts"),
    "distribution.outing.summary_edited": _("Outing summary edited"),
    "distribution.bundle.received": _("Bundle received"),
    "distribution.outing.contact_added": _("Contact added at an outing"),
    "distribution.outing.contact_linked": _("Contact linked to an outing"),
    "distribution.stock.adjusted": _("Stock adjusted"),
    "activities.event.created": _("Event created"),
    "activities.attendance.recorded": _("Attendance recorded"),
    "activities.attendance.invited": _("Invited to an event"),
    "activities.circle.created": _("Study circle created"),
    "activities.circle.readings_changed": _("Study circle readings changed"),
    "activities.suggestion.dismissed": _("Stage suggestion dismissed"),
    "activities.calendar_token.created": _("Calendar feed link created"),
    "activities.calendar_token.revoked": _("Calendar feed links revoked"),
    "finance.account.added": _("Account added to the books"),
    "finance.bundle.charged": _("Bundle charged"),
    "finance.drive.created": _("Fund drive started"),
    "finance.drive.paid": _("Fund drive payment"),
    "finance.drive.pledged": _("Fund drive pledge"),
    "finance.dues.paid": _("Dues paid"),
    "finance.month.closed": _("Month closed"),
    "finance.outing.not_posted": _("Outing money not posted"),
    "finance.pledge.set": _("Dues pledge set"),
    "finance.print_run.not_posted": _("Print run cost not posted"),
    "finance.transaction.recorded": _("Transaction recorded"),
    "finance.transfer.confirmed": _("Transfer received"),
    "finance.transfer.sent": _("Transfer sent"),
    "reliability.job.cancelled": _("Job cancelled"),
    "reliability.backup.started": _("Backup started"),
    "reliability.backup.written": _("Backup written"),
}

# The last word of an action, for actions another app adds without naming them here.
VERB_LABELS: dict[str, str | Promise] = {
    "created": _("created"),
    "updated": _("changed"),
    "deleted": _("deleted"),
    "read": _("read"),
    "revoked": _("revoked"),
    "sent": _("sent"),
    "recorded": _("recorded"),
}


def register(labels: dict[str, str | Promise]) -> None:
    """Other apps name their actions here from their AppConfig.ready()."""
    ACTION_LABELS.update(labels)


def action_label(action: str) -> str:
    """The action in the active language. An action nobody named is shown as its object's
    name and its verb ("Ledger entry · created"), never as a bare code when avoidable."""
    label = ACTION_LABELS.get(action)
    if label is not None:
        return str(label)
    parts = action.split(".")
    if len(parts) != 3:
        return action
    app, object_name, verb = parts
    from django.apps import apps
    from django.core.exceptions import ImproperlyConfigured

    try:
        model = apps.get_model(app, object_name)
    except (LookupError, ImproperlyConfigured, ValueError):
        return action
    verb_label = VERB_LABELS.get(verb, verb.replace("_", " "))
    return f"{str(model._meta.verbose_name).capitalize()} · {verb_label}"


def action_choices() -> list[tuple[str, str]]:
    """Every named action, by its label in the active language (the audit filter's list)."""
    return sorted(((code, str(label)) for code, label in ACTION_LABELS.items()), key=lambda c: c[1])


# Why a contact was read (`details["purpose"]` of people.contact.read).
PURPOSE_LABELS: dict[str, str | Promise] = {
    "detail": _("contact page"),
    "edit": _("edit form"),
    "export": _("export"),
    "export (command line)": _("export from the command line"),
}


def purpose_label(purpose: str) -> str:
    """The purpose in the active language; one nobody named is not shown."""
    label = PURPOSE_LABELS.get(purpose)
    return "" if label is None else str(label)


# The kinds of record the audit log can be filtered by, by their model's label.
OBJECT_LABELS: dict[str, str | Promise] = {
    "accounts.user": _("Account"),
    "network.collective": _("Collective"),
    "network.membership": _("Membership"),
    "network.invitation": _("Invitation"),
    "network.contactshare": _("Contact share"),
    "people.contact": _("Contact"),
    "people.conversation": _("Conversation"),
    "people.followup": _("Follow-up"),
    "people.tag": _("Tag"),
    "press.publication": _("Publication"),
    "press.issue": _("Issue"),
    "press.article": _("Article"),
    "press.submission": _("Workers' item"),
    "press.subscriber": _("Subscriber"),
    "press.printrun": _("Print run"),
    "distribution.outing": _("Outing"),
    "distribution.bundle": _("Bundle"),
    "distribution.stockadjustment": _("Stock correction"),
    "activities.event": _("Event"),
    "activities.studycircle": _("Study circle"),
    "activities.attendance": _("Attendance"),
    "finance.transaction": _("Transaction"),
    "finance.transfer": _("Transfer"),
    "finance.duespayment": _("Dues payment"),
    "finance.duespledge": _("Dues pledge"),
    "finance.funddrive": _("Fund drive"),
    "finance.closedmonth": _("Closed month"),
    "reports.report": _("Report"),
    "conferences.conference": _("Conference"),
    "conferences.motion": _("Motion"),
    "conferences.amendment": _("Amendment"),
    "conferences.decision": _("Decision"),
    "reliability.job": _("Job"),
}

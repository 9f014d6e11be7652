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
    "network.membership.read": _("Read a membership"),
    "activities.attendance.invited": _("Invited to an event"),
    "activities.attendance.recorded": _("Attendance recorded"),
    "activities.calendar_token.created": _("Calendar feed link created"),
    "activities.calendar_token.revoked": _("Calendar feed link revoked"),
    "activities.circle.created": _("Study circle created"),
    "activities.circle.readings_changed": _("Study circle readings changed"),
    "activities.event.created": _("Event created"),
    "activities.suggestion.dismissed": _("Stage suggestion dismissed"),
    "distribution.bundle.sent": _("Bundle sent"),
    "distribution.outing.logged": _("Outing logged"),
    "distribution.outing.sent_to_drafts": _("Outing sent to the paper's drafts"),
    "distribution.outing.summary_edited": _("Outing summary edited"),
    "people.contact.created": _("Contact added"),
    "people.contact.deleted": _("Contact deleted"),
    "people.contact.imported": _("Contacts imported"),
    "people.contact.merged": _("Contacts merged"),
    "people.contact.read": _("Read a contact's details"),
    "people.contact.tagged": _("Contact tagged"),
    "people.contact.updated": _("Contact changed"),
    "people.conversation.created": _("Conversation recorded"),
    "people.followup.created": _("Follow-up planned"),
    "people.followup.done": _("Follow-up done"),
    "people.followup.snoozed": _("Follow-up moved"),
    "people.keys.rotated": _("Data key rotated"),
    "press.article.commented": _("Article commented"),
    "press.article.created": _("Article created"),
    "press.article.image_added": _("Image added to an article"),
    "press.article.image_removed": _("Image removed from an article"),
    "press.article.state_changed": _("Article state changed"),
    "press.article.translated": _("Article translated"),
    "press.article.updated": _("Article changed"),
    "press.issue.article_placed": _("Article placed in an issue"),
    "press.issue.article_removed": _("Article removed from an issue"),
    "press.issue.created": _("Issue created"),
    "press.issue.email_queued": _("Issue queued for email"),
    "press.issue.emailed": _("Issue emailed"),
    "press.issue.placement_changed": _("Placement in an issue changed"),
    "press.issue.print_run_recorded": _("Print run recorded"),
    "press.issue.printed": _("Issue printed"),
    "press.issue.state_changed": _("Issue state changed"),
    "press.publication.created": _("Publication created"),
    "press.publication.updated": _("Publication changed"),
    "press.submission.discarded": _("Submission discarded"),
    "press.submission.received": _("Submission received"),
    "press.submission.used": _("Submission turned into an article"),
    "press.subscriber.confirmed": _("Subscription confirmed"),
    "press.subscriber.contacts_added": _("Contacts subscribed"),
    "press.subscriber.signed_up": _("Subscribed"),
    "press.subscriber.unsubscribed": _("Unsubscribed"),
}


def register(labels: dict[str, str | Promise]) -> None:
    """Other apps name their actions here from their AppConfig.ready()."""
    ACTION_LABELS.update(labels)


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))

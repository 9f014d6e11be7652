from django.apps import AppConfig


class ConferencesConfig(AppConfig):
    name = "iskra.conferences"
    label = "conferences"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from iskra.audit.labels import register

        register(
            {
                "conferences.conference.created": _("Conference created"),
                "conferences.delegate.added": _("Delegate credited"),
                "conferences.agenda.added": _("Agenda item added"),
                "conferences.agenda.minutes": _("Minutes written"),
                "conferences.contribution.submitted": _("Contribution submitted"),
                "conferences.motion.created": _("Motion tabled"),
                "conferences.amendment.proposed": _("Amendment proposed"),
                "conferences.amendment.decided": _("Amendment decided"),
                "conferences.amendments.closed": _("Amendments closed"),
                "conferences.vote.recorded": _("Vote recorded"),
                "conferences.decision.created": _("Decision tracked"),
                "conferences.decision.progress": _("Decision progress noted"),
            }
        )

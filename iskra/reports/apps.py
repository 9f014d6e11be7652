from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "iskra.reports"
    label = "reports"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from iskra.audit.labels import register

        register(
            {
                "reports.report.created": _("Report started"),
                "reports.report.narrative_saved": _("Report text saved"),
                "reports.report.submitted": _("Report submitted"),
                "reports.report.corrected": _("Report corrected"),
                "reports.report.reminded": _("Reminder sent about a report"),
            }
        )

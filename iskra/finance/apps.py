from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "iskra.finance"
    label = "finance"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from iskra.audit.labels import register

        register(
            {
                "finance.account.added": _("Account added to the books"),
                "finance.transaction.recorded": _("Money recorded in the books"),
                "finance.outing.not_posted": _("Outing money left for the treasurer"),
                "finance.print_run.not_posted": _("Print run left for the treasurer"),
                "finance.bundle.charged": _("Bundle priced"),
                "finance.pledge.set": _("Dues pledge set"),
                "finance.dues.paid": _("Dues payment recorded"),
                "finance.drive.created": _("Fund drive started"),
                "finance.drive.pledged": _("Fund drive pledge recorded"),
                "finance.drive.paid": _("Fund drive payment recorded"),
                "finance.transfer.sent": _("Transfer sent"),
                "finance.transfer.confirmed": _("Transfer received"),
                "finance.month.closed": _("Month closed in the books"),
            }
        )

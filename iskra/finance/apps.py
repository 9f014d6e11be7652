from django.apps import AppConfig


class FinanceConfig(AppConfig):
    """The finance app; its audit actions are named in iskra/audit/labels.py."""

    name = "iskra.finance"
    label = "finance"

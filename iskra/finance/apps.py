from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "iskra.finance"
    label = "finance"

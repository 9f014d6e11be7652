from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "iskra.accounts"
    label = "accounts"

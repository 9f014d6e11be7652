from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "iskra.accounts"
    label = "accounts"

    def ready(self) -> None:
        from iskra.accounts import signals

        signals.connect()

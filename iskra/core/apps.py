from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "iskra.core"
    label = "core"

    def ready(self) -> None:
        from iskra.core.languages import register_extra_languages

        register_extra_languages()

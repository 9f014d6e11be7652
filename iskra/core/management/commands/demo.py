from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from iskra.network.demo import refusals


class Command(BaseCommand):
    help = "Load the demonstration organization (idempotent) and print how to log in."

    def handle(self, *args: Any, **options: Any) -> None:
        # Its accounts have a published password and published two-factor secrets.
        if not settings.ISKRA_DEVELOPMENT_MODE:
            raise CommandError(
                "iskra demo runs only in development mode (ISKRA_DEBUG=1): its accounts have "
                "a published password and published two-factor secrets."
            )
        problems = refusals()
        if problems:
            raise CommandError(
                "iskra demo touches only what it made itself, and refuses: " + "; ".join(problems)
            )
        # Each app that has a `demo` module adds its part, in INSTALLED_APPS order.
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if not app_config.name.startswith("iskra.") or find_spec(module_name) is None:
                continue
            with transaction.atomic():
                import_module(module_name).load(self.stdout)

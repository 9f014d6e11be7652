from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load the demonstration organization (idempotent) and print how to log in."

    def handle(self, *args: Any, **options: Any) -> None:
        # Each app that has a `demo` module adds its part, in INSTALLED_APPS order.
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if not app_config.name.startswith("iskra.") or find_spec(module_name) is None:
                continue
            with transaction.atomic():
                import_module(module_name).load(self.stdout)

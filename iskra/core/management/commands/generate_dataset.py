import random
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Generate synthetic data at scale for benchmarks: 500 collectives, and for each app "
        "with a `dataset` module its share (contacts, conversations, articles, outings...)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--contacts", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=1917)

    def handle(self, *args: Any, contacts: int, seed: int, **options: Any) -> None:
        rng = random.Random(seed)
        for app_config in apps.get_app_configs():
            name = f"{app_config.name}.dataset"
            if app_config.name.startswith("iskra.") and find_spec(name) is not None:
                self.stdout.write(f"== {app_config.label}")
                import_module(name).generate(contacts=contacts, rng=rng, out=self.stdout)

import json
import platform
from datetime import UTC, datetime
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from iskra.core.benchmarks import BenchContext, Result, markdown_table


def bench_modules() -> dict[str, Any]:
    """Every app's `bench` module, by its GROUP name, in INSTALLED_APPS order."""
    modules = {}
    for app_config in apps.get_app_configs():
        name = f"{app_config.name}.bench"
        if app_config.name.startswith("iskra.") and find_spec(name) is not None:
            module = import_module(name)
            modules[module.GROUP] = module
    return modules


class Command(BaseCommand):
    help = "Run the benchmark suite; print a Markdown table and write JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--only", action="append", default=[], help="A group; repeatable.")
        parser.add_argument("--contacts", type=int, default=1_000_000)
        parser.add_argument("--json", type=Path, default=None)

    def handle(self, *args: Any, only: list[str], contacts: int, json: Path | None, **options: Any):
        modules = bench_modules()
        unknown = set(only) - set(modules)
        if unknown:
            raise CommandError(f"Unknown groups {sorted(unknown)}; known: {sorted(modules)}")
        if settings.STATIC_MANIFEST:
            # Production renders hashed static file names from collectstatic's manifest, as
            # `iskra serve` does before it starts: without it every page fails.
            call_command("collectstatic", interactive=False, verbosity=0)
        context = BenchContext(contacts=contacts, out=self.stdout)
        results: list[Result] = []
        for group, module in modules.items():
            if only and group not in only:
                continue
            context.say(f"== {group}")
            results.extend(module.run(context))
        report = {
            "database": connection.vendor,
            "settings": "development" if settings.DEBUG else "production",
            "contacts": contacts,
            "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
            "python": platform.python_version(),
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "results": [result.as_dict() for result in results],
        }
        self.stdout.write(markdown_table(results))
        if json is not None:
            json.write_text(_dumps(report))
            self.stdout.write(f"Wrote {json}")


def _dumps(report: dict[str, Any]) -> str:
    return json.dumps(report, indent=2)

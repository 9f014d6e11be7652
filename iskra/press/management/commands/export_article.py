import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from iskra.press import queries, sharing
from iskra.press.management.commands.print_issue import default_base_url


class Command(BaseCommand):
    help = "Write a published article and its translations as a bundle for another Iskra."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("article", type=int, help="The article's number (as in /p/a/12/...)")
        parser.add_argument("--out", type=Path, required=True, help="The .json file to write")
        parser.add_argument("--base-url", default=None, help="The public site's address")

    def handle(self, *args: Any, **options: Any) -> None:
        article = queries.published_articles().filter(pk=options["article"]).first()
        if article is None:
            raise CommandError(f"No published article {options['article']}.")
        base = (options["base_url"] or default_base_url()).rstrip("/")
        bundle = sharing.build_bundle(article, lambda path: base + path)
        options["out"].write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
        self.stdout.write(f"Wrote {options['out']} ({len(bundle['versions'])} versions)\n")

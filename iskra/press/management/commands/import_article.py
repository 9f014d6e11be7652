from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from iskra.core.errors import DomainError
from iskra.press import services, sharing
from iskra.press.models import Publication


class Command(BaseCommand):
    help = (
        "Take an article and its translations from a sister organization's Iskra (its public "
        "address or a bundle file) into a publication, as drafts for the editors to review."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "source", help="https://.../p/a/12/slug/ (or its bundle.json), or a file"
        )
        parser.add_argument("--publication", required=True, help="The publication's short name")

    def handle(self, *args: Any, **options: Any) -> None:
        publication = Publication.objects.filter(slug=options["publication"]).first()
        if publication is None:
            raise CommandError(f"No publication {options['publication']!r}.")
        try:
            shared = sharing.parse_bundle(sharing.read_source(options["source"]))
            article = services.article_import(actor=None, publication=publication, shared=shared)
        except DomainError as error:
            raise CommandError(error.message) from error
        languages = ", ".join([article.language, *(v.language for v in shared.translations)])
        self.stdout.write(
            f"Draft article {article.pk} in {publication.slug} ({languages}): {article.title}\n"
        )

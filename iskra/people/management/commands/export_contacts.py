import csv
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from iskra.people import csvimport, services
from iskra.people.management.commands._common import collective_for
from iskra.people.models import Contact


class Command(BaseCommand):
    help = (
        "Export a collective's contacts as CSV, protected fields decrypted. Every contact "
        "exported is written to the audit log. --below adds the collectives below it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--collective", required=True)
        parser.add_argument("--below", action="store_true")
        parser.add_argument("--out", type=Path, help="file (default: standard output)")
        parser.add_argument("--as", dest="username", help="act as this user (audit, scope)")

    def handle(self, *args: Any, **options: Any) -> None:
        collective, actor = collective_for(options["collective"], options["username"])
        contacts = Contact.objects.select_related("stage", "collective").prefetch_related(
            "tags", "topics"
        )
        if options["below"]:
            contacts = contacts.filter(collective__path__startswith=collective.path)
            if actor is not None:
                from iskra.network.scope import Capacity, scope_for

                contacts = contacts.filter(
                    collective_id__in=scope_for(actor).ids(Capacity.CONTACTS)
                )
        else:
            contacts = contacts.filter(collective=collective)
        rows = list(contacts.order_by("id"))
        services.contacts_read(actor=actor, contacts=rows, purpose="export (command line)")
        out = options["out"].open("w", newline="") if options["out"] else sys.stdout
        try:
            writer = csv.writer(out)
            for row in csvimport.export_rows(rows):
                writer.writerow([csvimport.sanitize_cell(cell) for cell in row])
        finally:
            if options["out"]:
                out.close()
        if options["out"]:
            self.stderr.write(f"Exported {len(rows)} contacts to {options['out']}.")

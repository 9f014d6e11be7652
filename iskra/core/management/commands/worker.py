import threading
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from iskra.core.housekeeping import cull_expired_cache, cull_forever, optimize_sqlite


class Command(BaseCommand):
    help = "Run background jobs from the database queue (production; see docs/background-jobs.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="Stop when the queue is empty.")
        parser.add_argument("--interval", type=float, default=1.0)

    def handle(self, *args: Any, batch: bool, interval: float, **options: Any) -> None:
        if batch:
            cull_expired_cache()
            optimize_sqlite()
            call_command("db_worker", batch=True, interval=interval, no_startup_delay=True)
            return
        stop = threading.Event()
        chores = threading.Thread(target=cull_forever, args=(stop,), daemon=True)
        chores.start()
        try:
            call_command("db_worker", batch=False, interval=interval, no_startup_delay=True)
        finally:
            stop.set()

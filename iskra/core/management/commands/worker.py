import os
import socket
import threading
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from iskra.core.housekeeping import cull_expired_cache, cull_forever, optimize_sqlite
from iskra.reliability.outputs import purge_outputs
from iskra.reliability.recovery import recover_dead_workers_jobs, start_backup_schedule


class Command(BaseCommand):
    help = "Run background jobs from the database queue (production; see docs/background-jobs.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="Stop when the queue is empty.")
        parser.add_argument("--interval", type=float, default=1.0)

    def handle(self, *args: Any, batch: bool, interval: float, **options: Any) -> None:
        # The id names this process, so that a worker started later on this machine can tell
        # the jobs of a dead worker (killed, out of memory, power cut) and run them again.
        worker_id = f"{socket.gethostname()[:40]}:{os.getpid()}"
        recovered = recover_dead_workers_jobs()
        if recovered:
            self.stdout.write(f"Queued again {recovered} jobs left running by a dead worker.")
        run = {
            "interval": interval,
            "no_startup_delay": True,
            "worker_id": worker_id,
            "reload": False,  # one process: a supervisor restarts it, and kills reach the work
        }
        if batch:
            cull_expired_cache()
            purge_outputs()
            optimize_sqlite()
            call_command("db_worker", batch=True, **run)
            return
        start_backup_schedule()
        stop = threading.Event()
        chores = threading.Thread(target=cull_forever, args=(stop,), daemon=True)
        chores.start()
        try:
            call_command("db_worker", batch=False, **run)
        finally:
            stop.set()

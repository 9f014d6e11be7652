import os
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from iskra.env import env_int

KEEP_ALIVE_SECONDS = 15


class Command(BaseCommand):
    help = "Apply migrations, collect static files and serve Iskra with gunicorn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers", type=int, default=env_int("ISKRA_WEB_WORKERS", 2, minimum=1)
        )
        # Threads (gunicorn's gthread worker): a client slow to send its request, or a TLS
        # handshake, holds one thread instead of a whole worker, and connections are kept alive.
        parser.add_argument(
            "--threads", type=int, default=env_int("ISKRA_WEB_THREADS", 4, minimum=1)
        )
        parser.add_argument("--certfile", help="serve HTTPS with this certificate (PEM)")
        parser.add_argument("--keyfile", help="the certificate's private key (PEM)")

    def handle(
        self, *args: Any, host: str, port: int, workers: int, threads: int, **options: Any
    ) -> None:
        tls = []
        if options["certfile"]:
            tls = ["--certfile", options["certfile"], "--keyfile", options["keyfile"] or ""]
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        scheme = "https" if options["certfile"] else "http"
        self.stdout.write(f"Serving Iskra on {scheme}://{host}:{port}/")
        sys.stdout.flush()
        os.execvp(  # noqa: S606 - replaces this process with gunicorn, arguments are ours
            sys.executable,
            [
                sys.executable,
                "-m",
                "gunicorn",
                "iskra.wsgi:application",
                "--bind",
                f"{host}:{port}",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--logger-class",
                "iskra.reliability.gunicorn.IskraGunicornLogger",
                "--access-logfile",
                "-",
                "--access-logformat",
                '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss',
                # An idle keep-alive connection is closed after this many seconds. At gunicorn's
                # 2 s, a client that sent its next request just as the server closed the socket
                # got "connection closed without response" (52 of 4,123 requests of the load
                # test, whose users pause 1 to 4 s); threads hold no idle connection.
                "--keep-alive",
                str(KEEP_ALIVE_SECONDS),
                # gunicorn 27 opens a control socket in ~/.gunicorn/ by default, one path for
                # every instance on the machine; Iskra does not use it.
                "--no-control-socket",
                *tls,
            ],
        )

"""Gunicorn's access log without the monitors' /healthz requests (one every few seconds
would drown everything else); they are logged at debug level only."""

from typing import Any

from gunicorn.glogging import Logger


class QuietHealthLogger(Logger):
    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> None:
        if environ.get("PATH_INFO") == "/healthz":
            self.debug("healthz %s", getattr(resp, "status", ""))
            return
        super().access(resp, req, environ, request_time)

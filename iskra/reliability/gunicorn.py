"""gunicorn's logger for `iskra serve`: secret path segments cut out of the access log
(`iskra.core.redaction`), and the monitors' /healthz requests (one every few seconds would
drown everything else) logged at debug level only. One class: gunicorn takes one
`--logger-class`, and when `iskra serve` named two, the second silently replaced the first."""

from typing import Any

from gunicorn.glogging import Logger

from iskra.core.redaction import RedactingGunicornLogger


class QuietHealthLogger(Logger):
    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> None:
        if environ.get("PATH_INFO") == "/healthz":
            self.debug("healthz %s", getattr(resp, "status", ""))
            return
        super().access(resp, req, environ, request_time)


class IskraGunicornLogger(QuietHealthLogger, RedactingGunicornLogger):
    """Both: quiet about /healthz, and no token in any line."""

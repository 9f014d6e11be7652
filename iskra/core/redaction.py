"""Secret tokens travel in some URLs (invitation links, calendar feeds, subscription links):
they are cut out of every log line, the access log and Django's own warnings alike."""

import logging
import re
from typing import Any

from gunicorn.glogging import Logger

REDACTED = "[redacted]"
# The URL prefixes whose next path segment is a secret.
_SECRET_SEGMENT = re.compile(
    r"(/(?:me/join|activities/ical|p/confirm|p/unsubscribe)/)[^/\s?#\"'.]+"
)


def redact(text: str) -> str:
    return _SECRET_SEGMENT.sub(lambda match: match.group(1) + REDACTED, text)


def _redact_value(value: Any) -> Any:
    return redact(value) if isinstance(value, str) else value


class RedactTokensFilter(logging.Filter):
    """Attached to every handler: "Not Found: /me/join/<token>/" loses its token."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_redact_value(value) for value in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: _redact_value(value) for key, value in record.args.items()}
        return True


class RedactingGunicornLogger(Logger):
    """gunicorn's logger, with the secret path segments cut out of the access log."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> Any:
        atoms = super().atoms(resp, req, environ, request_time)
        for name in ("r", "U", "q", "f"):
            atoms[name] = _redact_value(atoms.get(name))
        return atoms

"""Finding 5: calendar-feed and invitation tokens never reach the access log or Django's
"Not Found" warnings."""

import io
import logging
from datetime import timedelta
from types import SimpleNamespace

from django.test import Client
from gunicorn.config import Config

from iskra.core.redaction import RedactingGunicornLogger, RedactTokensFilter, redact

TOKEN = "Zq3xSECRETtokenVALUE_9kL-2"


def test_django_warnings_about_token_urls_lose_the_token(db):
    handlers = [
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(item, RedactTokensFilter) for item in handler.filters)
    ]
    assert handlers, "the console handler has the redacting filter"
    stream = io.StringIO()
    previous = handlers[0].setStream(stream)  # type: ignore[attr-defined]
    try:
        assert Client().get(f"/me/join/{TOKEN}/").status_code == 404
        assert Client().get(f"/activities/ical/{TOKEN}.ics").status_code == 404
    finally:
        handlers[0].setStream(previous)  # type: ignore[attr-defined]
    written = stream.getvalue()
    assert "Not Found" in written
    assert TOKEN not in written
    assert "/me/join/[redacted]/" in written and "/activities/ical/[redacted].ics" in written


def test_the_access_log_loses_the_token(tmp_path):
    config = Config()
    log_file = tmp_path / "access.log"
    config.set("accesslog", str(log_file))
    config.set("access_log_format", '%(t)s "%(m)s %(U)s" %(s)s %(r)s')
    logger = RedactingGunicornLogger(config)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/p/unsubscribe/{TOKEN}/?x=1",
        "PATH_INFO": f"/p/unsubscribe/{TOKEN}/",
        "QUERY_STRING": "x=1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    logger.access(response, SimpleNamespace(headers=[]), environ, timedelta(milliseconds=3))
    for handler in logger.access_log.handlers:
        handler.flush()
    line = log_file.read_text()
    assert "/p/unsubscribe/[redacted]/" in line
    assert TOKEN not in line


def test_only_the_secret_segment_goes():
    assert redact(f"/p/confirm/{TOKEN}/") == "/p/confirm/[redacted]/"
    assert redact("/p/plant-bulletin/submit/") == "/p/plant-bulletin/submit/"
    assert redact("/me/sessions/") == "/me/sessions/"

"""`iskra serve` as it runs: gunicorn with its threads, an access log that leaves out the
monitors' /healthz and cuts tokens out of the paths. (It named two logger classes and gunicorn
kept only the second: /healthz filled the log although each class passed its own test.)"""

import http.client
import subprocess
import time
import urllib.error
import urllib.request

from iskra.reliability.tests.helpers import ISKRA, Instance, free_port


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our server
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_the_served_access_log_is_quiet_about_health_and_tokens(tmp_path, db):
    instance = Instance(tmp_path, "serve")
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "w") as output:
        server = subprocess.Popen(  # noqa: S603 - our own command
            [*ISKRA, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
            env=instance.environment(ISKRA_LOG_LEVEL="INFO", HOME=str(tmp_path)),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if _get(f"http://127.0.0.1:{port}/healthz") == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.3)
        # A browser's connection, idle for 3 s between two requests, is still open (at
        # gunicorn's default 2 s the second request met a closed socket under load).
        browser = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        browser.request("GET", "/healthz")
        assert browser.getresponse().read()
        time.sleep(3)
        browser.request("GET", "/healthz")
        assert browser.getresponse().status == 200
        browser.close()
        _get(f"http://127.0.0.1:{port}/me/join/SECRETTOKEN123/")
        assert _get(f"http://127.0.0.1:{port}/p/") == 200
        time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=30)
        instance.drop()
    text = log.read_text()
    assert '"GET /p/"' in text, text[-3000:]
    assert "/healthz" not in text
    assert "SECRETTOKEN123" not in text and "/me/join/[redacted]" in text
    assert "gthread" in text or "Using worker: gthread" in text
    assert not (tmp_path / ".gunicorn").exists(), "gunicorn opened its control socket"

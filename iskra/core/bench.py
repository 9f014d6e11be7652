"""`core` benchmarks: the fixed cost of a page (see docs/benchmarks.md).

`core.page_overhead_ms` is the median time of a signed-in page that reads nothing (the full
middleware stack, the session, the user, the two-factor check, session tracking, the scope
for the navigation bar, the base template) minus the median time of a bare view (no
middleware, no template) answered by the same test client in the same process."""

import os
import statistics
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.test import Client
from django.test.utils import override_settings
from django.urls import clear_url_caches

from iskra.core.benchmarks import BenchContext, Result

GROUP = "core"
REPEAT = 300


# The CPU time of the measuring thread, beside the wall time: on a machine whose cores other
# work shares, the wall time grows with the load average and the CPU time does not.
CPU_MS: dict[str, float] = {}


def _median_ms(function: Callable[[], Any], repeat: int = REPEAT, name: str = "") -> float:
    for _ in range(min(20, repeat)):
        function()
    samples, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.thread_time()
        function()
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
    if name:
        CPU_MS[name] = statistics.median(cpu)
    return statistics.median(samples)


def _host() -> str:
    hosts = [host for host in settings.ALLOWED_HOSTS if host and "*" not in host]
    return hosts[0] if hosts else "localhost"


def measure(repeat: int = REPEAT) -> tuple[float, float]:
    """(signed-in empty page, bare view), medians in milliseconds."""
    from iskra.people.bench import BENCH_ORGANIZER, _client

    with override_settings(ROOT_URLCONF="iskra.core.bench_urls"):
        clear_url_caches()
        try:
            page_client = _client(BENCH_ORGANIZER)

            def page() -> None:
                response = page_client.get("/bench/page/", secure=True)
                assert response.status_code == 200, response.status_code

            page_ms = _median_ms(page, repeat, name="page")
            with override_settings(MIDDLEWARE=[]):
                bare_client = Client(HTTP_HOST=_host())

                def bare() -> None:
                    response = bare_client.get("/bench/bare/", secure=True)
                    assert response.status_code == 200, response.status_code

                bare_ms = _median_ms(bare, repeat, name="bare")
        finally:
            clear_url_caches()
    return page_ms, bare_ms


def run(context: BenchContext) -> list[Result]:
    from iskra.people.bench import _ensure_dataset

    _ensure_dataset(context)
    # A smoke run at a tiny scale needs only a few requests.
    page_ms, bare_ms = measure(REPEAT if context.contacts >= 10_000 else 10)
    overhead = page_ms - bare_ms
    cpu_overhead = CPU_MS["page"] - CPU_MS["bare"]
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    context.say(
        f"page overhead: {overhead:.2f} ms (page {page_ms:.2f}, bare {bare_ms:.2f}); "
        f"CPU time {cpu_overhead:.2f} ms; load average {load}"
    )
    return [
        Result(
            "core.page_overhead_ms",
            round(overhead, 2),
            "ms",
            "<= 3 ms",
            baseline=round(bare_ms, 3),
            ratio=round(page_ms / bare_ms, 2) if bare_ms else None,
            met=overhead <= 3,
            note=f"median of a signed-in empty page minus a bare view, same process; "
            f"its CPU time {cpu_overhead:.2f} ms; load average {load}",
        )
    ]

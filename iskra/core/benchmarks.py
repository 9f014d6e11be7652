"""The benchmark framework behind `iskra bench` (see docs/benchmarks.md).

Each app may have a `bench.py` module with a `GROUP` name and a function
`run(context: BenchContext) -> list[Result]`. A result carries the measured value, the
physical limit measured in the same run on the same data (`baseline`), their ratio and the
target from the issue. Timings use `time.perf_counter`; percentiles are over repeated runs.
"""

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Result:
    name: str
    value: float
    unit: str
    target: str
    baseline: float | None = None
    ratio: float | None = None
    note: str = ""
    met: bool | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class BenchContext:
    contacts: int
    out: Any
    scratch: dict[str, Any] = field(default_factory=dict)

    def say(self, message: str) -> None:
        self.out.write(message + "\n")
        self.out.flush()


def timed(function: Callable[[], Any]) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def p95_ms(function: Callable[[], Any], *, repeat: int = 40, warmup: int = 3) -> float:
    """The 95th percentile, in milliseconds, of `repeat` calls after `warmup` unmeasured ones."""
    for _ in range(warmup):
        function()
    samples = [timed(function) * 1000 for _ in range(repeat)]
    return statistics.quantiles(samples, n=20, method="inclusive")[18]


def markdown_table(results: list[Result]) -> str:
    lines = [
        "| name | value | unit | baseline | ratio | target | met |",
        "|---|---|---|---|---|---|---|",
    ]
    for result in results:
        baseline = "" if result.baseline is None else f"{result.baseline:.4g}"
        ratio = "" if result.ratio is None else f"{result.ratio:.3g}"
        met = {True: "yes", False: "**no**", None: ""}[result.met]
        lines.append(
            f"| {result.name} | {result.value:.4g} | {result.unit} | {baseline} | {ratio} "
            f"| {result.target} | {met} |"
        )
    return "\n".join(lines)

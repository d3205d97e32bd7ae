"""Small measuring tools shared by the benchmarks: percentiles, timers, HTTP load generators.

Every figure is reported next to a baseline measured in the same run (a ratio), because the
machines these run on are shared and noisy; absolute figures are kept for context only.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

import httpx


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0–100) by linear interpolation; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    k = (len(ordered) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


@dataclass
class Latency:
    """Latency of one request kind, in milliseconds, and throughput in requests per second."""

    requests: int
    errors: int
    p50_ms: float
    p99_ms: float
    mean_ms: float
    rps: float

    @classmethod
    def of(cls, samples_s: list[float], errors: int, wall_s: float) -> Latency:
        ms = [s * 1000 for s in samples_s]
        return cls(
            requests=len(ms) + errors,
            errors=errors,
            p50_ms=round(percentile(ms, 50), 3),
            p99_ms=round(percentile(ms, 99), 3),
            mean_ms=round(statistics.fmean(ms), 3) if ms else 0.0,
            rps=round(len(ms) / wall_s, 1) if wall_s else 0.0,
        )

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def time_calls(fn: Callable[[], Any], n: int, warmup: int = 3) -> Latency:
    """Call ``fn`` ``n`` times in this process (for in-process baselines)."""
    for _ in range(warmup):
        fn()
    samples = []
    start = time.perf_counter()
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return Latency.of(samples, 0, time.perf_counter() - start)


async def _client_loop(
    client: httpx.AsyncClient,
    requests: list[tuple[str, str, dict[str, Any]]],
    samples: list[float],
    errors: list[str],
) -> None:
    for method, url, kwargs in requests:
        t0 = time.perf_counter()
        try:
            response = await client.request(method, url, **kwargs)
            ok = response.status_code < 400
            await response.aread()
        except httpx.HTTPError as exc:
            ok = False
            errors.append(f"{url}: {exc!r}")
        else:
            if not ok:
                errors.append(f"{url}: HTTP {response.status_code} {response.text[:200]}")
        if ok:
            samples.append(time.perf_counter() - t0)


def http_load(
    base_url: str,
    requests: Iterable[tuple[str, str, dict[str, Any]]],
    *,
    clients: int,
    warmup: int = 5,
) -> tuple[Latency, list[str]]:
    """Send ``requests`` with ``clients`` concurrent connections; each client takes its share
    in order. Returns the latency summary and the first error messages."""
    requests = list(requests)

    async def run() -> tuple[Latency, list[str]]:
        limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
        async with httpx.AsyncClient(base_url=base_url, timeout=60, limits=limits) as client:
            warm: list[float] = []
            await _client_loop(client, requests[:warmup], warm, [])
            samples: list[float] = []
            errors: list[str] = []
            shares = [requests[i::clients] for i in range(clients)]
            start = time.perf_counter()
            await asyncio.gather(*(_client_loop(client, s, samples, errors) for s in shares))
            wall = time.perf_counter() - start
            return Latency.of(samples, len(errors), wall), errors[:5]

    return asyncio.run(run())


# wrk (Debian's `wrk`) sends the HTTP load when it is installed: a C client on epoll, so the
# 8 clients take little of the two cores the server and FalkorDB need. The httpx client below
# runs in this Python process and took a share of them (bench/results: the A/B in
# docs/benchmarks.md). BENCH_CLIENT=httpx or =wrk chooses.
WRK = shutil.which("wrk")
# wrk's Lua hook: the summary as one JSON line (latencies in microseconds).
_WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "failed": %d, "status": %d, "duration_us": %d, '
    .. '"p50_us": %d, "p99_us": %d, "mean_us": %.1f}\\n',
    summary.requests, e.connect + e.read + e.write + e.timeout, e.status, summary.duration,
    latency:percentile(50), latency:percentile(99), latency.mean))
end
"""


def load_generator() -> str:
    """Which client sends the HTTP load: "wrk" or "httpx" (see WRK)."""
    chosen = os.environ.get("BENCH_CLIENT") or ("wrk" if WRK else "httpx")
    if chosen not in ("wrk", "httpx"):
        raise SystemExit(f"BENCH_CLIENT={chosen!r}: use wrk or httpx")
    if chosen == "wrk" and not WRK:
        raise SystemExit("BENCH_CLIENT=wrk but wrk is not installed (Debian: apt-get install wrk)")
    return chosen


def wrk_load(
    base_url: str, path: str, *, clients: int, seconds: float, headers: dict[str, str] | None
) -> tuple[Latency, list[str]]:
    """``clients`` connections sending GET ``path`` back to back for ``seconds``, with wrk.
    An HTTP status of 400 or more counts as an error, like a failed connection or read."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(_WRK_REPORT)
        script.flush()
        cmd = [
            str(WRK),
            f"--threads={min(clients, os.cpu_count() or 1)}",
            f"--connections={clients}",
            f"--duration={max(1, round(seconds))}s",
            "--timeout=60s",
            f"--script={script.name}",
        ]
        for name, value in (headers or {}).items():
            cmd.append(f"--header={name}: {value}")
        done = subprocess.run(
            [*cmd, base_url + path], capture_output=True, text=True, check=False, timeout=600
        )
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr.strip()[:500]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    errors = report["failed"] + report["status"]
    ok = report["requests"] - report["status"]
    latency = Latency(
        requests=report["requests"],
        errors=errors,
        p50_ms=round(report["p50_us"] / 1000, 3),
        p99_ms=round(report["p99_us"] / 1000, 3),
        mean_ms=round(report["mean_us"] / 1000, 3),
        rps=round(ok / (report["duration_us"] / 1e6), 1),
    )
    messages = [f"{path[:80]}: wrk counted {errors} failed requests"] if errors else []
    return latency, messages


def peak_rss_mb(children: bool = False) -> float:
    """Peak resident memory of this process (or of its waited-for children), in MB.

    For this process it is VmHWM, not ``ru_maxrss``: Linux carries ``ru_maxrss`` over fork and
    exec, so a child started by a parent that once peaked at 4 GB (rdflib) reports 4 GB too.
    """
    if not children:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)  # ru_maxrss is KB on Linux


def rss_mb(pid: int | None = None) -> float:
    """Current resident memory of a process, in MB (Linux /proc)."""
    with open(f"/proc/{pid or os.getpid()}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    import platform

    model = ""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            model = next(
                (ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), ""
            )
    except OSError:
        pass
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }

"""Small measuring tools shared by the benchmarks: percentiles, timers, an HTTP load generator.

Every figure is reported next to a baseline measured in the same run (a ratio), because the
machines these run on are shared and noisy; absolute figures are kept for context only.
"""

from __future__ import annotations

import asyncio
import os
import resource
import statistics
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

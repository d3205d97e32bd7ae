"""Start a real `mskg serve` process on a free port for the API tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from mskg.config import Settings
from tests.conftest import CORPUS


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(settings: Settings, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "MSKG_DATA_DIR": str(settings.data_dir),
        "MSKG_GRAPH_URL": settings.graph_url or "",
        "MSKG_GRAPH_NAME": settings.graph_name,
        **extra,
    }


@contextmanager
def running_api(env: dict[str, str], load_corpus: bool = True) -> Iterator[str]:
    """Load the gold corpus with `mskg load`, then serve; yields the base URL."""
    if load_corpus:
        load = subprocess.run(
            [sys.executable, "-m", "mskg.cli", "load", str(CORPUS)],
            env=env,
            capture_output=True,
            text=True,
        )
        assert load.returncode == 0, load.stderr
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mskg.cli", "serve", "--port", str(port), "--log-level", "warning"],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/health", timeout=2).json()["status"] == "ok":
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        proc.kill()
        raise RuntimeError(f"server did not start: {proc.stderr.read() if proc.stderr else ''}")
    try:
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)

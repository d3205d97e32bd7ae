"""Two mskg processes on one data directory, with the embedded stores (no MSKG_GRAPH_URL):
the second one fails with a message that says what to do, writes nothing, and never harms the
first one's stores."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import httpx

from tests.api_server import running_api
from tests.conftest import CORPUS


def mskg(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mskg.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_load_while_serving_fails_clearly_and_changes_nothing(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MSKG_")}
    env["MSKG_DATA_DIR"] = str(tmp_path / "data")
    first = CORPUS / "000_b8b2124286a87c6a.json"
    assert mskg(env, "load", str(first)).returncode == 0
    with running_api(env, load_corpus=False) as base:
        before = httpx.get(f"{base}/stats").json()
        assert before["documents"] == 1

        second = mskg(env, "load", str(CORPUS))
        assert second.returncode == 1
        assert "mskg serve" in second.stderr and "POST /documents" in second.stderr
        assert "Traceback" not in second.stderr

        assert httpx.get(f"{base}/stats").json() == before
        assert httpx.get(f"{base}/health").json()["status"] == "ok"
    # The server stopped its embedded FalkorDB on exit; a later run starts it again and
    # finds the data as the server left it (AOF persistence).
    after = mskg(env, "stats", "--json")
    assert after.returncode == 0, after.stderr
    assert json.loads(after.stdout) == before

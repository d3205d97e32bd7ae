"""The README's path on a fresh machine: `make run` loads corpus/ into the default, relative
data directory (`./data`), checks it and serves it. Run here from a fresh working directory."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from tests.conftest import CORPUS


def test_load_and_check_with_the_default_relative_data_dir(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MSKG_")}
    shutil.copytree(CORPUS, tmp_path / "corpus", ignore=shutil.ignore_patterns("tools", "*.py"))

    def mskg(*args: str) -> subprocess.CompletedProcess[str]:
        return run_or_explain(
            [sys.executable, "-X", "faulthandler", "-m", "mskg.cli", *args], tmp_path, env
        )

    load = mskg("load", "corpus/")
    assert load.returncode == 0, load.stderr
    assert "loaded: 5 documents" in load.stdout
    assert (tmp_path / "data" / "falkordb" / "appendonlydir").is_dir()
    assert (tmp_path / "data" / "oxigraph").is_dir()
    check = mskg("check")
    assert check.returncode == 0, check.stderr
    stats = mskg("stats", "--json")
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["documents"] == 5


def run_or_explain(
    argv: list[str], cwd: Path, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run ``argv``; if it hangs, fail with where it hung: Python's stacks (faulthandler prints
    them on SIGABRT) and the tail of the embedded server's log."""
    process = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGABRT)
        stdout, stderr = process.communicate()
        log = cwd / "data" / "falkordb" / "falkordb.log"
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else "(no server log)"
        raise AssertionError(
            f"{' '.join(argv)} hung for {timeout} s\n--- stderr ---\n{stderr[-6000:]}"
            f"\n--- stdout ---\n{stdout[-2000:]}\n--- falkordb.log ---\n{tail}"
        ) from None
    return subprocess.CompletedProcess(argv, process.returncode, stdout, stderr)

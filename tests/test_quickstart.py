"""The README's path on a fresh machine: `make run` loads corpus/ into the default, relative
data directory (`./data`), checks it and serves it. Run here from a fresh working directory."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from tests.conftest import CORPUS


def test_load_and_check_with_the_default_relative_data_dir(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MSKG_")}
    shutil.copytree(CORPUS, tmp_path / "corpus", ignore=shutil.ignore_patterns("tools", "*.py"))

    def mskg(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mskg.cli", *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
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

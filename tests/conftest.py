"""Shared fixtures: one real embedded FalkorDB for the session, a fresh graph and a fresh
on-disk Oxigraph store per test (or per module for read-only tests)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from mskg.config import Settings
from mskg.pipeline import Stores, load_documents
from mskg.stores.falkordb import EmbeddedServer

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def falkordb_server(tmp_path_factory) -> Iterator[EmbeddedServer]:
    server = EmbeddedServer(tmp_path_factory.mktemp("falkordb"))
    server.start()
    yield server
    server.stop()


def make_settings(data_dir: Path, server: EmbeddedServer, **overrides) -> Settings:
    """Settings for an isolated store pair: own data dir (Oxigraph) and own graph name."""
    return Settings(
        data_dir=data_dir,
        graph_url=f"unix://{server.socket}",
        graph_name=f"test-{uuid.uuid4().hex[:12]}",
        **overrides,
    )


def child_env(settings: Settings) -> dict[str, str]:
    """The environment of an `mskg` child process working on ``settings``' stores."""
    return {
        **os.environ,
        "MSKG_DATA_DIR": str(settings.data_dir),
        "MSKG_GRAPH_URL": str(settings.graph_url),
        "MSKG_GRAPH_NAME": settings.graph_name,
        "PYTHONPATH": str(ROOT),
    }


def kill_load_midway(
    settings: Settings, folder: Path, server: EmbeddedServer, count: str, at_least: int = 20
) -> int:
    """Run `mskg load folder` in a child and SIGKILL it as soon as the read-only Cypher
    ``count`` (one number) reaches ``at_least``; the last count read."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "mskg.cli", "load", str(folder)],
        env=child_env(settings),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(unix_socket_path=str(server.socket))
    deadline, counted = time.monotonic() + 120, 0
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            counted = client.execute_command("GRAPH.RO_QUERY", settings.graph_name, count)[1][0][0]
        except redis.ResponseError:
            counted = 0  # the graph does not exist yet
        if counted >= at_least:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.01)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the load finished before it could be killed"
    return counted


@pytest.fixture
def settings(tmp_path, falkordb_server) -> Settings:
    return make_settings(tmp_path / "data", falkordb_server)


@pytest.fixture
def stores(settings) -> Iterator[Stores]:
    with Stores(settings) as s:
        yield s


@pytest.fixture(scope="module")
def corpus_settings(tmp_path_factory, falkordb_server) -> Settings:
    """A data directory loaded with the gold corpus, shared by a module's read-only tests."""
    s = make_settings(tmp_path_factory.mktemp("corpus") / "data", falkordb_server)
    with Stores(s) as stores:
        report = load_documents(stores, [CORPUS])
        assert report.ok, report.failures
    return s


@pytest.fixture(scope="module")
def corpus_stores(corpus_settings) -> Iterator[Stores]:
    with Stores(corpus_settings) as s:
        yield s


# -- the backend contract (tests/test_contract_*.py, tests/test_search.py) -------------------
# FalkorDB always; Neo4j when MSKG_TEST_NEO4J_URL is set (`make test-neo4j`). The Neo4j leg
# wipes the database it is given before each use: point it at a throwaway one.
BACKENDS = ("falkordb", "neo4j")
NEO4J_URL = "MSKG_TEST_NEO4J_URL"


def backend_settings(backend: str, data_dir: Path, request: pytest.FixtureRequest) -> Settings:
    """Settings for an empty graph on ``backend`` (a skip, with its reason, when not set up)."""
    if backend == "falkordb":
        return make_settings(data_dir, request.getfixturevalue("falkordb_server"))
    url = os.environ.get(NEO4J_URL)
    if not url:
        pytest.skip(
            f"Neo4j leg not run: {NEO4J_URL} is not set "
            "(`make test-neo4j` starts the compose Neo4j and runs it)"
        )
    settings = Settings(
        data_dir=data_dir,
        graph_url=url,
        neo4j_user=os.environ.get("MSKG_TEST_NEO4J_USER", "neo4j"),
        neo4j_password=os.environ.get("MSKG_TEST_NEO4J_PASSWORD"),
        neo4j_database=os.environ.get("MSKG_TEST_NEO4J_DATABASE") or None,
    )
    from mskg.stores.neo4j import Neo4jStore

    store = Neo4jStore(settings)
    try:
        store.driver.execute_query("MATCH (n) DETACH DELETE n", database_=store.database)
    finally:
        store.close()
    return settings


@pytest.fixture(params=BACKENDS)
def backend_stores(request, tmp_path) -> Iterator[Stores]:
    """Empty stores on each backend, one test at a time."""
    with Stores(backend_settings(request.param, tmp_path / "data", request)) as s:
        yield s


@pytest.fixture(scope="module", params=BACKENDS)
def backend_corpus_stores(request, tmp_path_factory) -> Iterator[Stores]:
    """Stores on each backend loaded with the gold corpus, shared by a module's read tests."""
    data_dir = tmp_path_factory.mktemp(f"corpus-{request.param}") / "data"
    with Stores(backend_settings(request.param, data_dir, request)) as s:
        report = load_documents(s, [CORPUS])
        assert report.ok, report.failures
        yield s

"""Shared fixtures: one real embedded FalkorDB for the session, a fresh graph and a fresh
on-disk Oxigraph store per test (or per module for read-only tests)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

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

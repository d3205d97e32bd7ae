"""The embedded FalkorDB: limits that protect it from researchers' queries, and persistence."""

from __future__ import annotations

import contextlib
import threading
import time
from pathlib import Path

import pytest
import redis

from mskg.config import Settings
from mskg.errors import BadQuery, QueryTimeout
from mskg.pipeline import Stores, load_documents, stats
from mskg.stores import falkordb as falkordb_store
from mskg.stores.falkordb import NO_RETRY, READ_GRACE
from tests.conftest import CORPUS, make_settings


def test_a_query_that_builds_a_huge_list_is_refused(stores):
    """QUERY_MEM_CAPACITY: 300 million integers do not fit in the per-query memory."""
    with pytest.raises(BadQuery, match="MiB of memory"):
        stores.graph.read("UNWIND range(1, 300000000) AS x RETURN collect(x) AS xs", timeout=120)
    assert stores.graph.read("RETURN 1 AS ok").rows == [{"ok": 1}]


def test_one_long_step_still_ends_at_the_deadline(tmp_path, falkordb_server):
    """FalkorDB checks its timeout between steps, and building a huge range is one step (it ran
    29 s past a 2 s timeout). The client stops waiting at timeout + grace, unless the memory
    cap stopped the query first, and the store keeps answering."""
    settings = make_settings(tmp_path / "data", falkordb_server, query_timeout=1)
    with Stores(settings) as stores:
        started = time.monotonic()
        with pytest.raises((QueryTimeout, BadQuery)):
            stores.graph.read("UNWIND range(1, 300000000) AS x WITH x WHERE x % 7 = 0 RETURN 1")
        assert time.monotonic() - started < 1 + READ_GRACE + 3
        assert stores.graph.read("RETURN 1 AS ok").rows == [{"ok": 1}]


def test_a_clean_stop_leaves_a_compact_aof_that_restarts(tmp_path):
    """Stopping the embedded server rewrites its AOF into an RDB base, so a restart loads the
    base instead of replaying every write, and finds the same graph."""
    settings = Settings(data_dir=tmp_path / "data")  # no MSKG_GRAPH_URL: the embedded server
    with Stores(settings) as stores:
        assert load_documents(stores, [CORPUS]).ok
        before = stats(stores)
    aof = tmp_path / "data" / "falkordb" / "appendonlydir"
    manifest = next(aof.glob("*.manifest")).read_text()
    assert ".base.rdb" in manifest
    increments = [f for f in aof.glob("*.incr.aof")]
    assert increments and all(f.stat().st_size < 1024 for f in increments)
    with Stores(settings) as stores:
        assert stats(stores) == before


def test_a_server_that_never_answers_its_first_query_is_restarted(tmp_path, monkeypatch):
    """A CI run once hung on an embedded server that answered PING but not its first graph
    query. Here both of the server's query threads are held by endless reads, so the schema
    queries queue behind them: the store restarts the server it started and goes on."""
    monkeypatch.setattr(falkordb_store, "FIRST_QUERY_TIMEOUT", 2.0)
    settings = Settings(data_dir=tmp_path / "data")
    with Stores(settings) as stores:
        server = stores.graph.server
        first_pid = server.process.pid
        endless = "UNWIND range(1, 3000000000) AS x WITH x WHERE x % 7 = 0 RETURN count(x)"
        blockers = [
            threading.Thread(target=_hold_a_query_thread, args=(server.socket, endless))
            for _ in range(2)
        ]
        for t in blockers:
            t.start()
        time.sleep(1.0)
        started = time.monotonic()
        stores.graph.ensure_schema()
        assert server.process.pid != first_pid
        assert time.monotonic() - started < 2.0 + 20
        assert load_documents(stores, [CORPUS]).ok
        assert stats(stores)["documents"] == 5
        for t in blockers:
            t.join(timeout=10)
            assert not t.is_alive()


def _hold_a_query_thread(socket: Path, query: str) -> None:
    # No resend: redis-py's default retry would send the endless query again, to the restarted
    # server, as soon as it is up. The restart kills the server under it: the connection
    # breaks or times out.
    client = redis.Redis(unix_socket_path=str(socket), retry=NO_RETRY)
    with contextlib.suppress(redis.ConnectionError, redis.TimeoutError):
        client.execute_command("GRAPH.RO_QUERY", "mskg", query)

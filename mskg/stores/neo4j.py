"""Neo4j 5 (a server, Aura, or a cluster through ``neo4j://`` routing) with the official driver.

Same contract as ``FalkorStore``: one managed write transaction per source runs the statements
``mskg.stores.plan`` computes (from reads made inside that same transaction, so a retry by
the driver re-plans from what it sees); reads run in READ access mode with a per-query
timeout, after an ``EXPLAIN`` whose query type must be ``r`` (read only); answers decode to
the JSON shapes of ``mskg.stores.base``.

Credentials: ``MSKG_NEO4J_USER``/``MSKG_NEO4J_PASSWORD`` for writes; when
``MSKG_NEO4J_READONLY_USER`` is set, every read goes through a second driver with that user
(a user with only the ``reader`` role: role-based access needs Neo4j Enterprise or Aura).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from neo4j import READ_ACCESS, WRITE_ACCESS, Driver, GraphDatabase, ManagedTransaction, Query
from neo4j.exceptions import AuthError, DriverError, Neo4jError
from neo4j.graph import Node, Path, Relationship

from mskg.config import Settings
from mskg.errors import BadQuery, MskgError, QueryTimeout, ReadOnlyViolation, StoreUnavailable
from mskg.stores import cypher, dialect, plan
from mskg.stores.base import GraphBatch, QueryResult

# Server-side codes that mean "the query ran out of time" (client-set or db.transaction.timeout).
TIMEOUT_CODES = (
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
    "Neo.TransientError.Transaction.TransactionTimedOut",
)
READ_ONLY_CODES = (
    "Neo.ClientError.Statement.AccessMode",
    "Neo.ClientError.Security.Forbidden",
    "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase",
)
NODE_IDS = "UNWIND $ids AS e MATCH (n) WHERE elementId(n) = e RETURN e, n.id"


def _driver(url: str, user: str | None, password: str | None) -> Driver:
    auth = (user, password) if user and password is not None else None
    return GraphDatabase.driver(
        url, auth=auth, user_agent="mskg", connection_timeout=10, max_transaction_retry_time=15
    )


def _fetch(tx: ManagedTransaction) -> plan.Fetch:
    return lambda query, params: [list(r.values()) for r in tx.run(query, params)]


class Neo4jStore:
    dialect = dialect.NEO4J

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.where = settings.graph_url or ""
        self.database = settings.neo4j_database or None  # None: the user's home database
        self.driver = _driver(self.where, settings.neo4j_user, settings.neo4j_password)
        self.reader = self.driver
        if settings.neo4j_readonly_user:
            self.reader = _driver(
                self.where, settings.neo4j_readonly_user, settings.neo4j_readonly_password
            )

    # -- errors ---------------------------------------------------------------------------
    @contextlib.contextmanager
    def _reachable(self) -> Iterator[None]:
        """Connection and credential failures -> StoreUnavailable (503) naming the server."""
        try:
            yield
        except MskgError:
            raise
        except AuthError as exc:
            raise StoreUnavailable(
                f"Neo4j at {self.where} refused the credentials: {exc.message}",
                hint="set MSKG_NEO4J_USER and MSKG_NEO4J_PASSWORD (and the read-only pair)",
            ) from None
        except Neo4jError as exc:
            raise StoreUnavailable(f"Neo4j failed: {exc.code}: {exc.message}") from None
        except (DriverError, OSError) as exc:
            raise StoreUnavailable(
                f"Neo4j at {self.where} is not reachable: {exc}",
                hint="check MSKG_GRAPH_URL and that the server is up (docker compose ps)",
            ) from None

    def _session(self, driver: Driver, mode: str = WRITE_ACCESS):
        return driver.session(database=self.database, default_access_mode=mode)

    # -- schema ---------------------------------------------------------------------------
    def ensure_schema(self) -> None:
        """Uniqueness constraints (which also index ``id``) before any MERGE; full-text index."""
        with self._reachable(), self._session(self.driver) as session:
            for statement in dialect.SCHEMA[self.dialect]:
                try:
                    session.run(statement).consume()
                except Neo4jError as exc:
                    raise StoreUnavailable(
                        f"Neo4j refused the schema statement {statement!r}: {exc.message}",
                        hint="the user needs schema rights (the admin or architect role)",
                    ) from None

    # -- writes ---------------------------------------------------------------------------
    def document_hash(self, doc_id: str) -> str | None:
        return self.document_hashes([doc_id]).get(doc_id)

    def document_hashes(self, doc_ids: list[str]) -> dict[str, str]:
        with self._reachable(), self._session(self.driver, READ_ACCESS) as session:
            return session.execute_read(lambda tx: plan.previous_hashes(doc_ids, _fetch(tx)))

    def _write(self, changes: list[plan.Change]) -> bool:
        def work(tx: ManagedTransaction) -> bool:
            fetch = _fetch(tx)
            deleting = all(batch is None for _, batch in changes)
            if deleting and not plan.previous_hashes([s for s, _ in changes], fetch):
                return False  # nothing to delete
            for query, params in plan.replace_sources(changes, fetch):
                tx.run(query, params).consume()
            return True

        with self._reachable(), self._session(self.driver) as session:
            try:
                return session.execute_write(work)
            except Neo4jError as exc:
                raise StoreUnavailable(f"Neo4j refused a write: {exc.code}: {exc.message}") from exc

    def write(self, batch: GraphBatch) -> None:
        self._write([(batch.source, batch)])

    def write_many(self, batches: list[GraphBatch]) -> None:
        self._write([(b.source, b) for b in batches])

    def delete(self, source: str) -> bool:
        return self._write([(source, None)])

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
        seconds = max(timeout, 0.001)  # 0 would mean "no timeout" to Neo4j
        params = params or {}
        truncated = False
        with self._reachable(), self._session(self.reader, READ_ACCESS) as session:
            try:
                # READ access mode already stops writes; the plan's query type also catches
                # what a READ session lets through on some setups (schema, procedures).
                kind = session.run(Query(f"EXPLAIN {query}", timeout=seconds), params)
                query_type = kind.consume().query_type
                if query_type != "r":
                    raise ReadOnlyViolation(
                        "this query writes (or its type could not be checked); only read "
                        f"queries are allowed here (query type {query_type!r})",
                        hint="use MATCH … RETURN; writes go through mskg load or POST /documents",
                    )
                result = session.run(Query(query, timeout=seconds), params)
                columns = list(result.keys())
                records: list[list[Any]] = []
                for record in result:
                    if row_cap is not None and len(records) >= row_cap:
                        truncated = True
                        break
                    records.append(list(record.values()))
                names = self._entity_ids(session, records, seconds)
            except Neo4jError as exc:
                raise _read_error(exc, timeout) from None
            except (TypeError, ValueError) as exc:  # parameters the driver cannot encode
                raise BadQuery(
                    f"bad query parameters: {exc}", hint="use plain JSON values"
                ) from None
        rows = [{c: decode(v, names) for c, v in zip(columns, r, strict=True)} for r in records]
        return QueryResult(columns=columns, rows=rows, truncated=truncated)

    def _entity_ids(self, session: Any, records: list[list[Any]], seconds: float) -> dict:
        """Entity ids of every node the answer refers to, looked up for relationship ends
        that came as bare element ids."""
        names, missing = known_ids(records)
        if missing:
            found = session.run(Query(NODE_IDS, timeout=seconds), {"ids": sorted(missing)})
            names.update({r[0]: r[1] for r in found})
        return names

    def close(self) -> None:
        try:
            self.driver.close()
        finally:
            if self.reader is not self.driver:
                self.reader.close()


def known_ids(records: list[list[Any]]) -> tuple[dict[str, Any], set[str]]:
    """Element id -> entity id for the nodes in an answer, and the element ids of
    relationship ends whose node is not in it (the driver gives those without properties)."""
    names: dict[str, Any] = {}
    ends: set[str] = set()
    for value in _walk(records):
        if isinstance(value, Node) and "id" in value:
            names[value.element_id] = value["id"]
        elif isinstance(value, Relationship):
            ends.update(n.element_id for n in value.nodes if n is not None)
    return names, ends - set(names)


def _read_error(exc: Neo4jError, timeout: float) -> MskgError:
    code = exc.code or ""
    if code in TIMEOUT_CODES or code.endswith("Transaction.Terminated"):
        return QueryTimeout(
            f"the query ran longer than {timeout:g} s", hint="add a LIMIT or narrow the MATCH"
        )
    if code in READ_ONLY_CODES:
        return ReadOnlyViolation(
            "this query writes; only read queries are allowed here",
            hint="use MATCH … RETURN; writes go through mskg load or POST /documents",
        )
    if code.startswith("Neo.ClientError."):
        return BadQuery(f"Neo4j: {exc.message}", hint="check the Cypher syntax and parameters")
    return StoreUnavailable(f"Neo4j failed the query: {code}: {exc.message}")


def _walk(value: Any) -> Iterator[Any]:
    yield value
    if isinstance(value, Path):
        yield from value.nodes
        yield from value.relationships
    elif isinstance(value, list | tuple):
        for x in value:
            yield from _walk(x)
    elif isinstance(value, dict):
        for x in value.values():
            yield from _walk(x)


def _labels(labels: frozenset[str], type_: Any) -> list[str]:
    """Root first, as FalkorDB returns them (the driver gives an unordered set)."""
    from mskg.ontology import load_ontology

    try:
        order = load_ontology().node_labels(str(type_)) if type_ else []
    except KeyError:
        order = []
    known = [label for label in order if label in labels]
    return known + sorted(labels - set(known))


def decode(v: Any, names: dict[str, Any]) -> Any:
    """Driver values -> the JSON shapes of ``mskg.stores.base`` (same as FalkorDB's)."""
    if isinstance(v, Node):
        props = {k: x for k, x in v.items() if k not in cypher.HIDDEN}
        return {
            "id": props.get("id"),
            "labels": _labels(v.labels, props.get("type")),
            "properties": props,
        }
    if isinstance(v, Relationship):
        start, end = v.start_node, v.end_node
        return {
            "type": v.type,
            "source": names.get(start.element_id) if start is not None else None,
            "target": names.get(end.element_id) if end is not None else None,
            "properties": dict(v.items()),
        }
    if isinstance(v, Path):
        return {
            "nodes": [decode(n, names) for n in v.nodes],
            "relationships": [decode(r, names) for r in v.relationships],
        }
    if isinstance(v, list | tuple):
        return [decode(x, names) for x in v]
    if isinstance(v, dict):
        return {k: decode(x, names) for k, x in v.items()}
    if hasattr(v, "iso_format"):  # neo4j.time values
        return v.iso_format()
    return v

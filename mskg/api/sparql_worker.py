"""SPARQL in a worker process, so a runaway query can be stopped at its deadline.

pyoxigraph cannot cancel a query from Python. The server process owns the read-write store;
a worker process opens it read-only (``Store.read_only``), which sees the data as of its
opening: after each write the server bumps a generation and the worker reopens before its
next query. A query that overruns is answered 504 and the worker is killed and replaced.
"""

from __future__ import annotations

import multiprocessing as mp
import re
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from mskg.errors import BadQuery, QueryTimeout, ReadOnlyViolation, StoreUnavailable

RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX|BASE)\s+[^\n]*\s*)*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.I,
)


@dataclass
class Answer:
    media_type: str
    body: bytes


def _serve(conn: Connection, path: str) -> None:
    """The worker's loop: (query, result_fmt, graph_fmt, default, named, generation) -> answer."""
    from pyoxigraph import (
        NamedNode,
        QueryBoolean,
        QueryResultsFormat,
        QuerySolutions,
        RdfFormat,
        Store,
    )

    store, opened = None, -1
    results = {
        "json": QueryResultsFormat.JSON,
        "xml": QueryResultsFormat.XML,
        "csv": QueryResultsFormat.CSV,
        "tsv": QueryResultsFormat.TSV,
    }
    graphs = {"ttl": RdfFormat.TURTLE, "nt": RdfFormat.N_TRIPLES, "rdfxml": RdfFormat.RDF_XML}
    while True:
        try:
            query, rfmt, gfmt, default, named, generation = conn.recv()
        except EOFError:
            return
        try:
            if store is None or generation != opened:
                store, opened = Store.read_only(path), generation
            kwargs: dict[str, Any] = {}
            if default:
                kwargs["default_graph"] = [NamedNode(u) for u in default]
            else:
                kwargs["use_default_graph_as_union"] = True
            if named:
                kwargs["named_graphs"] = [NamedNode(u) for u in named]
            for attempt in range(8):
                try:
                    if store is None:
                        store = Store.read_only(path)
                    out = store.query(query, **kwargs)
                    break
                except (RuntimeError, OSError) as exc:
                    # The writer compacted away files this read-only view still listed
                    # ("No such file", "Corruption"): reopen on the current files and retry.
                    if attempt == 7 or not _stale(exc):
                        raise
                    store = None
                    time.sleep(0.02 * 2**attempt)
            if isinstance(out, QuerySolutions | QueryBoolean):
                if isinstance(out, QueryBoolean) and rfmt in ("csv", "tsv"):
                    rfmt = "json"  # booleans have no CSV/TSV form
                conn.send(("ok", RESULT_TYPES[rfmt], out.serialize(format=results[rfmt])))
            else:
                if gfmt == "jsonld":
                    from rdflib import Graph

                    nt = out.serialize(format=RdfFormat.N_TRIPLES)
                    body = Graph().parse(data=nt, format="nt").serialize(format="json-ld")
                    conn.send(("ok", GRAPH_TYPES[gfmt], body.encode("utf-8")))
                else:
                    conn.send(("ok", GRAPH_TYPES[gfmt], out.serialize(format=graphs[gfmt])))
        except SyntaxError as exc:
            conn.send(("syntax", "", str(exc).encode()))
        except Exception as exc:  # report to the server, keep serving
            conn.send(("error", "", f"{type(exc).__name__}: {exc}".encode()))


def _stale(exc: BaseException) -> bool:
    text = str(exc)
    return "No such file" in text or "Corruption" in text


class SparqlWorker:
    def __init__(self, path: str) -> None:
        self.path = path
        self.generation = 0
        self.lock = threading.Lock()
        self._ctx = mp.get_context("spawn")
        self._start()

    def _start(self) -> None:
        self.conn, child = self._ctx.Pipe()
        self.process = self._ctx.Process(target=_serve, args=(child, self.path), daemon=True)
        self.process.start()
        child.close()

    def invalidate(self) -> None:
        """The store changed: the worker reopens it before the next query."""
        self.generation += 1

    def query(
        self,
        query: str,
        *,
        result_format: str = "json",
        graph_format: str = "ttl",
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        timeout: float = 10.0,
    ) -> Answer:
        if _UPDATE.match(query):
            raise ReadOnlyViolation(
                "SPARQL updates are refused; this endpoint answers queries",
                hint="documents are loaded with POST /documents",
            )
        with self.lock:
            if not self.process.is_alive():
                self._start()
            self.conn.send(
                (
                    query,
                    result_format,
                    graph_format,
                    default_graphs or [],
                    named_graphs or [],
                    self.generation,
                )
            )
            if not self.conn.poll(timeout):
                self.process.kill()
                self.process.join()
                self._start()
                raise QueryTimeout(
                    f"the SPARQL query ran longer than {timeout:g} s and was stopped",
                    hint="add LIMIT or narrow the patterns",
                )
            try:
                status, media_type, body = self.conn.recv()
            except EOFError:
                self._start()
                raise StoreUnavailable("the SPARQL worker stopped; try again") from None
        if status == "syntax":
            raise BadQuery(f"SPARQL syntax error: {body.decode()}", hint="check the query")
        if status == "error":
            raise BadQuery(f"SPARQL error: {body.decode()}")
        return Answer(media_type, body)

    def close(self) -> None:
        self.conn.close()
        self.process.kill()
        self.process.join()

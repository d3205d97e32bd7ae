"""SPARQL in worker processes, so a runaway query can be stopped at its deadline.

pyoxigraph cannot cancel a query from Python, so queries run in worker processes that can be
killed: one that overruns is answered 504 and its worker replaced. The server process owns the
read-write store. Workers never open that store: pyoxigraph documents a read-only opening
while another process writes as undefined behaviour (and we saw "Corruption: … No such file"
errors from it after compactions). Instead, after each write the server takes a snapshot
(``Store.backup``, a RocksDB checkpoint made of hard links: tens of ms) and the workers open
the newest snapshot read-only before their next query. Snapshots no worker uses are removed.

A query's default graph is the store's merged graph (``mskg.stores.oxigraph``) unless it names
graphs with ``default-graph-uri`` or asks for the union of every graph.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import re
import shutil
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from mskg.errors import BadQuery, QueryTimeout, ReadOnlyViolation, StoreUnavailable
from mskg.stores.oxigraph import OxigraphStore, dataset_options

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


def _serve(conn: Connection) -> None:
    """The worker's loop: (query, result_fmt, graph_fmt, default, named, union, snapshot) ->
    answer."""
    from pyoxigraph import (
        QueryBoolean,
        QueryResultsFormat,
        QuerySolutions,
        RdfFormat,
        Store,
    )

    store, opened = None, ""
    results = {
        "json": QueryResultsFormat.JSON,
        "xml": QueryResultsFormat.XML,
        "csv": QueryResultsFormat.CSV,
        "tsv": QueryResultsFormat.TSV,
    }
    graphs = {"ttl": RdfFormat.TURTLE, "nt": RdfFormat.N_TRIPLES, "rdfxml": RdfFormat.RDF_XML}
    while True:
        try:
            query, rfmt, gfmt, default, named, union, path = conn.recv()
        except EOFError:
            return
        try:
            if store is None or path != opened:
                store, opened = Store.read_only(path), path
            out = store.query(query, **dataset_options(default, named, union))
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


class SparqlWorker:
    """One worker process and the pipe to it; used by one request at a time (see the pool)."""

    def __init__(self) -> None:
        self.opened = ""  # the snapshot it last opened
        self._ctx = mp.get_context("spawn")
        self._start()

    def _start(self) -> None:
        self.conn, child = self._ctx.Pipe()
        self.process = self._ctx.Process(target=_serve, args=(child,), daemon=True)
        self.process.start()
        child.close()

    def alive(self) -> bool:
        return self.process.is_alive()

    def ask(self, request: tuple[Any, ...], timeout: float) -> tuple[str, str, bytes]:
        if not self.process.is_alive():
            self._start()
        self.conn.send(request)
        if not self.conn.poll(timeout):
            self.process.kill()  # the only way to stop a pyoxigraph query
            self.process.join()
            self._start()
            raise QueryTimeout(
                f"the SPARQL query ran longer than {timeout:g} s and was stopped",
                hint="add LIMIT or narrow the patterns",
            )
        try:
            return self.conn.recv()
        except EOFError:
            self._start()
            raise StoreUnavailable("the SPARQL worker stopped; try again") from None

    def close(self) -> None:
        self.conn.close()
        self.process.kill()
        self.process.join()


class SparqlPool:
    """``size`` workers, so concurrent queries do not wait behind one another. A request that
    finds no worker free before its own deadline is answered 503 rather than queued for ever."""

    def __init__(self, store: OxigraphStore, snapshots: Path, size: int = 2) -> None:
        self.store = store
        self.snapshots = snapshots
        self.generation = 0
        self.current = ""
        self.lock = threading.Lock()  # guards current, the workers' `opened` and removals
        shutil.rmtree(snapshots, ignore_errors=True)  # leftovers of an earlier run
        snapshots.mkdir(parents=True)
        self.refresh()
        self.workers = [SparqlWorker() for _ in range(max(1, size))]
        self.free: queue.Queue[SparqlWorker] = queue.Queue()
        for worker in self.workers:
            self.free.put(worker)

    def refresh(self) -> None:
        """The store changed: snapshot it; workers move to the snapshot at their next query."""
        with self.lock:
            self.generation += 1
            target = self.snapshots / str(self.generation)
            self.store.snapshot(target)
            self.current = str(target)
            self._remove_unused()

    def _remove_unused(self) -> None:
        in_use = {self.current} | {w.opened for w in getattr(self, "workers", [])}
        for old in self.snapshots.iterdir():
            if str(old) not in in_use:
                shutil.rmtree(old, ignore_errors=True)

    def alive(self) -> bool:
        return all(w.alive() for w in self.workers)

    def query(
        self,
        query: str,
        *,
        result_format: str = "json",
        graph_format: str = "ttl",
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        union: bool = False,
        timeout: float = 10.0,
    ) -> Answer:
        if _UPDATE.match(query):
            raise ReadOnlyViolation(
                "SPARQL updates are refused; this endpoint answers queries",
                hint="documents are loaded with POST /documents",
            )
        started = time.monotonic()
        try:
            worker = self.free.get(timeout=timeout)
        except queue.Empty:
            raise StoreUnavailable(
                f"all {len(self.workers)} SPARQL workers stayed busy for {timeout:g} s",
                hint="try again shortly, or raise MSKG_SPARQL_WORKERS",
            ) from None
        with self.lock:
            worker.opened = self.current
        request = (
            query,
            result_format,
            graph_format,
            default_graphs or [],
            named_graphs or [],
            union,
            worker.opened,
        )
        try:
            remaining = max(0.1, timeout - (time.monotonic() - started))
            status, media_type, body = worker.ask(request, remaining)
        finally:
            self.free.put(worker)
        if status == "syntax":
            raise BadQuery(f"SPARQL syntax error: {body.decode()}", hint="check the query")
        if status == "error":
            raise BadQuery(f"SPARQL error: {body.decode()}")
        return Answer(media_type, body)

    def close(self) -> None:
        for worker in self.workers:
            worker.close()
        shutil.rmtree(self.snapshots, ignore_errors=True)

"""The load pipeline: files -> validated documents -> both stores, idempotently.

Per document: the RDF named graph is replaced first, then the property-graph source in a
transaction that also records the document's hash (a load gives the graph store
``GRAPH_BATCH`` documents per transaction). A document whose hash both stores already
hold is skipped, so a rerun after a crash rewrites exactly what was interrupted.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, Quad

from mskg.config import Settings
from mskg.document import Document
from mskg.errors import InvalidDocument, MskgError, Problem
from mskg.loaders import iter_sources, read_source
from mskg.loaders.graph import document_batch, document_sha256, registry_batch, registry_sha256
from mskg.loaders.rdf import (
    doc_iri,
    document_quads,
    ontology_graph,
    ontology_quads,
    registry_graph,
    registry_quads,
)
from mskg.ontology import load_registry
from mskg.ontology.registry import REGISTRY_SOURCE
from mskg.stores import cypher, open_graph_store
from mskg.stores.base import GraphBatch, GraphStore
from mskg.stores.oxigraph import SHA256, OxigraphStore

Progress = Callable[[str], None]
# Documents the graph store gets in one transaction during a load: a few statements for them
# all instead of a dozen per document, and a hub node or relationship rewritten once for
# them all (bench/, docs/benchmarks.md). Each source is still all or nothing.
GRAPH_BATCH = 100


class Stores:
    """Both stores of one data directory, opened together (a context manager)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.rdf = OxigraphStore(Path(settings.data_dir) / "oxigraph")
        try:
            self.graph: GraphStore = open_graph_store(settings)
            self.graph.ensure_schema()
        except BaseException:
            self.rdf.close()
            raise

    @property
    def base(self) -> str:
        return self.settings.base

    def close(self) -> None:
        try:
            self.graph.close()
        finally:
            self.rdf.close()

    def __enter__(self) -> Stores:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass
class Failure:
    source: str
    message: str
    problems: list[Problem] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "message": self.message,
            "problems": [p.__dict__ for p in self.problems],
        }


@dataclass
class LoadReport:
    documents: int = 0
    skipped: int = 0
    entities: int = 0
    relations: int = 0
    triples: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    loaded: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "skipped": self.skipped,
            "entities": self.entities,
            "relations": self.relations,
            "triples": self.triples,
            "seconds": round(self.seconds, 3),
            "failures": [f.to_json() for f in self.failures],
        }


def _failure(source: str, exc: MskgError) -> Failure:
    problems = exc.problems if isinstance(exc, InvalidDocument) else []
    return Failure(source, str(exc), problems)


def read_all(
    items: Iterable[str | Path | Document], failures: list[Failure]
) -> Iterator[tuple[str, Document]]:
    """Documents from files/folders or Document objects; failures are collected, not raised.
    A document id seen twice is a failure of the second file."""
    seen: dict[str, str] = {}
    paths: list[str | Path] = []
    for item in items:
        if isinstance(item, Document):
            yield from _unique([("<memory>", item)], seen, failures)
        else:
            paths.append(item)
    try:
        files = list(iter_sources(paths))
    except MskgError as exc:
        failures.append(_failure(str(paths), exc))
        return
    for f in files:
        try:
            docs = read_source(f)
        except MskgError as exc:
            failures.append(_failure(str(f), exc))
            continue
        yield from _unique([(str(f), d) for d in docs], seen, failures)


def _unique(pairs, seen: dict[str, str], failures: list[Failure]):
    for source, doc in pairs:
        if doc.id in seen:
            failures.append(
                Failure(
                    source,
                    f"{source}: document id {doc.id!r} is also in {seen[doc.id]}",
                    [Problem("$.id", "duplicate document id", "give each document its own id")],
                )
            )
            continue
        seen[doc.id] = source
        yield source, doc


def ensure_registry(stores: Stores) -> bool:
    """Load the registry, thesaurus and ontology when a store lacks their current version."""
    registry = load_registry()
    sha = registry_sha256(registry)
    g = registry_graph(stores.base)
    if stores.graph.document_hash(REGISTRY_SOURCE) == sha and stores.rdf.graph_hash(g.value) == sha:
        return False
    quads = [*registry_quads(registry, stores.base), Quad(g, SHA256, Literal(sha), g)]
    onto = ontology_quads(stores.base)
    stores.rdf.replace_graph(ontology_graph(stores.base).value, onto)
    stores.rdf.replace_graph(g.value, quads)
    stores.graph.write(registry_batch(registry, sha))
    return True


def write_documents(stores: Stores, docs: list[Document]) -> list[int | None]:
    """Write documents (distinct ids) to both stores: how many triples each, None for one
    whose version both already hold. The RDF graphs come first (a document's graph is
    replaced, new ones are added together, in bulk when they are many), then the graph store
    gets every document in one transaction (each with its hash)."""
    held = stores.graph.document_hashes([doc.id for doc in docs])
    batches: list[GraphBatch] = []
    written: list[int | None] = []
    graphs: list[tuple[str, list[Quad]]] = []
    for doc in docs:
        text = doc.to_json()
        sha = document_sha256(doc, text)
        graph_iri = doc_iri(stores.base, doc.id).value
        if held.get(doc.id) == sha and stores.rdf.graph_hash(graph_iri) == sha:
            written.append(None)
            continue
        quads = document_quads(doc, stores.base, sha)
        graphs.append((graph_iri, quads))
        batches.append(document_batch(doc, sha, text))
        written.append(len(quads))
    stores.rdf.write_graphs(graphs)
    if batches:
        stores.graph.write_many(batches)
    return written


def write_document(stores: Stores, doc: Document) -> int | None:
    """Write one document to both stores; None when both already hold this version."""
    return write_documents(stores, [doc])[0]


def load_documents(
    stores: Stores,
    items: Iterable[str | Path | Document],
    *,
    strict: bool = False,
    progress: Progress | None = None,
) -> LoadReport:
    """Validate and load; bad documents write nothing (``strict``: nothing at all if any is bad)."""
    started = time.perf_counter()
    report = LoadReport()
    items = list(items)
    if strict:  # first pass: validate everything, write nothing
        for _ in read_all(items, report.failures):
            pass
        if report.failures:
            report.seconds = time.perf_counter() - started
            return report
    ensure_registry(stores)
    entities: set[str] = set()
    pending: list[tuple[str, Document]] = []

    def write_pending() -> None:
        for (source, doc), written in zip(
            pending, write_documents(stores, [doc for _, doc in pending]), strict=True
        ):
            if written is None:
                report.skipped += 1
            else:
                report.documents += 1
                report.triples += written
                report.relations += len(doc.relations)
                entities.update(doc.entity_ids())
                report.loaded.append(doc.id)
            if progress:
                progress(source)
        pending.clear()

    for source, doc in read_all(items, report.failures if not strict else []):
        pending.append((source, doc))
        if len(pending) >= GRAPH_BATCH:
            write_pending()
    write_pending()
    report.entities = len(entities)
    stores.rdf.flush()
    report.seconds = time.perf_counter() - started
    return report


def delete_document(stores: Stores, doc_id: str) -> bool:
    """Retract what only ``doc_id`` supports, in both stores. False when it was not loaded."""
    in_graph = stores.graph.delete(doc_id)
    in_rdf = stores.rdf.drop_graph(doc_iri(stores.base, doc_id).value)
    stores.rdf.flush()
    return in_graph or in_rdf


def stats(stores: Stores) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, query in cypher.STATS.items():
        rows = stores.graph.read(query, timeout=60).rows
        if key.startswith("by_"):
            out[key] = {r["k"]: r["n"] for r in rows}
        else:
            out[key] = rows[0]["n"] if rows else 0
    out["triples"] = len(stores.rdf)
    return {
        k: out[k]
        for k in ("documents", "entities", "relations", "triples", "by_class", "by_relation")
    }

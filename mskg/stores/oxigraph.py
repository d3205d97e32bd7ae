"""Oxigraph on disk: the RDF store (one named graph per document) and its SPARQL engine.

The store's default graph is the **merged graph**: every fact of every named graph, once.
A statement of graph ``G`` is a fact unless it is about ``G`` itself or a node inside it
(subject ``G`` or ``G#…``: a document, its mentions, assertions, selectors and hash) or holds a
blank node; so the merged graph holds the ontology, the registry and each document's entity
descriptions and entity-to-entity statements, and no provenance. SPARQL runs on it by default:
the same fact stated by hundreds of documents is one triple there, where the union of the named
graphs had to scan and deduplicate every copy (the benchmark's 2-hop query at 10,000
documents: 1.5 s on the union, 17 ms on the merged graph). The named graphs stay as they were,
for ``GRAPH ?g {…}``.

The merged graph is kept by the writes, each one transaction that leaves it equal to the
merge of the named graphs, so a crash between them (or anywhere) needs nothing more than the
pipeline's rerun: ``drop_graph`` removes a graph together with the facts no other graph states;
``replace_graph`` drops, then adds the graph and its facts. A store written before the merged
graph existed (named graphs, empty default graph) gets it rebuilt when opened.

``add_graphs`` is the one write that is not a transaction. A load's group of new documents
goes through pyoxigraph's bulk loader (RocksDB files built aside and ingested: about 3x the
speed of a transactional insert, bench/), which may leave part of a group behind if the
process dies. So the group's graph names are first written to a file in the store's
directory (``BULK_FILE``, durable before the bulk load starts) and the file is removed once
the bulk load is done; a store opened with that file drops the graphs it names and rebuilds
the merged graph, and those documents, left without a hash, are rewritten by the pipeline's
rerun. The names are kept out of the store itself: a transactional write next to each bulk
ingestion made RocksDB flush and stall (below, ``BULK_FILE``).

pyoxigraph opens a store read-write in one process only (a lock in the directory). The
process that loads or serves owns it; another process gets ``StoreBusy`` with what to do.
Other processes never open it, even read-only (pyoxigraph calls a read-only opening of a
store that another process writes undefined behaviour): they read a ``snapshot``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any, cast

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    Triple,
    serialize,
)

from mskg.errors import StoreBusy, StoreUnavailable
from mskg.ontology.model import NS

RDF_FORMATS = {
    "trig": RdfFormat.TRIG,
    "nq": RdfFormat.N_QUADS,
    "ttl": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "rdfxml": RdfFormat.RDF_XML,
    "jsonld": RdfFormat.JSON_LD,
}
RESULT_FORMATS = {
    "json": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
}
SHA256 = NamedNode(NS + "sha256")
# The graphs a bulk load is writing (see the module docstring), one IRI a line, in a file of
# the store's directory (RocksDB leaves files it did not name alone). They used to be quads in
# the store, written in a transaction before each ingestion and deleted after it: at 57,000
# documents that delete took 10% of a load's wall time (py-spy), waiting on the flush and
# compaction the ingestion had started, for what costs a file write and an unlink here.
BULK_FILE = "mskg-bulk-loading.txt"
# Where stores written before kept those names: ``<LOADING> <LOADING> <g>`` in the default
# graph, or (older) a graph of that name. Still read, so their interrupted loads are undone.
LOADING = NamedNode(NS + "loading")
# Fewer new graphs than this go through transactional inserts: the bulk loader's fixed cost
# (files written and ingested per call) is not worth it for an upload of a few documents, and a
# transaction keeps a running server's readers from seeing a half-written document.
BULK_MIN = 20
# Quads inserted by transactions between flushes. pyoxigraph does not bound RocksDB's
# memtables: loading one document per transaction grew the process to ~2 GB after 3,000
# synthetic documents (~1,100 quads each) and ~4 GB at 10,000, and a flush every 200 documents
# kept it near 300 MB. The bulk loader writes files directly, so its quads do not count: a
# flush every 200 documents took a quarter of a 100,000-document bulk load's time.
FLUSH_QUADS = 200_000
log = logging.getLogger("mskg.stores")


def facts_of(graph_iri: str, quads: Iterable[Quad]) -> set[Quad]:
    """The statements of the graph ``graph_iri`` among ``quads`` that belong to the merged
    graph, as default-graph quads: those whose subject is an IRI that is neither the graph
    itself nor a node inside it (``G#…``), with no blank node (a blank node belongs to the
    graph that states it; the ontology's are OWL lists)."""
    inside = graph_iri + "#"
    return {
        Quad(q.subject, q.predicate, q.object)
        for q in quads
        if type(q.subject) is NamedNode
        and type(q.object) is not BlankNode
        and (s := q.subject.value) != graph_iri
        and not s.startswith(inside)
        and isinstance(q.graph_name, NamedNode)
        and q.graph_name.value == graph_iri
    }


# ``facts_of`` in SPARQL, for ``?s ?p ?o`` in graph ``?g``.
_FACT = '(isIRI(?s) && !isBlank(?o) && ?s != ?g && !STRSTARTS(STR(?s), CONCAT(STR(?g), "#")))'
# The merged graph from scratch, in one transaction.
REBUILD = f"""CLEAR DEFAULT ;
INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER{_FACT} }}"""
# A graph's facts. The graph is a constant, so the filter is cheap: with ``?g`` bound by
# VALUES, or CONCAT per row, it cost several times the scan.
_FACTS_OF = """SELECT ?s ?p ?o WHERE {{
  GRAPH {g} {{ ?s ?p ?o }}
  FILTER(isIRI(?s) && !isBlank(?o) && !sameTerm(?s, {g}) && !STRSTARTS(STR(?s), {inside}))
}}"""


PREFIXES = {
    "mskg": NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "oa": "http://www.w3.org/ns/oa#",
    "dct": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
}


def _data(quad: Quad) -> str:
    """A quad as SPARQL DATA (terms print as N-Triples writes them)."""
    triple = f"{quad.subject} {quad.predicate} {quad.object} ."
    if isinstance(quad.graph_name, DefaultGraph):
        return triple
    return f"GRAPH {quad.graph_name} {{ {triple} }}"


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of ``size`` items (itertools.batched arrives in Python 3.12)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def dataset_options(
    default_graph_uris: list[str] | None, named_graph_uris: list[str] | None, union: bool
) -> dict[str, Any]:
    """``Store.query`` keywords for a SPARQL dataset: by default the store's default graph (the
    merged graph) and every named graph."""
    kwargs: dict[str, Any] = {}
    if default_graph_uris:
        kwargs["default_graph"] = [NamedNode(u) for u in default_graph_uris]
    elif union:
        kwargs["use_default_graph_as_union"] = True
    if named_graph_uris:
        kwargs["named_graphs"] = [NamedNode(u) for u in named_graph_uris]
    return kwargs


def _serialize(items: list[Any], fmt: RdfFormat, prefixes: dict[str, str] | None = None) -> bytes:
    return serialize(items, format=fmt, prefixes=prefixes) or b""


class OxigraphStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._unflushed = 0  # quads inserted by transactions since the last flush
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self.store = Store(str(self.path))
        except OSError as exc:
            text = str(exc)
            if "lock" in text.lower():
                raise StoreBusy(
                    f"the RDF store {self.path} is open in another process (is `mskg serve` "
                    "running on this data directory?)",
                    hint="send documents to the running server (POST /documents), or stop it first",
                ) from None
            raise StoreUnavailable(f"cannot open the RDF store {self.path}: {text}") from None
        self._finish_interrupted_bulk()
        self._ensure_merged()

    def graph_hash(self, graph_iri: str) -> str | None:
        g = NamedNode(graph_iri)
        for q in self.store.quads_for_pattern(g, SHA256, None, g):
            return str(q.object.value) if isinstance(q.object, Literal) else None
        return None

    def replace_graph(self, graph_iri: str, quads: list[Quad]) -> None:
        """Replace the named graph with ``quads`` and its facts in the merged graph.

        Two transactions: ``drop_graph``, then the graph and its facts at once. Each leaves the
        merged graph right; a crash between them leaves the document out (no hash), and the
        pipeline's rerun writes it. Writes must not run concurrently (one process owns the
        store; the API holds its write lock): the facts the merged graph already holds are
        left out of the insert."""
        self.drop_graph(graph_iri)
        self.store.extend([*self._new(facts_of(graph_iri, quads)), *quads])
        self._unflushed += len(quads)
        if self._unflushed >= FLUSH_QUADS:
            self.flush()

    def write_graphs(self, graphs: list[tuple[str, list[Quad]]]) -> None:
        """Write named graphs with their facts: a graph the store holds is replaced
        (``replace_graph``), the new ones are added together (``add_graphs``)."""
        new = []
        for graph_iri, quads in graphs:
            if self.store.contains_named_graph(NamedNode(graph_iri)):
                self.replace_graph(graph_iri, quads)
            else:
                new.append((graph_iri, quads))
        if new:
            self.add_graphs(new)

    def add_graphs(self, graphs: list[tuple[str, list[Quad]]]) -> None:
        """Add named graphs the store does not hold, with their facts: in bulk when there are
        ``BULK_MIN`` or more, crash-safe through ``BULK_FILE`` (module docstring); otherwise
        one transaction each."""
        if len(graphs) < BULK_MIN:
            for graph_iri, quads in graphs:
                self.replace_graph(graph_iri, quads)
            return
        facts: set[Quad] = set()
        for graph_iri, quads in graphs:
            facts |= facts_of(graph_iri, quads)
        new_facts = self._new(facts)
        self._mark_bulk([g for g, _ in graphs])
        self.store.bulk_extend([*new_facts, *(q for _, quads in graphs for q in quads)])
        (self.path / BULK_FILE).unlink()

    def _mark_bulk(self, graph_iris: list[str]) -> None:
        """Name the graphs of the bulk load about to start in ``BULK_FILE``, durably: written
        aside, synced, renamed into place, and the directory synced."""
        target = self.path / BULK_FILE
        aside = target.with_suffix(".tmp")
        with aside.open("w", encoding="utf-8") as f:
            f.write("".join(f"{g}\n" for g in graph_iris))
            f.flush()
            os.fsync(f.fileno())
        os.replace(aside, target)
        directory = os.open(self.path, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)

    def _remove(self, quads: list[Quad]) -> None:
        """Remove these quads in one transaction, each by its keys (no scan of a graph)."""
        if quads:
            self.store.update(f"DELETE DATA {{ {' '.join(_data(q) for q in quads)} }}")

    def _new(self, facts: set[Quad]) -> list[Quad]:
        """The facts the merged graph does not hold yet: most of a document's facts are
        already there (a transactional insert costs ~20 µs a quad, a lookup under 1 µs)."""
        return [f for f in facts if f not in self.store]

    def drop_graph(self, graph_iri: str) -> bool:
        """Remove the named graph and the facts only it states, in one transaction; False
        when there is no such graph."""
        g = NamedNode(graph_iri)
        if not self.store.contains_named_graph(g):
            return False
        orphans = [f for f in self._facts_of(g) if not self._stated_elsewhere(f, g)]
        # DELETE DATA takes the terms as N-Triples writes them; no blank node is a fact.
        retract = " ".join(f"{f.subject} {f.predicate} {f.object} ." for f in orphans)
        self.store.update(f"DELETE DATA {{ {retract} }} ; DROP GRAPH {g}")
        return True

    def _facts_of(self, g: NamedNode) -> list[Triple]:
        query = _FACTS_OF.format(g=g, inside=Literal(g.value + "#"))
        return [
            Triple(r["s"], r["p"], r["o"]) for r in cast(QuerySolutions, self.store.query(query))
        ]

    def _stated_elsewhere(self, fact: Triple, g: NamedNode) -> bool:
        """Whether a named graph other than ``g`` states ``fact``. Of the quads stating it, at
        most two are not such a graph (the merged graph's and ``g``'s), so three are enough
        to read; a SPARQL NOT EXISTS over ``GRAPH ?other`` read them all (hundreds for a hub's
        facts)."""
        quads = self.store.quads_for_pattern(fact.subject, fact.predicate, fact.object, None)
        return any(
            isinstance(q.graph_name, NamedNode) and q.graph_name != g for q in islice(quads, 3)
        )

    def _finish_interrupted_bulk(self) -> None:
        """Undo what a bulk load that did not finish may have left (``add_graphs``): its graphs
        go, and the merged graph is rebuilt, since the facts it added may be in it without the
        graphs that state them. Each step can be repeated, so a crash here is harmless."""
        marked = self.path / BULK_FILE
        marked.with_suffix(".tmp").unlink(missing_ok=True)  # died before any bulk write began
        pending = (
            [NamedNode(g) for g in marked.read_text("utf-8").split()] if marked.exists() else []
        )
        # Stores written before BULK_FILE kept the names as quads.
        pending += [q.object for q in self.store.quads_for_pattern(LOADING, LOADING, None, None)]
        if not pending:
            return
        log.warning(
            "%s: a bulk load of %d documents was interrupted; removing them (a rerun of the "
            "load writes them again) and rebuilding the merged graph (about a minute per "
            "10,000 documents)",
            self.path,
            len(pending),
        )
        for g in pending:
            if isinstance(g, NamedNode):
                self.store.remove_graph(g)
        self.rebuild_merged()
        self._remove(list(self.store.quads_for_pattern(LOADING, LOADING, None, None)))
        if self.store.contains_named_graph(LOADING):  # where older stores kept them
            self.store.remove_graph(LOADING)
        self.store.flush()
        marked.unlink(missing_ok=True)

    def _ensure_merged(self) -> None:
        """Build the merged graph of a store written before it existed: named graphs, but an
        empty default graph (never the case once the ontology graph is loaded through
        ``replace_graph``)."""
        has_default = next(
            iter(self.store.quads_for_pattern(None, None, None, DefaultGraph())), None
        )
        if has_default is None and next(iter(self.store.named_graphs()), None) is not None:
            log.warning(
                "building the merged graph of %s (once: about a minute per 10,000 documents)",
                self.path,
            )
            self.rebuild_merged()

    def rebuild_merged(self) -> None:
        """The merged graph recomputed from the named graphs (one transaction)."""
        self.store.update(REBUILD)
        self.store.flush()

    def query(
        self,
        sparql: str,
        *,
        default_graph_uris: list[str] | None = None,
        named_graph_uris: list[str] | None = None,
        union: bool = False,
        substitutions: dict[Any, Any] | None = None,
    ) -> Any:
        """Run ``sparql`` on the merged graph, or on ``default_graph_uris``, or (``union``) on
        the union of every graph as the store held before the merged graph."""
        kwargs = dataset_options(default_graph_uris, named_graph_uris, union)
        if substitutions:
            kwargs["substitutions"] = substitutions
        return self.store.query(sparql, **kwargs)

    def ping(self) -> None:
        """Read one statement: raises when the store cannot be read (``len`` counts every
        quad, 150 ms at 1,000 documents)."""
        next(iter(self.store.quads_for_pattern(None, None, None, DefaultGraph())), None)

    def __len__(self) -> int:
        return len(self.store)

    def export(self, fmt: str) -> bytes:
        """The whole store serialised at once (see ``iter_export``)."""
        return b"".join(self.iter_export(fmt))

    def iter_export(self, fmt: str, batch: int = 20_000) -> Iterator[bytes]:
        """The whole store, serialised in chunks so memory stays bounded on a large store.

        TriG, N-Quads and JSON-LD keep the per-document named graphs: they are written graph by
        graph (two blocks of one graph are still one graph in TriG). Turtle, N-Triples and
        RDF/XML have no graphs: they get the union, without duplicates (a CONSTRUCT result is a
        set); RDF/XML cannot be concatenated, so it is written in one piece.
        """
        rdf_format = RDF_FORMATS[fmt]
        prefixes = None if fmt in ("nq", "nt") else PREFIXES
        chunks: Iterator[list[Any]]
        if fmt in ("trig", "nq", "jsonld"):
            graphs = [DefaultGraph(), *sorted(self.store.named_graphs(), key=lambda g: g.value)]
            chunks = (
                chunk
                for g in graphs
                for chunk in batched(self.store.quads_for_pattern(None, None, None, g), batch)
            )
        else:
            union = cast(
                QueryTriples,
                self.store.query(
                    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
                ),
            )
            if fmt == "rdfxml":
                yield _serialize(list(union), rdf_format, PREFIXES)
                return
            chunks = batched(union, batch)
        if fmt == "jsonld":  # one JSON array: the chunks' arrays, spliced
            yield b"["
            first = True
            for chunk in chunks:
                body = _serialize(chunk, rdf_format).strip()[1:-1]
                if body:
                    yield body if first else b"," + body
                    first = False
            yield b"]\n"
            return
        for chunk in chunks:
            yield _serialize(chunk, rdf_format, prefixes)

    def snapshot(self, target: Path) -> None:
        """A consistent copy of the store at ``target`` (a RocksDB checkpoint: hard links),
        which other processes may open read-only while this one goes on writing."""
        self.store.flush()
        self.store.backup(str(target))

    def flush(self) -> None:
        if hasattr(self, "store"):
            self.store.flush()
            self._unflushed = 0

    def close(self) -> None:
        """Flush and release the directory lock; closing twice is harmless."""
        if hasattr(self, "store"):
            self.flush()
            del self.store

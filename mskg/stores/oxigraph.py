"""Oxigraph on disk: the RDF store (one named graph per document) and its SPARQL engine.

pyoxigraph opens a store read-write in one process only (a lock in the directory). The
process that loads or serves owns it; another process gets ``StoreBusy`` with what to do.
Other processes never open it, even read-only (pyoxigraph calls a read-only opening of a
store that another process writes undefined behaviour): they read a ``snapshot``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any, cast

from pyoxigraph import (
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryResultsFormat,
    QueryTriples,
    RdfFormat,
    Store,
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


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of ``size`` items (itertools.batched arrives in Python 3.12)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _serialize(items: list[Any], fmt: RdfFormat, prefixes: dict[str, str] | None = None) -> bytes:
    return serialize(items, format=fmt, prefixes=prefixes) or b""


class OxigraphStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
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

    def graph_hash(self, graph_iri: str) -> str | None:
        g = NamedNode(graph_iri)
        for q in self.store.quads_for_pattern(g, SHA256, None, g):
            return str(q.object.value) if isinstance(q.object, Literal) else None
        return None

    def replace_graph(self, graph_iri: str, quads: list[Quad]) -> None:
        """Drop the named graph and insert ``quads``. Each step is one transaction; the
        document's hash triple comes last, so a graph without it is known to be incomplete."""
        g = NamedNode(graph_iri)
        if self._has_graph(g):
            self.store.remove_graph(g)
        self.store.extend(quads)

    def _has_graph(self, g: NamedNode) -> bool:
        return self.store.contains_named_graph(g)

    def drop_graph(self, graph_iri: str) -> bool:
        g = NamedNode(graph_iri)
        if not self._has_graph(g):
            return False
        self.store.remove_graph(g)
        return True

    def query(
        self,
        sparql: str,
        *,
        default_graph_uris: list[str] | None = None,
        named_graph_uris: list[str] | None = None,
        substitutions: dict[Any, Any] | None = None,
    ) -> Any:
        kwargs: dict[str, Any] = {}
        if default_graph_uris:
            kwargs["default_graph"] = [NamedNode(u) for u in default_graph_uris]
        else:
            kwargs["use_default_graph_as_union"] = True
        if named_graph_uris:
            kwargs["named_graphs"] = [NamedNode(u) for u in named_graph_uris]
        if substitutions:
            kwargs["substitutions"] = substitutions
        return self.store.query(sparql, **kwargs)

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

    def close(self) -> None:
        """Flush and release the directory lock; closing twice is harmless."""
        if hasattr(self, "store"):
            self.flush()
            del self.store

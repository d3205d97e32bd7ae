"""Oxigraph on disk: the RDF store (one named graph per document) and its SPARQL engine.

pyoxigraph opens a store read-write in one process only (a lock in the directory). The
process that loads or serves owns it; another process gets ``StoreBusy`` with what to do.
Read-only openings (``read_only=True``) see the data as of their opening.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pyoxigraph import NamedNode, Quad, QueryResultsFormat, RdfFormat, Store

from mskg.errors import StoreBusy, StoreUnavailable

RDF_FORMATS = {
    "trig": RdfFormat.TRIG,
    "nq": RdfFormat.N_QUADS,
    "ttl": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "rdfxml": RdfFormat.RDF_XML,
    "jsonld": None,  # serialised through rdflib (pyoxigraph 0.5 has no JSON-LD writer)
}
RESULT_FORMATS = {
    "json": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
}
SHA256 = NamedNode("https://w3id.org/mskg/ontology#sha256")


class OxigraphStore:
    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        try:
            if read_only:
                self.store = Store.read_only(str(self.path))
            else:
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
            return q.object.value
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

    def export(self, fmt: str, graph: str | None = None) -> bytes:
        """The whole store (or one graph) serialised; TriG and N-Quads keep named graphs."""
        if fmt == "jsonld":
            from rdflib import Dataset

            ds = Dataset()
            ds.parse(data=self.export("nq"), format="nquads")
            return ds.serialize(format="json-ld").encode("utf-8")
        rdf_format = RDF_FORMATS[fmt]
        if rdf_format in (RdfFormat.TRIG, RdfFormat.N_QUADS) and graph is None:
            return self.store.dump(format=rdf_format)
        if graph is None:  # triple formats have no graphs: the union of all of them
            union = self.store.query(
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
            )
            return union.serialize(format=rdf_format)
        return self.store.dump(format=rdf_format, from_graph=NamedNode(graph))

    def iter_export(self, fmt: str, chunk: int = 1 << 16) -> Iterator[bytes]:
        data = self.export(fmt)
        for i in range(0, len(data), chunk):
            yield data[i : i + chunk]

    def flush(self) -> None:
        if not self.read_only and hasattr(self, "store"):
            self.store.flush()

    def close(self) -> None:
        """Flush and release the directory lock; closing twice is harmless."""
        if hasattr(self, "store"):
            self.flush()
            del self.store

"""RDF dumps: every format parses, the graph formats keep one named graph per document, and
chunked (streamed) output is the same data as the store holds."""

from __future__ import annotations

import pytest
from pyoxigraph import DefaultGraph, NamedNode
from rdflib import Dataset, Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from mskg.loaders.rdf import doc_iri

RDFLIB = {"trig": "trig", "nq": "nquads", "jsonld": "json-ld", "ttl": "turtle", "nt": "nt"}
RDFLIB["rdfxml"] = "xml"


def store_graph(store, graph) -> Graph:
    g = Graph()
    for q in store.quads_for_pattern(None, None, None, graph):
        g.parse(data=f"{q.subject} {q.predicate} {q.object} .", format="nt")
    return g


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld"])
def test_graph_formats_keep_each_document_graph(corpus_stores, fmt):
    rdf = corpus_stores.rdf
    chunks = list(rdf.iter_export(fmt, batch=500))
    assert len(chunks) > 3  # really written piece by piece
    ds = Dataset()
    ds.parse(data=b"".join(chunks), format=RDFLIB[fmt])
    named = {str(g.identifier) for g in ds.graphs() if len(g)} - {str(DATASET_DEFAULT_GRAPH_ID)}
    expected = {g.value for g in rdf.store.named_graphs()}
    assert named == expected
    # and the default graph: the merged graph (tests/test_rdf_merged.py)
    assert len(ds.graph(DATASET_DEFAULT_GRAPH_ID)) == sum(
        1 for _ in rdf.store.quads_for_pattern(None, None, None, DefaultGraph())
    )
    assert sum(len(g) for g in ds.graphs()) == len(rdf)
    doc = doc_iri(corpus_stores.base, "001_1dea5c03c5093fa0")
    assert isomorphic(ds.graph(doc.value), store_graph(rdf.store, doc))


def test_triple_formats_give_the_union_without_duplicates(corpus_stores):
    rdf = corpus_stores.rdf
    count = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
    distinct = int(next(iter(rdf.query(count, union=True)))["n"].value)
    assert distinct < len(rdf)  # some facts are stated by several graphs
    graphs = {}
    for fmt in ("ttl", "nt", "rdfxml"):
        g = Graph()
        g.parse(data=b"".join(rdf.iter_export(fmt, batch=500)), format=RDFLIB[fmt])
        assert len(g) == distinct, fmt
        graphs[fmt] = g
    assert isomorphic(graphs["ttl"], graphs["nt"])
    assert isomorphic(graphs["ttl"], graphs["rdfxml"])


def test_the_default_graph_is_exported_too(stores):
    from pyoxigraph import Literal, Quad

    s, p = NamedNode("https://example.org/s"), NamedNode("https://example.org/p")
    stores.rdf.store.add(Quad(s, p, Literal("x"), DefaultGraph()))
    ds = Dataset()
    ds.parse(data=stores.rdf.export("nq"), format="nquads")
    default = ds.graph(DATASET_DEFAULT_GRAPH_ID)
    assert (URIRef(s.value), URIRef(p.value), RdfLiteral("x")) in default
    assert sum(len(g) for g in ds.graphs()) == len(stores.rdf)

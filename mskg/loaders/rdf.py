"""Document -> RDF quads (pure). The conventions are in ``mskg.stores.base``.

Each document is one named graph ``{base}/doc/{id}``: the document itself, the entities it
introduces, the facts it states (direct triples plus an ``mskg:Assertion`` with its evidence as
a W3C Web Annotation target), and its mentions as Web Annotations with text offsets.

The store keeps the facts of every graph once in its default graph, the merged graph that
SPARQL queries see (``mskg.stores.oxigraph``): the statements whose subject is neither the
graph nor one of its own nodes. So every provenance node is named ``{graph}#…`` (mentions
``#m-``, assertions ``#rel-``, their targets and selectors), and everything else a document
says about an entity is a fact.
"""

from __future__ import annotations

from typing import Any

from pyoxigraph import Literal, NamedNode, Quad
from rdflib import Graph as RdfGraph
from rdflib import Literal as RdfLiteral
from rdflib import URIRef

from mskg.document import Document
from mskg.ontology import load_ontology
from mskg.ontology.model import NS, ONTOLOGY_DIR
from mskg.ontology.registry import Registry

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OA = "http://www.w3.org/ns/oa#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"

TYPE = NamedNode(RDF + "type")
PREF = NamedNode(SKOS + "prefLabel")
ALT = NamedNode(SKOS + "altLabel")


def iri(base: str, entity_id: str) -> NamedNode:
    return NamedNode(f"{base}/id/{entity_id}")


def doc_iri(base: str, doc_id: str) -> NamedNode:
    return NamedNode(f"{base}/doc/{doc_id}")


def registry_graph(base: str) -> NamedNode:
    return NamedNode(f"{base}/graph/registry")


def ontology_graph(base: str) -> NamedNode:
    return NamedNode(f"{base}/graph/ontology")


def entity_id_of(base: str, value: str) -> str | None:
    """Entity id of an entity IRI, or None when it is not one."""
    prefix = f"{base}/id/"
    return value[len(prefix) :] if value.startswith(prefix) else None


def typed(prop: str, value: Any) -> Literal:
    """A datatype-property value as a typed literal (dates typed by their precision)."""
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=NamedNode(XSD + "boolean"))
    if prop in ("date", "endDate", "startDate"):
        kind = {4: "gYear", 7: "gYearMonth"}.get(len(str(value)), "date")
        return Literal(str(value), datatype=NamedNode(XSD + kind))
    if prop == "frequency":
        return Literal(str(value), datatype=NamedNode(XSD + "duration"))
    if prop == "dayOfYear":
        return Literal(str(value), datatype=NamedNode(XSD + "gMonthDay"))
    if isinstance(value, int):
        return Literal(str(value), datatype=NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return Literal(repr(value), datatype=NamedNode(XSD + "decimal"))
    return Literal(str(value))


def _entity_triples(
    base: str,
    entity_id: str,
    type_: str,
    label: dict[str, str],
    aliases: dict[str, list[str]],
    props: dict[str, Any],
) -> list[tuple[NamedNode, NamedNode, Any]]:
    ontology = load_ontology()
    s = iri(base, entity_id)
    out: list[tuple[NamedNode, NamedNode, Any]] = [
        (s, TYPE, NamedNode(NS + c)) for c in ontology.ancestors(type_)
    ]
    out += [(s, PREF, Literal(text, language=lang)) for lang, text in sorted(label.items())]
    out += [
        (s, ALT, Literal(a, language=lang))
        for lang, items in sorted(aliases.items())
        for a in items
    ]
    out += [(s, NamedNode(NS + k), typed(k, v)) for k, v in sorted(props.items())]
    return out


def _target(
    quads: list[Quad],
    node: NamedNode,
    doc: NamedNode,
    text: str,
    start: int,
    end: int,
    graph: NamedNode,
) -> None:
    """A Web Annotation target: the document, selected by position and by quote."""
    target, pos, quote = (NamedNode(f"{node.value}-{k}") for k in ("target", "pos", "quote"))
    integer = NamedNode(XSD + "nonNegativeInteger")
    quads += [
        Quad(node, NamedNode(OA + "hasTarget"), target, graph),
        Quad(target, TYPE, NamedNode(OA + "SpecificResource"), graph),
        Quad(target, NamedNode(OA + "hasSource"), doc, graph),
        Quad(target, NamedNode(OA + "hasSelector"), pos, graph),
        Quad(target, NamedNode(OA + "hasSelector"), quote, graph),
        Quad(pos, TYPE, NamedNode(OA + "TextPositionSelector"), graph),
        Quad(pos, NamedNode(OA + "start"), Literal(str(start), datatype=integer), graph),
        Quad(pos, NamedNode(OA + "end"), Literal(str(end), datatype=integer), graph),
        Quad(quote, TYPE, NamedNode(OA + "TextQuoteSelector"), graph),
        Quad(quote, NamedNode(OA + "exact"), Literal(text[start:end]), graph),
    ]


def document_quads(doc: Document, base: str, sha256: str = "") -> list[Quad]:
    g = doc_iri(base, doc.id)
    quads: list[Quad] = []
    meta = doc.meta
    quads.append(Quad(g, TYPE, NamedNode(NS + "SourceDocument"), g))
    quads.append(Quad(g, NamedNode(DCT + "identifier"), Literal(doc.id), g))
    quads.append(Quad(g, NamedNode(DCT + "language"), Literal(doc.lang), g))
    # The text itself, so offsets can be checked in RDF alone (SHACL: end <= STRLEN(text)).
    quads.append(Quad(g, NamedNode(NS + "text"), Literal(doc.text), g))
    for key, prop in (("title", "title"), ("publisher", "publisher"), ("source", "source")):
        value = getattr(meta, key)
        if value:
            quads.append(Quad(g, NamedNode(DCT + prop), Literal(value), g))
    if meta.published:
        quads.append(Quad(g, NamedNode(DCT + "issued"), typed("date", meta.published), g))
    if meta.url:
        quads.append(Quad(g, NamedNode(PROV + "hadPrimarySource"), NamedNode(meta.url), g))
    for e in doc.entities:
        for s, p, o in _entity_triples(base, e.id, e.type, e.label, e.aliases, e.props):
            quads.append(Quad(s, p, o, g))
    for ref in sorted({m.ref for m in doc.mentions}):
        quads.append(Quad(g, NamedNode(NS + "mentions"), iri(base, ref), g))
    for m in doc.mentions:
        node = NamedNode(f"{g.value}#m-{m.id}")
        quads += [
            Quad(node, TYPE, NamedNode(NS + "Mention"), g),
            Quad(node, TYPE, NamedNode(OA + "Annotation"), g),
            Quad(node, NamedNode(OA + "hasBody"), iri(base, m.ref), g),
        ]
        _target(quads, node, g, doc.text, m.start, m.end, g)
    for r in doc.relations:
        s, p, o = iri(base, r.subject), NamedNode(NS + r.type), iri(base, r.object)
        node = NamedNode(f"{g.value}#rel-{r.id}")
        quads += [
            Quad(s, p, o, g),
            Quad(node, TYPE, NamedNode(NS + "Assertion"), g),
            Quad(node, TYPE, NamedNode(OA + "Annotation"), g),
            Quad(node, NamedNode(RDF + "subject"), s, g),
            Quad(node, NamedNode(RDF + "predicate"), p, g),
            Quad(node, NamedNode(RDF + "object"), o, g),
            Quad(node, NamedNode(PROV + "wasDerivedFrom"), g, g),
        ]
        quads += [Quad(node, NamedNode(NS + k), typed(k, v), g) for k, v in sorted(r.attrs.items())]
        _target(quads, node, g, doc.text, r.evidence.start, r.evidence.end, g)
    if sha256:  # written last: a graph with its hash is a complete graph
        quads.append(Quad(g, NamedNode(NS + "sha256"), Literal(sha256), g))
    return quads


def registry_quads(registry: Registry, base: str) -> list[Quad]:
    g = registry_graph(base)
    quads: list[Quad] = []
    for e in registry:
        for s, p, o in _entity_triples(base, e.id, e.type, e.label, e.aliases, e.props):
            quads.append(Quad(s, p, o, g))
        for prop, rels in sorted(e.rels.items()):
            for r in rels:
                quads.append(Quad(iri(base, e.id), NamedNode(NS + prop), iri(base, r.to), g))
    return quads


def ontology_quads(base: str) -> list[Quad]:
    """The ontology and the thesaurus, in ``{base}/graph/ontology``."""
    g = ontology_graph(base)
    rdf = RdfGraph()
    for name in ("mskg.ttl", "domains.ttl"):
        rdf.parse(ONTOLOGY_DIR / name, format="turtle")
    return [Quad(_node(s), _node(p), _node(o), g) for s, p, o in rdf if isinstance(s, URIRef)]


def _node(term: Any) -> Any:
    if isinstance(term, URIRef):
        return NamedNode(str(term))
    if isinstance(term, RdfLiteral):
        if term.language:
            return Literal(str(term), language=term.language)
        if term.datatype:
            return Literal(str(term), datatype=NamedNode(str(term.datatype)))
        return Literal(str(term))
    from pyoxigraph import BlankNode

    return BlankNode(str(term))

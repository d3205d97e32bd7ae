"""SHACL validation of the built graph against ``shapes.ttl``, and the shapes derived from mskg.ttl.

``shapes.ttl`` has a hand-written part (ids, labels, dates, offsets inside the text) and a
generated part: one shape per object property (its rdfs:domain and rdfs:range) and one per
datatype property with an rdfs:range. Deriving that part from the ontology keeps it the single
source of truth: renaming a class or widening a range in mskg.ttl changes the shapes on
``make docs`` (``python -m mskg.ontology.shacl --write``), and a test fails while they differ.

``validate_graph`` runs pyshacl on an rdflib graph; ``store_graph`` turns the Oxigraph store
into one (the union of its named graphs, since a document's relations point at registry
entities typed in another graph) and remembers which named graphs speak of each node, so a
violation can name the document to fix.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH

from mskg.ontology.model import NS, ONTOLOGY_DIR, Ontology, OntProperty, load_ontology

SHAPES_PATH = ONTOLOGY_DIR / "shapes.ttl"
SHAPES_NS = "https://w3id.org/mskg/shapes#"
GENERATED_MARKER = "# GENERATED from mskg.ttl by `python -m mskg.ontology.shacl --write`"
XSD = "http://www.w3.org/2001/XMLSchema#"


# -- the generated part of shapes.ttl ------------------------------------------------------


def _classes(names: frozenset[str] | None) -> str:
    """SHACL for "is an instance of one of these classes" (any entity when unconstrained)."""
    names = names or frozenset({"Entity"})
    if len(names) == 1:
        return f"sh:class mskg:{next(iter(names))}"
    alternatives = " ".join(f"[ sh:class mskg:{n} ]" for n in sorted(names))
    return f"sh:or ( {alternatives} )"


def _one_of(names: frozenset[str] | None) -> str:
    return " or ".join(sorted(names or {"Entity"}))


def _object_property_shape(p: OntProperty) -> str:
    return (
        f"mskgsh:property-{p.name} a sh:NodeShape ;\n"
        f"    sh:targetSubjectsOf mskg:{p.name} ;\n"
        f"    {_classes(p.domain)} ;\n"
        f'    sh:message "the subject of mskg:{p.name} must be a {_one_of(p.domain)}" ;\n'
        f"    sh:property [\n"
        f"        sh:path mskg:{p.name} ;\n"
        f"        {_classes(p.range)} ;\n"
        f'        sh:message "the object of mskg:{p.name} must be a {_one_of(p.range)}" ] .\n'
    )


# Lexical forms rdflib does not check (it flags an ill-typed integer or duration, which pyshacl
# reports, but takes any string as an xsd:gMonthDay).
LEXICAL_PATTERNS = {"gMonthDay": r"^--(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"}


def _datatype_property_shape(p: OntProperty) -> str:
    assert p.datatype is not None
    dtype = p.datatype.removeprefix(XSD)
    pattern = LEXICAL_PATTERNS.get(dtype)
    pattern_line = f'        sh:pattern "{pattern}" ;\n' if pattern else ""
    return (
        f"mskgsh:property-{p.name} a sh:NodeShape ;\n"
        f"    sh:targetSubjectsOf mskg:{p.name} ;\n"
        f"    sh:property [\n"
        f"        sh:path mskg:{p.name} ;\n"
        f"        sh:datatype xsd:{dtype} ;\n"
        f"{pattern_line}"
        f'        sh:message "mskg:{p.name} must be a well-formed xsd:{dtype}" ] .\n'
    )


def generated_shapes(ontology: Ontology) -> str:
    """The generated part of shapes.ttl: everything after the marker line's banner."""
    parts = ["# Object properties: rdfs:domain and rdfs:range of mskg.ttl.\n"]
    parts += [_object_property_shape(p) for p in sorted(ontology.object_properties(), key=_key)]
    parts.append("# Datatype properties with an rdfs:range in mskg.ttl.\n")
    parts += [
        _datatype_property_shape(p)
        for p in sorted(ontology.datatype_properties(), key=_key)
        if p.datatype and p.datatype.startswith(XSD)
    ]
    return "\n".join(parts)


def _key(p: OntProperty) -> str:
    return p.name


def split_shapes(text: str) -> tuple[str, str]:
    """(hand-written part up to and including the marker banner, generated part)."""
    at = text.index(GENERATED_MARKER)
    banner_end = text.index("\n", text.index("\n", at) + 1) + 1  # marker line + rule line
    return text[:banner_end], text[banner_end:]


def current_shapes_text(path: Path = SHAPES_PATH) -> str:
    """shapes.ttl as it should be: its hand-written part plus freshly generated shapes."""
    head, _ = split_shapes(path.read_text(encoding="utf-8"))
    return head + "\n" + generated_shapes(load_ontology())


@cache
def shapes_graph(path: Path = SHAPES_PATH) -> Graph:
    return Graph().parse(path, format="turtle")


# -- validation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Violation:
    """One SHACL result, with the named graphs (documents) that speak of its focus node."""

    focus: str
    message: str
    path: str = ""
    value: str = ""
    severity: str = "Violation"
    shape: str = ""
    graphs: tuple[str, ...] = ()

    def render(self, shorten: Callable[[str], str] = str) -> str:
        where = ", ".join(shorten(g) for g in self.graphs)
        head = f"{where}: " if where else ""
        path = f" {shorten(self.path)}" if self.path else ""
        value = f" (value: {shorten(self.value)})" if self.value else ""
        return f"{head}{shorten(self.focus)}{path}: {self.message}{value}"

    def to_json(self) -> dict[str, Any]:
        return {
            "focus": self.focus,
            "path": self.path,
            "value": self.value,
            "message": self.message,
            "severity": self.severity,
            "shape": self.shape,
            "graphs": list(self.graphs),
        }


@dataclass
class ShaclReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "conforms": self.conforms,
            "triples": self.triples,
            "seconds": round(self.seconds, 3),
            "violations": [v.to_json() for v in self.violations],
        }


def shortener(base: str) -> Callable[[str], str]:
    """A function that writes IRIs the way people read them: entity ids, document ids,
    ``mskg:`` terms; anything else unchanged."""
    prefixes = [
        (f"{base}/id/", ""),
        (f"{base}/doc/", ""),
        (NS, "mskg:"),
        (SHAPES_NS, "shape:"),
        ("http://www.w3.org/ns/oa#", "oa:"),
        ("http://www.w3.org/2004/02/skos/core#", "skos:"),
        ("http://purl.org/dc/terms/", "dct:"),
    ]

    def shorten(text: str) -> str:
        for prefix, short in prefixes:
            text = text.replace(prefix, short)
        return text

    return shorten


def _term(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Literal):
        dtype = f"^^{value.datatype}" if value.datatype else ""
        lang = f"@{value.language}" if value.language else ""
        return f'"{value}"{lang}{dtype}'
    return str(value)


def _results(report: Graph, graphs_of: dict[str, set[str]]) -> list[Violation]:
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        focus = str(report.value(r, SH.focusNode))
        messages = sorted(str(m) for m in report.objects(r, SH.resultMessage))
        path = report.value(r, SH.resultPath)
        severity = report.value(r, SH.resultSeverity)
        shape = report.value(r, SH.sourceShape)
        out.append(
            Violation(
                focus=focus,
                message="; ".join(messages) or "violates a shape",
                path=str(path) if isinstance(path, URIRef) else "",
                value=_term(report.value(r, SH.value)),
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                shape=str(shape) if isinstance(shape, URIRef) else "",
                graphs=tuple(sorted(graphs_of.get(focus, ()))),
            )
        )
    return sorted(out, key=lambda v: (v.graphs, v.focus, v.path, v.message))


def validate_graph(
    data: Graph,
    *,
    graphs_of: dict[str, set[str]] | None = None,
    with_ontology: bool = True,
) -> ShaclReport:
    """Validate ``data`` against shapes.ttl. The ontology is added to a copy of the data
    (``with_ontology``) because some shapes ask it (an assertion's predicate must be one of its
    object properties); types are materialised on write, so no inference runs."""
    from pyshacl import validate

    started = time.perf_counter()
    triples = len(data)
    conforms, report, _ = validate(
        data,
        shacl_graph=shapes_graph(),
        ont_graph=load_ontology().graph if with_ontology else None,
        inference="none",
        advanced=True,  # SHACL-SPARQL constraints (offsets inside the text)
        allow_warnings=True,
    )
    assert isinstance(report, Graph)
    violations = _results(report, graphs_of or {})
    return ShaclReport(
        conforms=bool(conforms),
        violations=violations,
        triples=triples,
        seconds=time.perf_counter() - started,
    )


def _rdflib_term(term: Any) -> Any:
    from pyoxigraph import BlankNode, NamedNode

    if isinstance(term, NamedNode):
        return URIRef(term.value)
    if isinstance(term, BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    # RDF 1.1: a simple literal is an xsd:string; rdflib keeps them apart, so use its form.
    return Literal(term.value, datatype=None if datatype == XSD + "string" else URIRef(datatype))


def store_graph(store: Any) -> tuple[Graph, dict[str, set[str]]]:
    """The union of every named graph of a pyoxigraph ``Store``, as an rdflib graph, and for
    each subject IRI the named graphs that hold statements about it (to name the document
    a violation comes from)."""
    union = Graph()
    graphs_of: dict[str, set[str]] = defaultdict(set)
    for quad in store.quads_for_pattern(None, None, None, None):
        s = _rdflib_term(quad.subject)
        union.add((s, _rdflib_term(quad.predicate), _rdflib_term(quad.object)))
        graph = getattr(quad.graph_name, "value", None)
        if graph and isinstance(s, URIRef):
            graphs_of[str(s)].add(graph)
    return union, graphs_of


def validate_store(store: Any) -> ShaclReport:
    """Validate everything a pyoxigraph ``Store`` holds (ontology, registry, documents)."""
    started = time.perf_counter()
    data, graphs_of = store_graph(store)
    report = validate_graph(data, graphs_of=graphs_of)
    report.seconds = time.perf_counter() - started
    return report


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["--write"]:
        SHAPES_PATH.write_text(current_shapes_text(), encoding="utf-8")
    elif sys.argv[1:] == ["--check"]:
        sys.exit(0 if SHAPES_PATH.read_text(encoding="utf-8") == current_shapes_text() else 1)
    else:
        print(current_shapes_text(), end="")

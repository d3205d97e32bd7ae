"""Read ``mskg.ttl`` into plain Python: classes, properties, and the property-graph mapping.

DESIGN decision 1: a class is a node label (a node carries its class and all mskg
superclasses), an object property is a relationship type (``participatedIn`` ->
``PARTICIPATED_IN``), a datatype property is a node property. Adding a term to the Turtle is
enough for both stores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SKOS
from rdflib.term import Node

ONTOLOGY_DIR = Path(__file__).parent
NS = "https://w3id.org/mskg/ontology#"
LANGS = ("ar", "en", "fr")


def rel_type(name: str) -> str:
    """``participatedIn`` -> ``PARTICIPATED_IN``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper()


@dataclass(frozen=True)
class OntClass:
    name: str
    iri: str
    parents: tuple[str, ...]
    labels: dict[str, str] = field(hash=False)
    definition: str = ""


@dataclass(frozen=True)
class OntProperty:
    name: str
    iri: str
    kind: str  # "object" | "datatype"
    domain: frozenset[str] | None  # mskg class names; None = any entity
    range: frozenset[str] | None  # object: class names; datatype: None
    datatype: str | None
    labels: dict[str, str] = field(hash=False)
    definition: str = ""
    relation_attribute: bool = False

    @property
    def rel_type(self) -> str:
        return rel_type(self.name)


class Ontology:
    """Classes and properties of mskg, with subclass reasoning for validation and labels."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.classes: dict[str, OntClass] = {}
        self.properties: dict[str, OntProperty] = {}
        self._read_classes()
        self._read_properties()
        self._ancestors: dict[str, tuple[str, ...]] = {
            name: self._compute_ancestors(name) for name in self.classes
        }
        self.by_rel_type = {p.rel_type: p for p in self.object_properties()}

    # -- reading -------------------------------------------------------------------------
    @staticmethod
    def _local(iri: Node) -> str | None:
        s = str(iri)
        return s[len(NS) :] if s.startswith(NS) else None

    def _labels(self, node: Node) -> tuple[dict[str, str], str]:
        labels = {
            o.language: str(o)
            for o in self.graph.objects(node, RDFS.label)
            if isinstance(o, Literal) and o.language
        }
        definition = next(
            (
                str(o)
                for o in self.graph.objects(node, SKOS.definition)
                if isinstance(o, Literal) and o.language in (None, "en")
            ),
            "",
        )
        return labels, definition

    def _class_set(self, node) -> frozenset[str] | None:
        if node is None:
            return None
        if isinstance(node, URIRef):
            local = self._local(node)
            return frozenset([local]) if local else None
        union = self.graph.value(node, OWL.unionOf)
        if union is None:
            return None
        names = [self._local(m) for m in Collection(self.graph, union)]
        return frozenset(n for n in names if n)

    def _read_classes(self) -> None:
        for c in self.graph.subjects(RDF.type, OWL.Class):
            name = self._local(c) if isinstance(c, URIRef) else None
            if not name:
                continue
            parents = tuple(
                sorted(
                    p for p in (self._local(o) for o in self.graph.objects(c, RDFS.subClassOf)) if p
                )
            )
            labels, definition = self._labels(c)
            self.classes[name] = OntClass(name, str(c), parents, labels, definition)

    def _read_properties(self) -> None:
        marker = URIRef(NS + "relationAttribute")
        for kind, rdf_type in (("object", OWL.ObjectProperty), ("datatype", OWL.DatatypeProperty)):
            for p in self.graph.subjects(RDF.type, rdf_type):
                name = self._local(p) if isinstance(p, URIRef) else None
                if not name:
                    continue
                labels, definition = self._labels(p)
                rng = self.graph.value(p, RDFS.range)
                self.properties[name] = OntProperty(
                    name=name,
                    iri=str(p),
                    kind=kind,
                    domain=self._class_set(self.graph.value(p, RDFS.domain)),
                    range=self._class_set(rng) if kind == "object" else None,
                    datatype=str(rng) if kind == "datatype" and rng is not None else None,
                    labels=labels,
                    definition=definition,
                    relation_attribute=bool(self.graph.value(p, marker)),
                )

    def _compute_ancestors(self, name: str) -> tuple[str, ...]:
        """The class and its mskg superclasses, root first (``Entity, Actor, Organization``)."""
        seen: list[str] = []

        def visit(n: str) -> None:
            for parent in self.classes[n].parents:
                if parent in self.classes:
                    visit(parent)
            if n not in seen:
                seen.append(n)

        visit(name)
        return tuple(seen)

    # -- questions -----------------------------------------------------------------------
    def ancestors(self, name: str) -> tuple[str, ...]:
        return self._ancestors[name]

    def node_labels(self, name: str) -> list[str]:
        """Property-graph labels of an entity of class ``name``: itself and all superclasses."""
        return list(self._ancestors[name])

    def is_a(self, name: str, ancestor: str) -> bool:
        return name in self._ancestors and ancestor in self._ancestors[name]

    def fits(self, name: str, allowed: frozenset[str] | None) -> bool:
        return allowed is None or any(self.is_a(name, a) for a in allowed)

    def object_properties(self) -> list[OntProperty]:
        return [p for p in self.properties.values() if p.kind == "object"]

    def datatype_properties(self) -> list[OntProperty]:
        return [p for p in self.properties.values() if p.kind == "datatype"]

    def relation_attributes(self) -> list[OntProperty]:
        return [p for p in self.datatype_properties() if p.relation_attribute]

    def entity_classes(self) -> list[str]:
        """Classes an annotated entity may have (subclasses of Entity, ThreatDomain)."""
        return sorted(n for n in self.classes if self.is_a(n, "Entity") or n == "ThreatDomain")

    def class_iri(self, name: str) -> str:
        return NS + name

    def property_iri(self, name: str) -> str:
        return NS + name


@cache
def load_ontology(path: Path | None = None) -> Ontology:
    """The ontology, parsed once per process."""
    g = Graph()
    g.parse(path or ONTOLOGY_DIR / "mskg.ttl", format="turtle")
    return Ontology(g)

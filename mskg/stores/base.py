"""The two store interfaces and the data conventions every store, query and route relies on.

Property graph (FalkorDB embedded by default, Neo4j in production)
-------------------------------------------------------------------
- Entity node: labels = the entity's class and all its mskg superclasses, root first, always
  including ``Entity`` (``:Entity:Actor:State``). Properties: ``id`` (unique), ``type`` (most
  specific class), ``label_ar``, ``label_en``, ``label_fr``, ``aliases`` (list of strings, all
  languages), ``search`` (Arabic-normalised key of labels and aliases, see ``mskg.arabic``),
  one property per ontology datatype property it has (``date``, ``status``, ``ordinal`` …),
  ``support`` (how many sources support it) and ``sources`` (the ids of the first of them,
  at most ``cypher.SOURCES_HEAD`` = 1,000, in load order; ``registry`` for the registry and
  thesaurus; after a source is taken out of a node supported by more, the list is filled up
  in id order). Every source's own ``entities`` list names all the entities it supports.
  ``defs`` (internal, hidden from queries) holds the distinct descriptions its sources give,
  each with its first source and how many give it (``stores.descriptions``).
- Document node: label ``Document`` (not ``Entity``); ``id``, ``lang``, ``title``,
  ``publisher``, ``url``, ``published``, ``source``, ``text``, ``sha256`` (of the native
  JSON, so an unchanged document is skipped), ``json`` (the native JSON, so facts can be
  recomputed on delete without another store), ``entities`` (the ids of the entities it
  supports) and ``relations`` (the canonical JSON of the ``[type, s, o, key]`` of every
  relationship it supports, so a reload or delete takes its support off exactly those),
  ``described`` (what it gives for each entity it describes: ``"{id}\x1f{hash}"``). The
  registry's node, a ``Source`` but not a ``Document``, has ``id``, ``sha256``, ``entities``,
  ``relations`` and ``described``. ``relations``, ``described`` and ``json`` are hidden from
  query results.
- ``(:Document)-[:MENTIONS {mention, start, end}]->(:Entity)``: one per mention.
- Relation: ``(s)-[:REL_TYPE]->(o)``, type derived from the ontology property
  (``participatedIn`` -> ``PARTICIPATED_IN``). Identity is (subject, type, object, ``key``)
  where ``key`` is the canonical JSON of the qualifiers (``{"role":"host"}``; ``{}`` when
  none), so differently qualified statements stay separate edges. Properties: the qualifiers
  themselves (``role``, ``date`` …), ``key``, ``sources`` (doc ids, in load order), ``evidence``
  (list of ``"doc_id:start:end"``) and ``quotes`` (the evidence text, parallel to evidence).

RDF (Oxigraph)
--------------
- Entity IRI ``{base}/id/{id}``; document IRI ``{base}/doc/{doc_id}``, which is also the
  named graph holding everything that document states; the registry and thesaurus live in
  ``{base}/graph/registry``, the ontology in ``{base}/graph/ontology``. The default graph is
  the merged graph: the facts of all of them, once, without provenance (``stores.oxigraph``).
- ``rdf:type`` for the class and every mskg superclass; ``skos:prefLabel``/``skos:altLabel``
  language-tagged; datatype properties typed (dates as ``xsd:gYear``/``xsd:gYearMonth``/
  ``xsd:date`` by precision, ``frequency`` as ``xsd:duration``).
- A relation is the direct triple ``<s> mskg:prop <o>`` plus an ``mskg:Assertion``
  ``{doc}#rel-{id}`` (``rdf:subject/predicate/object``, qualifiers, and a Web Annotation
  target with ``oa:TextPositionSelector`` start/end and ``oa:TextQuoteSelector``).
- A mention is ``{doc}#m-{id}``, a ``mskg:Mention`` (``oa:Annotation``) with ``oa:hasBody``
  the entity and the same kind of target.

Query results (both backends, every API route and the CLI)
----------------------------------------------------------
``QueryResult(columns, rows, truncated)``; rows are dicts. Values decode to JSON: a node ->
``{"id", "labels", "properties"}``, a relationship -> ``{"type", "source", "target",
"properties"}`` (source/target are entity ids), a path -> ``{"nodes": [...],
"relationships": [...]}``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"columns": self.columns, "rows": self.rows, "truncated": self.truncated}


@dataclass
class GraphBatch:
    """Everything one source (a document, or the registry) writes to the property graph.

    ``entities`` maps every entity id the source touches to its description from that source
    (``{"type", "label", "aliases", "props"}``) or None when the source only refers to it.
    ``relations`` maps an ontology property name to rows ``{s, o, key, attrs, evidence,
    quotes}``; ``mentions`` rows are ``{mention, start, end, ref}``. ``document`` holds the
    properties of the source's node (for the registry only ``id`` and ``sha256``).
    """

    source: str
    document: dict[str, Any]
    entities: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    relations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


class GraphStore(Protocol):
    """A property-graph backend. ``dialect`` is ``"falkordb"`` or ``"neo4j"``."""

    dialect: str

    def ensure_schema(self) -> None:
        """Create indexes/constraints on ``id`` and the full-text index; idempotent."""

    def document_hash(self, doc_id: str) -> str | None:
        """The stored sha256 of a document, or None when it is not loaded."""

    def document_hashes(self, doc_ids: list[str]) -> dict[str, str]:
        """The stored sha256 of each of the documents that is loaded (one read)."""

    def write(self, batch: GraphBatch) -> None:
        """Replace everything ``batch.source`` supports with the batch, atomically."""

    def write_many(self, batches: list[GraphBatch]) -> None:
        """``write`` of each batch in order (each source once), all in one transaction."""

    def delete(self, source: str) -> bool:
        """Retract what only ``source`` supports; False when it was not loaded."""

    def read(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        timeout: float | None = None,
        row_cap: int | None = None,
    ) -> QueryResult:
        """Run read-only Cypher; writes raise ReadOnlyViolation, overruns QueryTimeout."""

    def close(self) -> None: ...


class RdfStore(Protocol):
    def replace_graph(self, graph_iri: str, quads: list[Any]) -> None:
        """Replace the named graph with ``quads``, keeping the merged graph right."""

    def drop_graph(self, graph_iri: str) -> bool:
        """Remove the named graph and the facts no other graph states."""

    def write_graphs(self, graphs: list[tuple[str, list[Any]]]) -> None:
        """Replace or add named graphs, keeping the merged graph right."""

    def close(self) -> None: ...

"""GEXF 1.3 (Gephi) export of the entity graph, read from the graph store with Cypher.

Nodes are the entities (id, class, labels in ar/en/fr, their first sources, and their datatype
properties); edges are the relationships between entities (type, qualifiers, sources,
evidence count as the weight). Mentions are left out: they link documents, not actors.
The XML is written as a stream, page by page, so memory stays bounded on a large graph;
columns come from the ontology, so a new datatype property appears without code changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import quoteattr

from mskg.ontology import load_ontology
from mskg.stores import cypher
from mskg.stores.base import GraphStore

PAGE = 5000
_SKIP_PROPS = {"text", "sha256"}  # document-level, never on entity nodes
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0
_GEXF_TYPES = {"integer": "integer", "int": "integer", "decimal": "double", "double": "double"}
_GEXF_TYPES |= {"float": "float", "boolean": "boolean"}


def _columns(relation: bool) -> list[tuple[str, str]]:
    """(property, GEXF type) of the node or edge attributes, from the ontology: every
    datatype property for nodes, the relation attributes (role, date…) for edges."""
    props = [
        p
        for p in load_ontology().datatype_properties()
        if p.name not in _SKIP_PROPS and (p.relation_attribute or not relation)
    ]
    out = []
    for p in sorted(props, key=lambda p: p.name):
        xsd = (p.datatype or "").rsplit("#", 1)[-1]
        out.append((cypher.safe_name(p.name), _GEXF_TYPES.get(xsd, "string")))
    return out


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "|".join(map(str, value))
    return _XML_BAD.sub("", str(value))


def _attvalues(values: dict[str, Any], ids: dict[str, int]) -> str:
    parts = [
        f"<attvalue for={quoteattr(str(ids[k]))} value={quoteattr(_value(v))}/>"
        for k, v in values.items()
        if v is not None and v != [] and k in ids
    ]
    return f"<attvalues>{''.join(parts)}</attvalues>" if parts else ""


def _declare(kind: str, columns: list[tuple[str, str]]) -> str:
    lines = [f'<attributes class="{kind}">']
    lines += [
        f'<attribute id="{i}" title={quoteattr(name)} type="{t}"/>'
        for i, (name, t) in enumerate(columns)
    ]
    return "\n".join([*lines, "</attributes>"])


def _pages(graph: GraphStore, query: str) -> Iterator[dict[str, Any]]:
    skip = 0
    while True:
        rows = graph.read(
            f"{query} SKIP $skip LIMIT $limit", {"skip": skip, "limit": PAGE}, timeout=120
        ).rows
        yield from rows
        if len(rows) < PAGE:
            return
        skip += PAGE


def iter_gexf(graph: GraphStore) -> Iterator[str]:
    """The GEXF document in chunks (join or write them as they come)."""
    node_cols = [("type", "string"), ("label_ar", "string"), ("label_en", "string")]
    node_cols += [("label_fr", "string"), ("sources", "string"), *_columns(relation=False)]
    edge_cols = [("type", "string"), ("sources", "string"), ("evidence", "string")]
    edge_cols += _columns(relation=True)
    node_ids = {name: i for i, (name, _) in enumerate(node_cols)}
    edge_ids = {name: i for i, (name, _) in enumerate(edge_cols)}
    today = datetime.now(UTC).date().isoformat()
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gexf xmlns="http://gexf.net/1.3" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n'
        f'<meta lastmodifieddate="{today}"><creator>mskg</creator>'
        "<description>Security cooperation in the Maghreb: entities and their relations"
        "</description></meta>\n"
        '<graph mode="static" defaultedgetype="directed">\n'
        f"{_declare('node', node_cols)}\n{_declare('edge', edge_cols)}\n<nodes>\n"
    )
    fields = ", ".join(f"n.{name} AS {name}" for name, _ in node_cols)
    for row in _pages(graph, f"MATCH (n:Entity) RETURN n.id AS id, {fields} ORDER BY id"):
        label = row.get("label_ar") or row.get("label_en") or row.get("label_fr") or row["id"]
        yield (
            f"<node id={quoteattr(row['id'])} label={quoteattr(_value(label))}>"
            f"{_attvalues({k: row.get(k) for k in node_ids}, node_ids)}</node>\n"
        )
    yield "</nodes>\n<edges>\n"
    fields = ", ".join(f"r.{name} AS {name}" for name, _ in edge_cols if name != "type")
    query = (
        "MATCH (a:Entity)-[r]->(b:Entity) "
        f"RETURN a.id AS s, b.id AS o, type(r) AS type, r.key AS key, {fields} "
        "ORDER BY s, type, o, key"
    )
    for k, row in enumerate(_pages(graph, query)):
        weight = max(1, len(row.get("evidence") or []))
        yield (
            f'<edge id="{k}" source={quoteattr(row["s"])} target={quoteattr(row["o"])} '
            f'label={quoteattr(row["type"])} weight="{weight}">'
            f"{_attvalues({c: row.get(c) for c in edge_ids}, edge_ids)}</edge>\n"
        )
    yield "</edges>\n</graph>\n</gexf>\n"


def gexf_bytes(graph: GraphStore) -> bytes:
    return "".join(iter_gexf(graph)).encode("utf-8")

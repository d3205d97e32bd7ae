"""The Cypher both graph backends run to write and count, and the read-only guard.

Written once in the subset FalkorDB and Neo4j share. Relationship types and labels cannot be
query parameters in Cypher, so they are spliced in, but only after ``safe_name`` checked them
against the ontology-derived names (never user text).
"""

from __future__ import annotations

import re

from mskg.errors import BadQuery, ReadOnlyViolation

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def safe_name(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"not a safe label or type name: {name!r}")
    return name


# Internal node properties, not shown to query users: the per-source descriptions and the
# native JSON of a document.
HIDDEN = ("defs", "json")

PREVIOUS_ENTITIES = "MATCH (s:Source {id: $src}) RETURN s.entities AS ids, s.sha256 AS sha256"

# Only how many sources support a node and whether this one does: a hub's `sources` list
# (thousands of ids) never travels to the client, so a write costs the same at any corpus size.
EXISTING_NODES = (
    "UNWIND $ids AS i MATCH (n:Entity {id: i}) RETURN n.id AS id, n.defs AS defs, "
    "size(n.sources) AS supported_by, $src IN n.sources AS by_this"
)

# Support changes of nodes whose description this source does not change.
ADD_SUPPORT = "UNWIND $ids AS i MATCH (n:Entity {id: i}) SET n.sources = n.sources + [$src]"
DROP_SUPPORT = (
    "UNWIND $ids AS i MATCH (n:Entity {id: i}) SET n.sources = [x IN n.sources WHERE x <> $src]"
)

# Take the source's support off every relationship that starts at an entity it touched;
# relationships no source supports any more go.
RETRACT_RELATIONS = """
UNWIND $ids AS i
MATCH (n:Entity {id: i})-[e]->()
WHERE type(e) <> 'MENTIONS' AND $src IN e.sources
WITH DISTINCT e,
     [k IN range(0, size(coalesce(e.evidence, [])) - 1)
      WHERE NOT e.evidence[k] STARTS WITH $prefix] AS keep
SET e.sources = [x IN e.sources WHERE x <> $src],
    e.evidence = [k IN keep | e.evidence[k]],
    e.quotes = [k IN keep | e.quotes[k]]
"""

# A separate statement: FalkorDB 4.16 silently skips the whole query when SET is followed by
# `WITH e WHERE … DELETE e` in the same one (seen here; the SET is not applied either).
DELETE_UNSUPPORTED_RELATIONS = """
UNWIND $ids AS i
MATCH (n:Entity {id: i})-[e]->()
WHERE type(e) <> 'MENTIONS' AND size(e.sources) = 0
DELETE e
"""

DELETE_NODES = "UNWIND $ids AS i MATCH (n:Entity {id: i}) DETACH DELETE n"

DELETE_SOURCE = "MATCH (s:Source {id: $src}) DETACH DELETE s"


def upsert_nodes(labels: list[str]) -> str:
    """Set a node's merged description; its `sources` list is kept and updated in the store."""
    extra = "".join(f":{safe_name(label)}" for label in labels if label != "Entity")
    set_labels = f" SET n{extra}" if extra else ""
    return (
        "UNWIND $rows AS r MERGE (n:Entity {id: r.id}) "
        "WITH n, r, [x IN coalesce(n.sources, []) WHERE x <> $src] AS others "
        "SET n = r.props, n.sources = others + CASE WHEN r.supported THEN [$src] ELSE [] END"
        f"{set_labels}"
    )


def create_source(is_document: bool) -> str:
    labels = ":Source:Document" if is_document else ":Source"
    return f"CREATE (s{labels}) SET s = $props"


MENTIONS = """
MATCH (d:Source {id: $src})
UNWIND $rows AS r
MATCH (e:Entity {id: r.ref})
CREATE (d)-[:MENTIONS {mention: r.mention, start: r.start, end: r.end}]->(e)
"""


def upsert_relations(rel_type: str) -> str:
    return f"""
UNWIND $rows AS r
MATCH (s:Entity {{id: r.s}})
MATCH (o:Entity {{id: r.o}})
MERGE (s)-[e:{safe_name(rel_type)} {{key: r.key}}]->(o)
SET e += r.attrs,
    e.sources = [x IN coalesce(e.sources, []) WHERE x <> $src] + [$src],
    e.evidence = coalesce(e.evidence, []) + r.evidence,
    e.quotes = coalesce(e.quotes, []) + r.quotes
"""


STATS = {
    "documents": "MATCH (d:Document) RETURN count(d) AS n",
    "entities": "MATCH (n:Entity) RETURN count(n) AS n",
    "relations": "MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n",
    "by_class": "MATCH (n:Entity) RETURN n.type AS k, count(n) AS n ORDER BY k",
    "by_relation": "MATCH (:Entity)-[r]->(:Entity) RETURN type(r) AS k, count(r) AS n ORDER BY k",
}

# Researchers' ad-hoc Cypher: what the read-only transaction alone does not stop.
_STRINGS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)
_CALL = re.compile(r"\bCALL\s+([A-Za-z_][\w.]*)", re.I)
_LOAD_CSV = re.compile(r"\bLOAD\s+CSV\b", re.I)
ALLOWED_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.indexes",
        "db.schema.visualization",
        "db.idx.fulltext.querynodes",
        "db.index.fulltext.querynodes",
    }
)


def check_read_only(cypher: str) -> None:
    """Refuse LOAD CSV and procedures outside the allow-list (comments and strings ignored)."""
    code = _STRINGS.sub("''", cypher)
    if _LOAD_CSV.search(code):
        raise ReadOnlyViolation(
            "LOAD CSV is not allowed in queries", hint="query the graph; files are not readable"
        )
    for name in _CALL.findall(code):
        if name.lower() not in ALLOWED_PROCEDURES:
            raise ReadOnlyViolation(
                f"procedure {name} is not allowed",
                hint=f"allowed: {', '.join(sorted(ALLOWED_PROCEDURES))}",
            )
    if not code.strip():
        raise BadQuery("empty query", hint="send a Cypher query in 'query'")

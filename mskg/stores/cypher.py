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


# Internal node properties, not shown to query users: an entity's descriptions, a document's
# native JSON, and what a source supports and describes.
HIDDEN = ("defs", "json", "relations", "described")

# A source's `relations`: the canonical JSON of its relationships' [type, s, o, key], so
# its support is taken off exactly those (a source written before it existed has none).
PREVIOUS_ENTITIES = (
    "UNWIND $srcs AS src MATCH (s:Source {id: src}) "
    "RETURN s.id AS id, s.entities AS ids, s.sha256 AS sha256, s.relations AS relations, "
    "s.described AS described"
)

# A node keeps how many sources support it (`support`) and the first of them (`sources`, at
# most SOURCES_HEAD): a hub supported by tens of thousands of documents must not rewrite a
# list that long on every load (FalkorDB copies a list property on every SET: 2 ms for
# 30,000 ids, 380 ms of every 100-document group at 97,000 documents). Which sources support
# a node is also in each source's `entities` list, which the plan reads for the old sources.
SOURCES_HEAD = 1000

EXISTING_NODES = (
    "UNWIND $ids AS i MATCH (n:Entity {id: i}) "
    "RETURN n.id AS id, n.defs AS defs, coalesce(n.support, size(n.sources)) AS supported_by"
)

# Support changes of nodes whose description the planned sources do not change. A store
# written before `support` existed holds whole lists: the slice shortens them on the way.
UPDATE_SUPPORT = (
    "UNWIND $rows AS r MATCH (n:Entity {id: r.id}) SET n.support = r.support, "
    "n.sources = ([x IN n.sources WHERE NOT x IN r.drop] + r.add)[0..$head]"
)

# Nodes whose `sources` lost ids while more sources support them than it shows: filled up
# from the sources that list them (in id order). A scan of every source, but it runs only
# when a load or delete takes a source out of a node that more than SOURCES_HEAD support.
REFILL_SOURCES = """
UNWIND $ids AS i
MATCH (n:Entity {id: i})
WHERE size(n.sources) < $head AND size(n.sources) < n.support
WITH collect(n.id) AS short
MATCH (s:Source)
WHERE any(x IN s.entities WHERE x IN short)
UNWIND [x IN s.entities WHERE x IN short] AS i
MATCH (n:Entity {id: i})
WHERE NOT s.id IN n.sources
WITH n, s.id AS more
ORDER BY more
WITH n, collect(more) AS more
SET n.sources = (n.sources + more)[0..$head]
"""


# Descriptions (``stores.descriptions``): the sources, not among those being replaced, whose
# `described` list holds one of the keys; and the entries the sources a converted node names
# would have had.
FIND_DESCRIBERS = (
    "UNWIND $keys AS k MATCH (s:Source) WHERE k IN s.described AND NOT s.id IN $planned "
    "RETURN k AS key, s.id AS source"
)
ADD_DESCRIBED = (
    "UNWIND $rows AS r MATCH (s:Source {id: r.src}) "
    "SET s.described = coalesce(s.described, []) + r.keys"
)


def _between(rel_type: str) -> str:
    """The rows' relationships found between their two ends. Both ends are looked up before
    the edge: written as one pattern, FalkorDB 4.16 walks every edge of the subject (a hub's
    thousands) and filters on the object (2.3 s against 8 ms for 200 rows at 97,000
    documents)."""
    return f"""UNWIND $rows AS r
MATCH (s:Entity {{id: r.s}})
WITH r, s
MATCH (o:Entity {{id: r.o}})
WITH r, s, o
MATCH (s)-[e:{safe_name(rel_type)}]->(o)
WHERE e.key = r.key"""


def retract_relations(rel_type: str) -> str:
    """Take the rows' sources (``srcs``) and their evidence (``prefixes``) off each named
    relationship: two index lookups and the edges between them, however big the hubs are."""
    return f"""
{_between(rel_type)}
WITH e, r,
     [k IN range(0, size(coalesce(e.evidence, [])) - 1)
      WHERE NOT any(p IN r.prefixes WHERE e.evidence[k] STARTS WITH p)] AS keep
SET e.sources = [x IN e.sources WHERE NOT x IN r.srcs],
    e.evidence = [k IN keep | e.evidence[k]],
    e.quotes = [k IN keep | e.quotes[k]]
"""


def delete_unsupported(rel_type: str) -> str:
    """A separate statement (see DELETE_UNSUPPORTED_RELATIONS)."""
    return f"""
{_between(rel_type)}
WITH e
WHERE size(e.sources) = 0
DELETE e
"""


# For a source written before sources listed their relations: take its support off every
# relationship that starts at an entity it touched (every edge of a hub: slow at scale);
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

DELETE_SOURCES = "UNWIND $srcs AS src MATCH (s:Source {id: src}) DETACH DELETE s"


def upsert_nodes(labels: list[str]) -> str:
    """Set a node's merged description; its `support` and `sources` are kept and updated."""
    extra = "".join(f":{safe_name(label)}" for label in labels if label != "Entity")
    set_labels = f" SET n{extra}" if extra else ""
    return (
        "UNWIND $rows AS r MERGE (n:Entity {id: r.id}) "
        "WITH n, r, ([x IN coalesce(n.sources, []) WHERE NOT x IN r.drop] + r.add)[0..$head] "
        "AS sources "
        f"SET n = r.props, n.sources = sources, n.support = r.support{set_labels}"
    )


def create_sources(is_document: bool) -> str:
    labels = ":Source:Document" if is_document else ":Source"
    return f"UNWIND $rows AS p CREATE (s{labels}) SET s = p"


MENTIONS = """
UNWIND $rows AS r
MATCH (d:Source {id: r.src})
MATCH (e:Entity {id: r.ref})
CREATE (d)-[:MENTIONS {mention: r.mention, start: r.start, end: r.end}]->(e)
"""


def upsert_relations(rel_type: str) -> str:
    """Append the rows' sources and evidence. The planned sources' old support was retracted
    first, so none of them is in a relationship's `sources` any more: no filter is needed."""
    return f"""
UNWIND $rows AS r
MATCH (s:Entity {{id: r.s}})
MATCH (o:Entity {{id: r.o}})
MERGE (s)-[e:{safe_name(rel_type)} {{key: r.key}}]->(o)
SET e += r.attrs,
    e.sources = coalesce(e.sources, []) + r.sources,
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

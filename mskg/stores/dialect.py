"""Where FalkorDB and Neo4j Cypher differ, kept in one place.

Everything else (the writes in ``cypher.py``, the named queries in ``mskg/queries``, search,
the API's queries) is written in the subset both accept. Known differences:

- schema DDL: FalkorDB has ``CREATE INDEX FOR (n:L) ON (n.p)`` (an error when it exists);
  Neo4j has ``CREATE CONSTRAINT … IF NOT EXISTS … REQUIRE n.id IS UNIQUE`` (which also
  indexes ``id``);
- full-text indexes: FalkorDB ``CALL db.idx.fulltext.createNodeIndex`` / ``queryNodes`` over
  RediSearch (query syntax ``word*``), one index per label; Neo4j ``CREATE FULLTEXT INDEX``
  / ``db.index.fulltext.queryNodes`` over Lucene (query syntax ``+word*``), named indexes;
- FalkorDB allows ``shortestPath`` only in WITH/RETURN: a named query that needs it on Neo4j
  has a ``NAME.neo4j.cypher`` variant (the catalogue picks it by ``GraphStore.dialect``);
- FalkorDB has no ``elementId()`` (it has ``id()``) and no ``datetime()``;
- the read-only guard: FalkorDB ``GRAPH.RO_QUERY``; Neo4j a READ transaction plus an
  ``EXPLAIN`` whose query type must be ``r``.
"""

from __future__ import annotations

import re

FALKORDB = "falkordb"
NEO4J = "neo4j"

# The full-text index over the Arabic-normalised ``search`` property, for researchers'
# ``CALL db.index.fulltext.queryNodes('mskg_search', 'جزاير*')`` (Neo4j) or
# ``CALL db.idx.fulltext.queryNodes('Entity', 'جزاير*')`` (FalkorDB). mskg.search scans
# instead, and says why.
FULLTEXT_NAME = "mskg_search"  # Neo4j index name; FalkorDB names its index after the label

SCHEMA: dict[str, list[str]] = {
    FALKORDB: [
        "CREATE INDEX FOR (n:Entity) ON (n.id)",
        "CREATE INDEX FOR (n:Source) ON (n.id)",
        "CALL db.idx.fulltext.createNodeIndex({label: 'Entity', stopwords: []}, 'search')",
    ],
    NEO4J: [
        "CREATE CONSTRAINT mskg_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
        "CREATE CONSTRAINT mskg_source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE",
        f"CREATE FULLTEXT INDEX {FULLTEXT_NAME} IF NOT EXISTS FOR (n:Entity) ON EACH [n.search] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}",
    ],
}

# Errors FalkorDB gives when a schema statement finds its index already there.
FALKORDB_ALREADY = ("already indexed", "already exists")


# Constructs one backend rejects, as (pattern, why): a portable NAME.cypher must contain none
# (tests/test_contract_queries.py reads this list); a NAME.neo4j.cypher variant may.
NOT_PORTABLE: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\belementId\s*\(", re.I), "FalkorDB has no elementId()"),
    (re.compile(r"(?<![\w.])id\s*\(", re.I), "id() is deprecated in Neo4j 5; use the id property"),
    (re.compile(r"\bdatetime\s*\(", re.I), "FalkorDB has no datetime()"),
    (re.compile(r"\bdate\s*\(", re.I), "temporal values: keep dates as ISO strings"),
    (re.compile(r"\bMATCH\s+\w+\s*=\s*(?:all)?shortestPaths?\s*\(", re.I),
     "FalkorDB allows shortestPath only in WITH/RETURN: add NAME.neo4j.cypher"),
    (re.compile(r"\bCALL\s+(?:db\.idx|db\.index|apoc)\.", re.I), "procedures differ per backend"),
    (re.compile(r"\bexists\s*\(\s*\(", re.I), "pattern predicates: use EXISTS { } or a MATCH"),
]  # fmt: skip

"""The backend contract, reads: every named query answers on the gold corpus on every
configured graph backend (Neo4j runs its ``NAME.neo4j.cypher`` variant where there is one),
and the answer equals the SPARQL twin's from Oxigraph, which no graph backend computes."""

from __future__ import annotations

import networkx as nx
import pytest

from mskg.queries import list_queries, run_named
from tests.test_queries import FIVE_PLUS_FIVE, PARAMS, RABAT


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_query_answers_on_the_corpus(backend_corpus_stores, name):
    result = run_named(backend_corpus_stores, name, PARAMS[name])
    assert result.rows, f"{name} returned nothing on the gold corpus"
    again = run_named(backend_corpus_stores, name, PARAMS[name])
    assert again.rows == result.rows  # deterministic order


@pytest.mark.parametrize("name", sorted(q.name for q in list_queries() if q.sparql))
def test_cypher_and_sparql_twins_agree(backend_corpus_stores, name):
    cypher = run_named(backend_corpus_stores, name, PARAMS[name], engine="cypher")
    sparql = run_named(backend_corpus_stores, name, PARAMS[name], engine="sparql")
    assert cypher.columns == sparql.columns
    assert cypher.rows == sparql.rows


def test_answers(backend_corpus_stores):
    stores = backend_corpus_stores
    parties = run_named(stores, "parties_to_agreement", PARAMS["parties_to_agreement"])
    assert [r["id"] for r in parties.rows] == [f"state/{iso}" for iso in FIVE_PLUS_FIVE]
    timeline = run_named(stores, "timeline", {"from": "2013-04", "to": "2013-04"})
    assert [r["id"] for r in timeline.rows] == [RABAT]
    evidence = run_named(stores, "evidence_for", PARAMS["evidence_for"]).rows
    assert evidence[0]["relation"] == "SIGNED"
    text = stores.graph.read(
        "MATCH (d:Document {id: '002_76a1b9d5c2198e0e'}) RETURN d.text AS t"
    ).rows[0]["t"]
    assert all(q in text for q in evidence[0]["quotes"])


def test_shortest_connection_is_a_shortest_path(backend_corpus_stores):
    """Checked against networkx over the entity relations, not against another backend."""
    stores = backend_corpus_stores
    edges = stores.graph.read(
        "MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id AS a, type(r) AS t, b.id AS b",
        row_cap=None,
    ).rows
    graph = nx.MultiGraph()
    for e in edges:
        graph.add_edge(e["a"], e["b"], key=e["t"])
    a, b = PARAMS["shortest_connection"]["a"], PARAMS["shortest_connection"]["b"]
    path = run_named(stores, "shortest_connection", {"a": a, "b": b}).rows[0]
    assert path["ids"][0] == a and path["ids"][-1] == b
    assert path["hops"] == nx.shortest_path_length(graph, a, b) == len(path["relations"])
    for x, y, rel in zip(path["ids"][:-1], path["ids"][1:], path["relations"], strict=True):
        assert graph.has_edge(x, y, key=rel), (x, rel, y)


def _portable_texts() -> dict[str, str]:
    """Every Cypher text both backends run: the portable named queries, the writes and
    counts of mskg.stores.cypher, search's and the API's queries (header comments left out)."""
    from mskg import search
    from mskg.stores import cypher

    texts = {
        f"{q.name}.cypher": "\n".join(
            line for line in q.cypher.splitlines() if not line.startswith("//")
        )
        for q in list_queries()
    }
    for name in dir(cypher):
        value = getattr(cypher, name)
        if name.isupper() and isinstance(value, str):
            texts[f"cypher.{name}"] = value
    texts |= {f"cypher.STATS.{k}": v for k, v in cypher.STATS.items()}
    texts |= {"search.FIND": search.FIND, "search.IN_DOMAIN": search.IN_DOMAIN}
    import mskg.api.routes.documents
    import mskg.api.routes.entities
    import mskg.api.routes.graph

    for module in (mskg.api.routes.documents, mskg.api.routes.entities, mskg.api.routes.graph):
        for name in dir(module):
            value = getattr(module, name)
            if name.isupper() and isinstance(value, str) and "RETURN" in value:
                texts[f"{module.__name__}.{name}"] = value
    return texts


def test_portable_cypher_avoids_what_one_backend_rejects():
    from mskg.stores.dialect import NOT_PORTABLE

    texts = _portable_texts()
    assert len(texts) > 20
    found = [
        (name, why) for name, text in texts.items() for p, why in NOT_PORTABLE if p.search(text)
    ]
    assert found == []


def test_neo4j_variants_keep_their_twins_header():
    variants = [q for q in list_queries() if q.neo4j_cypher]
    assert variants  # shortest_connection has one
    for q in variants:
        header = [line for line in q.cypher.splitlines() if line.startswith("//")]
        assert [line for line in q.neo4j_cypher.splitlines() if line.startswith("//")] == header

"""The named-query catalogue: headers, parameter checks, and the competency questions of the
model asked through `mskg query --named`. Answers on the gold corpus (and the Cypher/SPARQL
twins agreeing) are in the backend contract, tests/test_contract_queries.py."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys

import networkx as nx
import pytest

from mskg.errors import BadQuery, NotFound
from mskg.queries import get_query, list_queries, run_named

ALGIERS_DECLARATION = "agreement/cimo-algiers-declaration"
RABAT = "event/amu-interior-ministers-rabat-2013-04-21"
FIVE_PLUS_FIVE = ["DZA", "ESP", "FRA", "ITA", "LBY", "MAR", "MLT", "MRT", "PRT", "TUN"]

PARAMS = {
    "actor_profile": {"id": "person/mohand-laenser"},
    "co_participation": {"actor": "person/mohand-laenser"},
    "cooperation_by_domain": {"domain": "domain/terrorism"},
    "events_by_place": {"place": "state/MAR"},
    "evidence_for": {"subject": "person/mohand-laenser", "object": ALGIERS_DECLARATION},
    "mechanisms_established": {"by": RABAT},
    "parties_to_agreement": {"agreement": ALGIERS_DECLARATION},
    "shortest_connection": {"a": "person/mohamed-hassad", "b": "state/ESP"},
    "timeline": {"from": "2013", "to": "2014"},
}


def test_every_query_has_a_test_and_a_header():
    assert {q.name for q in list_queries()} == set(PARAMS)
    for q in list_queries():
        assert q.title and q.description and q.params


def test_parameters_are_checked(corpus_stores):
    with pytest.raises(BadQuery):
        run_named(corpus_stores, "parties_to_agreement", {})
    with pytest.raises(BadQuery):
        run_named(corpus_stores, "parties_to_agreement", {"agreement": "x' OR 1=1 //"})
    with pytest.raises(BadQuery):
        run_named(corpus_stores, "timeline", {"from": "last year"})
    with pytest.raises(NotFound):
        get_query("drop_everything")


def _entity_graph(stores) -> nx.MultiGraph:
    graph = nx.MultiGraph()
    for n in stores.graph.read("MATCH (n:Entity) RETURN n.id AS id", row_cap=None).rows:
        graph.add_node(n["id"])
    rows = stores.graph.read(
        "MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id AS a, type(r) AS t, b.id AS b",
        row_cap=None,
    ).rows
    for e in rows:
        graph.add_edge(e["a"], e["b"], key=e["t"])
    return graph


def test_shortest_connection_is_the_first_shortest_path_within_4_hops(corpus_stores):
    """Against networkx over every entity relation: the same distance, the path whose ids come
    first among the shortest, the first relation type at each step; no row past 4 hops or
    between unconnected entities; 0 hops from an entity to itself."""
    graph = _entity_graph(corpus_stores)
    nodes = sorted(graph.nodes, key=lambda n: (-graph.degree(n), n))
    sample = nodes[:6] + nodes[-6:] + nodes[6:-6:7]
    seen_hops: set[int | None] = set()
    for a in sample:
        lengths = nx.single_source_shortest_path_length(graph, a)
        for b in sample:
            rows = run_named(corpus_stores, "shortest_connection", {"a": a, "b": b}).rows
            hops = lengths.get(b)
            seen_hops.add(hops if hops is None or hops <= 4 else 5)
            if hops is None or hops > 4:
                assert rows == [], (a, b, hops)
                continue
            path = min(nx.all_shortest_paths(graph, a, b))
            first = [min(graph[x][y]) for x, y in itertools.pairwise(path)]
            assert rows == [{"ids": path, "relations": first, "hops": hops}], (a, b)
    assert {0, 1, 2, 3, None} <= seen_hops  # the sample holds near, far and unconnected pairs


def test_actor_profile_keeps_the_best_supported_per_type_and_direction(corpus_stores):
    """Against every relation read whole: per type and direction the `limit` best-supported
    (then by id and role, a missing role last), in that order, with the group's total."""
    relations = corpus_stores.graph.read(
        "MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id AS a, b.id AS b, b.label_en AS b_label, "
        "a.label_en AS a_label, type(r) AS relation, r.role AS role, size(r.sources) AS sources",
        row_cap=None,
    ).rows
    cut_by_support = 0  # groups where keeping the best-supported two is not keeping any two
    for entity in sorted({r["a"] for r in relations} | {r["b"] for r in relations}):
        groups: dict[tuple[str, str], list[dict]] = {}
        for r in relations:
            for direction, this, other, label in (
                ("out", r["a"], r["b"], r["b_label"]),
                ("in", r["b"], r["a"], r["a_label"]),
            ):
                if this == entity:
                    row = {"id": other, "label": label, "role": r["role"], "sources": r["sources"]}
                    groups.setdefault((r["relation"], direction), []).append(row)
        for rows in groups.values():
            supports = sorted((r["sources"] for r in rows), reverse=True)
            cut_by_support += len(rows) > 2 and supports[1] > supports[-1]
        for limit in (2, 1000):
            want = [
                {"relation": relation, "direction": direction, **row, "total": len(rows)}
                for (relation, direction), rows in sorted(groups.items())
                for row in sorted(
                    rows, key=lambda r: (-r["sources"], r["id"], r["role"] is None, r["role"] or "")
                )[:limit]
            ]
            got = run_named(corpus_stores, "actor_profile", {"id": entity, "limit": limit}).rows
            assert got == want, (entity, limit)
    assert cut_by_support > 0


def _cli(settings, *args: str) -> dict:
    env = {
        **os.environ,
        "MSKG_DATA_DIR": str(settings.data_dir),
        "MSKG_GRAPH_URL": settings.graph_url,
        "MSKG_GRAPH_NAME": settings.graph_name,
    }
    out = subprocess.run(
        [sys.executable, "-m", "mskg.cli", "query", *args, "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def released(corpus_stores, corpus_settings):
    """The CLI runs in another process: release this module's hold on the RDF store."""
    corpus_stores.close()
    return corpus_settings


def test_competency_questions_through_the_cli(released):
    parties = _cli(
        released, "--named", "parties_to_agreement", "-p", f"agreement={ALGIERS_DECLARATION}"
    )
    assert [r["id"] for r in parties["rows"]] == [f"state/{iso}" for iso in FIVE_PLUS_FIVE]

    mechanisms = _cli(released, "--named", "mechanisms_established", "-p", f"by={RABAT}")["rows"]
    by_id = {r["id"]: r for r in mechanisms}
    assert by_id["mechanism/amu-follow-up-committee"]["frequency"] == "P3M"
    groups = by_id["mechanism/amu-specialised-working-groups"]
    assert groups["type"] == "WorkingGroup"
    assert {"domain/terrorism", "domain/illegal-migration", "domain/civil-protection"} <= set(
        groups["domains"]
    )

    laenser = _cli(
        released,
        "--cypher",
        "MATCH (p:Entity {id: 'person/mohand-laenser'})-[r:PARTICIPATED_IN]->(e:Entity) "
        "OPTIONAL MATCH (p)-[h:HOLDS]->(post:Entity) "
        "RETURN e.id AS event, r.sources AS sources, collect(DISTINCT post.id) AS posts "
        "ORDER BY event",
    )["rows"]
    assert [r["event"] for r in laenser] == [RABAT, "event/cimo-interior-ministers-algiers"]
    assert laenser[0]["sources"] == ["001_1dea5c03c5093fa0"]
    assert laenser[1]["sources"] == ["002_76a1b9d5c2198e0e"]
    assert all(r["posts"] == ["post/mar-minister-of-interior"] for r in laenser)
    sparql = _cli(
        released,
        "--sparql",
        "PREFIX mskg: <https://w3id.org/mskg/ontology#> SELECT (COUNT(*) AS ?n) "
        "WHERE { ?p mskg:partyTo <https://w3id.org/mskg/id/agreement/"
        "cimo-algiers-declaration> }",
    )
    assert sparql["rows"] == [{"n": 10}]

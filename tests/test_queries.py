"""The named-query catalogue: headers, parameter checks, and the competency questions of the
model asked through `mskg query --named`. Answers on the gold corpus (and the Cypher/SPARQL
twins agreeing) are in the backend contract, tests/test_contract_queries.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys

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

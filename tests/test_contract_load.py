"""The backend contract, writes: the same tests on every configured graph backend (FalkorDB
always; Neo4j when MSKG_TEST_NEO4J_URL is set, else a skip that says so). Idempotent load,
exact retraction on delete, and the read-only guard with its timeout and row cap."""

from __future__ import annotations

import pytest

from mskg.errors import BadQuery, QueryTimeout, ReadOnlyViolation
from mskg.pipeline import delete_document, load_documents, stats
from tests.conftest import CORPUS
from tests.test_pipeline import DOC000, DOC001, RABAT, graph_snapshot, rdf_snapshot


def test_load_is_idempotent(backend_stores):
    stores = backend_stores
    first = load_documents(stores, [CORPUS])
    assert first.ok and first.documents == 5
    before = stats(stores)
    assert before["documents"] == 5 and before["entities"] > 150 and before["triples"] > 5000
    snapshot = graph_snapshot(stores)
    again = load_documents(stores, [CORPUS])
    assert again.documents == 0 and again.skipped == 5
    assert stats(stores) == before
    assert graph_snapshot(stores) == snapshot


def test_delete_retracts_exactly_what_no_other_document_supports(backend_stores):
    stores = backend_stores
    load_documents(stores, [DOC001])
    only_001 = graph_snapshot(stores)
    rdf_001 = rdf_snapshot(stores)
    load_documents(stores, [DOC000])
    both = graph_snapshot(stores)
    rabat = next(n for n in both["nodes"] if n["id"] == RABAT)
    assert rabat["sources"] == ["000_b8b2124286a87c6a", "001_1dea5c03c5093fa0"]
    assert rabat["date"] == "2013-04-21"  # stated by 000 only

    assert delete_document(stores, "000_b8b2124286a87c6a")
    after = graph_snapshot(stores)
    assert after == only_001
    rabat = next(n for n in after["nodes"] if n["id"] == RABAT)
    assert rabat["date"] is None and rabat["dateText"] == "أول أمس الأحد"
    assert rdf_snapshot(stores) == rdf_001
    assert not delete_document(stores, "000_b8b2124286a87c6a")


@pytest.mark.parametrize(
    "query",
    [
        "MATCH (n) DETACH DELETE n",
        "CREATE (:X)",
        "MATCH (n:Entity) SET n.hacked = true RETURN n",
        "MERGE (n:Entity {id: 'x/y'}) RETURN n",
        "CREATE INDEX FOR (n:X) ON (n.y)",
        "LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r",
        "CALL db.idx.fulltext.drop('Entity')",
        "CALL db.index.fulltext.drop('mskg_search')",
        "// a comment\nMATCH (n) /* and another */ DELETE n",
    ],
)
def test_writes_are_refused(backend_stores, query):
    load_documents(backend_stores, [DOC001])
    before = graph_snapshot(backend_stores)
    with pytest.raises(ReadOnlyViolation):
        backend_stores.graph.read(query)
    assert graph_snapshot(backend_stores) == before


def test_reads_time_out_are_capped_and_report_bad_syntax(backend_stores):
    stores = backend_stores
    load_documents(stores, [DOC001])
    with pytest.raises(QueryTimeout):
        stores.graph.read(
            "MATCH (a:Entity), (b:Entity), (c:Entity), (d:Entity) RETURN count(*)", timeout=0.05
        )
    with pytest.raises(BadQuery):
        stores.graph.read("MATCH (n RETURN n")
    capped = stores.graph.read("MATCH (n:Entity) RETURN n.id AS id", row_cap=5)
    assert len(capped.rows) == 5 and capped.truncated
    whole = stores.graph.read("MATCH (n:Entity) RETURN n.id AS id", row_cap=None)
    assert len(whole.rows) > 5 and not whole.truncated
    assert stores.graph.read("CALL db.labels()").rows  # an allowed procedure
    assert stats(stores)["documents"] == 1


def test_nodes_relationships_and_paths_decode_alike(backend_stores):
    """The JSON shapes of mskg.stores.base, whichever backend answers."""
    stores = backend_stores
    load_documents(stores, [DOC001])
    row = stores.graph.read(
        "MATCH p = (a:Entity {id: 'person/mohand-laenser'})-[r:PARTICIPATED_IN]->(e:Entity) "
        "RETURN a, r, p ORDER BY e.id LIMIT 1"
    ).rows[0]
    assert row["a"]["id"] == "person/mohand-laenser"
    assert row["a"]["labels"] == ["Entity", "Actor", "Person"]
    assert "defs" not in row["a"]["properties"] and row["a"]["properties"]["type"] == "Person"
    assert row["r"]["type"] == "PARTICIPATED_IN"
    assert (row["r"]["source"], row["r"]["target"]) == ("person/mohand-laenser", RABAT)
    assert row["r"]["properties"]["sources"] == ["001_1dea5c03c5093fa0"]
    assert [n["id"] for n in row["p"]["nodes"]] == ["person/mohand-laenser", RABAT]
    assert row["p"]["relationships"] == [row["r"]]
    # A relationship alone: its ends are named by entity id, not by an internal id.
    alone = stores.graph.read(
        "MATCH (:Entity {id: 'person/mohand-laenser'})-[r:PARTICIPATED_IN]->() RETURN r"
    ).rows[0]["r"]
    assert (alone["source"], alone["target"]) == ("person/mohand-laenser", RABAT)

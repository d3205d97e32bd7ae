"""Loading into both real stores: bad input, crash and rerun. Idempotency, exact retraction
and the read-only guard are in the backend contract, tests/test_contract_load.py."""

from __future__ import annotations

import json
import re
import sys

from pyoxigraph import NamedNode

from mskg.pipeline import Stores, load_documents, stats
from tests.conftest import CORPUS, ROOT, kill_load_midway, make_settings

DOC000 = CORPUS / "000_b8b2124286a87c6a.json"
DOC001 = CORPUS / "001_1dea5c03c5093fa0.json"
RABAT = "event/amu-interior-ministers-rabat-2013-04-21"


def graph_snapshot(stores: Stores) -> dict:
    """Everything in the property graph, in a canonical form (order-free)."""
    nodes = stores.graph.read(
        "MATCH (n:Entity) RETURN n.id AS id, n.type AS type, n.sources AS sources, "
        "n.date AS date, n.dateText AS dateText ORDER BY id",
        row_cap=None,
    ).rows
    rels = stores.graph.read(
        "MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id AS s, type(r) AS t, b.id AS o, r.key AS k, "
        "r.sources AS sources, r.evidence AS evidence ORDER BY s, t, o, k",
        row_cap=None,
    ).rows
    for r in rels:
        r["sources"], r["evidence"] = sorted(r["sources"]), sorted(r["evidence"])
    for n in nodes:
        n["sources"] = sorted(n["sources"])
    mentions = stores.graph.read(
        "MATCH (d:Document)-[m:MENTIONS]->(e) RETURN d.id AS d, m.mention AS m, e.id AS e "
        "ORDER BY d, m",
        row_cap=None,
    ).rows
    return {"nodes": nodes, "relations": rels, "mentions": mentions}


def rdf_snapshot(stores: Stores) -> set[str]:
    """All quads; blank-node labels (the ontology's OWL lists) are renamed by each parse."""
    return {re.sub(r"_:\w+", "_:b", str(q)) for q in stores.rdf.store}


def test_bad_document_writes_nothing_and_names_the_place(stores, tmp_path):
    good = json.loads(DOC001.read_text(encoding="utf-8"))
    bad = json.loads(DOC000.read_text(encoding="utf-8"))
    bad["mentions"][3]["start"] += 1  # a shifted offset
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.json").write_text(json.dumps(good, ensure_ascii=False), encoding="utf-8")
    (folder / "bad.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")

    strict = load_documents(stores, [folder], strict=True)
    assert strict.documents == 0 and len(strict.failures) == 1
    assert stats(stores)["documents"] == 0

    report = load_documents(stores, [folder])
    assert report.documents == 1 and len(report.failures) == 1
    failure = report.failures[0]
    assert failure.source.endswith("bad.json")
    mention_id = bad["mentions"][3]["id"]
    assert "$.mentions[3]" in failure.message and mention_id in failure.message
    assert stats(stores)["documents"] == 1


def test_a_killed_load_is_repaired_by_rerunning_it(tmp_path, falkordb_server):
    """SIGKILL a `mskg load` midway; rerunning it gives the graph a clean load gives."""
    sys.path.insert(0, str(ROOT))
    from bench.synth import write_corpus

    corpus = write_corpus(150, tmp_path / "synth", seed=3)
    crashed = make_settings(tmp_path / "crashed", falkordb_server)
    loaded = kill_load_midway(
        crashed, corpus, falkordb_server, "MATCH (d:Document) RETURN count(d)"
    )
    assert 20 <= loaded < 150

    with Stores(crashed) as stores:
        rerun = load_documents(stores, [corpus])
        assert rerun.ok and rerun.documents + rerun.skipped == 150
        crashed_graph, crashed_rdf = graph_snapshot(stores), rdf_snapshot(stores)
    clean = make_settings(tmp_path / "clean", falkordb_server)
    with Stores(clean) as stores:
        load_documents(stores, [corpus])
        assert graph_snapshot(stores) == crashed_graph
        assert rdf_snapshot(stores) == crashed_rdf
        assert stores.rdf.graph_hash(NamedNode(f"{clean.base}/doc/synth-000149").value) is not None

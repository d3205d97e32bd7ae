"""The API over HTTP: a real `mskg serve` process on a free port, real clients."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest
from pyoxigraph import Dataset, RdfFormat, parse
from SPARQLWrapper import JSON, XML, SPARQLWrapper

from mskg.api.routes.graph import GraphResponse
from tests.api_server import environment, running_api
from tests.conftest import CORPUS, make_settings

KEY = "test-key-1"
DOC000 = CORPUS / "000_b8b2124286a87c6a.json"


@pytest.fixture(scope="module")
def server(tmp_path_factory, falkordb_server) -> Iterator[str]:
    settings = make_settings(tmp_path_factory.mktemp("api") / "data", falkordb_server)
    env = environment(
        settings,
        MSKG_API_KEYS=KEY,
        MSKG_QUERY_TIMEOUT="2",
        MSKG_ROW_CAP="50",
        MSKG_MAX_BODY_BYTES="2000000",
    )
    with running_api(env) as base:
        yield base


@pytest.fixture
def client(server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=30) as c:
        yield c


def is_problem(r: httpx.Response, status: int) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["status"] == status and body["title"] and body["detail"]
    assert "Traceback" not in r.text
    return body


def test_health_and_stats(client):
    assert client.get("/health").json()["status"] == "ok"
    stats = client.get("/stats").json()
    assert stats["documents"] == 5 and stats["triples"] > 5000
    assert set(stats) == {
        "documents",
        "entities",
        "relations",
        "triples",
        "by_class",
        "by_relation",
    }


def test_search_is_arabic_aware(client):
    hits = client.get("/entities", params={"q": "والجزائر"}).json()["items"]
    assert hits[0]["id"] == "state/DZA"
    states = client.get("/entities", params={"q": "المغرب", "type": "State"}).json()["items"]
    assert [h["id"] for h in states] == ["state/MAR"]
    is_problem(client.get("/entities", params={"q": "x", "type": "Nope"}), 400)


def test_entity_card(client):
    card = client.get("/entities/person/mohand-laenser").json()
    assert card["label"]["ar"] == "امحند العنصر"
    events = {r["id"] for r in card["relations"]["PARTICIPATED_IN"]["out"]}
    assert events == {
        "event/amu-interior-ministers-rabat-2013-04-21",
        "event/cimo-interior-ministers-algiers",
    }
    evidence = card["relations"]["PARTICIPATED_IN"]["out"][0]["evidence"][0]
    text = client.get(f"/documents/{evidence['source']}").json()["text"]
    assert text[evidence["start"] : evidence["end"]] == evidence["quote"]
    assert {d["id"] for d in card["documents"]} == {"001_1dea5c03c5093fa0", "002_76a1b9d5c2198e0e"}
    assert card["documents_total"] == 2
    assert card["relations_total"]["PARTICIPATED_IN"]["out"] == 2
    is_problem(client.get("/entities/state/XYZ"), 404)


def test_a_hub_card_is_bounded_and_says_how_much_it_left_out(client):
    whole = client.get("/entities/state/MAR", params={"limit": 1000, "evidence": 1000}).json()
    small = client.get("/entities/state/MAR", params={"limit": 2, "evidence": 1}).json()
    default = client.get("/entities/state/MAR").json()
    assert (default["limit"], default["evidence_limit"]) == (50, 5)
    assert (small["limit"], small["evidence_limit"]) == (2, 1)
    assert small["relations_total"] == whole["relations_total"]
    assert small["documents_total"] == whole["documents_total"] == len(whole["documents"]) > 2
    assert len(small["documents"]) == 2 and len(small["sources"]) <= 2
    for rel_type, by_dir in whole["relations"].items():
        for direction, items in by_dir.items():
            assert len(items) == whole["relations_total"][rel_type][direction]
            kept = small["relations"][rel_type][direction]
            assert len(kept) == min(2, len(items))
            most = sorted(-i["sources_total"] for i in items)[: len(kept)]
            assert sorted(-i["sources_total"] for i in kept) == most  # best-supported first
            for item in kept:
                assert len(item["evidence"]) <= 1 and item["sources_total"] >= len(item["sources"])
            for item in default["relations"][rel_type][direction]:
                assert len(item["sources"]) == min(5, item["sources_total"])


def test_graph_for_a_front_end(client):
    params = {"center": "agreement/cimo-algiers-declaration", "depth": 1}
    g = client.get("/graph", params=params).json()
    GraphResponse.model_validate(g)  # what /openapi.json promises
    nodes = g["elements"]["nodes"]
    ids = {n["data"]["id"] for n in nodes}
    assert {f"state/{iso}" for iso in ("MAR", "ESP", "ITA")} <= ids
    for e in g["elements"]["edges"]:
        assert e["data"]["source"] in ids and e["data"]["target"] in ids
        assert e["data"]["sources"] >= 1
    assert nodes[0]["data"]["center"] and nodes[0]["data"]["labels"]["ar"] == "إعلان الجزائر"
    assert client.get("/graph", params=params).json() == g  # deterministic
    small = client.get("/graph", params={**params, "depth": 2, "limit": 5}).json()
    assert small["truncated"] and len(small["elements"]["nodes"]) == 5
    only = client.get("/graph", params={**params, "rel": "PARTY_TO"}).json()
    assert {e["data"]["type"] for e in only["elements"]["edges"]} == {"PARTY_TO"}
    is_problem(client.get("/graph", params={**params, "rel": "DROP_ALL"}), 400)
    is_problem(client.get("/graph", params={**params, "depth": 9}), 422)
    is_problem(client.get("/graph", params={**params, "center": "state/XYZ"}), 404)


# -- the bounded /graph walk and the card, against the whole graph read in Python ------------


def _whole_graph(stores) -> list[dict]:
    """Every relation between entities, read whole: what the bounded routes must agree with."""
    return stores.graph.read(
        "MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id AS s, type(r) AS type, b.id AS t, "
        "r.key AS key, r.sources AS sources, r.evidence AS evidence, r.quotes AS quotes",
        row_cap=None,
    ).rows


def _walk(relations, centers, depth, types, limit, allowed=None) -> dict:
    """The documented walk, spelled out: each hop reads every relation of its frontier (in
    the order other end, type, this end, key), keeps new nodes until `limit`, and keeps the
    edges from the frontier to kept nodes."""
    by_node: dict[str, list[tuple[str, dict]]] = {}
    for r in relations:
        if types is None or r["type"] in types:
            by_node.setdefault(r["s"], []).append((r["t"], r))
            by_node.setdefault(r["t"], []).append((r["s"], r))
    order = sorted(set(centers))
    seen, frontier, edges, truncated = set(order), list(order), {}, False
    for _ in range(depth):
        rows = sorted(
            (
                (other, r["type"], this, r["key"] or "", r)
                for this in frontier
                for other, r in by_node.get(this, [])
            ),
            key=lambda row: row[:4],
        )
        new = []
        for other, _type, _this, _key, r in rows:
            if allowed is not None and other not in allowed and other not in centers:
                continue
            if other not in seen:
                if len(order) >= limit:
                    truncated = True
                    continue
                seen.add(other)
                order.append(other)
                new.append(other)
            eid = f"{r['s']}|{r['type']}|{r['t']}|{r['key'] or '{}'}"
            edges[eid] = {
                "id": eid,
                "source": r["s"],
                "target": r["t"],
                "type": r["type"],
                "sources": len(r["sources"] or []),
            }
        frontier = new
    return {"nodes": order, "edges": [edges[k] for k in sorted(edges)], "truncated": truncated}


def test_graph_walk_keeps_what_the_whole_graph_says(corpus_stores):
    """The route reads only what it keeps (the first ids of each hop); the answer must be
    the walk over the whole graph, degree included, for hubs and leaves, cut or not."""
    from mskg.api.routes.graph import IN_DOMAIN, relationship_graph

    relations = _whole_graph(corpus_stores)
    degree: dict[str, int] = {}
    for r in relations:
        for end in (r["s"], r["t"]):
            degree[end] = degree.get(end, 0) + 1
    ranked = sorted(degree, key=lambda n: (-degree[n], n))
    centers = [[n] for n in ranked[:4] + ranked[-2:] + ranked[10:40:6]]
    centers += [ranked[:2], [ranked[0], ranked[-1], ranked[5]]]
    allowed = set(
        corpus_stores.graph.read(IN_DOMAIN, {"domains": ["domain/terrorism"]}).rows[0]["ids"]
    )
    checked = 0
    for center in centers:
        for depth in (1, 2, 3):
            for limit in (1, 3, 12, 200):
                for rel in (None, ["PARTICIPATED_IN", "PARTY_TO"]):
                    for domain in (None, ["domain/terrorism"]):
                        got = GraphResponse.model_validate(
                            relationship_graph(
                                corpus_stores, center, depth, rel, domain, limit=limit
                            )
                        )
                        want = _walk(
                            relations, center, depth, rel, limit, allowed if domain else None
                        )
                        nodes = [n.data for n in got.elements.nodes]
                        assert [n.id for n in nodes] == want["nodes"], (center, depth, limit, rel)
                        assert [n.degree for n in nodes] == [degree.get(n.id, 0) for n in nodes]
                        assert [e.data.model_dump() for e in got.elements.edges] == want["edges"]
                        assert got.truncated == want["truncated"], (center, depth, limit, rel)
                        checked += 1
    assert checked == len(centers) * 48


def _card_item(item: dict) -> tuple:
    quotes = [e["quote"] for e in item["evidence"]]
    return (item["id"], item["attributes"], item["sources_total"], item["sources"], quotes)


def _best(relations: list[dict], limit: int, evidence: int) -> list[tuple]:
    """The card's rule: the `limit` best-supported (then by other end and key), their lists
    cut at `evidence`."""
    best = sorted(relations, key=lambda r: (-len(r["sources"]), r["other"], r["key"]))[:limit]
    return [
        (
            r["other"],
            json.loads(r["key"]),
            len(r["sources"]),
            r["sources"][:evidence],
            r["quotes"][:evidence],
        )
        for r in best
    ]


def test_card_relations_are_the_best_supported_of_the_whole_graph(corpus_stores):
    """Both ways the card reads relations (FalkorDB's group by group, the portable one)
    give, per type and direction, the best-supported `limit` of all the entity's relations,
    their lists cut at `evidence`, and the full counts; documents are paged by `limit`."""
    from mskg.api.routes import entities

    relations = _whole_graph(corpus_stores)
    read = corpus_stores.graph.read
    mentions = read(
        "MATCH (d:Document)-[m:MENTIONS]->(n:Entity) RETURN n.id AS n, d.id AS d, "
        "d.title AS title, count(m) AS k",
        row_cap=None,
    ).rows
    for entity in sorted({r["s"] for r in relations} | {r["t"] for r in relations}):
        groups: dict[tuple[str, str], list[dict]] = {}
        for r in relations:
            for direction, this, other in (("out", r["s"], r["t"]), ("in", r["t"], r["s"])):
                if this == entity:
                    groups.setdefault((r["type"], direction), []).append({**r, "other": other})
        docs = sorted((m["d"], m["title"], m["k"]) for m in mentions if m["n"] == entity)
        for limit, evidence in ((1, 0), (2, 1), (50, 3), (50, 50)):
            params = {"id": entity, "limit": limit, "evidence": evidence}
            for read_relations in (entities._relations_falkordb, entities._relations):
                got, totals = read_relations(read, params)
                assert sorted(totals) == sorted({rel_type for rel_type, _ in groups})
                for (rel_type, direction), items in groups.items():
                    assert totals[rel_type][direction] == len(items)
                    kept = [_card_item(i) for i in got[rel_type][direction]]
                    want = _best(items, limit, evidence)
                    assert kept == want, (entity, rel_type, direction, limit, evidence)
            page = read(entities.MENTIONED_IN, params).rows
            assert [(d["id"], d["title"], d["mentions"]) for d in page] == docs[:limit]
            assert read(entities.MENTIONED_IN_TOTAL, params).rows[0]["n"] == len(docs)


def test_named_queries(client):
    catalogue = client.get("/queries").json()
    assert "parties_to_agreement" in {q["name"] for q in catalogue}
    for engine in ("cypher", "sparql"):
        r = client.get(
            "/queries/parties_to_agreement",
            params={"agreement": "agreement/cimo-algiers-declaration", "engine": engine},
        ).json()
        assert len(r["rows"]) == 10
    is_problem(client.get("/queries/parties_to_agreement"), 400)
    is_problem(client.get("/queries/no_such_query"), 404)


@pytest.mark.parametrize(
    "query",
    [
        "MATCH (n) DETACH DELETE n",
        "CREATE (:X {id: 'x'})",
        "LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r",
        "CALL db.idx.fulltext.drop('Entity')",
        "MATCH (n:Entity) SET n.label_en = 'x' RETURN n",
    ],
)
def test_cypher_is_read_only(client, query):
    before = client.get("/stats").json()
    is_problem(client.post("/cypher", json={"query": query}), 403)
    assert client.get("/stats").json() == before


def test_cypher_cap_and_timeout(client):
    r = client.post("/cypher", json={"query": "MATCH (n:Entity) RETURN n.id AS id"}).json()
    assert len(r["rows"]) == 50 and r["truncated"]
    many = "MATCH (a:Entity), (b:Entity), (c:Entity), (d:Entity) RETURN count(*) AS n"
    started = time.monotonic()
    is_problem(client.post("/cypher", json={"query": many}), 504)
    assert time.monotonic() - started < 15
    is_problem(client.post("/cypher", json={"query": "MATCH (n RETURN n"}), 400)


def test_sparql_protocol_with_sparqlwrapper(server):
    endpoint = SPARQLWrapper(f"{server}/sparql")
    endpoint.setQuery(
        "PREFIX mskg: <https://w3id.org/mskg/ontology#> SELECT ?s WHERE { ?s mskg:partyTo "
        "<https://w3id.org/mskg/id/agreement/cimo-algiers-declaration> } ORDER BY ?s"
    )
    endpoint.setReturnFormat(JSON)
    rows = endpoint.query().convert()["results"]["bindings"]
    assert len(rows) == 10
    endpoint.setReturnFormat(XML)
    assert len(endpoint.query().convert().getElementsByTagName("result")) == 10
    endpoint.setQuery("ASK { ?s ?p ?o }")
    endpoint.setReturnFormat(JSON)
    assert endpoint.query().convert()["boolean"] is True
    endpoint.setQuery("CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 5")
    endpoint.setReturnFormat("turtle")
    assert len(endpoint.query().convert()) > 0


def test_sparql_negotiation_graphs_and_updates(client):
    q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    csv = client.get("/sparql", params={"query": q}, headers={"Accept": "text/csv"})
    assert csv.headers["content-type"].startswith("text/csv") and csv.text.startswith("g,n")
    tsv = client.post("/sparql", data={"query": q}, headers={"Accept": "text/tab-separated-values"})
    assert tsv.headers["content-type"].startswith("text/tab-separated-values")
    one = client.get(
        "/sparql",
        params={
            "query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
            "default-graph-uri": "https://w3id.org/mskg/doc/001_1dea5c03c5093fa0",
        },
    ).json()
    everything = client.get(
        "/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}
    ).json()
    assert int(one["results"]["bindings"][0]["n"]["value"]) < int(
        everything["results"]["bindings"][0]["n"]["value"]
    )
    is_problem(
        client.post(
            "/sparql", content="DROP ALL", headers={"content-type": "application/sparql-update"}
        ),
        403,
    )
    is_problem(
        client.post(
            "/sparql",
            content="INSERT DATA { <a:b> <a:c> <a:d> }",
            headers={"content-type": "application/sparql-query"},
        ),
        403,
    )
    is_problem(client.get("/sparql", params={"query": "SELEC nonsense"}), 400)


def test_sparql_default_graph_is_the_merged_graph(client):
    """Facts once, without provenance; the documents' graphs answer GRAPH ?g, and the union of
    every graph is one parameter away."""
    mskg = "PREFIX mskg: <https://w3id.org/mskg/ontology#> "
    mention = mskg + "ASK { ?m a mskg:Mention }"

    def answer(params: dict, post: bool = False) -> dict:
        r = client.post("/sparql", data=params) if post else client.get("/sparql", params=params)
        assert r.status_code == 200, r.text
        return r.json()

    assert answer({"query": mention})["boolean"] is False
    assert answer({"query": mskg + "ASK { GRAPH ?g { ?m a mskg:Mention } }"})["boolean"] is True
    assert answer({"query": mention, "union-default-graph": ""})["boolean"] is True
    assert answer({"query": mention, "union-default-graph": "true"}, post=True)["boolean"] is True
    assert answer({"query": mention, "union-default-graph": "false"})["boolean"] is False

    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    merged = int(answer({"query": count})["results"]["bindings"][0]["n"]["value"])
    union = answer({"query": count, "union-default-graph": "1"})["results"]["bindings"]
    assert 0 < merged < int(union[0]["n"]["value"])
    hosts = mskg + "SELECT ?s WHERE { ?s mskg:heldIn <https://w3id.org/mskg/id/place/rabat> }"
    rows = answer({"query": hosts})["results"]["bindings"]  # stated by two documents: once
    assert len(rows) == len({r["s"]["value"] for r in rows}) > 0
    is_problem(
        client.get(
            "/sparql",
            params={
                "query": count,
                "union-default-graph": "",
                "default-graph-uri": "https://w3id.org/mskg/graph/registry",
            },
        ),
        400,
    )


def test_runaway_sparql_is_stopped_and_the_next_query_answers(client):
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    is_problem(client.get("/sparql", params={"query": runaway}), 504)
    assert time.monotonic() - started < 15
    ok = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert ok.status_code == 200 and ok.json()["boolean"] is True


def test_a_runaway_sparql_query_does_not_block_the_others(server):
    """Two workers: while one is stuck on a runaway query, the other answers."""
    import threading

    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    statuses: list[int] = []
    slow = threading.Thread(
        target=lambda: statuses.append(
            httpx.get(f"{server}/sparql", params={"query": runaway}, timeout=30).status_code
        )
    )
    slow.start()
    time.sleep(0.3)
    ok = httpx.get(f"{server}/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
    still_running = slow.is_alive()
    slow.join()
    assert ok.status_code == 200 and ok.json()["boolean"] is True
    assert still_running, "the quick query was answered only after the runaway one ended"
    assert statuses == [504]


def test_export_keeps_one_graph_per_document(client):
    r = client.get("/export", params={"format": "trig"})
    assert r.status_code == 200
    dataset = Dataset(parse(r.content, format=RdfFormat.TRIG))
    graphs = {getattr(q.graph_name, "value", "") for q in dataset}
    assert "" in graphs  # the default graph: the merged graph
    docs = {g for g in graphs if "/doc/" in g}
    assert len(docs) == 5
    assert "https://w3id.org/mskg/graph/registry" in graphs
    gexf = client.get("/export", params={"format": "gexf"})
    assert gexf.headers["content-type"].startswith("application/gexf+xml")
    import networkx

    entity_graph = networkx.read_gexf(io.BytesIO(gexf.content))
    assert entity_graph.number_of_nodes() == client.get("/stats").json()["entities"]
    void = client.get("/.well-known/void")
    assert "void:sparqlEndpoint" in void.text
    list(parse(void.content, format=RdfFormat.TURTLE, base_iri="http://localhost/"))


def test_linked_data(client):
    ttl = client.get("/id/state/MAR", headers={"Accept": "text/turtle"})
    assert ttl.headers["content-type"].startswith("text/turtle")
    triples = list(parse(ttl.content, format=RdfFormat.TURTLE))
    assert any(
        t.predicate.value.endswith("prefLabel") and t.object.value == "المغرب" for t in triples
    )
    jsonld = client.get("/id/state/MAR", headers={"Accept": "application/ld+json"})
    assert json.loads(jsonld.text)
    nt = client.get("/id/state/MAR", headers={"Accept": "application/n-triples"}).text
    lines = [line for line in nt.splitlines() if line.strip()]
    assert len(lines) == len(set(lines))  # each fact once, however many documents state it
    assert any("partyTo" in line for line in lines)
    assert "#" not in "".join(line.split(" ")[0] for line in lines)  # no annotation nodes
    is_problem(client.get("/id/state/XXX", headers={"Accept": "text/turtle"}), 404)
    card = client.get("/id/state/MAR", headers={"Accept": "application/json"}).json()
    assert card["id"] == "state/MAR"
    onto = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert "ThreatDomain" in onto.text


def test_writes_need_a_key_and_are_idempotent(client):
    doc = DOC000.read_bytes()
    is_problem(
        client.post("/documents", content=doc, headers={"content-type": "application/json"}), 401
    )
    is_problem(
        client.post(
            "/documents",
            content=doc,
            headers={"content-type": "application/json", "X-API-Key": "wrong"},
        ),
        403,
    )
    h = {"content-type": "application/json", "X-API-Key": KEY}
    before = client.get("/stats").json()
    assert client.post("/documents", content=doc, headers=h).json()["skipped"] == 1
    assert client.get("/stats").json() == before

    bad = json.loads(doc)
    bad["mentions"][0]["end"] += 2
    body = is_problem(
        client.post("/documents", content=json.dumps(bad, ensure_ascii=False), headers=h), 422
    )
    assert body["problems"][0]["place"] == "$.mentions[0]"
    assert client.get("/stats").json() == before

    assert (
        client.delete("/documents/000_b8b2124286a87c6a", headers={"X-API-Key": KEY}).status_code
        == 204
    )
    assert client.get("/stats").json()["documents"] == 4
    is_problem(client.delete("/documents/000_b8b2124286a87c6a", headers={"X-API-Key": KEY}), 404)
    ask = "ASK { GRAPH <https://w3id.org/mskg/doc/000_b8b2124286a87c6a> { ?s ?p ?o } }"
    first = client.get("/sparql", params={"query": ask})
    assert first.status_code == 200, first.text
    assert first.json()["boolean"] is False
    assert client.post("/documents", content=doc, headers=h).status_code == 201
    assert client.get("/stats").json() == before
    assert client.get("/sparql", params={"query": ask}).json()["boolean"] is True


def test_errors_have_one_shape(client):
    is_problem(client.get("/nope"), 404)
    is_problem(client.put("/stats"), 405)
    is_problem(client.post("/cypher", json={"params": {}}), 422)
    big = b"x" * 2_100_000
    is_problem(
        client.post(
            "/documents",
            content=big,
            headers={"content-type": "application/json", "X-API-Key": KEY},
        ),
        413,
    )


def test_openapi_fuzzing_finds_no_server_error(server):
    """schemathesis generates requests from /openapi.json: no 5xx, every response fits it."""
    from pathlib import Path

    cli = Path(sys.executable).parent / "schemathesis"
    run = subprocess.run(
        [
            str(cli),
            "run",
            f"{server}/openapi.json",
            "--checks",
            "not_a_server_error,response_schema_conformance",
            "--max-examples",
            "15",
            "--generation-deterministic",
            "--request-timeout",
            "20",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:]
    assert client_is_healthy(server)


def client_is_healthy(server: str) -> bool:
    return httpx.get(f"{server}/health", timeout=5).json()["status"] == "ok"


def test_brat_files_can_be_posted_as_a_form(client, tmp_path):
    """multipart/form-data with a document's brat files (.txt, .ann and the sidecar) loads the
    same document: its hash is the stored one, so it is skipped, and stats do not move."""
    from mskg.loaders import brat, read_source

    doc = read_source(CORPUS / "001_1dea5c03c5093fa0.json")[0]
    brat.write(doc, tmp_path)
    files = [("files", (p.name, p.read_bytes())) for p in sorted(tmp_path.iterdir())]
    assert any(name.endswith(".ann") for _, (name, _) in files)
    before = client.get("/stats").json()
    answer = client.post("/documents", files=files, headers={"X-API-Key": KEY})
    assert answer.status_code == 201, answer.text
    assert answer.json()["skipped"] == 1
    assert client.get("/stats").json() == before
    empty = client.post(
        "/documents", files=[("files", ("notes.md", b"# nothing"))], headers={"X-API-Key": KEY}
    )
    assert "no .ann" in is_problem(empty, 400)["detail"]

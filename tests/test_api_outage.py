"""A store going down: what needs it answers 503, the rest keeps answering, and /health says
which store is down. Uses its own FalkorDB server, since this test stops it."""

from __future__ import annotations

import httpx

from mskg.stores.falkordb import EmbeddedServer
from tests.api_server import environment, running_api
from tests.conftest import make_settings


def test_graph_store_down_gives_503_and_sparql_keeps_answering(tmp_path):
    graph_server = EmbeddedServer(tmp_path / "falkordb")
    graph_server.start()
    settings = make_settings(tmp_path / "data", graph_server)
    try:
        with running_api(environment(settings)) as base, httpx.Client(base_url=base) as client:
            assert client.get("/entities/state/MAR").status_code == 200
            graph_server.stop()

            down = client.get("/entities/state/MAR", timeout=30)
            assert down.status_code == 503, down.text
            assert down.headers["content-type"].startswith("application/problem+json")
            assert "FalkorDB" in down.json()["detail"]

            ask = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
            assert ask.status_code == 200 and ask.json()["boolean"] is True
            assert client.get("/export", params={"format": "nq"}).status_code == 200

            health = client.get("/health").json()
            assert health["status"] == "degraded"
            assert health["graph"].startswith("error") and health["rdf"] == "ok"
    finally:
        graph_server.stop()

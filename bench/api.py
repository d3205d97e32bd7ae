"""Query and API benchmark: a real `mskg serve` (uvicorn) on a loaded data directory.

Every request kind is timed with one client and with 8 concurrent clients (wrk when it is
installed, else an httpx client in this process: ``measure.load_generator``), and next to it the
raw store doing the same work in this process: FalkorDB ``GRAPH.RO_QUERY`` of the Cypher the
route runs (through the falkordb client, on the server's socket) and Oxigraph's query on a
read-only opening of the same store.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote

import httpx

from bench.alternatives import two_hop_query
from bench.measure import Latency, http_load, load_generator, rss_mb, time_calls, wrk_load

ROOT = Path(__file__).resolve().parent.parent
KIND_SECONDS = 10.0
# wrk runs each kind at least this long, so even a fast kind's p99 rests on hundreds of requests.
WRK_MIN_SECONDS = 3.0
RAW_TIMEOUT_MS = 60_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`mskg --data-dir D serve --port P` as a child process (a context manager)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        mskg = str(Path(sys.executable).with_name("mskg"))
        self.log = open(self.data_dir / "bench-serve.log", "wb")  # closed in __exit__
        cmd = [mskg, "--data-dir", str(self.data_dir), "serve", "--port", str(self.port)]
        self.process = subprocess.Popen(
            [*cmd, "--log-level", "warning"],
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "MSKG_QUERY_TIMEOUT": "60"},
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"mskg serve exited; see {self.data_dir / 'bench-serve.log'}")
            try:
                if httpx.get(self.url + "/health", timeout=2).status_code < 500:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError("mskg serve did not answer /health in 120 s")

    def rss_mb(self) -> float:
        return rss_mb(self.process.pid) if self.process else 0.0

    def __exit__(self, *exc: object) -> None:
        if self.process:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


def pick_actors(graph: Any) -> tuple[str, str]:
    """The most connected actor (hub) and one of the least connected (leaf, degree ≥ 1)."""
    rows = graph.ro_query(
        "MATCH (n:Entity:Actor)-[r]-(:Entity) RETURN n.id, count(r) AS d ORDER BY d DESC, n.id"
    ).result_set
    return rows[0][0], rows[-1][0]


def pick_params(graph: Any, hub: str) -> dict[str, str]:
    """Ids for the named queries' parameters, taken from the loaded data."""

    def one(q: str) -> str:
        rows = graph.ro_query(q).result_set
        return rows[0][0] if rows else ""

    agreement = one(
        "MATCH (a:Entity)-[:PARTY_TO]->(g:Entity) RETURN g.id, count(a) AS n "
        "ORDER BY n DESC LIMIT 1"
    )
    event = one(
        "MATCH (:Entity)-[:PARTICIPATED_IN]->(e:Entity) RETURN e.id, count(*) AS n "
        "ORDER BY n DESC LIMIT 1"
    )
    place = one("MATCH (:Entity)-[:HELD_IN]->(p:Entity) RETURN p.id, count(*) AS n ORDER BY n DESC")
    domain = one(
        "MATCH (:Entity)-[:ADDRESSES]->(d:Entity) RETURN d.id, count(*) AS n ORDER BY n DESC"
    )
    return {"hub": hub, "agreement": agreement, "event": event, "place": place, "domain": domain}


def named_requests(p: dict[str, str], leaf: str) -> dict[str, dict[str, str]]:
    return {
        "actor_profile": {"id": p["hub"]},
        "parties_to_agreement": {"agreement": p["agreement"]},
        "mechanisms_established": {"by": p["event"]},
        "events_by_place": {"place": p["place"]},
        "timeline": {"from": "2010", "to": "2012"},
        "cooperation_by_domain": {"domain": p["domain"]},
        "co_participation": {"actor": p["hub"]},
        "evidence_for": {"subject": p["hub"], "object": p["event"]},
        "shortest_connection": {"a": leaf, "b": p["place"]},
    }


def _qs(params: dict[str, Any]) -> str:
    return "&".join(f"{k}={quote(str(v), safe='')}" for k, v in params.items())


def request_kinds(
    base: str, hub: str, leaf: str, params: dict[str, str], arabic_query: str
) -> dict[str, tuple[str, str, dict[str, Any]]]:
    kinds: dict[str, tuple[str, str, dict[str, Any]]] = {}
    for depth in (1, 2):
        for role, actor in (("hub", hub), ("leaf", leaf)):
            kinds[f"graph_d{depth}_{role}"] = (
                "GET",
                f"/graph?{_qs({'center': actor, 'depth': depth})}",
                {},
            )
    kinds["entity_hub"] = ("GET", f"/entities/{hub}", {})
    kinds["entity_leaf"] = ("GET", f"/entities/{leaf}", {})
    kinds["search_ar"] = ("GET", f"/entities?{_qs({'q': arabic_query})}", {})
    for name, qp in named_requests(params, leaf).items():
        kinds[f"named_{name}"] = ("GET", f"/queries/{name}?{_qs(qp)}", {})
    kinds["sparql_2hop"] = (
        "GET",
        "/sparql?" + _qs({"query": two_hop_query(base, hub)}),
        {"headers": {"Accept": "application/sparql-results+json"}},
    )
    return kinds


class RawReads:
    """The `read` the routes' functions call, straight on the raw FalkorDB graph: no
    read-only check, no row cap, no decoding of nodes — only rows as dicts."""

    dialect = "falkordb"  # the card takes its FalkorDB path

    def __init__(self, graph: Any) -> None:
        self.graph = graph

    def read(self, query: str, params: dict[str, Any], row_cap: int | None = None) -> Any:
        result = self.graph.ro_query(query, params)
        columns = [c[1] for c in result.header]
        return SimpleNamespace(rows=[dict(zip(columns, r, strict=True)) for r in result.result_set])


def raw_baselines(
    graph: Any, rdf: Any, base: str, hub: str, leaf: str, params: dict[str, str], n: dict[str, int]
) -> dict[str, dict[str, Any]]:
    """The raw stores doing what the routes do, in this process."""
    from mskg.api.routes.entities import entity_card
    from mskg.api.routes.graph import relationship_graph
    from mskg.queries.catalogue import get_query

    raw = RawReads(graph)
    raw_stores = SimpleNamespace(graph=raw, base=base)

    def neighbourhood(center: str, depth: int) -> None:  # the route's own function, as card
        relationship_graph(raw_stores, [center], depth)  # type: ignore[arg-type]

    def card(entity: str) -> None:  # the route's own function, its defaults, on raw reads
        entity_card(raw_stores, entity)

    skip = {k for k in request_kinds(base, hub, leaf, params, "") if k not in n}
    n = {k: n.get(k, 10) for k in request_kinds(base, hub, leaf, params, "")}
    out: dict[str, dict[str, Any]] = {}
    for depth in (1, 2):
        for role, actor in (("hub", hub), ("leaf", leaf)):
            kind = f"graph_d{depth}_{role}"
            out[kind] = time_calls(lambda a=actor, d=depth: neighbourhood(a, d), n[kind]).to_json()
    out["entity_hub"] = time_calls(lambda: card(hub), n["entity_hub"]).to_json()
    out["entity_leaf"] = time_calls(lambda: card(leaf), n["entity_leaf"]).to_json()
    for name, qp in named_requests(params, leaf).items():
        if f"named_{name}" in skip:  # failed through the API: the raw store would hang too
            continue
        query = get_query(name)
        bound = query.bind(qp)
        out[f"named_{name}"] = time_calls(
            lambda q=query.cypher, b=bound: graph.ro_query(q, b, timeout=RAW_TIMEOUT_MS),
            n[f"named_{name}"],
        ).to_json()
    sparql = two_hop_query(base, hub)  # on the store's default graph, as /sparql runs it
    out["sparql_2hop"] = time_calls(lambda: list(rdf.query(sparql)), n["sparql_2hop"]).to_json()
    return out


def measure(
    data_dir: Path,
    *,
    requests: int,
    clients: tuple[int, ...] = (1, 8),
    only: tuple[str, ...] = (),
) -> dict:
    """Serve ``data_dir`` and time every request kind (or those starting with one of
    ``only``); returns the JSON section."""
    from falkordb import FalkorDB
    from pyoxigraph import Store

    from mskg.config import Settings

    base = Settings().base
    client = load_generator()
    results: dict[str, Any] = {"kinds": {}, "errors": [], "load_generator": client}
    with Server(data_dir) as server:
        db = FalkorDB(unix_socket_path=str(data_dir / "falkordb" / "falkordb.sock"))
        graph = db.select_graph(Settings().graph_name)
        hub, leaf = pick_actors(graph)
        params = pick_params(graph, hub)
        arabic = graph.ro_query("MATCH (n:Entity {id: $id}) RETURN n.label_ar", {"id": hub})
        arabic_query = (arabic.result_set[0][0] or "المغرب").split()[0]
        results.update(hub=hub, leaf=leaf, params=params, search_text=arabic_query)
        kinds = request_kinds(base, hub, leaf, params, arabic_query)
        if only:
            kinds = {k: v for k, v in kinds.items() if k.startswith(only)}
        counts: dict[str, int] = {}
        for kind, req in kinds.items():
            entry: dict[str, Any] = {"method": req[0], "path": req[1][:200]}
            # A slow kind (a hub's card at 10,000 documents) gets fewer requests, so one kind
            # cannot take the whole run: about KIND_SECONDS per client count, at least 10.
            probe = probe_request(server.url, req[1], req[2].get("headers"))
            if isinstance(probe, str):  # a kind that fails (e.g. 504 at the query timeout)
                entry["failed"] = probe
                results["errors"].append(f"{kind}: {probe}")
                results["kinds"][kind] = entry
                continue
            n = max(10, min(requests, int(KIND_SECONDS / max(probe, 1e-6))))
            counts[kind] = n  # kinds that failed have no count: their raw twin is skipped
            entry["requests_per_client_count"] = n
            for c in clients:
                if client == "wrk":  # a duration, not a count: about what n requests take
                    seconds = max(WRK_MIN_SECONDS, min(KIND_SECONDS, n * probe))
                    headers = req[2].get("headers")
                    latency, errors = wrk_load(
                        server.url, req[1], clients=c, seconds=seconds, headers=headers
                    )
                else:
                    latency, errors = http_load(server.url, [req] * (n * min(c, 2)), clients=c)
                entry[f"clients_{c}"] = latency.to_json()
                results["errors"] += [f"{kind} ({c} clients): {e}" for e in errors]
            results["kinds"][kind] = entry
        results["server_rss_mb"] = server.rss_mb()
        rdf = Store.read_only(str(data_dir / "oxigraph"))
        raw = raw_baselines(graph, rdf, base, hub, leaf, params, counts)
        for kind, latency in raw.items():
            if kind in results["kinds"] and "failed" not in results["kinds"][kind]:
                results["kinds"][kind]["raw"] = latency
        db.connection.close()
    return results


def graph_edges(data_dir: Path) -> list[tuple[str, str, str]]:
    """The whole relationship graph (entity to entity), as a networkx user would export it."""
    from mskg.config import Settings
    from mskg.stores.falkordb import FalkorStore

    store = FalkorStore(Settings(data_dir=data_dir))
    try:
        rows = store.graph.ro_query(
            "MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id, type(r), b.id", timeout=600_000
        ).result_set
    finally:
        store.close()
    return [(a, t, b) for a, t, b in rows]


def probe_request(url: str, path: str, headers: dict[str, str] | None = None) -> float | str:
    """Seconds one request takes (after one warm-up), or what went wrong."""
    with httpx.Client(base_url=url, timeout=120) as client:
        try:
            for _ in range(2):
                t0 = time.perf_counter()
                client.get(path, headers=headers).raise_for_status()
        except httpx.HTTPError as exc:
            return f"{path[:80]}: {exc!s:.200}"
        return time.perf_counter() - t0


def timed_request(url: str, path: str, n: int, headers: dict[str, str] | None = None) -> Latency:
    """One client, ``n`` requests of ``path`` (for the alternatives' comparisons)."""
    with httpx.Client(base_url=url, timeout=120) as client:
        return time_calls(lambda: client.get(path, headers=headers).raise_for_status(), n)

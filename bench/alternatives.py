"""What a user would reach for instead of mskg, on the same data, measured in the same run.

- SPARQL on an rdflib in-memory dataset (the first thing a Python user tries);
- the relationship graph computed with networkx on the whole graph held in memory.
"""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bench.measure import Latency, time_calls

MSKG = "https://w3id.org/mskg/ontology#"


def two_hop_query(base: str, actor_id: str) -> str:
    """Actors that took part in the same events as ``actor_id``, with how many (2 hops)."""
    return f"""PREFIX mskg: <{MSKG}>
SELECT ?other (COUNT(DISTINCT ?event) AS ?events) WHERE {{
  <{base}/id/{actor_id}> mskg:participatedIn ?event .
  ?other mskg:participatedIn ?event .
  FILTER(?other != <{base}/id/{actor_id}>)
}} GROUP BY ?other ORDER BY DESC(?events) ?other"""


def rdflib_sparql(nquads: Path, query: str, n: int) -> dict[str, Any]:
    """Load the N-Quads export into rdflib (union default graph) and time ``query``."""
    import time

    from rdflib import Dataset

    gc.collect()
    tracemalloc.start()
    t0 = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(nquads, format="nquads")
    load_s = time.perf_counter() - t0
    memory_mb = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    rows = len(list(dataset.query(query)))
    latency = time_calls(lambda: list(dataset.query(query)), n, warmup=1)
    return {
        "load_s": round(load_s, 2),
        "memory_mb": round(memory_mb, 1),
        "rows": rows,
        "latency": latency.to_json(),
    }


def networkx_ego(edges: Iterable[tuple[str, str, str]], center: str, n: int) -> dict[str, Any]:
    """Hold the whole graph in a networkx MultiDiGraph and time a depth-2 neighbourhood."""
    import time

    import networkx as nx

    gc.collect()
    tracemalloc.start()
    t0 = time.perf_counter()
    graph = nx.MultiDiGraph()
    for source, rel, target in edges:
        graph.add_edge(source, target, type=rel)
    build_s = time.perf_counter() - t0
    memory_mb = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()

    def ego() -> tuple[int, int]:
        sub = nx.ego_graph(graph, center, radius=2, undirected=True)
        return sub.number_of_nodes(), sub.number_of_edges()

    nodes, links = ego()
    latency: Latency = time_calls(ego, n, warmup=1)
    return {
        "build_s": round(build_s, 2),
        "memory_mb": round(memory_mb, 1),
        "nodes": nodes,
        "edges": links,
        "latency": latency.to_json(),
    }

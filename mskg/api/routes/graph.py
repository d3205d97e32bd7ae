"""The relationship graph for a front-end, as Cytoscape.js elements JSON.

Breadth-first from the centre(s), a few queries per hop (depth ≤ 3) and one for the nodes'
details, whatever the size of the neighbourhood — no query per node, and no hop sends more
than the view keeps. A hub (an actor in thousands of documents) has thousands of neighbours:
each hop first asks for the ids it will keep (the first ones by id, as the view orders them),
then for the edges between the frontier and those ids only.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from mskg.api.deps import StoresDep
from mskg.errors import BadQuery, NotFound
from mskg.ontology import load_ontology
from mskg.pipeline import Stores
from mskg.stores.base import GraphStore
from mskg.stores.cypher import safe_name

router = APIRouter(tags=["graph"])

# The next hop's candidates: distinct neighbour ids of the frontier in id order, at most
# $cap of them. `{rel}` is empty (every relation: only ontology relations join entities) or
# `:A|B` with types checked against the ontology. The edge is left unnamed on purpose:
# FalkorDB then walks node to node without building each relationship (a hub's 6,652
# relationships cost ~10 ms to build; its 3,172 neighbour ids ~1.5 ms).
NEXT = """
UNWIND $frontier AS i
MATCH (:Entity {{id: i}})-[{rel}]-(b:Entity)
WITH DISTINCT b.id AS id
RETURN id ORDER BY id LIMIT $cap
"""
# The relationships between the frontier and the ids the view keeps: the hop's new ids and
# the frontier itself. The pairs are found first (unnamed edges, as in NEXT), then each
# pair's relationships are read from the kept end. The filter sits after WITH so that the
# walk starts from the frontier's index lookups. A list test costs a comparison per item, so
# each list is guarded by the range of its ids ($new_lo..$new_hi, $f_lo..$f_hi), which
# drops most pairs first: a hop keeps the first ids, so they are close together in order.
EDGES = """
UNWIND $frontier AS i
MATCH (a:Entity {{id: i}})-[{rel}]-(b:Entity)
WITH DISTINCT a, b
WHERE (b.id >= $new_lo AND b.id <= $new_hi AND b.id IN $new)
   OR (b.id >= $f_lo AND b.id <= $f_hi AND b.id IN $frontier)
MATCH (b)-[r{rel}]-(a)
RETURN a.id AS a, b.id AS b, type(r) AS type, startNode(r) = a AS out, r.key AS key,
       size(r.sources) AS sources
"""


# Node details with the degree: relations to other entities in the whole graph. Counting a
# hub's relationships one by one costs milliseconds per request, so on FalkorDB the degree
# comes from its indegree()/outdegree() functions over the ontology's relationship types
# (every one joins two entities, except a document's MENTIONS); Neo4j runs the portable count.
def _nodes_falkordb() -> str:
    types = ", ".join(
        f"'{safe_name(t)}'" for t in sorted(load_ontology().by_rel_type) if t != "MENTIONS"
    )
    return f"""
UNWIND $ids AS i
MATCH (n:Entity {{id: i}})
RETURN n.id AS id, n.type AS type, n.label_ar AS ar, n.label_en AS en, n.label_fr AS fr,
       n.date AS date, outdegree(n, {types}) + indegree(n, {types}) AS degree
"""


NODES_FALKORDB = _nodes_falkordb()
NODES = """
UNWIND $ids AS i
MATCH (n:Entity {id: i})
OPTIONAL MATCH (n)-[x]-(:Entity)
RETURN n.id AS id, n.type AS type, n.label_ar AS ar, n.label_en AS en, n.label_fr AS fr,
       n.date AS date, count(x) AS degree
"""
IN_DOMAIN = """
MATCH (d:Entity)-[:BROADER*0..3]->(top:Entity)
WHERE top.id IN $domains
OPTIONAL MATCH (x:Entity)-[:ADDRESSES]->(d)
OPTIONAL MATCH (x)-[]-(y:Entity)
RETURN collect(DISTINCT d.id) + collect(DISTINCT x.id) + collect(DISTINCT y.id) AS ids
"""


class NodeData(BaseModel):
    id: str = Field(examples=["state/MAR"])
    label: str = Field(description="Display label (English, else Arabic).", examples=["Morocco"])
    labels: dict[str, str] = Field(examples=[{"ar": "المغرب", "en": "Morocco", "fr": "Maroc"}])
    class_: str = Field(alias="class", examples=["State"])
    degree: int = Field(description="Relations in the whole graph.", examples=[57])
    center: bool = False


class EdgeData(BaseModel):
    id: str = Field(examples=["state/MAR|PARTY_TO|agreement/cimo-algiers-declaration|{}"])
    source: str = Field(examples=["state/MAR"])
    target: str = Field(examples=["agreement/cimo-algiers-declaration"])
    type: str = Field(examples=["PARTY_TO"])
    sources: int = Field(description="How many sources state it.", examples=[1])


class Node(BaseModel):
    data: NodeData


class Edge(BaseModel):
    data: EdgeData


class Elements(BaseModel):
    nodes: list[Node]
    edges: list[Edge]


class GraphResponse(BaseModel):
    elements: Elements
    truncated: bool = Field(description="True when `limit` cut the neighbourhood.")


def _rel_pattern(rel: list[str] | None) -> str:
    """The relationship types of the walk as pattern text: empty for every relation, else
    ``:A|B`` (each type checked against the ontology, so nothing else reaches the query)."""
    if not rel:
        return ""
    known = sorted(load_ontology().by_rel_type)
    unknown = [r for r in rel if r not in known]
    if unknown:
        raise BadQuery(
            f"unknown relationship type(s) {', '.join(unknown)}",
            hint=f"use any of {', '.join(known)}",
        )
    return ":" + "|".join(safe_name(r) for r in sorted(set(rel)))


def _edge(row: dict[str, Any]) -> dict[str, Any]:
    """One EDGES row as an edge in the statement's direction, with its stable id."""
    s, t = (row["a"], row["b"]) if row["out"] else (row["b"], row["a"])
    eid = f"{s}|{row['type']}|{t}|{row['key'] or '{}'}"
    return {
        "id": eid,
        "source": s,
        "target": t,
        "type": row["type"],
        "sources": row["sources"] or 0,
    }


def walk(
    graph: GraphStore,
    centers: list[str],
    depth: int,
    rel: str,
    limit: int,
    allowed: set[str] | None = None,
) -> tuple[list[str], dict[str, dict[str, Any]], bool]:
    """Breadth-first from ``centers``: the kept ids in order (by hop, then id), the edges
    between each hop's frontier and the kept ids, and whether ``limit`` cut the walk.

    Each hop keeps the first new neighbours by id, up to ``limit`` nodes in all. A kept node
    is adjacent to no kept node two hops nearer the centre (it would have been found then),
    so a hop's edges are those from its frontier to the nodes it adds, plus those within the
    frontier; the edges among the last hop's nodes are not part of the view.
    """
    next_ids, edges_query = NEXT.format(rel=rel), EDGES.format(rel=rel)
    order = list(centers)
    seen = set(centers)
    edges: dict[str, dict[str, Any]] = {}
    frontier, truncated = list(centers), False
    for _ in range(depth):
        if not frontier:
            break
        room = max(0, limit - len(order))
        new: list[str] = []
        if room or not truncated:  # a full view already known to be cut adds no ids
            # At most len(seen) of the first ids are already in the view, so room + len(seen)
            # + 1 ids hold the room's new ones and tell whether more were left out. The
            # domain filter drops an unknown number of them: it needs every id.
            cap = room + len(seen) + 1 if allowed is None else 1 << 30
            params = {"frontier": frontier, "cap": cap}
            ids = [r["id"] for r in graph.read(next_ids, params, row_cap=None).rows]
            new = [i for i in ids if i not in seen and (allowed is None or i in allowed)]
            truncated = truncated or len(new) > room
            new = new[:room]
        params = {
            "frontier": frontier,
            "f_lo": frontier[0],
            "f_hi": frontier[-1],
            "new": new,
            "new_lo": new[0] if new else None,
            "new_hi": new[-1] if new else None,
        }
        for row in graph.read(edges_query, params, row_cap=None).rows:
            edge = _edge(row)
            edges[edge["id"]] = edge
        order += new
        seen.update(new)
        frontier = new
    return order, edges, truncated


@router.get(
    "/graph",
    summary="The relationship graph around one or more entities",
    response_model=GraphResponse,
)
def graph(
    stores: StoresDep,
    center: Annotated[
        list[str],
        Query(
            min_length=1,
            max_length=20,
            description="Entity id; repeat for several.",
            examples=["person/mohand-laenser"],
        ),
    ],
    depth: Annotated[int, Query(ge=1, le=3, description="Hops from the centre.")] = 1,
    rel: Annotated[
        list[str] | None,
        Query(description="Only these relationship types, e.g. PARTICIPATED_IN; repeatable."),
    ] = None,
    domain: Annotated[
        list[str] | None,
        Query(description="Only what is tied to these threat domains (or narrower ones)."),
    ] = None,
    from_: Annotated[
        str | None,
        Query(
            alias="from",
            pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
            description="Drop dated entities before this date.",
        ),
    ] = None,
    to: Annotated[
        str | None,
        Query(
            pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="Drop dated entities after this date."
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=2000, description="Most nodes returned.")] = 200,
) -> JSONResponse:
    """Nodes carry id, class, labels in ar/en/fr and degree; edges carry id, source, target,
    type and the number of sources. Order is deterministic (by hop, then id). Feed
    `elements` to `cytoscape({elements})`. See docs/api.md."""
    # Plain dicts, serialised once: as GraphResponse models, FastAPI dumped, validated and
    # serialised them again (tests/test_api.py holds the answer to GraphResponse).
    return JSONResponse(relationship_graph(stores, center, depth, rel, domain, from_, to, limit))


def relationship_graph(
    stores: Stores,
    center: list[str],
    depth: int = 1,
    rel: list[str] | None = None,
    domain: list[str] | None = None,
    from_: str | None = None,
    to: str | None = None,
    limit: int = 200,
) -> dict[str, Any]:
    """The answer of ``GET /graph`` (its parameters, checked), as ``GraphResponse`` data."""
    rel_pattern = _rel_pattern(rel)
    read = stores.graph.read
    allowed: set[str] | None = None
    if domain:
        rows = read(IN_DOMAIN, {"domains": domain}, row_cap=None).rows
        allowed = set(rows[0]["ids"]) if rows else set()
    centers = sorted(set(center))
    # An unknown centre has no neighbours, so the walk costs nothing; it is then missing from
    # the node details, which saves every request a query of its own.
    order, edges, truncated = walk(stores.graph, centers, depth, rel_pattern, limit, allowed)
    nodes_query = NODES_FALKORDB if stores.graph.dialect == "falkordb" else NODES
    details = {r["id"]: r for r in read(nodes_query, {"ids": order}, row_cap=None).rows}
    missing = [c for c in centers if c not in details]
    if missing:
        raise NotFound(f"no entity {', '.join(missing)}", hint="find ids with GET /entities?q=")
    if from_ or to:  # dated entities outside the window go (the centres stay)
        lo, hi = from_ or "", (to or "9999") + "~"
        order = [
            i
            for i in order
            if i in centers or not details[i]["date"] or lo <= str(details[i]["date"]) <= hi
        ]
    kept = set(order)
    nodes = []
    for i in order:
        d = details[i]
        labels = {"ar": d["ar"] or "", "en": d["en"] or "", "fr": d["fr"] or ""}
        node = {
            "id": i,
            "label": labels["en"] or labels["ar"] or i,
            "labels": labels,
            "class": d["type"],
            "degree": d["degree"],
            "center": i in centers,
        }
        nodes.append({"data": node})
    edge_list = [
        {"data": e} for _, e in sorted(edges.items()) if e["source"] in kept and e["target"] in kept
    ]
    return {"elements": {"nodes": nodes, "edges": edge_list}, "truncated": truncated}

"""The relationship graph for a front-end, as Cytoscape.js elements JSON.

Breadth-first from the centre(s): one query per hop (depth ≤ 3) and one for the nodes'
details, whatever the size of the neighbourhood — no query per node.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from mskg.api.deps import StoresDep
from mskg.errors import BadQuery, NotFound
from mskg.ontology import load_ontology

router = APIRouter(tags=["graph"])

HOP = """
UNWIND $ids AS i
MATCH (a:Entity {id: i})-[r]-(b:Entity)
WHERE type(r) IN $types
RETURN a.id AS a, b.id AS b, type(r) AS type, startNode(r) = a AS out, r.key AS key,
       size(r.sources) AS sources
"""
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


def _types(rel: list[str] | None) -> list[str]:
    known = sorted(load_ontology().by_rel_type)
    if not rel:
        return known
    unknown = [r for r in rel if r not in known]
    if unknown:
        raise BadQuery(
            f"unknown relationship type(s) {', '.join(unknown)}",
            hint=f"use any of {', '.join(known)}",
        )
    return sorted(set(rel))


@router.get("/graph", summary="The relationship graph around one or more entities")
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
) -> GraphResponse:
    """Nodes carry id, class, labels in ar/en/fr and degree; edges carry id, source, target,
    type and the number of sources. Order is deterministic (by hop, then id). Feed
    `elements` to `cytoscape({elements})`. See docs/api.md."""
    types = _types(rel)
    read = stores.graph.read
    allowed: set[str] | None = None
    if domain:
        rows = read(IN_DOMAIN, {"domains": domain}, row_cap=None).rows
        allowed = set(rows[0]["ids"]) if rows else set()
    order: list[str] = []
    seen: set[str] = set()
    centers = sorted(set(center))
    found = {r["id"] for r in read(NODES, {"ids": centers}, row_cap=None).rows}
    missing = [c for c in centers if c not in found]
    if missing:
        raise NotFound(f"no entity {', '.join(missing)}", hint="find ids with GET /entities?q=")
    for c in centers:
        order.append(c)
        seen.add(c)
    edges: dict[str, dict[str, Any]] = {}
    frontier, truncated = centers, False
    for _ in range(depth):
        if not frontier:
            break
        rows = read(HOP, {"ids": frontier, "types": types}, row_cap=None).rows
        nxt: list[str] = []
        for r in sorted(rows, key=lambda r: (r["b"], r["type"], r["a"], r["key"] or "")):
            other = r["b"]
            if allowed is not None and other not in allowed and other not in centers:
                continue
            if other not in seen:
                if len(order) >= limit:
                    truncated = True
                    continue
                seen.add(other)
                order.append(other)
                nxt.append(other)
            s, t = (r["a"], other) if r["out"] else (other, r["a"])
            eid = f"{s}|{r['type']}|{t}|{r['key'] or '{}'}"
            edges[eid] = {
                "id": eid,
                "source": s,
                "target": t,
                "type": r["type"],
                "sources": r["sources"] or 0,
            }
        frontier = nxt
    details = {r["id"]: r for r in read(NODES, {"ids": order}, row_cap=None).rows}
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
        nodes.append(
            Node(
                data=NodeData(
                    **{
                        "id": i,
                        "label": labels["en"] or labels["ar"] or i,
                        "labels": labels,
                        "class": d["type"],
                        "degree": d["degree"],
                        "center": i in centers,
                    }
                )
            )
        )
    edge_list = [
        Edge(data=EdgeData(**e))
        for eid, e in sorted(edges.items())
        if e["source"] in kept and e["target"] in kept
    ]
    return GraphResponse(elements=Elements(nodes=nodes, edges=edge_list), truncated=truncated)

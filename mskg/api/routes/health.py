"""Health and counts."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from mskg.api.deps import StateDep, StoresDep
from mskg.pipeline import stats as compute_stats

router = APIRouter(tags=["health"])


class Stats(BaseModel):
    documents: int = Field(examples=[5])
    entities: int = Field(examples=[238])
    relations: int = Field(examples=[451])
    triples: int = Field(examples=[9203])
    by_class: dict[str, int] = Field(examples=[{"State": 41, "Meeting": 11}])
    by_relation: dict[str, int] = Field(examples=[{"PARTICIPATED_IN": 30}])


@router.get("/health", summary="State of each store")
def health(state: StateDep) -> dict[str, Any]:
    """`ok` when both stores answer; otherwise what is wrong with each (HTTP 200 either way, so
    a monitor can read it)."""
    out: dict[str, Any] = {"status": "ok", "graph": "ok", "rdf": "ok", "sparql": "ok"}
    stores = state.stores
    if stores is None:
        return {"status": "unavailable", "graph": state.error, "rdf": state.error}
    try:
        stores.graph.read("RETURN 1 AS ok", timeout=2)
        out["graph_backend"] = stores.graph.dialect
    except Exception as exc:  # report, do not fail
        out["graph"] = f"error: {exc}"
    try:
        stores.rdf.ping()
    except Exception as exc:
        out["rdf"] = f"error: {exc}"
    if state.sparql is None or not state.sparql.alive():
        out["sparql"] = "worker not running (restarts on the next query)"
    if out["graph"] != "ok" or out["rdf"] != "ok":
        out["status"] = "degraded"
    return out


@router.get("/stats", summary="Counts, as `mskg stats --json`")
def stats(stores: StoresDep) -> Stats:
    return Stats(**compute_stats(stores))

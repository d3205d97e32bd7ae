"""The named-query catalogue and researchers' ad-hoc read-only Cypher."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Query, Request
from pydantic import BaseModel, Field, field_validator

from mskg.api.deps import StateDep, StoresDep
from mskg.queries import get_query, list_queries, run_named

router = APIRouter(tags=["queries"])


class QueryResultModel(BaseModel):
    columns: list[str] = Field(examples=[["id", "label"]])
    rows: list[dict[str, Any]] = Field(examples=[[{"id": "state/DZA", "label": "Algeria"}]])
    truncated: bool = Field(False, description="True when the row cap cut the answer.")


class CypherRequest(BaseModel):
    query: str = Field(
        min_length=1,
        max_length=20000,
        examples=[
            "MATCH (s:State)-[:PARTY_TO]->(a:Declaration) RETURN s.id AS state, a.id AS agreement"
        ],
    )
    params: dict[str, Any] = Field(
        default_factory=dict,
        description="Query parameters ($name in the query); names are identifiers.",
        examples=[{"id": "state/MAR"}],
    )

    @field_validator("params")
    @classmethod
    def _names(cls, value: dict[str, Any]) -> dict[str, Any]:
        bad = [k for k in value if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", k)]
        if bad:
            raise ValueError(f"parameter names must be identifiers: {bad!r}")
        return value


@router.get("/queries", summary="The named-query catalogue")
def catalogue() -> list[dict[str, Any]]:
    return [q.to_json() for q in list_queries()]


@router.get("/queries/{name}", summary="Run a named query")
def run(
    stores: StoresDep,
    request: Request,
    name: Annotated[str, Path(description="See GET /queries.", examples=["parties_to_agreement"])],
    engine: Annotated[str, Query(pattern="^(cypher|sparql)$")] = "cypher",
) -> QueryResultModel:
    """Parameters are query-string pairs named as in the catalogue, e.g.
    `?agreement=agreement/cimo-algiers-declaration`."""
    query = get_query(name)
    params = {k: v for k, v in request.query_params.items() if k != "engine"}
    result = run_named(stores, query.name, params, engine)
    return QueryResultModel(**result.to_json())


@router.post("/cypher", summary="Ad-hoc read-only Cypher")
def cypher(
    stores: StoresDep,
    state: StateDep,
    body: Annotated[CypherRequest, Body()],
) -> QueryResultModel:
    """Read-only (FalkorDB `GRAPH.RO_QUERY`; Neo4j READ transaction + EXPLAIN check); no
    LOAD CSV; procedures only from an allow-list. Stops at `MSKG_QUERY_TIMEOUT` seconds (504)
    and returns at most `MSKG_ROW_CAP` rows (`truncated: true` past it)."""
    settings = state.settings
    result = stores.graph.read(
        body.query, body.params, timeout=settings.query_timeout, row_cap=settings.row_cap
    )
    return QueryResultModel(**result.to_json())

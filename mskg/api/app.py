"""The FastAPI application: one process owns the stores for its lifetime."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from mskg.api import problems
from mskg.api.deps import State
from mskg.api.routes import documents, entities, export, graph, health, linked, queries, sparql
from mskg.config import Settings, get_settings
from mskg.errors import MskgError

log = logging.getLogger("mskg.api")

DESCRIPTION = """
A knowledge graph of security cooperation in the Maghreb and the Euro-Mediterranean: who met
whom, where and when, what they agreed, which mechanisms they set up and which threat domains
each commitment addresses — every fact with the sentence that states it.

- **Researchers**: `/queries` (named queries), `POST /cypher` (read-only Cypher).
- **Front-end**: `/graph` (Cytoscape.js elements), `/entities` (search and entity cards).
- **Partners**: `/sparql` (SPARQL 1.1 Protocol), `/export` (TriG, N-Quads …), `/id/{id}`
  (linked data), `/.well-known/void`.

Errors are RFC 9457 `application/problem+json`. Writes (`POST`/`DELETE /documents`) need an
`X-API-Key`.
"""


class BodyLimit:
    """413 for a request whose Content-Length is over ``limit``, before the body is read.

    Plain ASGI: ``@app.middleware("http")`` runs every request through an extra task and
    re-streams every response, which cost ~1 ms a request on this machine."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            length = dict(scope["headers"]).get(b"content-length", b"")
            if length.isdigit() and int(length) > self.limit:
                detail = f"the body is larger than {self.limit} bytes (MSKG_MAX_BODY_BYTES)"
                await problems.problem(413, detail, Request(scope))(scope, receive, send)
                return
        await self.app(scope, receive, send)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    state = State(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from mskg.api.sparql_worker import SparqlPool
        from mskg.pipeline import Stores, ensure_registry

        try:
            state.stores = Stores(settings)
            ensure_registry(state.stores)
            state.stores.rdf.flush()
            state.sparql = SparqlPool(
                state.stores.rdf,
                Path(settings.data_dir) / "oxigraph-snapshots",
                settings.sparql_workers,
            )
        except MskgError as exc:  # serve what can be served; /health tells what is wrong
            state.error = str(exc)
            log.error("stores unavailable: %s", exc)
        # What startup built (ontology, registry, stores, routes) lives as long as the process:
        # out of the collector's reach, the full collections that requests trigger no longer
        # walk it. They paused a request now and then by ~45 ms, which made the p99 of the
        # hub's card and depth-2 graph 3-4x their p50 (docs/benchmarks.md).
        gc.collect()
        gc.freeze()
        try:
            yield
        finally:
            if state.sparql is not None:
                state.sparql.close()
            if state.stores is not None:
                state.stores.close()

    app = FastAPI(
        title="mskg",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        license_info={"name": "MIT"},
    )
    app.state.mskg = state
    problems.install(app)
    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    if origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["*"],
        )

    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    for module in (health, entities, graph, queries, sparql, export, linked, documents):
        app.include_router(module.router)
    return app

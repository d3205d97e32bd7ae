"""SPARQL 1.1 Protocol: queries by GET or POST, results by content negotiation, no updates.

The default graph is the store's merged graph (every fact once, no provenance: see
``mskg.stores.oxigraph``); ``default-graph-uri`` names other graphs, and
``union-default-graph`` (as in Oxigraph's own server) asks for the union of every graph.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from mskg.api.deps import StateDep, StoresDep
from mskg.errors import BadQuery, StoreUnavailable

router = APIRouter(tags=["sparql"])

RESULT_ACCEPT = [
    ("application/sparql-results+json", "json"),
    ("application/json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("application/xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
]
GRAPH_ACCEPT = [
    ("text/turtle", "ttl"),
    ("application/n-triples", "nt"),
    ("application/ld+json", "jsonld"),
    ("application/rdf+xml", "rdfxml"),
]


def negotiate(accept: str, table: list[tuple[str, str]], default: str) -> str:
    """The first acceptable format, by q-value then order."""
    choices = []
    for i, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        choices.append((-q, i, media.lower()))
    for _, _, media in sorted(choices):
        for known, key in table:
            if media == known:
                return key
    return default


def _flag(value: str | None) -> bool:
    """A protocol flag such as ``union-default-graph``: on when present, with no value or any
    value but false/0/no/off."""
    return value is not None and value.strip().lower() not in ("false", "0", "no", "off")


async def _answer(
    request: Request,
    state,
    query: str | None,
    default_graphs: list[str],
    named_graphs: list[str],
    union: bool = False,
) -> Response:
    if not query:
        raise BadQuery("no query given", hint="send ?query=… or POST a query")
    if union and default_graphs:
        raise BadQuery(
            "union-default-graph and default-graph-uri cannot be used together",
            hint="name the default graphs, or ask for the union of all graphs",
        )
    if state.sparql is None:
        raise StoreUnavailable("the SPARQL worker is not running")
    accept = request.headers.get("accept", "")
    rfmt = negotiate(accept, RESULT_ACCEPT, "json")
    gfmt = negotiate(accept, GRAPH_ACCEPT, "ttl")
    from starlette.concurrency import run_in_threadpool

    answer = await run_in_threadpool(
        state.sparql.query,
        query,
        result_format=rfmt,
        graph_format=gfmt,
        default_graphs=default_graphs,
        named_graphs=named_graphs,
        union=union,
        timeout=state.settings.query_timeout,
    )
    return Response(answer.body, media_type=answer.media_type)


@router.get(
    "/sparql",
    summary="SPARQL query (GET)",
    response_class=Response,
    responses={200: {"content": {"application/sparql-results+json": {}, "text/turtle": {}}}},
)
async def sparql_get(
    request: Request,
    state: StateDep,
    stores: StoresDep,
    query: Annotated[
        str | None,
        Query(
            description="A SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE.",
            examples=["SELECT * WHERE { ?s ?p ?o } LIMIT 3"],
        ),
    ] = None,
    default_graph_uri: Annotated[list[str] | None, Query(alias="default-graph-uri")] = None,
    named_graph_uri: Annotated[list[str] | None, Query(alias="named-graph-uri")] = None,
    union_default_graph: Annotated[
        str | None,
        Query(
            alias="union-default-graph",
            description="Present (with no value or `true`): the default graph is the union of "
            "every graph, provenance included (slower), instead of the merged graph.",
        ),
    ] = None,
) -> Response:
    """Results as JSON, XML, CSV or TSV (SELECT/ASK), Turtle, N-Triples, JSON-LD or RDF/XML
    (CONSTRUCT/DESCRIBE) by `Accept`. The default graph is the merged graph — every fact of the
    ontology, the registry and the documents, once, without provenance; the documents' named
    graphs (mentions, assertions, evidence) answer `GRAPH ?g {…}`. `default-graph-uri` names
    the default graphs instead; `union-default-graph` makes it the union of every graph.
    Updates are refused (403)."""
    return await _answer(
        request,
        state,
        query,
        default_graph_uri or [],
        named_graph_uri or [],
        _flag(union_default_graph),
    )


@router.post(
    "/sparql",
    summary="SPARQL query (POST form or application/sparql-query)",
    response_class=Response,
)
async def sparql_post(request: Request, state: StateDep, stores: StoresDep) -> Response:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    default = list(request.query_params.getlist("default-graph-uri"))
    named = list(request.query_params.getlist("named-graph-uri"))
    union = _flag(request.query_params.get("union-default-graph"))
    if content_type == "application/sparql-query":
        query = (await request.body()).decode("utf-8", errors="replace")
    elif content_type == "application/x-www-form-urlencoded":
        form = await request.form()
        if "update" in form:
            from mskg.errors import ReadOnlyViolation

            raise ReadOnlyViolation("SPARQL updates are refused; this endpoint answers queries")
        query = str(form.get("query") or "")
        default += [str(v) for v in form.getlist("default-graph-uri")]
        named += [str(v) for v in form.getlist("named-graph-uri")]
        union = union or _flag(_str_or_none(form.get("union-default-graph")))
    elif content_type == "application/sparql-update":
        from mskg.errors import ReadOnlyViolation

        raise ReadOnlyViolation("SPARQL updates are refused; this endpoint answers queries")
    else:
        raise BadQuery(
            f"unsupported content type {content_type!r}",
            hint="use application/sparql-query or a form with query=…",
        )
    return await _answer(request, state, query, default, named, union)


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)

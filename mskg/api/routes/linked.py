"""Linked data: entity IRIs dereference by content negotiation; the ontology likewise."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse, Response
from pyoxigraph import NamedNode, QueryTriples, RdfFormat, Variable, serialize
from rdflib import Graph

from mskg.api.deps import StoresDep
from mskg.api.routes.entities import entity_card
from mskg.api.routes.sparql import GRAPH_ACCEPT, negotiate
from mskg.errors import NotFound
from mskg.ontology.model import ONTOLOGY_DIR
from mskg.stores.oxigraph import PREFIXES

router = APIRouter(tags=["rdf"])
MEDIA = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
OX = {
    "ttl": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
    "rdfxml": RdfFormat.RDF_XML,
}
RDFLIB = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdfxml": "xml"}
# The entity's facts and the facts about it, from the merged graph (each fact once): which
# documents state them is provenance, in the named graphs (GET /entities/{id}, or SPARQL GRAPH).
DESCRIBE = "CONSTRUCT { ?e ?p ?o . ?s ?q ?e } WHERE { { ?e ?p ?o } UNION { ?s ?q ?e } }"


def _rdf_wanted(request: Request) -> str | None:
    accept = request.headers.get("accept", "")
    fmt = negotiate(accept, GRAPH_ACCEPT, "")
    return fmt or None


@router.get(
    "/id/{id:path}",
    summary="Dereference an entity IRI",
    responses={
        200: {
            "content": {
                "application/json": {},
                "text/turtle": {},
                "application/ld+json": {},
                "application/rdf+xml": {},
            }
        }
    },
)
def dereference(
    request: Request,
    stores: StoresDep,
    id: Annotated[str, Path(description="Entity id", examples=["state/MAR"])],
) -> Response:
    """RDF (Turtle, N-Triples, JSON-LD, RDF/XML) → the facts about the entity, each once
    (the merged graph); JSON (the default) → the entity card, with its sources."""
    fmt = _rdf_wanted(request)
    if fmt is None:
        return JSONResponse(entity_card(stores, id))
    entity = NamedNode(f"{stores.base}/id/{id}")
    answer = cast(QueryTriples, stores.rdf.query(DESCRIBE, substitutions={Variable("e"): entity}))
    triples = list(answer)
    if not triples:
        raise NotFound(f"no entity {id!r}", hint="find ids with GET /entities?q=…")
    body = serialize(triples, format=OX[fmt], prefixes=PREFIXES) or b""
    return Response(body, media_type=MEDIA[fmt])


@router.get(
    "/ontology",
    summary="The ontology and the threat-domain thesaurus",
    responses={200: {"content": {m: {} for m in MEDIA.values()}}},
)
def ontology(request: Request) -> Response:
    fmt = _rdf_wanted(request) or "ttl"
    g = Graph()
    for name in ("mskg.ttl", "domains.ttl"):
        g.parse(ONTOLOGY_DIR / name, format="turtle")
    return Response(g.serialize(format=RDFLIB[fmt]), media_type=MEDIA[fmt])

"""Linked data: entity IRIs dereference by content negotiation; the ontology likewise."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse, Response
from pyoxigraph import NamedNode, RdfFormat
from rdflib import Graph

from mskg.api.deps import StoresDep
from mskg.api.routes.entities import entity_card
from mskg.api.routes.sparql import GRAPH_ACCEPT, negotiate
from mskg.errors import NotFound
from mskg.ontology.model import ONTOLOGY_DIR

router = APIRouter(tags=["rdf"])
MEDIA = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
OX = {"ttl": RdfFormat.TURTLE, "nt": RdfFormat.N_TRIPLES, "rdfxml": RdfFormat.RDF_XML}
RDFLIB = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdfxml": "xml"}
DESCRIBE = """
CONSTRUCT { ?e ?p ?o . ?s ?q ?e } WHERE {
  { ?e ?p ?o } UNION { ?s ?q ?e FILTER(isIRI(?s) && !CONTAINS(STR(?s), "#")) }
}
"""


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
    """RDF (Turtle, N-Triples, JSON-LD, RDF/XML) → the entity's description across all
    graphs; JSON (the default) → the entity card."""
    fmt = _rdf_wanted(request)
    if fmt is None:
        return JSONResponse(entity_card(stores, id))
    entity = NamedNode(f"{stores.base}/id/{id}")
    triples = stores.rdf.store.query(
        DESCRIBE.replace("?e", str(entity)), use_default_graph_as_union=True
    )
    data = triples.serialize(format=RdfFormat.N_TRIPLES)
    if not data:
        raise NotFound(f"no entity {id!r}", hint="find ids with GET /entities?q=…")
    if fmt in OX:
        g = stores.rdf.store.query(
            DESCRIBE.replace("?e", str(entity)), use_default_graph_as_union=True
        )
        body = g.serialize(format=OX[fmt])
    else:
        body = Graph().parse(data=data, format="nt").serialize(format="json-ld").encode()
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

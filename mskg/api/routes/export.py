"""Dumps for partner institutions, and the dataset's VoID/DCAT description."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response, StreamingResponse

from mskg.api.deps import StoresDep

router = APIRouter(tags=["rdf"])

MEDIA = {
    "trig": "application/trig",
    "nq": "application/n-quads",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "gexf": "application/gexf+xml",
}


@router.get(
    "/export",
    summary="The whole dataset",
    response_class=StreamingResponse,
    responses={200: {"content": {m: {} for m in MEDIA.values()}}},
)
def export(
    stores: StoresDep,
    format: Annotated[
        str,
        Query(
            pattern="^(trig|nq|ttl|nt|jsonld|rdfxml|gexf)$",
            description="trig, nq and jsonld keep the per-document named graphs; ttl, nt "
            "and rdfxml give the union; gexf is the entity graph for Gephi.",
        ),
    ] = "trig",
) -> StreamingResponse:
    headers = {"Content-Disposition": f'attachment; filename="mskg.{format}"'}
    if format == "gexf":
        from mskg.export_gexf import iter_gexf

        chunks: Iterator[bytes] = (c.encode("utf-8") for c in iter_gexf(stores.graph))
    else:
        chunks = stores.rdf.iter_export(format)
    return StreamingResponse(chunks, media_type=MEDIA[format], headers=headers)


@router.get(
    "/.well-known/void",
    summary="VoID/DCAT description of the dataset",
    response_class=Response,
    responses={200: {"content": {"text/turtle": {}}}},
)
def void(stores: StoresDep) -> Response:
    base = stores.base
    triples = len(stores.rdf)
    docs = stores.graph.read("MATCH (d:Document) RETURN count(d) AS n").rows[0]["n"]
    body = f"""@prefix void: <http://rdfs.org/ns/void#> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<{base}/dataset> a void:Dataset, dcat:Dataset ;
    dct:title "mskg: security cooperation in the Maghreb and the Euro-Mediterranean"@en ;
    dct:description "Who met whom, where and when, what they agreed; one graph per source."@en ;
    void:triples "{triples}"^^xsd:integer ;
    void:documents "{docs}"^^xsd:integer ;
    void:uriSpace "{base}/id/" ;
    void:vocabulary <https://w3id.org/mskg/ontology#>,
        <http://www.w3.org/2004/02/skos/core#>, <http://www.w3.org/ns/oa#> ;
    void:sparqlEndpoint </sparql> ;
    void:dataDump </export?format=trig>, </export?format=nq> ;
    dcat:distribution
        [ a dcat:Distribution ; dcat:downloadURL </export?format=trig> ;
          dcat:mediaType "application/trig" ] ,
        [ a dcat:Distribution ; dcat:downloadURL </export?format=nq> ;
          dcat:mediaType "application/n-quads" ] .
"""
    return Response(body, media_type="text/turtle")

"""Entity search and the entity card."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from mskg.api.deps import StoresDep
from mskg.errors import BadQuery, NotFound
from mskg.ontology import load_ontology
from mskg.search import search

router = APIRouter(tags=["entities"])
INTERNAL = {
    "defs",
    "search",
    "sources",
    "aliases",
    "label_ar",
    "label_en",
    "label_fr",
    "id",
    "type",
}


class Labels(BaseModel):
    ar: str = Field("", examples=["الجزائر"])
    en: str = Field("", examples=["Algeria"])
    fr: str = Field("", examples=["Algérie"])


class SearchHit(BaseModel):
    id: str = Field(examples=["state/DZA"])
    type: str = Field(examples=["State"])
    label: Labels
    score: float = Field(examples=[1.0])


class SearchPage(BaseModel):
    items: list[SearchHit]
    limit: int
    offset: int


@router.get("/entities", summary="Search entities by name")
def find(
    stores: StoresDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=200,
            description="Words in ar/en/fr; Arabic is normalised (والجزائر finds Algeria).",
            examples=["والجزائر"],
        ),
    ],
    type: Annotated[
        str | None, Query(description="Only this class, e.g. State.", examples=["State"])
    ] = None,
    domain: Annotated[
        str | None,
        Query(
            description="Only entities tied to this threat domain.", examples=["domain/terrorism"]
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    offset: Annotated[int, Query(ge=0, le=100000)] = 0,
) -> SearchPage:
    if type is not None and type not in load_ontology().classes:
        raise BadQuery(f"unknown class {type!r}", hint="see GET /ontology for the classes")
    hits = search(stores.graph, q, type=type, domain=domain, limit=limit, offset=offset)
    return SearchPage(items=[SearchHit(**h) for h in hits], limit=limit, offset=offset)


# The node and its relationships in two queries: returning the node on every relationship
# row made a hub's card at 10,000 documents carry its 9,000-entry `sources` list thousands of
# times (seconds per card, GBs in the server; docs/benchmarks.md).
CARD_NODE = "MATCH (n:Entity {id: $id}) RETURN n AS node"
CARD = """
MATCH (n:Entity {id: $id})-[r]-(m:Entity)
RETURN type(r) AS type, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS dir,
       m.id AS other, m.type AS other_type, m.label_en AS other_en, m.label_ar AS other_ar,
       properties(r) AS rel
ORDER BY type, dir, other
"""
MENTIONED_IN = """
MATCH (d:Document)-[m:MENTIONS]->(n:Entity {id: $id})
RETURN d.id AS id, d.title AS title, count(m) AS mentions ORDER BY id
"""


def entity_card(stores: Any, entity_id: str) -> dict[str, Any]:
    found = stores.graph.read(CARD_NODE, {"id": entity_id}, row_cap=None).rows
    if not found:
        raise NotFound(f"no entity {entity_id!r}", hint="find ids with GET /entities?q=…")
    node = found[0]["node"]
    rows = stores.graph.read(CARD, {"id": entity_id}, row_cap=None).rows
    props = node["properties"]
    relations: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for r in rows:
        if r["type"] is None:
            continue
        rel = r["rel"] or {}
        relations.setdefault(r["type"], {}).setdefault(r["dir"], []).append(
            {
                "id": r["other"],
                "type": r["other_type"],
                "label": {"en": r["other_en"], "ar": r["other_ar"]},
                "attributes": {
                    k: v
                    for k, v in rel.items()
                    if k not in ("key", "sources", "evidence", "quotes")
                },
                "sources": sorted(rel.get("sources") or []),
                "evidence": [
                    {
                        "source": e.rsplit(":", 2)[0],
                        "start": int(e.rsplit(":", 2)[1]),
                        "end": int(e.rsplit(":", 2)[2]),
                        "quote": q,
                    }
                    for e, q in zip(
                        rel.get("evidence") or [], rel.get("quotes") or [], strict=False
                    )
                ],
            }
        )
    documents = stores.graph.read(MENTIONED_IN, {"id": entity_id}, row_cap=None).rows
    return {
        "id": entity_id,
        "type": props.get("type"),
        "classes": node["labels"],
        "label": {lang: props.get(f"label_{lang}", "") for lang in ("ar", "en", "fr")},
        "aliases": props.get("aliases") or [],
        "properties": {k: v for k, v in sorted(props.items()) if k not in INTERNAL},
        "sources": props.get("sources") or [],
        "relations": relations,
        "documents": documents,
        "iri": f"{stores.base}/id/{entity_id}",
    }


CARD_EXAMPLE = {
    "id": "person/mohand-laenser",
    "type": "Person",
    "classes": ["Entity", "Actor", "Person"],
    "label": {"ar": "امحند العنصر", "en": "Mohand Laenser", "fr": "Mohand Laenser"},
    "aliases": ["أمحند العنصر"],
    "properties": {},
    "sources": ["registry", "001_1dea5c03c5093fa0"],
    "relations": {
        "PARTICIPATED_IN": {
            "out": [
                {
                    "id": "event/amu-interior-ministers-rabat-2013-04-21",
                    "type": "Meeting",
                    "label": {"en": "Meeting of the AMU interior ministers, Rabat", "ar": "…"},
                    "attributes": {"role": "participant"},
                    "sources": ["001_1dea5c03c5093fa0"],
                    "evidence": [
                        {
                            "source": "001_1dea5c03c5093fa0",
                            "start": 225,
                            "end": 310,
                            "quote": "أكد امحند العنصر، وزير الداخلية…",
                        }
                    ],
                }
            ]
        }
    },
    "documents": [{"id": "001_1dea5c03c5093fa0", "title": "", "mentions": 1}],
    "iri": "https://w3id.org/mskg/id/person/mohand-laenser",
}


@router.get(
    "/entities/{id:path}",
    summary="The entity card",
    responses={200: {"content": {"application/json": {"example": CARD_EXAMPLE}}}},
)
def card(
    stores: StoresDep,
    id: Annotated[str, Path(description="Entity id", examples=["person/mohand-laenser"])],
) -> dict[str, Any]:
    """Labels, classes, properties, relations grouped by type and direction (each with its
    sources and evidence), and the documents that mention the entity."""
    return entity_card(stores, id)

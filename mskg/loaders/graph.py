"""Document -> property-graph batch (pure), and how an entity's node is computed from its sources.

An entity may be described by several sources (the registry and any number of documents). Its
node shows the merge: the registry first, then documents in id order; for each property the
first source that states it wins; labels per language likewise; aliases are the union.
Deleting a source recomputes the merge from what remains, so a node never keeps a value that
no loaded source states. What the node keeps to do so is ``stores.descriptions``' concern.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from functools import lru_cache
from typing import Any

from mskg.arabic import search_key
from mskg.document import Document
from mskg.ontology import load_ontology
from mskg.ontology.model import ONTOLOGY_DIR
from mskg.ontology.registry import REGISTRY_SOURCE, Registry
from mskg.stores.base import GraphBatch

LANGS = ("ar", "en", "fr")


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# What a source writes depends on the mapping code and the ontology as well as on the source
# itself, and the stored hash decides whether a reload rewrites it. Bump MAPPING_VERSION when
# the writers change what they write; an edited ontology is noticed by itself.
MAPPING_VERSION = "3"


@lru_cache
def mapping_key() -> str:
    ontology = (ONTOLOGY_DIR / "mskg.ttl").read_bytes()
    return f"mapping {MAPPING_VERSION}, ontology {hashlib.sha256(ontology).hexdigest()}\n"


def document_sha256(doc: Document, text: str | None = None) -> str:
    """``text``: ``doc.to_json()`` when the caller has it already (it is not cheap)."""
    text = doc.to_json() if text is None else text
    return hashlib.sha256((mapping_key() + text).encode("utf-8")).hexdigest()


def _def(type_: str, label: dict, aliases: dict, props: dict) -> dict[str, Any]:
    return {"type": type_, "label": dict(label), "aliases": dict(aliases), "props": dict(props)}


def source_order(source: str) -> tuple[int, str]:
    """The order the merge reads sources in: the registry, then documents by id."""
    return (0 if source == REGISTRY_SOURCE else 1, source)


def merge_defs(defs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One view of an entity from its sources' descriptions (see the module docstring)."""
    ontology = load_ontology()
    ordered = [defs[s] for s in sorted(defs, key=source_order) if defs[s]]
    type_ = ordered[0]["type"] if ordered else "Entity"
    for d in ordered[1:]:  # the most specific class any source states
        if d["type"] != type_ and ontology.is_a(d["type"], type_):
            type_ = d["type"]
    label: dict[str, str] = {}
    aliases: list[str] = []
    props: dict[str, Any] = {}
    for d in ordered:
        for lang, text in d["label"].items():
            label.setdefault(lang, text)
        for items in d["aliases"].values():
            aliases += [a for a in items if a not in aliases]
        for k, v in d["props"].items():
            props.setdefault(k, v)
    return {"type": type_, "label": label, "aliases": aliases, "props": props}


def node_properties(entity_id: str, defs: dict[str, dict[str, Any]]) -> dict:
    """The properties of an entity node computed from its sources' descriptions (labels are
    returned apart, under ``_labels``). Its ``defs``, ``support`` and ``sources`` are kept by
    the store's write plan."""
    view = merge_defs(defs)
    names = list(view["label"].values()) + view["aliases"]
    keys = sorted({search_key(n) for n in names if n.strip()})
    out: dict[str, Any] = {
        "id": entity_id,
        "type": view["type"],
        **{f"label_{lang}": view["label"].get(lang, "") for lang in LANGS},
        "aliases": view["aliases"],
        "search": "|" + "|".join(keys) + "|",
    }
    for k, v in view["props"].items():
        out[k] = v
    out["_labels"] = load_ontology().node_labels(view["type"])
    return out


def document_batch(doc: Document, sha256: str | None = None, text: str | None = None) -> GraphBatch:
    """``text``: ``doc.to_json()`` when the caller has it already."""
    text = doc.to_json() if text is None else text
    defs = {e.id: _def(e.type, e.label, e.aliases, e.props) for e in doc.entities}
    entities: dict[str, dict[str, Any] | None] = {i: defs.get(i) for i in sorted(doc.entity_ids())}
    relations: dict[str, dict[tuple, dict[str, Any]]] = defaultdict(dict)
    for r in doc.relations:
        key = canonical(r.attrs)
        row = relations[r.type].setdefault(
            (r.subject, r.object, key),
            {
                "s": r.subject,
                "o": r.object,
                "key": key,
                "attrs": dict(r.attrs),
                "evidence": [],
                "quotes": [],
            },
        )
        row["evidence"].append(f"{doc.id}:{r.evidence.start}:{r.evidence.end}")
        row["quotes"].append(doc.text[r.evidence.start : r.evidence.end])
    meta = doc.meta
    document = {
        "id": doc.id,
        "lang": doc.lang,
        "title": meta.title or "",
        "publisher": meta.publisher or "",
        "url": meta.url or "",
        "published": meta.published or "",
        "source": meta.source or "",
        "text": doc.text,
        "sha256": sha256 or document_sha256(doc, text),
        "json": text,
    }
    return GraphBatch(
        source=doc.id,
        document=document,
        entities=entities,
        mentions=[
            {"mention": m.id, "start": m.start, "end": m.end, "ref": m.ref} for m in doc.mentions
        ],
        relations={t: list(rows.values()) for t, rows in relations.items()},
    )


def registry_batch(registry: Registry, sha256: str) -> GraphBatch:
    entities = {e.id: _def(e.type, e.label, e.aliases, e.props) for e in registry}
    relations: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in registry:
        for prop, rels in sorted(e.rels.items()):
            for r in rels:
                attrs = r.attrs()
                relations[prop].append(
                    {
                        "s": e.id,
                        "o": r.to,
                        "key": canonical(attrs),
                        "attrs": attrs,
                        "evidence": [],
                        "quotes": [],
                    }
                )
    return GraphBatch(
        source=REGISTRY_SOURCE,
        document={"id": REGISTRY_SOURCE, "sha256": sha256},
        entities=dict(sorted(entities.items())),
        relations=dict(relations),
    )


def registry_content(registry: Registry) -> str:
    """The registry's entries as canonical JSON, in id order (what its hash covers)."""
    return canonical([e.model_dump() for e in sorted(registry, key=lambda e: e.id)])


def registry_sha256(registry: Registry) -> str:
    return hashlib.sha256((mapping_key() + registry_content(registry)).encode("utf-8")).hexdigest()

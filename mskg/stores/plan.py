"""Which statements replace everything one source supports: backend-neutral, no I/O of its own.

Both graph backends call ``replace_source`` with a ``fetch`` callable that runs a read
statement and returns rows as lists (in RETURN order). FalkorDB fetches before its
MULTI/EXEC; Neo4j fetches inside the managed write transaction, so the plan is computed from
the same snapshot it is applied to (and recomputed if the driver retries the transaction).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from mskg.loaders.graph import node_properties
from mskg.ontology.model import rel_type as to_type
from mskg.stores import cypher
from mskg.stores.base import GraphBatch

Statement = tuple[str, dict[str, Any]]
Fetch = Callable[[str, dict[str, Any]], list[list[Any]]]


def previous_hash(source: str, fetch: Fetch) -> str | None:
    """The sha256 the graph holds for ``source``, or None when it is not loaded."""
    rows = fetch(cypher.PREVIOUS_ENTITIES, {"src": source})
    return rows[0][1] if rows else None


def replace_source(source: str, batch: GraphBatch | None, fetch: Fetch) -> list[Statement]:
    """The statements that replace what ``source`` supports with ``batch`` (None: nothing)."""
    rows = fetch(cypher.PREVIOUS_ENTITIES, {"src": source})
    previous = list(rows[0][0] or []) if rows else []
    touched = sorted(set(previous) | set(batch.entities if batch else ()))
    existing = {
        r[0]: (json.loads(r[1] or "{}"), int(r[2] or 0), bool(r[3]))
        for r in fetch(cypher.EXISTING_NODES, {"ids": touched, "src": source})
    }
    gone: list[str] = []
    add_support: list[str] = []
    drop_support: list[str] = []
    by_labels: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for entity_id in touched:
        defs, supported_by, by_this = existing.get(entity_id, ({}, 0, False))
        supports = bool(batch and entity_id in batch.entities)
        description = batch.entities.get(entity_id) if batch and supports else None
        if supported_by - by_this + supports == 0:
            if entity_id in existing:
                gone.append(entity_id)
            continue
        if entity_id in existing and source not in defs and description is None:
            # Only this source's support changes: the store updates the list in place.
            if supports and not by_this:
                add_support.append(entity_id)
            elif by_this and not supports:
                drop_support.append(entity_id)
            continue
        defs.pop(source, None)
        if description is not None:
            defs[source] = description
        props = node_properties(entity_id, defs)
        labels = tuple(props.pop("_labels"))
        row = {"id": entity_id, "props": props, "supported": supports}
        by_labels.setdefault(labels, []).append(row)
    p = {"src": source, "prefix": f"{source}:", "ids": previous}
    plan: list[Statement] = [
        (cypher.RETRACT_RELATIONS, p),
        (cypher.DELETE_UNSUPPORTED_RELATIONS, {"ids": previous}),
        (cypher.DELETE_SOURCE, {"src": source}),
    ]
    if gone:
        plan.append((cypher.DELETE_NODES, {"ids": gone}))
    if drop_support:
        plan.append((cypher.DROP_SUPPORT, {"ids": drop_support, "src": source}))
    if add_support:
        plan.append((cypher.ADD_SUPPORT, {"ids": add_support, "src": source}))
    for labels, node_rows in sorted(by_labels.items()):
        plan.append((cypher.upsert_nodes(list(labels)), {"rows": node_rows, "src": source}))
    if batch is None:
        return plan
    document = dict(batch.document, entities=sorted(batch.entities))
    plan.append((cypher.create_source(batch.source != "registry"), {"props": document}))
    if batch.mentions:
        plan.append((cypher.MENTIONS, {"src": source, "rows": batch.mentions}))
    for name, rel_rows in sorted(batch.relations.items()):
        plan.append((cypher.upsert_relations(to_type(name)), {"src": source, "rows": rel_rows}))
    return plan

"""Which statements replace everything some sources support: backend-neutral, no I/O of its own.

Both graph backends call ``replace_sources`` with a ``fetch`` callable that runs a read
statement and returns rows as lists (in RETURN order). FalkorDB fetches before its
MULTI/EXEC; Neo4j fetches inside the managed write transaction, so the plan is computed from
the same snapshot it is applied to (and recomputed if the driver retries the transaction).

Several sources are planned together so they cost a few statements in all instead of a dozen
each: the plan reads every touched node once, replays the sources in order on that snapshot
in memory, and writes each node and each relationship once with the sum of the changes (a
node's `support` count and `sources` head, a relationship's `sources`/`evidence`/`quotes`
are appended in source order, as if the sources had been written one after the other). The
caller applies the plan in one transaction, so each source is still all or nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from mskg.loaders.graph import canonical, node_properties
from mskg.ontology.model import rel_type as to_type
from mskg.stores import cypher, descriptions
from mskg.stores.base import GraphBatch
from mskg.stores.descriptions import Descriptions

Statement = tuple[str, dict[str, Any]]
Fetch = Callable[[str, dict[str, Any]], list[list[Any]]]
Change = tuple[str, GraphBatch | None]  # a source and what it now writes (None: nothing)


def previous_hashes(sources: Sequence[str], fetch: Fetch) -> dict[str, str]:
    """The sha256 the graph holds for each of ``sources`` that is loaded."""
    rows = fetch(cypher.PREVIOUS_ENTITIES, {"srcs": list(sources)})
    return {r[0]: r[2] for r in rows}


@dataclass
class _Node:
    """One entity node as the plan replays the sources on it."""

    desc: Descriptions
    supported_by: int
    members: set[str]  # the planned sources that support it now
    existed: bool
    exists: bool
    described: bool = False  # its descriptions changed: the node's properties are rewritten
    went: bool = False  # lost its last source on the way: deleted, and made anew if it is back
    drop: list[str] = field(default_factory=list)  # taken out of `sources`
    add: list[str] = field(default_factory=list)  # appended to `sources`, in this order
    # A source left while more supported it than `sources` holds: fill `sources` up after.
    refill: bool = False
    given: dict[str, str] = field(default_factory=dict)  # planned old source -> what it gave


def replace_source(source: str, batch: GraphBatch | None, fetch: Fetch) -> list[Statement]:
    """The statements that replace what ``source`` supports with ``batch`` (None: nothing)."""
    return replace_sources([(source, batch)], fetch)


def replace_sources(changes: Sequence[Change], fetch: Fetch) -> list[Statement]:
    """The statements that replace what each source supports with its batch, in order.
    Each source appears once."""
    sources = [s for s, _ in changes]
    if len(set(sources)) != len(sources):
        raise ValueError("a source appears twice in one plan")
    rows = fetch(cypher.PREVIOUS_ENTITIES, {"srcs": sources})
    previous = {r[0]: list(r[1] or []) for r in rows}
    supported = {r[0]: None if r[3] is None else json.loads(r[3]) for r in rows}
    given = descriptions.given_by({r[0]: r[4] for r in rows})
    touched = sorted(
        {i for s in previous.values() for i in s} | {i for _, b in changes if b for i in b.entities}
    )
    # Which planned sources support a node: a new source supports none yet, and an old one
    # the entities its own `entities` list names (a node's `sources` may show only the first).
    supporters: dict[str, set[str]] = {}
    for source, ids in previous.items():
        for entity_id in ids:
            supporters.setdefault(entity_id, set()).add(source)
    nodes: dict[str, _Node] = {}
    for r in fetch(cypher.EXISTING_NODES, {"ids": touched}):
        desc = Descriptions.parse(r[1])
        node = _Node(desc, int(r[2] or 0), supporters.get(r[0], set()), existed=True, exists=True)
        for source in node.members:
            h = given.get(r[0], {}).get(source) or desc.given_before(source)
            if h is not None:
                node.given[source] = h
        nodes[r[0]] = node
    # Each description hashed once: the replay and the source's `described` list use it.
    gives = {b.source: descriptions.digests(b.entities) for _, b in changes if b}
    for source, batch in changes:
        entities = batch.entities if batch else {}
        for entity_id in sorted(set(previous.get(source, ())) | set(entities)):
            node = nodes.setdefault(entity_id, _Node(Descriptions(), 0, set(), False, False))
            h = gives[source].get(entity_id) if batch else None
            _replay(node, source, entity_id in entities, entities.get(entity_id), h)
    descriptions.resolve_unknown_firsts(
        {i: n.desc for i, n in nodes.items() if n.exists}, set(sources), fetch
    )
    return _statements(changes, previous, supported, nodes, gives)


def _replay(
    node: _Node, source: str, supports: bool, description: Any, description_hash: str | None
) -> None:
    """What writing ``source`` (supporting the entity or not, describing it or not) does to
    the node."""
    by_this = source in node.members
    node.supported_by += supports - by_this
    if node.supported_by == 0:  # no source left: the node goes (or is never made)
        node.desc, node.members, node.exists, node.described = Descriptions(), set(), False, False
        node.given = {}
        node.went = node.went or node.existed
        node.drop, node.add, node.refill = [], [], False
        return
    if not node.exists:  # new, or made again (a fresh node) after going earlier in this plan
        node.exists, node.described = True, True
    gave = node.given.pop(source, None)
    if gave is not None or description_hash is not None:
        if gave is not None:
            node.desc.take_back(gave, source)
        if description_hash is not None:  # it describes the entity
            node.desc.give(description_hash, source, description)
        node.described = True
        # A source whose description changes moves to the end of the list (it was written
        # last), as a rewrite of the node always did.
        if by_this and supports:
            _drop(node, source)
            _add(node, source)
            return
    if supports and not by_this:
        _add(node, source)
    elif by_this and not supports:
        _drop(node, source)
        # More sources supported it than `sources` may hold: if this one was shown, the
        # list has a gap to fill (conservative: it may not have been shown).
        node.refill = node.refill or node.supported_by + 1 > cypher.SOURCES_HEAD


def _add(node: _Node, source: str) -> None:
    node.members.add(source)
    node.add.append(source)


def _drop(node: _Node, source: str) -> None:
    node.members.discard(source)
    if source in node.add:
        node.add.remove(source)
    else:
        node.drop.append(source)


def _statements(
    changes: Sequence[Change],
    previous: dict[str, list[str]],
    supported: dict[str, list[list[str]] | None],
    nodes: dict[str, _Node],
    gives: dict[str, dict[str, str]],
) -> list[Statement]:
    plan: list[Statement] = []
    # Take the old versions' support off their relationships, then the sources themselves
    # (their MENTIONS go with them).
    known = _known_relations({s: r for s, r in supported.items() if r is not None})
    for rel_type, rows in sorted(known.items()):
        plan.append((cypher.retract_relations(rel_type), {"rows": rows}))
    unknown = sorted(s for s, r in supported.items() if r is None)
    for source in unknown:
        params = {"src": source, "prefix": f"{source}:", "ids": previous[source]}
        plan.append((cypher.RETRACT_RELATIONS, params))
    for rel_type, rows in sorted(known.items()):
        plan.append((cypher.delete_unsupported(rel_type), {"rows": rows}))
    if unknown:
        ids = sorted({i for s in unknown for i in previous[s]})
        plan.append((cypher.DELETE_UNSUPPORTED_RELATIONS, {"ids": ids}))
    if previous:
        plan.append((cypher.DELETE_SOURCES, {"srcs": sorted(previous)}))
    gone = sorted(i for i, n in nodes.items() if n.went)
    if gone:
        plan.append((cypher.DELETE_NODES, {"ids": gone}))
    # Nodes in the old form that are rewritten now: their other sources learn what they gave.
    planned = {s for s, _ in changes}
    learnt: dict[str, list[str]] = {}
    for entity_id, node in sorted(nodes.items()):
        if node.exists and node.described and node.desc.legacy is not None:
            for source, keys in node.desc.legacy_described(entity_id, planned).items():
                learnt.setdefault(source, []).extend(keys)
    if learnt:
        rows = [{"src": s, "keys": k} for s, k in sorted(learnt.items())]
        plan.append((cypher.ADD_DESCRIBED, {"rows": rows}))
    head = cypher.SOURCES_HEAD
    support: list[dict[str, Any]] = []
    by_labels: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for entity_id, node in sorted(nodes.items()):
        if not node.exists:
            continue
        counts = {"support": node.supported_by, "drop": node.drop, "add": node.add}
        if not node.described:
            if node.drop or node.add:
                support.append({"id": entity_id, **counts})
            continue
        props = node_properties(entity_id, node.desc.merged_input())
        props["defs"] = node.desc.to_json()
        labels = tuple(props.pop("_labels"))
        by_labels.setdefault(labels, []).append({"id": entity_id, "props": props, **counts})
    if support:
        plan.append((cypher.UPDATE_SUPPORT, {"rows": support, "head": head}))
    for labels, node_rows in sorted(by_labels.items()):
        plan.append((cypher.upsert_nodes(list(labels)), {"rows": node_rows, "head": head}))

    batches = [b for _, b in changes if b is not None]
    for is_document in (False, True):
        rows = [
            dict(
                b.document,
                entities=sorted(b.entities),
                relations=relations_of(b),
                described=descriptions.described(gives[b.source]),
            )
            for b in batches
            if (b.source != "registry") == is_document
        ]
        if rows:
            plan.append((cypher.create_sources(is_document), {"rows": rows}))
    mentions = [dict(m, src=b.source) for b in batches for m in b.mentions]
    if mentions:
        plan.append((cypher.MENTIONS, {"rows": mentions}))
    for rel_type, rel_rows in sorted(_relations(batches).items()):
        plan.append((cypher.upsert_relations(rel_type), {"rows": rel_rows}))
    # Last, so the sources this plan deletes are gone and the ones it writes are there.
    short = sorted(i for i, n in nodes.items() if n.exists and n.refill)
    if short:
        plan.append((cypher.REFILL_SOURCES, {"ids": short, "head": head}))
    return plan


def relations_of(batch: GraphBatch) -> str:
    """What a source node keeps of the relationships it supports: [type, s, o, key] each."""
    keys = sorted(
        [to_type(name), r["s"], r["o"], r["key"]]
        for name, rows in batch.relations.items()
        for r in rows
    )
    return canonical(keys)


def _known_relations(supported: dict[str, list[list[str]]]) -> dict[str, list[dict[str, Any]]]:
    """One retraction row per relationship the sources support, with all of those sources
    (a statement must not update the same relationship twice)."""
    out: dict[str, dict[tuple[str, str, str], dict[str, Any]]] = {}
    for source, keys in sorted(supported.items()):
        for rel_type, s, o, key in keys:
            row = out.setdefault(rel_type, {}).setdefault(
                (s, o, key), {"s": s, "o": o, "key": key, "srcs": [], "prefixes": []}
            )
            row["srcs"].append(source)
            row["prefixes"].append(f"{source}:")
    return {t: list(rows.values()) for t, rows in out.items()}


def _relations(batches: list[GraphBatch]) -> dict[str, list[dict[str, Any]]]:
    """One row per relationship for all the batches: its sources, evidence and quotes in
    source order (a statement must not MERGE the same relationship twice: FalkorDB would
    compute both rows' lists from the value before either)."""
    out: dict[str, dict[tuple[str, str, str], dict[str, Any]]] = {}
    for b in batches:
        for name, rows in b.relations.items():
            merged = out.setdefault(to_type(name), {})
            for r in rows:
                row = merged.get((r["s"], r["o"], r["key"]))
                if row is None:
                    row = merged[(r["s"], r["o"], r["key"])] = {
                        "s": r["s"],
                        "o": r["o"],
                        "key": r["key"],
                        "attrs": r["attrs"],
                        "sources": [],
                        "evidence": [],
                        "quotes": [],
                    }
                if b.source not in row["sources"]:
                    row["sources"].append(b.source)
                row["evidence"] += r["evidence"]
                row["quotes"] += r["quotes"]
    return {t: list(rows.values()) for t, rows in out.items()}

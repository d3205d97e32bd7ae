"""What an entity node keeps of its sources' descriptions: one entry per distinct description.

A node shows the merge of the descriptions its sources give (``loaders.graph.merge_defs``:
the registry first, then documents in id order, the first to state a value wins). Identical
descriptions add nothing to that merge but the place of the first source giving them, so the
node keeps, per distinct description, that first source and how many sources give it
(``defs``: the canonical JSON of ``[[first, count, description], ...]``), and each source node
lists what it gave (``described``: ``"{entity id}\\x1f{hash}"`` per entity it describes).

Keeping every source's own description, as nodes written before this did (``defs`` a JSON
object ``{source: description}``), made a node described by thousands of documents carry
hundreds of KB that every load touching it parsed and rewrote (585 KB for the busiest
synthetic event at 97,000 documents). Such a node is converted when a load next rewrites it,
and the sources it names get their ``described`` entries then.

When the first source of a description leaves while others still give it, the next first is
read from the source nodes' ``described`` lists (a scan of the sources, done only then).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from mskg.loaders.graph import canonical
from mskg.loaders.graph import source_order as order
from mskg.stores import cypher

SEP = "\x1f"  # cannot occur in an entity id or a hex hash


def digest(description: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(description).encode("utf-8")).hexdigest()[:16]


def key(entity_id: str, description_hash: str) -> str:
    return f"{entity_id}{SEP}{description_hash}"


def digests(entities: dict[str, dict[str, Any] | None]) -> dict[str, str]:
    """entity id -> the hash of the description a source gives, for each it describes."""
    return {i: digest(d) for i, d in entities.items() if d is not None}


def described(hashes: dict[str, str]) -> list[str]:
    """A source's ``described`` list, from its ``digests``."""
    return sorted(key(i, h) for i, h in hashes.items())


def given_by(described_lists: dict[str, list[str] | None]) -> dict[str, dict[str, str]]:
    """entity id -> {source: hash} from the sources' ``described`` lists."""
    out: dict[str, dict[str, str]] = {}
    for source, keys in described_lists.items():
        for k in keys or ():
            entity_id, h = k.split(SEP)
            out.setdefault(entity_id, {})[source] = h
    return out


@dataclass
class Group:
    """One distinct description of a node and who gives it."""

    description: dict[str, Any]
    count: int
    first: str | None  # None: its first source left in this plan; found by `resolve`
    added: set[str] = field(default_factory=set)  # planned sources that give it now


@dataclass
class Descriptions:
    """A node's groups as the plan replays the sources on it."""

    groups: dict[str, Group] = field(default_factory=dict)
    # A node still in the old form: every source's own description, exact; converted when
    # the node is rewritten.
    legacy: dict[str, dict[str, Any]] | None = None

    @classmethod
    def parse(cls, stored: str | None) -> Descriptions:
        value = json.loads(stored) if stored else []
        if isinstance(value, dict):  # {source: description}, written before the groups
            out = cls(legacy=value)
            for source in sorted(value, key=order):
                out._give(digest(value[source]), source, value[source], planned=False)
            return out
        return cls({digest(d): Group(d, int(n), first) for first, n, d in value})

    def given_before(self, source: str) -> str | None:
        """What a source gave in a legacy node (sources list it themselves otherwise)."""
        if self.legacy is not None and source in self.legacy:
            return digest(self.legacy[source])
        return None

    def give(self, h: str, source: str, description: dict[str, Any]) -> None:
        self._give(h, source, description, planned=True)

    def _give(self, h: str, source: str, description: dict[str, Any], planned: bool) -> None:
        group = self.groups.get(h)
        if group is None:
            group = self.groups[h] = Group(description, 0, source)
        elif group.first is not None and order(source) < order(group.first):
            group.first = source
        group.count += 1
        if planned:
            group.added.add(source)

    def take_back(self, h: str, source: str) -> None:
        group = self.groups.get(h)
        if group is None:  # the store and the source disagree: nothing to take back
            return
        group.count -= 1
        group.added.discard(source)
        if group.count <= 0:
            del self.groups[h]
        elif group.first == source:
            group.first = None

    def unknown_firsts(self) -> list[str]:
        return sorted(h for h, g in self.groups.items() if g.first is None)

    def resolve(self, h: str, stored: Iterable[str], planned: set[str]) -> None:
        """The group's first source: the first of those that still give it (``stored``: the
        source nodes outside this plan that list it)."""
        group = self.groups[h]
        candidates = set(group.added) | set(stored)
        if self.legacy is not None:
            candidates |= {s for s, d in self.legacy.items() if s not in planned and digest(d) == h}
        if not candidates:  # the store and its sources disagree: no one gives it any more
            del self.groups[h]
            return
        group.first = min(candidates, key=order)

    def merged_input(self) -> dict[str, dict[str, Any]]:
        """What ``merge_defs`` needs: one description per group, under its first source."""
        return {g.first: g.description for g in self.groups.values() if g.first is not None}

    def to_json(self) -> str:
        """``defs``: every first source is known by now (``resolve``)."""
        groups = sorted(self.groups.values(), key=lambda g: order(g.first or ""))
        return canonical([[g.first, g.count, g.description] for g in groups])

    def legacy_described(self, entity_id: str, planned: set[str]) -> dict[str, list[str]]:
        """For a legacy node being converted: the ``described`` entries its sources outside
        this plan lack."""
        return {
            source: [key(entity_id, digest(d))]
            for source, d in (self.legacy or {}).items()
            if source not in planned
        }


def resolve_unknown_firsts(
    nodes: dict[str, Descriptions], planned: set[str], fetch: Callable[..., list[list[Any]]]
) -> None:
    """Find the first source of every group whose first left in this plan (one scan)."""
    wanted = {key(i, h): (i, h) for i, d in nodes.items() for h in d.unknown_firsts()}
    if not wanted:
        return
    stored: dict[str, set[str]] = {k: set() for k in wanted}
    if any(nodes[i].legacy is None for i, _ in wanted.values()):
        rows = fetch(cypher.FIND_DESCRIBERS, {"keys": sorted(wanted), "planned": sorted(planned)})
        for k, source in rows:
            stored[k].add(source)
    for k, (entity_id, h) in wanted.items():
        nodes[entity_id].resolve(h, stored[k], planned)

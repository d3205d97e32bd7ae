"""Several sources written in one transaction (``write_many``, what a load does) leave exactly
the graph that writing them one by one leaves: same nodes, labels, properties (with the order
of every ``sources``/``evidence``/``quotes`` list), relationships and source nodes."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import pytest

from mskg.document import Document
from mskg.loaders import read_source
from mskg.loaders.graph import canonical, document_batch, registry_batch, registry_sha256
from mskg.ontology import load_registry
from mskg.stores import open_graph_store
from mskg.stores.base import GraphBatch, GraphStore
from tests.conftest import ROOT, make_settings


@pytest.fixture(scope="module")
def synth(tmp_path_factory) -> list[Document]:
    sys.path.insert(0, str(ROOT))
    from bench.synth import write_corpus

    folder = write_corpus(40, tmp_path_factory.mktemp("synth") / "c", seed=11)
    return [doc for path in sorted(folder.glob("*.json")) for doc in read_source(path)]


@pytest.fixture
def two_stores(tmp_path, falkordb_server) -> Iterator[tuple[GraphStore, GraphStore]]:
    pair = [
        open_graph_store(make_settings(tmp_path / name, falkordb_server))
        for name in ("one-by-one", "grouped")
    ]
    for store in pair:
        store.ensure_schema()
    yield pair[0], pair[1]
    for store in pair:
        store.close()


def snapshot(store: GraphStore) -> dict[str, list]:
    def rows(query: str) -> list:
        return store.read(query, row_cap=None, timeout=60).rows

    return {
        "nodes": rows(
            "MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id"
        ),
        "relationships": rows(
            "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p "
            "ORDER BY a, t, b, r.key, r.mention"
        ),
    }


def write_both(pair: tuple[GraphStore, GraphStore], batches: list[GraphBatch]) -> None:
    one_by_one, grouped = pair
    for batch in batches:
        one_by_one.write(batch)
    grouped.write_many(batches)


def edited(doc: Document) -> Document:
    """Another version of ``doc``: half its relations and mentions, one description changed
    and one dropped (the entity is then only referred to, or not at all)."""
    first = doc.entities[0].model_copy(update={"label": {"en": f"edited {doc.id}"}})
    return doc.model_copy(
        update={
            "entities": [first, *doc.entities[2:]],
            "relations": doc.relations[::2],
            "mentions": doc.mentions[1::2],
        }
    )


def test_groups_of_new_edited_and_deleted_sources_write_what_one_by_one_writes(two_stores, synth):
    registry = load_registry()
    write_both(two_stores, [registry_batch(registry, registry_sha256(registry))])
    for start in range(0, 28, 7):  # groups of new documents
        write_both(two_stores, [document_batch(d) for d in synth[start : start + 7]])
    assert snapshot(two_stores[0]) == snapshot(two_stores[1])

    # Edited versions of loaded documents, the same documents again unchanged, and new ones.
    mixed = [edited(d) for d in synth[0:28:4]] + synth[5:8] + synth[28:40]
    write_both(two_stores, [document_batch(d) for d in mixed])
    first, grouped = snapshot(two_stores[0]), snapshot(two_stores[1])
    assert first == grouped
    assert len(first["nodes"]) > 100 and len(first["relationships"]) > 500

    for store in two_stores:
        assert store.delete(synth[3].id)
    assert snapshot(two_stores[0]) == snapshot(two_stores[1])


def _entity(type_: str, en: str) -> dict:
    return {"type": type_, "label": {"en": en}, "aliases": {}, "props": {}}


def _batch(source: str, entities: dict, relations: list[tuple[str, str]]) -> GraphBatch:
    return GraphBatch(
        source=source,
        document={"id": source, "sha256": source, "text": ""},
        entities=entities,
        relations={
            "participatedIn": [
                {"s": s, "o": o, "key": "{}", "attrs": {}, "evidence": [f"{source}:0:1"],
                 "quotes": ["x"]}
                for s, o in relations
            ]
        },
    )  # fmt: skip


def test_a_node_that_loses_its_last_source_and_gets_a_new_one_in_the_same_group(two_stores):
    """doc-a alone supports state/X; its new version drops it and doc-b, in the same group,
    introduces it again with another description: the node is made anew, as one by one."""
    old_a = _batch(
        "doc-a",
        {"state/X": _entity("State", "X of a"), "event/e": _entity("Event", "e")},
        [("state/X", "event/e")],
    )
    write_both(two_stores, [old_a])
    new_a = _batch("doc-a", {"event/e": _entity("Event", "e again")}, [])
    doc_b = _batch(
        "doc-b",
        {"state/X": _entity("Organization", "X of b"), "event/e": None},
        [("state/X", "event/e")],
    )
    write_both(two_stores, [new_a, doc_b])
    first, grouped = snapshot(two_stores[0]), snapshot(two_stores[1])
    assert first == grouped
    x = next(n for n in grouped["nodes"] if n["id"] == "state/X")
    assert x["props"]["sources"] == ["doc-b"]
    assert "Organization" in x["labels"] and "State" not in x["labels"]  # not the old node


def test_a_source_twice_in_one_group_is_refused(two_stores):
    batch = _batch("doc-a", {"event/e": _entity("Event", "e")}, [])
    with pytest.raises(ValueError, match="twice"):
        two_stores[1].write_many([batch, batch])


def _support(store: GraphStore, entity_id: str) -> tuple[int, list[str], list[str]]:
    """The node's `support`, its `sources`, and the truth: the sources whose own `entities`
    list names it."""
    node = store.read(
        "MATCH (n:Entity {id: $id}) RETURN n.support AS support, n.sources AS sources",
        {"id": entity_id},
    ).rows[0]
    truth = store.read(
        "MATCH (s:Source) WHERE $id IN s.entities RETURN s.id AS id ORDER BY id",
        {"id": entity_id},
    ).rows
    return node["support"], node["sources"], [r["id"] for r in truth]


def test_a_hub_keeps_its_support_count_and_the_first_sources_only(two_stores, monkeypatch):
    """A node shows at most SOURCES_HEAD of its sources (three here) and counts them all;
    when a shown source goes, the list is filled up from the others, one by one or grouped."""
    from mskg.stores import cypher

    monkeypatch.setattr(cypher, "SOURCES_HEAD", 3)
    hub = {"state/H": _entity("State", "H"), "event/e": None}
    docs = [_batch(f"doc-{i}", hub, [("state/H", "event/e")]) for i in range(6)]
    write_both(two_stores, docs[:2])
    write_both(two_stores, docs[2:])
    for store in two_stores:
        support, shown, truth = _support(store, "state/H")
        assert (support, shown) == (6, ["doc-0", "doc-1", "doc-2"])  # load order
        assert truth == [f"doc-{i}" for i in range(6)]

    # doc-1 (shown) no longer names the hub, doc-4 (not shown) is deleted, doc-6 is new.
    without = _batch("doc-1", {"event/e": _entity("Event", "e")}, [])
    doc_6 = _batch("doc-6", hub, [("state/H", "event/e")])
    for store in two_stores:
        assert store.delete("doc-4")
    write_both(two_stores, [without, doc_6])
    for store in two_stores:
        support, shown, truth = _support(store, "state/H")
        assert truth == ["doc-0", "doc-2", "doc-3", "doc-5", "doc-6"]
        assert support == 5
        assert len(shown) == 3 and len(set(shown)) == 3 and set(shown) <= set(truth)
        assert shown[:2] == ["doc-0", "doc-2"]

    # Down to the head's size and below: every source is shown.
    for store in two_stores:
        for source in ("doc-0", "doc-3"):
            assert store.delete(source)
        support, shown, truth = _support(store, "state/H")
        assert support == 3 and sorted(shown) == truth == ["doc-2", "doc-5", "doc-6"]


def test_sources_written_before_they_listed_their_relations_are_retracted_all_the_same(
    two_stores, synth
):
    """A store written before sources kept `relations` has its old sources' support found by
    the scan of their entities' edges; edits and deletes end in the same graph."""
    old_format, current = two_stores
    for store in two_stores:
        store.write_many([document_batch(d) for d in synth[:12]])
    old_format.graph.query("MATCH (s:Source) SET s.relations = NULL")  # as before the change
    for store in two_stores:
        store.write_many([document_batch(edited(d)) for d in synth[0:12:3]])
        assert store.delete(synth[4].id)

    def without_relations(snap: dict[str, list]) -> dict[str, list]:
        for node in snap["nodes"]:
            node["props"].pop("relations", None)
        return snap

    assert without_relations(snapshot(old_format)) == without_relations(snapshot(current))
    assert len(snapshot(current)["relationships"]) > 100


def _entity_view(store: GraphStore) -> dict[str, dict]:
    """Every entity node as a reader sees it, `sources` as a set (its order is load order)."""
    out = {}
    for node in snapshot(store)["nodes"]:
        if "Entity" in node["labels"]:
            props = dict(node["props"], sources=sorted(node["props"].get("sources") or []))
            out[node["id"]] = {"labels": sorted(node["labels"]), "props": props}
    return out


def _described(source: str, descriptions: dict[str, dict]) -> GraphBatch:
    entities = {"event/E": descriptions.get(source), "state/S": None}
    return _batch(source, entities, [("state/S", "event/E")])


def test_identical_descriptions_are_kept_once_and_the_merge_is_what_a_fresh_load_gives(
    two_stores, tmp_path, falkordb_server
):
    """Five sources describe event/E, two of them identically twice over: the node keeps three
    descriptions with their first source and count. After the first source of a shared
    description goes, another changes its description and the last giver of one goes, every
    entity node is what a fresh load of what remains gives."""
    a = {"type": "Meeting", "label": {"en": "meeting A", "ar": "اجتماع"}, "aliases": {},
         "props": {"date": "2005"}}  # fmt: skip
    b = {"type": "Event", "label": {"en": "event B", "fr": "réunion B"}, "aliases": {"en": ["B"]},
         "props": {"date": "2006", "status": "held"}}  # fmt: skip
    c = {"type": "Meeting", "label": {"en": "meeting C"}, "aliases": {}, "props": {}}
    gives = {"doc-1": a, "doc-2": b, "doc-3": a, "doc-4": b, "doc-5": c}
    write_both(two_stores, [_described(s, gives) for s in sorted(gives)])
    defs = two_stores[1].read("MATCH (n:Entity {id: 'event/E'}) RETURN n.defs AS d").rows[0]["d"]
    assert [(first, n) for first, n, _ in json.loads(defs)] == [("doc-1", 2), ("doc-2", 2),
                                                                  ("doc-5", 1)]  # fmt: skip
    for store in two_stores:
        assert store.delete("doc-1")  # a's first goes; doc-3 still gives it
    write_both(two_stores, [_described("doc-2", {"doc-2": a})])  # b -> a
    for store in two_stores:
        assert store.delete("doc-4")  # the last to give b
    fresh = open_graph_store(make_settings(tmp_path / "fresh", falkordb_server))
    fresh.ensure_schema()
    remaining = {"doc-2": a, "doc-3": a, "doc-5": c}
    fresh.write_many([_described(s, remaining) for s in sorted(remaining, reverse=True)])
    expected = _entity_view(fresh)
    fresh.close()
    for store in two_stores:
        assert _entity_view(store) == expected
    event = expected["event/E"]["props"]
    assert event["label_en"] == "meeting A" and event["date"] == "2005"
    assert [(f, n) for f, n, _ in json.loads(event["defs"])] == [("doc-2", 2), ("doc-5", 1)]


def test_nodes_written_with_every_source_description_are_converted_on_rewrite(two_stores, synth):
    """A store written before descriptions were grouped (a node's `defs` held every source's
    own description, sources listed nothing) gives, after edits and deletes, the nodes a
    current store gives; the nodes it rewrote are in the new form, the others still read."""
    legacy, current = two_stores
    batches = [document_batch(d) for d in synth[:20]]
    for store in two_stores:
        store.write_many(batches)
    old_defs: dict[str, dict[str, dict]] = {}
    for b in batches:
        for entity_id, description in b.entities.items():
            if description is not None:
                old_defs.setdefault(entity_id, {})[b.source] = description
    rows = [{"id": i, "defs": canonical(d)} for i, d in old_defs.items()]
    legacy.graph.query("UNWIND $rows AS r MATCH (n:Entity {id: r.id}) SET n.defs = r.defs",
                       {"rows": rows})  # fmt: skip
    legacy.graph.query("MATCH (s:Source) SET s.described = NULL")
    shared = [i for i, d in old_defs.items() if len(d) > 1]
    assert shared  # the corpus has entities several documents describe

    for store in two_stores:
        store.write_many([document_batch(edited(d)) for d in synth[0:20:4]])
        for doc in synth[2:4]:
            assert store.delete(doc.id)
    before, now = _entity_view(legacy), _entity_view(current)
    assert before.keys() == now.keys()
    converted = 0
    for entity_id, node in now.items():
        old = before[entity_id]
        if old["props"]["defs"].startswith("{"):  # not rewritten: still the old form
            old = {**old, "props": {**old["props"], "defs": node["props"]["defs"]}}
        else:
            converted += 1
        assert old == node, entity_id
    assert converted
    # Some node several documents describe identically was converted: one entry, counted.
    counts = [
        [n for _, n, _ in json.loads(now[i]["props"]["defs"])]
        for i in shared
        if i in now and not before[i]["props"]["defs"].startswith("{")
    ]
    assert any(n > 1 for c in counts for n in c)

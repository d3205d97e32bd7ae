"""The merged graph (the RDF store's default graph): every fact of every named graph once,
without provenance, kept right by loads, replacements, deletes, crashes and reruns."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, RdfFormat, parse

from mskg.loaders import read_source
from mskg.loaders.graph import document_sha256
from mskg.pipeline import Stores, delete_document, load_documents
from mskg.stores import oxigraph
from tests.conftest import ROOT, child_env, kill_load_midway, make_settings
from tests.test_pipeline import DOC000, DOC001, RABAT, rdf_snapshot

BASE = "https://w3id.org/mskg"
MSKG = "https://w3id.org/mskg/ontology#"
PREF = NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")


def _triple(q) -> tuple[str, str, str]:
    return (str(q.subject), str(q.predicate), str(q.object))


def merged(store) -> set[tuple[str, str, str]]:
    """What the store's default graph holds."""
    return {_triple(q) for q in store.quads_for_pattern(None, None, None, DefaultGraph())}


def expected_merged(store) -> set[tuple[str, str, str]]:
    """The merged graph as defined, recomputed here from the named graphs: every statement
    whose subject is an IRI other than its graph and the graph's own nodes (``G#…``), without
    blank nodes."""
    out = set()
    for q in store.quads_for_pattern(None, None, None, None):
        g, s = q.graph_name, q.subject
        if isinstance(g, DefaultGraph) or not isinstance(s, NamedNode):
            continue
        if isinstance(q.object, BlankNode):
            continue
        if s.value == g.value or s.value.startswith(g.value + "#"):
            continue
        out.add(_triple(q))
    return out


def fact(s: str, p: str, o: str) -> tuple[str, str, str]:
    return (f"<{BASE}/id/{s}>", f"<{MSKG}{p}>", o if o.startswith('"') else f"<{BASE}/id/{o}>")


def test_the_merged_graph_holds_each_fact_once_and_no_provenance(corpus_stores):
    store = corpus_stores.rdf.store
    default = merged(store)
    assert default == expected_merged(store)
    assert len(default) < len(store) // 2  # the annotations stay in the named graphs only
    assert not any("/doc/" in s or "/graph/" in s for s, _, _ in default)
    # the ontology is in it, so queries that climb rdfs:subClassOf still work
    assert (
        f"<{MSKG}Meeting>",
        "<http://www.w3.org/2000/01/rdf-schema#subClassOf>",
        f"<{MSKG}Event>",
    ) in default
    # a fact two documents state is one triple, whose two sources stay in their graphs
    both = fact(RABAT, "heldIn", "place/rabat")
    assert both in default
    sources = corpus_stores.rdf.query(f"SELECT ?g WHERE {{ GRAPH ?g {{ {' '.join(both)} }} }}")
    assert len(list(sources)) >= 2


def test_a_fact_leaves_with_the_last_document_that_states_it(stores):
    rdf = stores.rdf
    load_documents(stores, [DOC001])
    only_001 = merged(rdf.store)
    load_documents(stores, [DOC000])
    dated = fact(RABAT, "date", '"2013-04-21"^^<http://www.w3.org/2001/XMLSchema#date>')
    shared = fact(RABAT, "heldIn", "place/rabat")
    assert dated in merged(rdf.store) and shared in merged(rdf.store)
    assert merged(rdf.store) == expected_merged(rdf.store)

    assert delete_document(stores, "000_b8b2124286a87c6a")
    assert dated not in merged(rdf.store)  # only 000 stated it
    assert shared in merged(rdf.store)  # 001 states it too
    assert merged(rdf.store) == only_001 == expected_merged(rdf.store)


def test_a_replaced_document_takes_back_what_it_no_longer_states(stores, tmp_path):
    load_documents(stores, [DOC001, DOC000])
    data = json.loads(DOC000.read_text(encoding="utf-8"))
    (rabat,) = [e for e in data["entities"] if e["id"] == RABAT]
    rabat["props"]["date"] = "2013-04"  # a coarser date: the old one must leave
    edited = tmp_path / DOC000.name
    edited.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    assert load_documents(stores, [edited]).documents == 1
    default = merged(stores.rdf.store)
    assert (
        fact(RABAT, "date", '"2013-04"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>') in default
    )
    assert fact(RABAT, "date", '"2013-04-21"^^<http://www.w3.org/2001/XMLSchema#date>') not in (
        default
    )
    assert default == expected_merged(stores.rdf.store)


def test_a_store_without_the_merged_graph_gets_it_when_opened(settings):
    """Stores written before the merged graph existed hold only named graphs."""
    with Stores(settings) as stores:
        load_documents(stores, [DOC001, DOC000])
        built = merged(stores.rdf.store)
        stores.rdf.store.update("CLEAR DEFAULT")  # the old layout
        assert not merged(stores.rdf.store)
    with Stores(settings) as stores:
        assert merged(stores.rdf.store) == built == expected_merged(stores.rdf.store)


# -- crashes: the rule is "a rerun rewrites what was interrupted" (mskg.pipeline) ------------


def _two_versions(tmp_path):
    """150 synthetic documents, then 150 others with the same ids (every one a replacement)."""
    sys.path.insert(0, str(ROOT))
    from bench.synth import write_corpus

    return write_corpus(150, tmp_path / "v1", seed=3), write_corpus(150, tmp_path / "v2", seed=4)


def load_in_a_child_that_dies(settings, folder, patch: str) -> None:
    """`mskg load folder` in a child process whose code ``patch`` changed first, so that it
    ends with ``os._exit(137)`` (like a SIGKILL: no cleanup, no flush) at a chosen point."""
    child = (
        "import os\nimport sys\n"
        + textwrap.dedent(patch)
        + textwrap.dedent(
            f"""
        from mskg.cli import main

        sys.argv = ["mskg", "load", {str(folder)!r}]
        main()
        """
        )
    )
    proc = subprocess.run([sys.executable, "-c", child], env=child_env(settings), check=False)
    assert proc.returncode == 137, "the load did not die where the patch makes it die"


def _clean_merged(tmp_path, falkordb_server, corpus) -> set[tuple[str, str, str]]:
    clean = make_settings(tmp_path / "clean", falkordb_server)
    with Stores(clean) as stores:
        assert load_documents(stores, [corpus]).ok
        return merged(stores.rdf.store)


def test_a_crash_between_the_two_rdf_writes_is_repaired_by_the_rerun(tmp_path, falkordb_server):
    """The process dies right after the 20th replacement dropped its old graph, before the
    new graph was written: the merged graph is still right, and the rerun completes it."""
    v1, v2 = _two_versions(tmp_path)
    crashed = make_settings(tmp_path / "crashed", falkordb_server)
    with Stores(crashed) as stores:
        assert load_documents(stores, [v1]).ok
    patch = """
        from mskg.stores.oxigraph import OxigraphStore

        drop, seen = OxigraphStore.drop_graph, []

        def drop_then_die(self, graph_iri):
            dropped = drop(self, graph_iri)
            if "/doc/" in graph_iri:
                seen.append(graph_iri)
                if len(seen) == 20:
                    os._exit(137)
            return dropped

        OxigraphStore.drop_graph = drop_then_die
        """
    load_in_a_child_that_dies(crashed, v2, patch)

    with Stores(crashed) as stores:
        store = stores.rdf.store
        missing = NamedNode(f"{crashed.base}/doc/synth-000019")
        assert not store.contains_named_graph(missing)  # dropped, never rewritten
        assert merged(store) == expected_merged(store)
        rerun = load_documents(stores, [v2])
        # 20 to 150 rewritten: the graph store takes a load's documents in groups, so it may
        # not hold the first 19 new versions yet
        assert rerun.ok and rerun.documents + rerun.skipped == 150 and rerun.documents >= 131
        assert store.contains_named_graph(missing)
        after = merged(store)
        assert after == expected_merged(store)
    assert after == _clean_merged(tmp_path, falkordb_server, v2)


def test_a_killed_reload_of_changed_documents_is_repaired_by_rerunning_it(
    tmp_path, falkordb_server
):
    """SIGKILL a `mskg load` that replaces documents, wherever it is; after the rerun the
    merged graph is the one a clean load of the new versions gives."""
    v1, v2 = _two_versions(tmp_path)
    crashed = make_settings(tmp_path / "crashed", falkordb_server)
    with Stores(crashed) as stores:
        assert load_documents(stores, [v1]).ok
    new = [document_sha256(d) for f in sorted(v2.glob("*.json")) for d in read_source(f)]
    query = "MATCH (d:Document) WHERE d.sha256 IN $new RETURN count(d)"
    replaced = kill_load_midway(
        crashed, v2, falkordb_server, f"CYPHER new={json.dumps(new)} {query}"
    )
    assert 20 <= replaced < 150

    with Stores(crashed) as stores:
        assert merged(stores.rdf.store) == expected_merged(stores.rdf.store)
        rerun = load_documents(stores, [v2])
        assert rerun.ok and rerun.documents + rerun.skipped == 150
        after = merged(stores.rdf.store)
        assert after == expected_merged(stores.rdf.store)
    assert after == _clean_merged(tmp_path, falkordb_server, v2)


# -- new documents in bulk (OxigraphStore.add_graphs) ------------------------------------------


def test_new_documents_in_bulk_give_the_store_one_transaction_each_gives(
    tmp_path, falkordb_server, monkeypatch
):
    v1, _ = _two_versions(tmp_path)
    sizes: list[int] = []
    add_graphs = oxigraph.OxigraphStore.add_graphs

    def counting(self, graphs):
        sizes.append(len(graphs))
        return add_graphs(self, graphs)

    monkeypatch.setattr(oxigraph.OxigraphStore, "add_graphs", counting)
    with Stores(make_settings(tmp_path / "bulk", falkordb_server)) as stores:
        assert load_documents(stores, [v1]).documents == 150
        bulk = rdf_snapshot(stores)
        assert merged(stores.rdf.store) == expected_merged(stores.rdf.store)
    assert sizes == [100, 50] and min(sizes) >= oxigraph.BULK_MIN  # both groups went in bulk

    monkeypatch.setattr(oxigraph, "BULK_MIN", 10**9)
    with Stores(make_settings(tmp_path / "one-by-one", falkordb_server)) as stores:
        assert load_documents(stores, [v1]).documents == 150
        assert rdf_snapshot(stores) == bulk


def test_a_crash_inside_a_bulk_load_is_undone_when_the_store_opens(tmp_path, falkordb_server):
    """The process dies when the bulk loader has written half of the second group (the new
    facts first, so facts are in the merged graph without the graphs that state them): the
    next opening removes that group and rebuilds the merged graph; the rerun writes it."""
    v1, _ = _two_versions(tmp_path)
    crashed = make_settings(tmp_path / "crashed", falkordb_server)
    patch = """
        from mskg.stores import oxigraph

        add_graphs, groups = oxigraph.OxigraphStore.add_graphs, []

        class HalfThenDie:
            def __init__(self, store):
                self.store = store

            def __getattr__(self, name):
                return getattr(self.store, name)

            def __contains__(self, quad):
                return quad in self.store

            def bulk_extend(self, quads):
                quads = list(quads)
                self.store.bulk_extend(quads[: len(quads) // 2])
                self.store.flush()
                os._exit(137)

        def add_then_die(self, graphs):
            groups.append(graphs)
            if len(groups) == 2:
                self.store = HalfThenDie(self.store)
            return add_graphs(self, graphs)

        oxigraph.OxigraphStore.add_graphs = add_then_die
        """
    load_in_a_child_that_dies(crashed, v1, patch)
    marked = Path(crashed.data_dir) / "oxigraph" / oxigraph.BULK_FILE
    names = marked.read_text("utf-8").split()  # what the dead load was writing
    assert (names[0], names[-1]) == (
        f"{crashed.base}/doc/synth-000100",
        f"{crashed.base}/doc/synth-000149",
    )

    with Stores(crashed) as stores:
        store = stores.rdf.store
        assert not marked.exists()
        assert store.contains_named_graph(NamedNode(f"{crashed.base}/doc/synth-000099"))
        for n in (100, 149):  # half of the second group had been written: all of it is gone
            assert not store.contains_named_graph(NamedNode(f"{crashed.base}/doc/synth-{n:06}"))
        assert merged(store) == expected_merged(store)
        rerun = load_documents(stores, [v1])
        assert rerun.ok and (rerun.documents, rerun.skipped) == (50, 100)
        after = rdf_snapshot(stores)
    with Stores(make_settings(tmp_path / "clean", falkordb_server)) as stores:
        assert load_documents(stores, [v1]).ok
        assert rdf_snapshot(stores) == after


def test_an_interrupted_bulk_load_marked_the_old_way_is_undone_too(tmp_path, falkordb_server):
    """Stores written before ``BULK_FILE`` named the graphs of a bulk load in progress with
    ``<LOADING> <LOADING> <g>`` quads in the default graph: they are still honoured."""
    v1, _ = _two_versions(tmp_path)
    settings = make_settings(tmp_path / "old", falkordb_server)
    with Stores(settings) as stores:
        assert load_documents(stores, [v1]).documents == 150
        clean = rdf_snapshot(stores)
        # The state a crash inside the second group's bulk write left, the old way.
        gone = [NamedNode(f"{settings.base}/doc/synth-{n:06}") for n in range(100, 150)]
        stores.rdf.store.extend([Quad(oxigraph.LOADING, oxigraph.LOADING, g) for g in gone])
    with Stores(settings) as stores:
        store = stores.rdf.store
        assert not list(store.quads_for_pattern(oxigraph.LOADING, None, None, None))
        assert not any(store.contains_named_graph(g) for g in gone)
        assert store.contains_named_graph(NamedNode(f"{settings.base}/doc/synth-000099"))
        assert merged(store) == expected_merged(store)
        rerun = load_documents(stores, [v1])
        assert rerun.ok and (rerun.documents, rerun.skipped) == (50, 100)
        assert rdf_snapshot(stores) == clean


def test_export_keeps_the_merged_graph_as_the_default_graph(corpus_stores):
    """TriG/N-Quads carry the merged graph as their default graph, beside the named graphs."""
    for fmt, rdf_format in (("nq", RdfFormat.N_QUADS), ("trig", RdfFormat.TRIG)):
        quads = list(parse(corpus_stores.rdf.export(fmt), format=rdf_format))
        default = {_triple(q) for q in quads if isinstance(q.graph_name, DefaultGraph)}
        assert default == merged(corpus_stores.rdf.store), fmt


def test_the_ontology_and_registry_graphs_feed_it_like_documents(stores):
    """Both are replaced when the registry changes: their facts leave and come back."""
    from mskg.pipeline import ensure_registry

    load_documents(stores, [DOC001])
    full = merged(stores.rdf.store)
    for name in ("ontology", "registry"):
        assert stores.rdf.drop_graph(f"{BASE}/graph/{name}")
        assert merged(stores.rdf.store) == expected_merged(stores.rdf.store) != full
    assert ensure_registry(stores)
    assert merged(stores.rdf.store) == expected_merged(stores.rdf.store) == full


def test_a_fact_with_awkward_characters_leaves_too(stores, tmp_path):
    """Retracted facts are written back into a SPARQL update: quotes, backslashes, line
    breaks, tabs and Arabic must come through it intact."""
    data = json.loads(DOC000.read_text(encoding="utf-8"))
    (rabat,) = [e for e in data["entities"] if e["id"] == RABAT]
    text = 'The "Rabat" meeting \\ of\tthe\r\nAMU\x07 — اجتماع الرباط'
    rabat["label"]["en"] = text
    awkward = tmp_path / DOC000.name
    awkward.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    load_documents(stores, [DOC001, awkward])
    label = _triple(Quad(NamedNode(f"{BASE}/id/{RABAT}"), PREF, Literal(text, language="en")))
    assert label in merged(stores.rdf.store)

    assert load_documents(stores, [DOC000]).documents == 1  # the plain label again
    assert label not in merged(stores.rdf.store)
    assert merged(stores.rdf.store) == expected_merged(stores.rdf.store)

"""SHACL: the built corpus graph conforms to shapes.ttl, and broken graphs are caught.

The corpus is loaded into the real stores (``corpus_stores``); each non-conformance test
breaks one thing in a copy of that graph and checks that a violation names the broken node.
"""

from __future__ import annotations

import json

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SH, SKOS, Namespace

from mskg.ontology import load_ontology
from mskg.ontology.model import NS
from mskg.ontology.shacl import (
    SHAPES_NS,
    SHAPES_PATH,
    Violation,
    current_shapes_text,
    shapes_graph,
    store_graph,
    validate_graph,
    validate_store,
)
from tests.conftest import CORPUS, make_settings

MSKG = NS
OA = "http://www.w3.org/ns/oa#"
BASE = "https://w3id.org/mskg"
# A Namespace, not rdflib.XSD: pytest probes module globals, and the closed XSD namespace
# warns on unknown attributes.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
DOC = f"{BASE}/doc/000_b8b2124286a87c6a"
RABAT = URIRef(f"{BASE}/id/event/amu-interior-ministers-rabat-2013-04-21")
NOUAKCHOTT = URIRef(f"{BASE}/id/event/amu-interior-ministers-5th-session-nouakchott")


def test_generated_shapes_are_current() -> None:
    on_disk = SHAPES_PATH.read_text(encoding="utf-8")
    assert on_disk == current_shapes_text(), "shapes.ttl is stale: run `make docs`"


def test_every_object_property_has_a_domain_and_range_shape() -> None:
    shapes = shapes_graph()
    for p in load_ontology().object_properties():
        shape = URIRef(f"{SHAPES_NS}property-{p.name}")
        assert (shape, SH.targetSubjectsOf, URIRef(p.iri)) in shapes, p.name
        prop_shape = shapes.value(shape, SH.property)
        assert shapes.value(prop_shape, SH.path) == URIRef(p.iri), p.name


@pytest.fixture(scope="module")
def corpus_graph(corpus_stores) -> tuple[Graph, dict[str, set[str]]]:
    return store_graph(corpus_stores.rdf.store)


def test_corpus_graph_conforms(corpus_stores) -> None:
    report = validate_store(corpus_stores.rdf.store)
    assert report.triples > 5000
    assert report.conforms, "\n".join(v.render() for v in report.violations[:20])
    assert report.violations == []


def _broken(corpus_graph, *, remove=(), add=()) -> list[Violation]:
    data, graphs_of = corpus_graph
    g = Graph()
    for t in data:
        g.add(t)
    for t in remove:
        g.remove(t)
    for t in add:
        g.add(t)
    report = validate_graph(g, graphs_of=graphs_of)
    assert not report.conforms
    return report.violations


def test_mention_ending_past_the_text_is_caught(corpus_graph) -> None:
    data, _ = corpus_graph
    mention = URIRef(f"{DOC}#m-m1")
    pos = URIRef(f"{DOC}#m-m1-pos")
    text = data.value(URIRef(DOC), URIRef(MSKG + "text"))
    end = data.value(pos, URIRef(OA + "end"))
    assert end is not None and text is not None
    violations = _broken(
        corpus_graph,
        remove=[(pos, URIRef(OA + "end"), end)],
        add=[(pos, URIRef(OA + "end"), Literal(len(text) + 5, datatype=XSD.integer))],
    )
    hits = [v for v in violations if v.value == str(mention)]
    assert hits and hits[0].focus == DOC, violations
    assert "not inside the text" in hits[0].message
    assert f"{len(text)} code points" in hits[0].message


def test_span_whose_start_is_not_before_its_end_is_caught(corpus_graph) -> None:
    pos = URIRef(f"{DOC}#m-m1-pos")
    data, _ = corpus_graph
    end = data.value(pos, URIRef(OA + "end"))
    start = data.value(pos, URIRef(OA + "start"))
    violations = _broken(
        corpus_graph,
        remove=[(pos, URIRef(OA + "start"), start)],
        add=[(pos, URIRef(OA + "start"), end)],
    )
    assert any(v.focus == str(pos) and v.path == OA + "start" for v in violations), violations


def test_quote_that_is_not_the_text_at_its_offsets_is_caught(corpus_graph) -> None:
    quote = URIRef(f"{DOC}#m-m1-quote")
    data, _ = corpus_graph
    exact = data.value(quote, URIRef(OA + "exact"))
    violations = _broken(
        corpus_graph,
        remove=[(quote, URIRef(OA + "exact"), exact)],
        add=[(quote, URIRef(OA + "exact"), Literal("نص آخر"))],
    )
    assert any(v.value == f"{DOC}#m-m1" and "quote" in v.message for v in violations)


def test_relation_whose_subject_has_the_wrong_class_is_caught(corpus_graph) -> None:
    rabat_city = URIRef(f"{BASE}/id/place/rabat")
    participated = URIRef(MSKG + "participatedIn")
    violations = _broken(corpus_graph, add=[(rabat_city, participated, RABAT)])
    hits = [v for v in violations if v.focus == str(rabat_city)]
    assert hits, violations
    assert hits[0].shape == f"{SHAPES_NS}property-participatedIn"
    assert "subject of mskg:participatedIn must be a Actor" in hits[0].message


def test_relation_whose_object_has_the_wrong_class_is_caught(corpus_graph) -> None:
    held_in = URIRef(MSKG + "heldIn")
    violations = _broken(corpus_graph, add=[(RABAT, held_in, NOUAKCHOTT)])
    hits = [v for v in violations if v.focus == str(RABAT) and v.path == str(held_in)]
    assert hits and hits[0].value == str(NOUAKCHOTT), violations


def test_entity_without_a_label_is_caught(corpus_graph) -> None:
    data, _ = corpus_graph
    labels = [(RABAT, SKOS.prefLabel, o) for o in data.objects(RABAT, SKOS.prefLabel)]
    assert labels
    violations = _broken(corpus_graph, remove=labels)
    hits = [v for v in violations if v.focus == str(RABAT) and v.path == str(SKOS.prefLabel)]
    assert hits, violations
    # The violation names the documents that describe the entity, to know what to fix.
    assert DOC in hits[0].graphs or any("/doc/" in g for g in hits[0].graphs)


def test_untagged_label_is_caught(corpus_graph) -> None:
    violations = _broken(corpus_graph, add=[(RABAT, SKOS.prefLabel, Literal("Rabat meeting"))])
    assert any(v.focus == str(RABAT) and v.path == str(SKOS.prefLabel) for v in violations)


def test_entity_without_type_is_caught(corpus_graph) -> None:
    nobody = URIRef(f"{BASE}/id/person/nobody")
    violations = _broken(corpus_graph, add=[(URIRef(DOC), URIRef(MSKG + "mentions"), nobody)])
    assert any(v.focus == str(nobody) for v in violations), violations


@pytest.mark.parametrize(
    "literal",
    [
        Literal("2013-13-45", datatype=XSD.date),  # ill-formed date
        Literal("2013-04-21", datatype=XSD.gYear),  # precision and type disagree
        Literal("21 April 2013"),  # not ISO 8601 at all
        Literal("2013-04-21T10:00:00", datatype=XSD.dateTime),  # a time is never stated
    ],
)
def test_malformed_date_is_caught(corpus_graph, literal: Literal) -> None:
    date = URIRef(MSKG + "date")
    data, _ = corpus_graph
    old = [(RABAT, date, o) for o in data.objects(RABAT, date)]
    assert old
    violations = _broken(corpus_graph, remove=old, add=[(RABAT, date, literal)])
    hits = [v for v in violations if v.focus == str(RABAT) and v.path == str(date)]
    assert hits, violations


def test_document_without_text_is_caught(corpus_graph) -> None:
    data, _ = corpus_graph
    text = URIRef(MSKG + "text")
    violations = _broken(
        corpus_graph, remove=[(URIRef(DOC), text, o) for o in data.objects(URIRef(DOC), text)]
    )
    assert any(v.focus == DOC and v.path == str(text) for v in violations)


def test_assertion_without_its_triple_is_caught(corpus_graph) -> None:
    data, _ = corpus_graph
    rel = next(
        s
        for s in data.subjects(RDF.type, URIRef(MSKG + "Assertion"))
        if str(s).startswith(DOC + "#")
    )
    s, p, o = (data.value(rel, x) for x in (RDF.subject, RDF.predicate, RDF.object))
    violations = _broken(corpus_graph, remove=[(s, p, o)])
    assert any(v.focus == DOC and v.value == str(rel) for v in violations), violations


def test_violation_renders_place_and_fix() -> None:
    v = Violation(focus="f", message="m", path="p", value="x", graphs=("g",))
    assert v.render() == "g: f p: m (value: x)"


def test_check_command_reports_conformance(tmp_path, falkordb_server) -> None:
    from typer.testing import CliRunner

    from mskg.cli import app
    from mskg.pipeline import Stores, load_documents

    settings = make_settings(tmp_path / "data", falkordb_server)
    with Stores(settings) as stores:  # closed before `mskg check` opens the store
        assert load_documents(stores, [CORPUS]).ok
    result = CliRunner().invoke(app, ["--data-dir", str(settings.data_dir), "check", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["conforms"] is True and report["triples"] > 5000


def test_check_command_without_a_store_says_what_to_do(tmp_path) -> None:
    from typer.testing import CliRunner

    from mskg.cli import app

    result = CliRunner().invoke(app, ["--data-dir", str(tmp_path / "none"), "check"])
    assert result.exit_code == 1
    assert "mskg load" in result.output


def test_status_and_role_outside_their_lists_are_caught(corpus_graph) -> None:
    data, _ = corpus_graph
    status, role = URIRef(MSKG + "status"), URIRef(MSKG + "role")
    assertion = next(s for s, _, _ in data.triples((None, role, None)))
    violations = _broken(
        corpus_graph,
        remove=[(RABAT, status, o) for o in data.objects(RABAT, status)]
        + [(assertion, role, o) for o in data.objects(assertion, role)],
        add=[(RABAT, status, Literal("finished")), (assertion, role, Literal("guest"))],
    )
    assert any(v.focus == str(RABAT) and v.path == str(status) for v in violations)
    assert any(v.focus == str(assertion) and v.path == str(role) for v in violations)


def test_check_command_names_what_is_broken(tmp_path, falkordb_server) -> None:
    """A store with a bad span: `mskg check` exits 1 and prints the document and the mention."""
    from pyoxigraph import Literal as OxLiteral
    from pyoxigraph import NamedNode, Quad
    from typer.testing import CliRunner

    from mskg.cli import app
    from mskg.pipeline import Stores, load_documents

    settings = make_settings(tmp_path / "data", falkordb_server)
    with Stores(settings) as stores:
        assert load_documents(stores, [CORPUS / "000_b8b2124286a87c6a.json"]).ok
        pos, end = NamedNode(f"{DOC}#m-m1-pos"), NamedNode(OA + "end")
        graph = NamedNode(DOC)
        old = list(stores.rdf.store.quads_for_pattern(pos, end, None, graph))
        assert old
        stores.rdf.store.remove(old[0])
        big = OxLiteral("100000", datatype=NamedNode(str(XSD.integer)))
        stores.rdf.store.add(Quad(pos, end, big, graph))
    result = CliRunner().invoke(app, ["--data-dir", str(settings.data_dir), "check"])
    assert result.exit_code == 1, result.output
    assert "000_b8b2124286a87c6a#m-m1" in result.output
    assert "not inside the text" in result.output
    assert "1 violation(s)" in result.output


@pytest.mark.parametrize(
    ("prop", "literal"),
    [
        ("ordinal", Literal("fifth", datatype=XSD.integer)),
        ("frequency", Literal("every three months", datatype=XSD.duration)),
        ("dayOfYear", Literal("--13-45", datatype=XSD.gMonthDay)),
        ("dayOfYear", Literal("18 March")),
    ],
)
def test_ill_typed_values_are_caught(corpus_graph, prop: str, literal: Literal) -> None:
    violations = _broken(corpus_graph, add=[(RABAT, URIRef(MSKG + prop), literal)])
    assert any(v.focus == str(RABAT) and v.path == MSKG + prop for v in violations), violations

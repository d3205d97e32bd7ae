"""The ontology: it parses, and every term is labelled in ar, en, fr and defined."""

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from mskg.ontology import load_ontology
from mskg.ontology.model import NS, ONTOLOGY_DIR

KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def _terms(g: Graph) -> list[URIRef]:
    return sorted(
        s
        for kind in KINDS
        for s in g.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(NS)
    )


def test_ontology_parses_in_rdflib() -> None:
    g = Graph().parse(ONTOLOGY_DIR / "mskg.ttl", format="turtle")
    assert (URIRef("https://w3id.org/mskg/ontology"), RDF.type, OWL.Ontology) in g
    assert len(_terms(g)) > 60


def test_every_class_and_property_has_labels_in_ar_en_fr_and_a_definition() -> None:
    g = load_ontology().graph
    for term in _terms(g):
        langs = [o.language for o in g.objects(term, RDFS.label)]
        assert sorted(langs) == ["ar", "en", "fr"], (term, langs)
        assert all(str(o).strip() for o in g.objects(term, RDFS.label)), term
        definitions = [o for o in g.objects(term, SKOS.definition) if str(o).strip()]
        assert definitions, f"{term} has no skos:definition"


def test_every_object_property_has_a_domain_and_a_range_of_mskg_classes() -> None:
    ontology = load_ontology()
    for p in ontology.object_properties():
        assert p.domain and p.range, p.name
        assert p.domain <= set(ontology.classes) and p.range <= set(ontology.classes), p.name


def test_every_class_but_the_annotation_classes_is_an_entity() -> None:
    ontology = load_ontology()
    outside = {n for n in ontology.classes if not ontology.is_a(n, "Entity")}
    assert outside == {"SourceDocument", "Mention", "Assertion"}

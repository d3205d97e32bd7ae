"""The registry of known entities and the threat-domain thesaurus."""

import re

from rdflib import Graph
from rdflib.namespace import SKOS

from mskg.arabic import normalize
from mskg.ontology import load_ontology, load_registry
from mskg.ontology.model import ONTOLOGY_DIR

FIVE_PLUS_FIVE = {"DZA", "LBY", "MRT", "MAR", "TUN", "FRA", "ITA", "MLT", "PRT", "ESP"}


def test_registry_loads_and_ids_follow_the_scheme():
    registry = load_registry()
    assert len(registry) > 150
    prefixes = {"state", "org", "post", "person", "place", "domain"}
    for e in registry:
        prefix = e.id.split("/", 1)[0]
        assert prefix in prefixes, e.id
        if e.type == "State":
            assert re.fullmatch(r"state/[A-Z]{3}", e.id)
            assert e.props["iso3"] == e.id.split("/")[1]


def test_five_plus_five_membership():
    registry = load_registry()
    members = {
        e.id.split("/")[1]
        for e in registry
        if e.type == "State"
        and any(r.to == "org/western-mediterranean-5plus5" for r in e.rels.get("memberOf", []))
    }
    assert members == FIVE_PLUS_FIVE


def test_no_arabic_name_names_two_entities():
    owner: dict[str, str] = {}
    for e in load_registry():
        for lang, name in e.all_names():
            if lang == "ar":
                key = normalize(name)
                assert owner.setdefault(key, e.id) == e.id, (name, e.id, owner[key])


def test_thesaurus_is_skos_with_three_languages():
    g = Graph().parse(ONTOLOGY_DIR / "domains.ttl")
    concepts = set(g.subjects(predicate=SKOS.inScheme))
    assert len(concepts) >= 15
    for c in concepts:
        langs = {o.language for o in g.objects(c, SKOS.prefLabel)}
        assert langs == {"ar", "en", "fr"}, c
        for b in g.objects(c, SKOS.broader):
            assert (b, SKOS.narrower, c) in g, (c, b)
    ontology = load_ontology()
    domains = [e for e in load_registry() if e.type == "ThreatDomain"]
    assert all(ontology.is_a(e.type, "Entity") for e in domains)
    assert {"domain/terrorism", "domain/illegal-migration", "domain/civil-protection"} <= {
        e.id for e in domains
    }

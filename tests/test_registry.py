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


ARAB_LEAGUE = {
    "DZA", "BHR", "COM", "DJI", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT",
    "MAR", "OMN", "PSE", "QAT", "SAU", "SOM", "SDN", "SYR", "TUN", "ARE", "YEM",
}  # fmt: skip
EU = {
    "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC",
    "HUN", "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK",
    "SVN", "ESP", "SWE",
}  # fmt: skip


def _members(org: str) -> set[str]:
    return {
        e.id.split("/")[1]
        for e in load_registry()
        if e.type == "State" and any(r.to == org for r in e.rels.get("memberOf", []))
    }


def test_all_arab_league_and_eu_states_are_registered_with_their_membership():
    assert _members("org/league-of-arab-states") == ARAB_LEAGUE
    assert len(ARAB_LEAGUE) == 22
    assert _members("org/european-union") == EU
    assert len(EU) == 27
    assert _members("org/arab-maghreb-union") == {"DZA", "LBY", "MRT", "MAR", "TUN"}


def test_every_entity_has_three_labels_and_wikidata_ids_are_well_formed():
    for e in load_registry():
        assert {"ar", "en", "fr"} <= set(e.label), e.id
        qid = e.props.get("wikidata")
        if qid is not None:
            assert re.fullmatch(r"Q[1-9][0-9]*", str(qid)), (e.id, qid)


# The threat domains the issue requires, with wordings the articles use in Arabic.
REQUIRED_DOMAINS = {
    "domain/terrorism": [],
    "domain/violent-extremism": ["التطرف"],
    "domain/online-radicalisation": [],
    "domain/terrorist-financing": ["الفديات"],
    "domain/money-laundering": ["تبييض الأموال"],
    "domain/organised-crime": [],
    "domain/drug-trafficking": ["المخدرات", "المؤثرات العقلية", "السلائف الكيميائية"],
    "domain/arms-trafficking": [],
    "domain/illegal-migration": [
        "الهجرة غير الشرعية",
        "الهجرة غير المشروعة",
        "الهجرة السرية",
    ],
    "domain/human-trafficking": [],
    "domain/cybercrime": [],
    "domain/border-security": [],
    "domain/travel-document-security": [],
    "domain/foreign-terrorist-fighters": [],
    "domain/civil-protection": [],
}


def test_thesaurus_has_the_required_domains_and_their_arabic_wordings():
    domains = {e.id: e for e in load_registry() if e.type == "ThreatDomain"}
    assert set(REQUIRED_DOMAINS) <= set(domains)
    for domain_id, wordings in REQUIRED_DOMAINS.items():
        names = [normalize(n) for lang, n in domains[domain_id].all_names() if lang == "ar"]
        for wording in wordings:
            key = normalize(wording)
            assert any(key in n for n in names), (domain_id, wording)
    broader = {e.id: {r.to for r in e.rels.get("broader", [])} for e in domains.values()}
    assert broader["domain/terrorist-financing"] == {"domain/terrorism"}
    assert broader["domain/online-radicalisation"] == {"domain/violent-extremism"}
    assert broader["domain/drug-trafficking"] == {"domain/organised-crime"}

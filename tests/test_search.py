"""Search copes with Arabic clitics, hamza/alef forms, diacritics and ta marbuta, on every
graph backend (part of the backend contract: FalkorDB always, Neo4j when configured)."""

import pytest

from mskg.search import search


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("والجزائر", "state/DZA"),  # clitic و
        ("بالمغرب", "state/MAR"),  # clitic ب
        ("المَغْرِب", "state/MAR"),  # diacritics
        ("اسبانيا", "state/ESP"),  # alef without hamza
        ("إسبانيا", "state/ESP"),
        ("الانتربول", "org/interpol"),  # alias, hamza folded
        ("امحند العنصر", "person/mohand-laenser"),
        ("أمحند العنصر", "person/mohand-laenser"),
        ("Morocco", "state/MAR"),
        ("maroc", "state/MAR"),
        ("الهجرة السرية", "domain/illegal-migration"),  # thesaurus altLabel
        ("الهجره غير الشرعيه", "domain/illegal-migration"),  # ة written ه
        ("لجنة المتابعة", "mechanism/amu-follow-up-committee"),
    ],
)
def test_finds_first(backend_corpus_stores, query, expected):
    hits = search(backend_corpus_stores.graph, query)
    assert hits and hits[0]["id"] == expected, [h["id"] for h in hits[:5]]


def test_type_filter_and_paging(backend_corpus_stores):
    states = search(backend_corpus_stores.graph, "الجزائر", type="State")
    assert [h["id"] for h in states] == ["state/DZA"]
    everything = search(backend_corpus_stores.graph, "الجزائر", limit=100)
    page = search(backend_corpus_stores.graph, "الجزائر", limit=2, offset=1)
    assert [h["id"] for h in page] == [h["id"] for h in everything[1:3]]
    assert search(backend_corpus_stores.graph, "   ") == []


def test_domain_filter(backend_corpus_stores):
    hits = search(backend_corpus_stores.graph, "لجنة", domain="domain/terrorism", limit=50)
    ids = {h["id"] for h in hits}
    assert "mechanism/mar-esp-subcommittee-terrorism" in ids
    assert "mechanism/mar-esp-subcommittee-training" not in ids

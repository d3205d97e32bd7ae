"""The gold corpus: every file valid, spans exact, and the competency questions answerable."""

import json
from pathlib import Path

import pytest

from corpus.tools.build import SEEDS, build
from mskg.document import Document, parse_document

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
FILES = sorted(CORPUS.glob("*.json"))


def load(stem: str) -> Document:
    path = next(p for p in FILES if p.stem.startswith(stem))
    return parse_document(json.loads(path.read_text(encoding="utf-8")), str(path))


def test_five_documents():
    assert [p.stem[:3] for p in FILES] == ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem[:3])
def test_document_is_valid_and_matches_its_seed(path):
    doc = parse_document(json.loads(path.read_text(encoding="utf-8")), str(path))
    assert doc.text == (SEEDS / f"{doc.id}.txt").read_text(encoding="utf-8")
    for m in doc.mentions:
        assert doc.text[m.start : m.end] == m.text
    # the committed JSON is exactly what the readable specs produce
    assert json.loads(path.read_text(encoding="utf-8")) == build(SEEDS / f"{doc.id}.txt")


def test_news_page_boilerplate_carries_no_annotation():
    doc = load("002")
    assert len(doc.boilerplate) == 2
    for span in doc.boilerplate:
        for m in doc.mentions:
            assert m.end <= span.start or m.start >= span.end
        for r in doc.relations:
            assert r.evidence.end <= span.start or r.evidence.start >= span.end


def test_parties_to_the_algiers_declaration():
    doc = load("002")
    parties = {
        r.subject
        for r in doc.relations
        if r.type == "partyTo" and r.object == "agreement/cimo-algiers-declaration"
    }
    isos = {"DZA", "LBY", "MRT", "MAR", "TUN", "FRA", "ITA", "MLT", "PRT", "ESP"}
    assert parties == {f"state/{iso}" for iso in isos}


def test_rabat_meeting_sets_up_committee_and_working_groups():
    doc = load("001")
    event = "event/amu-interior-ministers-rabat-2013-04-21"
    established = {
        r.object for r in doc.relations if r.type == "establishes" and r.subject == event
    }
    assert established == {
        "mechanism/amu-follow-up-committee",
        "mechanism/amu-specialised-working-groups",
    }
    committee = next(e for e in doc.entities if e.id == "mechanism/amu-follow-up-committee")
    assert committee.props["frequency"] == "P3M"
    domains = {
        r.object
        for r in doc.relations
        if r.type == "addresses" and r.subject == "mechanism/amu-specialised-working-groups"
    }
    assert {"domain/terrorism", "domain/illegal-migration", "domain/civil-protection"} <= domains


def test_laenser_is_one_person_in_rabat_and_algiers():
    laenser = "person/mohand-laenser"
    events = set()
    for stem in ("001", "002"):
        doc = load(stem)
        assert any(
            r.type == "holds"
            and r.subject == laenser
            and r.object == "post/mar-minister-of-interior"
            for r in doc.relations
        )
        events |= {
            r.object for r in doc.relations if r.type == "participatedIn" and r.subject == laenser
        }
    assert events == {
        "event/amu-interior-ministers-rabat-2013-04-21",
        "event/cimo-interior-ministers-algiers",
    }


def test_no_date_is_invented():
    """A date value must have its digits in the text; otherwise only dateText is allowed."""
    for path in FILES:
        doc = load(path.stem[:3])
        for e in doc.entities:
            for key in ("date", "endDate"):
                if key in e.props:
                    year = str(e.props[key])[:4]
                    assert year in doc.text, (doc.id, e.id, e.props[key])

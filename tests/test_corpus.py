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
        "mechanism/amu-annual-security-meetings",  # "اجتماعات أمنية سنوية"
    }
    frequency = {e.id: e.props.get("frequency") for e in doc.entities}
    assert frequency["mechanism/amu-follow-up-committee"] == "P3M"
    assert frequency["mechanism/amu-annual-security-meetings"] == "P1Y"
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


def test_relation_dates_are_stated_in_their_evidence():
    for path in FILES:
        doc = load(path.stem[:3])
        for r in doc.relations:
            for key in ("date", "endDate", "startDate"):
                if key in r.attrs:
                    evidence = doc.text[r.evidence.start : r.evidence.end]
                    assert str(r.attrs[key])[:4] in evidence, (doc.id, r.id, r.attrs[key])


WEEKDAYS = ("الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت")


def test_a_weekday_alone_is_never_a_date():
    """ "Thursday" or "the day before yesterday, Sunday" stays dateText: no date is derived."""
    seen = 0
    for path in FILES:
        doc = load(path.stem[:3])
        for e in doc.entities:
            text = str(e.props.get("dateText", ""))
            if any(day in text for day in WEEKDAYS) and not any(c.isdigit() for c in text):
                seen += 1
                assert "date" not in e.props, (doc.id, e.id)
    assert seen >= 4  # Nouakchott, Rabat (in 001), Algiers 35th session, Marrakech seminar


def test_the_rabat_meeting_is_one_event_in_two_documents():
    """000 recalls the "Rabat statement" of the meeting of 21 April 2013 that 001 reports."""
    event = "event/amu-interior-ministers-rabat-2013-04-21"
    statement = "agreement/amu-rabat-statement-2013"
    for stem in ("000", "001"):
        doc = load(stem)
        assert {event, statement} <= {m.ref for m in doc.mentions}, stem
        assert any(
            r.type == "adoptedAt" and r.subject == statement and r.object == event
            for r in doc.relations
        ), stem
        assert any(
            r.type == "heldIn" and r.subject == event and r.object == "place/rabat"
            for r in doc.relations
        ), stem
    dates = {
        stem: {e.id: e.props.get("date") for e in load(stem).entities} for stem in ("000", "001")
    }
    assert dates["000"][event] == "2013-04-21"  # "يوم 21 أبريل 2013"
    assert dates["001"][event] is None  # "أول أمس الأحد": relative to an unknown day


def test_the_nouakchott_session_addresses_the_threats_it_discussed():
    doc = load("000")
    session = "event/amu-interior-ministers-5th-session-nouakchott"
    domains = {r.object for r in doc.relations if r.type == "addresses" and r.subject == session}
    assert {
        "domain/terrorism",
        "domain/organised-crime",
        "domain/arms-trafficking",
        "domain/drug-trafficking",
        "domain/illegal-migration",
        "domain/human-trafficking",
        "domain/online-radicalisation",
        "domain/money-laundering",
        "domain/terrorist-financing",
    } <= domains

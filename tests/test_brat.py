"""brat standoff: round trips on the gold corpus, hand-made files, and broken ones whose errors
name the file and the line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mskg.document import Document, parse_document
from mskg.errors import InvalidDocument
from mskg.loaders import brat, read_source
from mskg.ontology import load_ontology
from tests.conftest import CORPUS

GOLD = sorted(CORPUS.glob("*.json"))
DOC000 = CORPUS / "000_b8b2124286a87c6a.json"


def gold(path: Path) -> Document:
    return parse_document(json.loads(path.read_text(encoding="utf-8")), str(path))


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem[:3])
def test_gold_round_trip(path: Path, tmp_path: Path) -> None:
    doc = gold(path)
    ann = brat.write(doc, tmp_path)
    assert ann == tmp_path / f"{doc.id}.ann"
    assert (tmp_path / f"{doc.id}.txt").read_bytes().decode("utf-8") == doc.text
    back = brat.read(ann)
    assert back == doc
    assert read_source(ann) == [doc]  # format detection by suffix


def test_lines_are_brat(tmp_path: Path) -> None:
    """Every mention is a T line with its class and a Reference to its entity id."""
    doc = gold(DOC000)
    txt, ann = brat.to_brat(doc)
    assert txt == doc.text
    m1 = doc.mentions[0]
    assert f"T1\t{m1.type} {m1.start} {m1.end}\t{m1.text}" in ann.splitlines()
    assert any(line.startswith(f"N1\tReference T1 mskg:{m1.ref}\t") for line in ann.splitlines())
    r1 = doc.relations[0]
    assert re.search(rf"^R1\t{r1.type} Arg1:T\d+ Arg2:T\d+$", ann, re.M)
    assert re.search(r"^#\d+\tAnnotatorNotes R1\tevidence=T\d+$", ann, re.M)
    r42 = next(r for r in doc.relations if r.id == "r42")
    assert r42.attrs == {"role": "speaker", "onBehalfOf": "الوفود المشاركة"}
    assert re.search(
        r'^#\d+\tAnnotatorNotes R42\tevidence=T\d+ role=speaker onBehalfOf="الوفود المشاركة"$',
        ann,
        re.M,
    )
    # brat shows attributes on text-bound spans and events only: none are written.
    assert not re.search(r"^A\d+\t", ann, re.M)


def test_annotation_conf_declares_every_type(tmp_path: Path) -> None:
    """brat needs the collection's types: every ontology class and object property, written
    once beside the documents and never over an edited one."""
    brat.write(gold(DOC000), tmp_path)
    conf = (tmp_path / "annotation.conf").read_text(encoding="utf-8")
    current = ""
    parsed: dict[str, list[str]] = {
        k: [] for k in ("entities", "relations", "events", "attributes")
    }
    for line in conf.splitlines():
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
        elif line and not line.startswith("#"):
            parsed[current].append(line.split("\t")[0])
    onto = load_ontology()
    assert set(parsed["entities"]) == {*onto.entity_classes(), "Evidence"}
    props = {p.name for p in onto.object_properties()} - {"mentions"}
    assert set(parsed["relations"]) == props | {"<OVERLAP>"}
    (tmp_path / "annotation.conf").write_text("[entities]\nState\n", encoding="utf-8")
    brat.write(gold(GOLD[1]), tmp_path)
    assert (tmp_path / "annotation.conf").read_text(encoding="utf-8") == "[entities]\nState\n"


def test_attribute_lines_from_other_tools_are_read(tmp_path: Path) -> None:
    """`A1 role R1 member` (brat's own attribute syntax) qualifies the relation like a note."""
    ann = HANDMADE_ANN + "A1\tonBehalfOf R1 الوفود المشاركة\nA2\tdate R1 2013\n"
    (rel,) = brat.read(handmade(tmp_path, ann)).relations
    assert rel.attrs == {"onBehalfOf": "الوفود المشاركة", "date": "2013"}


HANDMADE_TXT = "المملكة المغربية عضو في اتحاد المغرب العربي."
HANDMADE_ANN = (
    "T1\tState 0 7;8 16\tالمملكة المغربية\n"
    "T2\tIntergovernmentalOrganization 24 43\tاتحاد المغرب العربي\n"
    "N1\tReference T1 mskg:state/MAR\tالمغرب\n"
    "N2\tReference T2 mskg:org/arab-maghreb-union\n"
    "R1\tmemberOf Arg1:T1 Arg2:T2\n"
)


def handmade(folder: Path, ann: str = HANDMADE_ANN, txt: str = HANDMADE_TXT) -> Path:
    (folder / "hand.txt").write_text(txt, encoding="utf-8")
    path = folder / "hand.ann"
    path.write_text(ann, encoding="utf-8")
    return path


def test_discontinuous_span_is_one_mention_per_fragment(tmp_path: Path) -> None:
    """`T1 State 0 7;8 16` -> two mentions with the same type and ref, exact texts; with no
    sidecar an Arabic text is `ar`, and a relation without an evidence note cites the stretch
    from its first argument to its last."""
    doc = brat.read(handmade(tmp_path))
    assert doc.id == "hand" and doc.lang == "ar"
    assert [(m.id, m.start, m.end, m.text, m.ref) for m in doc.mentions[:2]] == [
        ("m1", 0, 7, "المملكة", "state/MAR"),
        ("m1-2", 8, 16, "المغربية", "state/MAR"),
    ]
    (rel,) = doc.relations
    assert (rel.id, rel.subject, rel.object) == ("r1", "state/MAR", "org/arab-maghreb-union")
    assert (rel.evidence.start, rel.evidence.end) == (0, 43)
    # Written back, each fragment is its own T line; reading that gives the same document.
    again = brat.read(brat.write(doc, tmp_path / "out"))
    assert again == doc
    assert "m1-2" in brat.sidecar_path(tmp_path / "out" / "hand.ann").read_text(encoding="utf-8")


def test_relation_attributes_keep_their_types(tmp_path: Path) -> None:
    """What a pre-annotator adds (a decimal confidence, a year-only date, an entity flagged for
    review) comes back with the same value and type."""
    doc = brat.read(handmade(tmp_path))
    data = doc.model_dump(mode="json")
    data["relations"][0]["attrs"] = {
        "confidence": 0.87,
        "date": "2013",
        "dateText": "يوم\tالخميس",
        "onBehalfOf": 'الوفود "المشاركة"',
    }
    data["entities"] = [
        {
            "id": "event/test-meeting",
            "type": "Meeting",
            "label": {"ar": "اجتماع"},
            "props": {"needsReview": True, "ordinal": 3},
        }
    ]
    doc2 = parse_document(data, "memory")
    back = brat.read(brat.write(doc2, tmp_path / "out"))
    assert back == doc2
    attrs = back.relations[0].attrs
    assert type(attrs["confidence"]) is float and attrs["date"] == "2013"
    assert back.entities[0].props == {"needsReview": True, "ordinal": 3}


@pytest.mark.parametrize(
    ("prop", "value"),
    [("role", "participant"), ("date", "2013"), ("confidence", 1.0), ("onBehalfOf", "a b")],
)
def test_attribute_values(prop: str, value) -> None:
    text = brat.format_value(prop, value)
    back = brat.parse_value(prop, text)
    assert back == value and type(back) is type(value)


# -- broken files: generated from a good one ------------------------------------------------


@pytest.fixture
def good(tmp_path: Path) -> tuple[Path, Document]:
    doc = gold(DOC000)
    return brat.write(doc, tmp_path), doc


def lines_of(ann: Path) -> list[str]:
    return ann.read_text(encoding="utf-8").splitlines()


def line_no(ann: Path, prefix: str) -> int:
    return next(i for i, line in enumerate(lines_of(ann), 1) if line.startswith(prefix))


def edit(ann: Path, prefix: str, old: str, new: str) -> int:
    lines = lines_of(ann)
    k = line_no(ann, prefix)
    assert old in lines[k - 1]
    lines[k - 1] = lines[k - 1].replace(old, new, 1)
    ann.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return k


def error(path: Path) -> InvalidDocument:
    with pytest.raises(InvalidDocument) as exc:
        read_source(path)
    return exc.value


def test_truncated_ann(good) -> None:
    ann, _ = good
    raw = ann.read_text(encoding="utf-8")
    cut = raw.index("\nR1\t") + 8  # "R1\tsessi"
    ann.write_text(raw[:cut], encoding="utf-8")
    err = error(ann)
    k = len(raw[:cut].splitlines())
    assert err.source == str(ann)
    assert f"{ann}:line {k} (R1): malformed relation" in str(err)


def test_truncated_txt(good) -> None:
    ann, doc = good
    ann.with_suffix(".txt").write_text(doc.text[:1000], encoding="utf-8")
    err = error(ann)
    assert "outside the text of 1000 characters" in str(err)
    last = next(m for m in doc.mentions if m.end > 1000)
    assert f"(T{last.id[1:]})" in str(err)


def test_wrong_offsets(good) -> None:
    ann, doc = good
    m = next(x for x in doc.mentions if x.id == "m3")  # T3 is mention m3 (ids, not text order)
    k = edit(ann, "T3\t", f"{m.start} {m.end}", f"{m.start + 1} {m.end + 1}")
    err = error(ann)
    assert [p.place for p in err.problems] == [f"line {k} (T3)"]
    assert "the text there is" in err.problems[0].message


def test_unknown_type_is_placed_at_its_line(good) -> None:
    ann, doc = good
    m3 = next(x for x in doc.mentions if x.id == "m3")  # T3 is mention m3
    k = edit(ann, "T3\t", m3.type, "Metropolis")
    err = error(ann)
    assert any(p.place == f"line {k} (T3) type" and "Metropolis" in p.message for p in err.problems)


def test_unknown_relation_type(good) -> None:
    ann, doc = good
    k = edit(ann, "R2\t", doc.relations[1].type, "likes")
    err = error(ann)
    assert [(p.place, p.message) for p in err.problems] == [
        (f"line {k} (R2) type", "unknown relation 'likes'")
    ]


def test_unknown_attribute(good) -> None:
    ann, _ = good
    k = line_no(ann, next(x for x in lines_of(ann) if " role=" in x))
    edit(ann, lines_of(ann)[k - 1], " role=", " mood=")
    err = error(ann)
    assert [(p.place, p.message) for p in err.problems] == [
        (f"line {k}", "unknown relation attribute 'mood'")
    ]


def test_unreadable_note(good) -> None:
    ann, _ = good
    k = line_no(ann, "#1\t")
    edit(ann, "#1\t", "evidence=", "the evidence is ")
    err = error(ann)
    assert [p.place for p in err.problems] == [f"line {k}"]
    assert "key=value" in err.problems[0].hint


def test_dangling_relation_argument(good) -> None:
    ann, _ = good
    k = edit(ann, "R1\t", "Arg2:T", "Arg2:T999")
    err = error(ann)
    assert any(p.place == f"line {k} (R1)" and "is not defined" in p.message for p in err.problems)


def test_unknown_registry_id(good) -> None:
    ann, doc = good
    k = edit(ann, "T1\t", "T1", "T1")  # the T line itself
    n = edit(ann, "N1\t", f"mskg:{doc.mentions[0].ref}", "mskg:org/no-such-thing")
    err = error(ann)
    assert n != k
    assert any(p.place == f"line {k} (T1) ref" for p in err.problems)


def test_mention_without_reference(good) -> None:
    ann, _ = good
    lines = [line for line in lines_of(ann) if not line.startswith("N1\t")]
    ann.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = error(ann)
    assert any(p.place.endswith("(T1)") and "0 'mskg:'" in p.message for p in err.problems)


def test_evidence_note_naming_a_missing_span(good) -> None:
    ann, _ = good
    k = line_no(ann, "#1\t")
    edit(ann, "#1\t", "evidence=T", "evidence=T99")
    err = error(ann)
    assert [p.place for p in err.problems] == [f"line {k}"]
    assert "T99" in err.problems[0].message


def test_events_are_refused(good) -> None:
    ann, _ = good
    ann.write_text(ann.read_text(encoding="utf-8") + "E1\tMeeting:T2 Arg:T3\n", encoding="utf-8")
    err = error(ann)
    assert "not part of mskg" in str(err)


@pytest.mark.parametrize("encoding", ["utf-16", "cp1256"])
def test_wrong_encoding_of_the_ann(good, encoding: str) -> None:
    ann, _ = good
    ann.write_bytes(ann.read_text(encoding="utf-8").encode(encoding))
    err = error(ann)
    assert err.source == str(ann)
    assert err.problems[0].message == "not UTF-8"
    if encoding == "utf-16":
        assert "UTF-16" in err.problems[0].hint


def test_latin1_text(tmp_path: Path) -> None:
    txt = "Réunion des ministres à Rabat."
    (tmp_path / "fr.txt").write_bytes(txt.encode("latin-1"))
    ann = tmp_path / "fr.ann"
    ann.write_text("", encoding="utf-8")
    err = error(ann)
    assert err.source == str(tmp_path / "fr.txt")
    assert err.problems[0].place == "byte 1"


def test_non_arabic_without_sidecar_needs_one(tmp_path: Path) -> None:
    (tmp_path / "fr.txt").write_text("Réunion à Rabat.", encoding="utf-8")
    ann = tmp_path / "fr.ann"
    ann.write_text("T1\tCity 10 15\tRabat\nN1\tReference T1 mskg:place/rabat\n", encoding="utf-8")
    err = error(ann)
    assert "lang: fr" in err.problems[0].hint
    brat.sidecar_path(ann).write_text("lang: fr\n", encoding="utf-8")
    assert read_source(ann)[0].lang == "fr"


def test_broken_sidecar(good) -> None:
    ann, _ = good
    side = brat.sidecar_path(ann)
    side.write_text("lang: ar\nmeta: {title: [unclosed\n", encoding="utf-8")
    err = error(ann)
    assert err.source == str(side)
    assert err.problems[0].place.startswith(side.name + ":")


def test_sidecar_problem_is_placed_in_the_sidecar(good) -> None:
    ann, _ = good
    side = brat.sidecar_path(ann)
    side.write_text(side.read_text(encoding="utf-8").replace("lang: ar", "lang: de"), "utf-8")
    err = error(ann)
    assert [p.place for p in err.problems] == [f"{side.name}: lang"]


def test_missing_txt(tmp_path: Path) -> None:
    ann = tmp_path / "x.ann"
    ann.write_text("", encoding="utf-8")
    assert "no x.txt beside it" in str(error(ann))

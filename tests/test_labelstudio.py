"""Label Studio JSON: round trips on the gold corpus, UTF-16 offsets, and broken exports whose
errors name the file and the task/result."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mskg.document import Document, parse_document
from mskg.errors import InvalidDocument
from mskg.loaders import labelstudio as ls
from mskg.loaders import read_source
from mskg.ontology import load_ontology
from tests.conftest import CORPUS

GOLD = sorted(CORPUS.glob("*.json"))


def gold(path: Path) -> Document:
    return parse_document(json.loads(path.read_text(encoding="utf-8")), str(path))


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem[:3])
@pytest.mark.parametrize("as_annotations", [False, True], ids=["predictions", "annotations"])
def test_gold_round_trip(path: Path, as_annotations: bool, tmp_path: Path) -> None:
    doc = gold(path)
    out = ls.write([doc], tmp_path / "tasks.json", as_annotations=as_annotations)
    assert ls.read(out) == [doc]
    assert read_source(out) == [doc]  # detected as Label Studio, not native


def test_all_gold_in_one_file(tmp_path: Path) -> None:
    docs = [gold(p) for p in GOLD]
    out = ls.write(docs, tmp_path / "all.json")
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert [t["data"]["mskg"]["id"] for t in tasks] == [d.id for d in docs]
    assert read_source(out) == docs


# A mention after two characters outside the BMP: Label Studio (JavaScript) counts each as two
# UTF-16 code units, Python as one code point.
ASTRAL_TEXT = "𝐀😀 اجتمع وزير داخلية المغرب في الرباط."


def astral_doc() -> Document:
    text = ASTRAL_TEXT
    s1, s2 = text.index("المغرب"), text.index("الرباط")
    return parse_document(
        {
            "id": "astral",
            "text": text,
            "lang": "ar",
            "mentions": [
                {
                    "id": "m1",
                    "start": s1,
                    "end": s1 + 6,
                    "text": "المغرب",
                    "type": "State",
                    "ref": "state/MAR",
                },
                {
                    "id": "m2",
                    "start": s2,
                    "end": s2 + 6,
                    "text": "الرباط",
                    "type": "City",
                    "ref": "place/rabat",
                },
            ],
        },
        "memory",
    )


def test_utf16_offsets_outside_the_bmp() -> None:
    doc = astral_doc()
    (task,) = ls.to_labelstudio([doc])
    region = task["predictions"][0]["result"][0]
    m = doc.mentions[0]
    # Written: code points + 2 (one extra unit per astral character before the mention).
    assert (region["value"]["start"], region["value"]["end"]) == (m.start + 2, m.end + 2)
    # What JavaScript would slice with those offsets is the mention.
    units = ASTRAL_TEXT.encode("utf-16-le")
    start, end = region["value"]["start"], region["value"]["end"]
    assert units[2 * start : 2 * end].decode("utf-16-le") == "المغرب"
    # Read back: code points again.
    assert ls.parse([task], "memory") == [doc]


def test_utf16_offsets_are_converted_on_read() -> None:
    """A region made by Label Studio itself (UTF-16 offsets, random id) reads as code points."""
    units = ASTRAL_TEXT.encode("utf-16-le")
    needle = "الرباط".encode("utf-16-le")
    start = units.index(needle) // 2
    task = {
        "id": 7,
        "data": {"text": ASTRAL_TEXT},
        "annotations": [
            {
                "result": [
                    {
                        "id": "Xk3_a9",
                        "from_name": "label",
                        "to_name": "text",
                        "type": "labels",
                        "value": {
                            "start": start,
                            "end": start + 6,
                            "text": "الرباط",
                            "labels": ["City"],
                        },
                    },
                    {
                        "id": "Xk3_a9",
                        "from_name": "ref",
                        "to_name": "text",
                        "type": "textarea",
                        "value": {"start": start, "end": start + 6, "text": ["place/rabat"]},
                    },
                ]
            }
        ],
    }
    (doc,) = ls.parse([task], "memory")
    assert doc.id == "task-7" and doc.lang == "ar"
    (m,) = doc.mentions
    assert (m.start, m.text) == (ASTRAL_TEXT.index("الرباط"), "الرباط")
    assert m.start == start - 2


def test_pre_annotator_values_keep_their_types() -> None:
    """A decimal confidence, a year-only date and an entity flagged for review survive."""
    data = astral_doc().model_dump(mode="json")
    data["entities"] = [
        {
            "id": "event/test-meeting",
            "type": "Meeting",
            "label": {"ar": "اجتماع"},
            "props": {"needsReview": True, "ordinal": 3},
        }
    ]
    start = ASTRAL_TEXT.index("اجتمع")
    data["mentions"].append(
        {
            "id": "m3",
            "start": start,
            "end": start + 5,
            "text": "اجتمع",
            "type": "Meeting",
            "ref": "event/test-meeting",
        }
    )
    data["relations"] = [
        {
            "id": "r1",
            "type": "heldIn",
            "subject": "event/test-meeting",
            "object": "place/rabat",
            "evidence": {"start": 3, "end": len(ASTRAL_TEXT)},
            "attrs": {"confidence": 0.87, "date": "2013"},
        }
    ]
    doc = parse_document(data, "memory")
    (back,) = ls.parse(json.loads(json.dumps(ls.to_labelstudio([doc]))), "memory")
    assert back == doc
    assert type(back.relations[0].attrs["confidence"]) is float
    assert back.entities[0].props == {"needsReview": True, "ordinal": 3}


def test_offset_inside_a_surrogate_pair(tmp_path: Path) -> None:
    (task,) = ls.to_labelstudio([astral_doc()])
    task["predictions"][0]["result"][0]["value"].update(start=1, end=3)  # splits 𝐀
    task["predictions"][0]["result"][0]["value"].pop("text")
    err = broken(tmp_path, [task])
    assert any("surrogate" in p.hint for p in err.problems)


def test_plain_arc_between_mentions() -> None:
    """An arc labelled with an object property from one mention to another is a relation; its
    evidence is the stretch covering both mentions."""
    (task,) = ls.to_labelstudio([astral_doc()])
    task["predictions"][0]["result"].append(
        {
            "from_id": "m1",
            "to_id": "m2",
            "type": "relation",
            "direction": "right",
            "labels": ["locatedIn"],
        }
    )
    with pytest.raises(InvalidDocument) as exc:  # a State is not locatedIn a City
        ls.parse([task], "memory")
    assert "cannot be the subject of locatedIn" in str(exc.value)


def test_annotations_win_over_predictions() -> None:
    doc = astral_doc()
    (task,) = ls.to_labelstudio([doc])
    pred = task["predictions"][0]
    human = copy.deepcopy(pred)
    human["result"] = human["result"][:2]  # the annotator kept only the first mention
    cancelled = {"result": [], "was_cancelled": True}
    task["annotations"] = [human, cancelled]
    (back,) = ls.parse([task], "memory")
    assert [m.id for m in back.mentions] == ["m1"]


def test_labeling_config_lists_the_ontology() -> None:
    root = ET.fromstring(ls.labeling_config())
    labels = {c.get("name"): {x.get("value") for x in c} for c in root.iter("Labels")}
    onto = load_ontology()
    assert set(onto.entity_classes()) | {"Boilerplate"} == labels["label"]
    assert {p.name for p in onto.object_properties()} - {"mentions"} == labels["relation"]
    areas = {t.get("name"): t.get("perRegion") for t in root.iter("TextArea")}
    assert areas == {"ref": "true", "attrs": "true"}


# -- broken exports: generated from a good one ---------------------------------------------


def broken(tmp_path: Path, tasks) -> InvalidDocument:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InvalidDocument) as exc:
        read_source(path)
    assert exc.value.source == str(path)
    return exc.value


@pytest.fixture
def tasks() -> list[dict]:
    return ls.to_labelstudio([gold(GOLD[0]), gold(GOLD[1])], as_annotations=True)


def results(tasks, k: int = 1) -> list[dict]:
    return tasks[k]["annotations"][0]["result"]


def test_truncated_file(tmp_path: Path, tasks) -> None:
    path = tmp_path / "export.json"
    raw = json.dumps(tasks, ensure_ascii=False, indent=1)
    path.write_text(raw[: len(raw) // 2], encoding="utf-8")
    with pytest.raises(InvalidDocument) as exc:
        read_source(path)
    assert exc.value.problems[0].place.startswith("line ")
    assert exc.value.source == str(path)


def test_wrong_offsets(tmp_path: Path, tasks) -> None:
    results(tasks)[4]["value"]["start"] += 1
    err = broken(tmp_path, tasks)
    assert [p.place for p in err.problems] == ["[1].annotations[0].result[4]"]
    assert "the text there is" in err.problems[0].message


def test_unknown_type(tmp_path: Path, tasks) -> None:
    region = results(tasks)[2]
    region["value"]["labels"] = ["Metropolis"]
    err = broken(tmp_path, tasks)
    assert any(
        p.place == f"[1].annotations[0].result[2] (region {region['id']}) type"
        for p in err.problems
    )


def test_unknown_registry_id(tmp_path: Path, tasks) -> None:
    results(tasks)[1]["value"]["text"] = ["org/no-such-thing"]
    err = broken(tmp_path, tasks)
    assert any(p.place.endswith("result[0] (region m1) ref") for p in err.problems)


def test_dangling_arc(tmp_path: Path, tasks) -> None:
    j, arc = next((j, r) for j, r in enumerate(results(tasks)) if r["type"] == "relation")
    arc["to_id"] = "gone"
    err = broken(tmp_path, tasks)
    places = [p.place for p in err.problems]
    assert f"[1].annotations[0].result[{j}]" in places
    assert any("which is no region here" in p.message for p in err.problems)


def test_bad_attrs_json(tmp_path: Path, tasks) -> None:
    j, area = next((j, r) for j, r in enumerate(results(tasks, 0)) if r.get("from_name") == "attrs")
    area["value"]["text"] = ['{"role": participant}']
    err = broken(tmp_path, tasks)
    assert [p.place for p in err.problems] == [f"[0].annotations[0].result[{j}]"]


def test_unknown_document_entity_type(tmp_path: Path, tasks) -> None:
    tasks[0]["data"]["mskg"]["entities"][0]["type"] = "Party"
    err = broken(tmp_path, tasks)
    assert any(p.place == "[0].data.mskg.entities[0].type" for p in err.problems)


@pytest.mark.parametrize("encoding", ["utf-16", "latin-1"])
def test_wrong_encoding(tmp_path: Path, encoding: str) -> None:
    tasks = [{"data": {"text": "Réunion à Rabat", "mskg": {"id": "fr", "lang": "fr"}}}]
    path = tmp_path / "export.json"
    path.write_bytes(json.dumps(tasks, ensure_ascii=False).encode(encoding))
    with pytest.raises(InvalidDocument) as exc:
        read_source(path)
    assert exc.value.source == str(path)
    assert exc.value.problems[0].message == "not UTF-8"

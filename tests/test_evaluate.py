"""mskg evaluate: scores, alignment of document entities, table and JSON output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mskg.cli import app
from mskg.document import Document
from mskg.evaluate import Report, align, score_pair

CORPUS = Path(__file__).parent.parent / "corpus"


def gold() -> Document:
    return Document.model_validate_json((CORPUS / "004_c01d876123dccd78.json").read_text("utf-8"))


def test_gold_against_itself_is_perfect() -> None:
    report = Report(documents=["004"])
    score_pair(gold(), gold(), report)
    for table in ("span", "span+id", "linked", "relations"):
        assert report.total(table).f1 == 1.0


def test_renamed_document_entities_are_aligned() -> None:
    g = gold()
    data = json.loads(g.to_json())
    rename = {
        e["id"]: e["id"].split("/")[0] + "/renamed-" + str(i)
        for i, e in enumerate(data["entities"])
    }
    text = json.dumps(data, ensure_ascii=False)
    for old, new in rename.items():
        text = text.replace(f'"{old}"', f'"{new}"')
    pred = Document.model_validate_json(text)
    assert set(align(g, pred).values()) == set(rename)
    report = Report(documents=["004"])
    score_pair(g, pred, report)
    assert report.total("relations").f1 == 1.0


def test_missing_and_extra_are_counted() -> None:
    g = gold()
    pred = g.model_copy(update={"relations": g.relations[:10], "mentions": g.mentions})
    report = Report(documents=["004"])
    score_pair(g, pred, report)
    rel = report.total("relations")
    assert rel.fp == 0 and rel.tp == len({(r.type, r.subject, r.object) for r in g.relations[:10]})
    assert rel.fn > 0 and rel.p == 1.0 and rel.r < 1.0


def test_cli_table_and_json(tmp_path) -> None:
    (tmp_path / "004_c01d876123dccd78.json").write_text(gold().to_json(), encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(app, ["evaluate", "--gold", str(CORPUS), "--pred", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert "| **all (micro)** | 1.00 | 1.00 | 1.00 |" in res.output
    res = runner.invoke(app, ["evaluate", "--gold", str(CORPUS), "--pred", str(tmp_path), "--json"])
    data = json.loads(res.output)
    assert data["documents"] == ["004_c01d876123dccd78"]
    assert data["relations"]["micro"]["f1"] == 1.0


def test_a_different_text_is_refused(tmp_path) -> None:
    from mskg.errors import MskgError
    from mskg.evaluate import evaluate

    doc = gold()
    changed = {"text": doc.text.replace("مراكش", "فاس"), "mentions": [], "relations": []}
    other = doc.model_copy(update={**changed, "entities": []})
    (tmp_path / f"{doc.id}.json").write_text(other.to_json(), encoding="utf-8")
    with pytest.raises(MskgError, match="differs from the gold text"):
        evaluate(CORPUS, tmp_path)


def test_errors_list_false_positives_and_negatives(tmp_path) -> None:
    g = gold()
    dropped, kept = g.mentions[0], g.mentions[1:]
    moved = kept[0].model_copy(update={"end": kept[0].end - 1, "text": kept[0].text[:-1]})
    pred = g.model_copy(update={"mentions": [moved, *kept[1:]]})
    report = Report(documents=["004"])
    score_pair(g, pred, report)
    found = {(e.kind, e.start, e.end, e.ref) for e in report.errors if e.table == "span+id"}
    assert ("fn", dropped.start, dropped.end, dropped.ref) in found
    assert ("fn", kept[0].start, kept[0].end, kept[0].ref) in found
    assert ("fp", moved.start, moved.end, moved.ref) in found
    assert len(found) == 3
    (tmp_path / f"{g.id}.json").write_text(pred.to_json(), encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(
        app, ["evaluate", "--gold", str(CORPUS), "--pred", str(tmp_path), "--errors"]
    )
    assert res.exit_code == 0, res.output
    assert f"«{dropped.text}» {dropped.ref}" in res.output
    res = runner.invoke(
        app, ["evaluate", "--gold", str(CORPUS), "--pred", str(tmp_path), "--json", "--errors"]
    )
    kinds = sorted(e["kind"] for e in json.loads(res.output)["errors"] if e["table"] == "span+id")
    assert kinds == ["fn", "fn", "fp"]

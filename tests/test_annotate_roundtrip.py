"""annotate -> brat / Label Studio -> edit nothing -> load into the real stores."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from corpus.tools.build import SEEDS  # ../shared/seeds, beside the repository
from mskg.annotate import annotate_path
from mskg.cli import app
from mskg.pipeline import load_documents

DATA = Path(__file__).parent / "data" / "annotate"


def _drafts():
    return [annotate_path(f) for f in sorted(DATA.glob("*.txt"))]


def test_brat_round_trip_loads(stores, tmp_path) -> None:
    result = CliRunner().invoke(
        app, ["annotate", str(DATA), "--format", "brat", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    anns = sorted(tmp_path.glob("*.ann"))
    assert len(anns) == len(list(DATA.glob("*.txt")))
    report = load_documents(stores, [tmp_path])
    assert report.ok, report.failures
    assert report.documents == len(anns)
    assert report.relations == sum(len(d.relations) for d in _drafts())


def test_labelstudio_round_trip_loads(stores, tmp_path) -> None:
    out = tmp_path / "tasks.json"
    result = CliRunner().invoke(
        app, ["annotate", str(DATA), "--format", "labelstudio", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    report = load_documents(stores, [out])
    assert report.ok, report.failures
    assert sorted(report.loaded) == sorted(d.id for d in _drafts())


def test_native_output_loads(stores, tmp_path) -> None:
    result = CliRunner().invoke(app, ["annotate", str(DATA), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    report = load_documents(stores, [tmp_path])
    assert report.ok and report.documents == len(list(DATA.glob("*.txt")))


def test_bad_input_names_the_file(tmp_path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00 not utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["annotate", str(bad), "-o", str(out)])
    assert result.exit_code != 0
    assert "bad.txt" in str(result.exception) + result.output
    assert not out.exists()


def test_seed_drafts_load_through_brat(stores, tmp_path) -> None:
    docs = [annotate_path(f) for f in sorted(SEEDS.glob("*.txt"))]
    from mskg.loaders import brat

    for doc in docs:
        brat.write(doc, tmp_path)
    report = load_documents(stores, [tmp_path])
    assert report.ok, report.failures
    assert sorted(report.loaded) == sorted(d.id for d in docs)

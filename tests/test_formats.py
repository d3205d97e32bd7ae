"""Format detection end to end: a folder mixing native JSON, brat and Label Studio loads into
the real stores and gives the same counts as the native corpus."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from mskg.document import parse_document
from mskg.loaders import brat, iter_sources, labelstudio
from mskg.pipeline import load_documents, stats
from tests.conftest import CORPUS

GOLD = sorted(CORPUS.glob("*.json"))


def mixed_folder(root: Path) -> Path:
    """000, 001 native; 002, 003 brat (in a subfolder); 004 as a Label Studio export."""
    folder = root / "mixed"
    folder.mkdir()
    docs = [parse_document(json.loads(p.read_text(encoding="utf-8")), str(p)) for p in GOLD]
    for p in GOLD[:2]:
        shutil.copy(p, folder / p.name)
    for doc in docs[2:4]:
        brat.write(doc, folder / "brat")
    labelstudio.write(docs[4:], folder / "export.json")
    return folder


def test_mixed_folder_loads_like_the_native_corpus(tmp_path, stores, corpus_stores) -> None:
    folder = mixed_folder(tmp_path)
    kinds = sorted(p.suffix for p in iter_sources([folder]))
    assert kinds == [".ann", ".ann", ".json", ".json", ".json"]  # sidecars and .txt not read
    report = load_documents(stores, [folder])
    assert report.ok, [f.message for f in report.failures]
    assert report.documents == 5
    mixed = stats(stores)
    assert mixed["documents"] == 5
    assert mixed == stats(corpus_stores)
    # Loading again changes nothing: the same documents, whatever their format.
    again = load_documents(stores, [folder])
    assert (again.documents, again.skipped) == (0, 5)


def test_a_broken_file_in_a_mixed_folder_writes_nothing_of_it(tmp_path, stores) -> None:
    folder = mixed_folder(tmp_path)
    ann = next((folder / "brat").glob("*.ann"))
    ann.write_text(ann.read_text(encoding="utf-8").replace("Arg1:T", "Arg1:X", 1), "utf-8")
    report = load_documents(stores, [folder])
    assert [f.source for f in report.failures] == [str(ann)]
    assert "line " in report.failures[0].problems[0].place
    assert report.documents == 4
    assert stats(stores)["documents"] == 4

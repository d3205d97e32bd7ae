"""Format detection end to end: a folder mixing native JSON, brat and Label Studio loads into
the real stores and gives the same counts as the native corpus."""

from __future__ import annotations

import copy
import json
import random
import shutil
from pathlib import Path

import yaml

from mskg.document import parse_document
from mskg.errors import InvalidDocument
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


# -- robustness: whatever a person or a tool does to a file, the answer is a Document or an
# InvalidDocument naming places, never a traceback. Fixed seed, so a failure reproduces.

ODD_VALUES = [None, 5, -1, 10**9, True, "zz", "m1", "r1", [], {}, ["x"], [1, 2], {"a": 1}]


def _mutate_text(s: str, rng: random.Random) -> str:
    i = rng.randrange(len(s))
    kind = rng.randrange(4)
    if kind == 0:
        return s[:i]
    if kind == 1:
        return s[:i] + rng.choice(["\t", " ", "\n", ":", ";", "=", '"', "T", "9", "-"]) + s[i:]
    if kind == 2:
        return s[:i] + s[i + rng.randrange(1, 40) :]
    lines = s.split("\n")
    rng.shuffle(lines)
    return "\n".join(lines)


def _outcome(fn, *args) -> str:
    try:
        fn(*args)
    except InvalidDocument as exc:
        assert exc.problems and all(p.place for p in exc.problems)
        return "invalid"
    return "valid"


def test_mutated_files_never_crash_the_readers() -> None:
    rng = random.Random(20131121)
    doc = parse_document(json.loads(GOLD[0].read_text(encoding="utf-8")), str(GOLD[0]))
    txt, ann = brat.to_brat(doc)
    side = yaml.safe_load(brat.to_sidecar(doc))
    outcomes = set()
    for _ in range(400):
        mutated = ann
        for _ in range(rng.randrange(1, 4)):
            mutated = _mutate_text(mutated, rng)
        outcomes.add(_outcome(brat.parse, txt, mutated, side, doc.id, "x.ann", "x.yaml"))
    for _ in range(200):
        odd = copy.deepcopy(side)
        odd[rng.choice(list(odd))] = rng.choice(ODD_VALUES)
        outcomes.add(_outcome(brat.parse, txt, ann, odd, doc.id, "x.ann", "x.yaml"))
    base = labelstudio.to_labelstudio([doc])
    for _ in range(400):
        tasks = copy.deepcopy(base)
        results = tasks[0]["predictions"][0]["result"]
        for _ in range(rng.randrange(1, 4)):
            item = rng.choice(results)
            target = item["value"] if "value" in item and rng.random() < 0.5 else item
            target[rng.choice(list(target))] = rng.choice(ODD_VALUES)
        if rng.random() < 0.2:
            mskg = tasks[0]["data"]["mskg"]
            mskg[rng.choice(list(mskg))] = rng.choice(ODD_VALUES)
        outcomes.add(_outcome(labelstudio.parse, tasks, "x.json"))
    assert outcomes == {"valid", "invalid"}  # both happen: the mutations are not all fatal

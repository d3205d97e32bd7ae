"""Rebuild corpus/*.json from the specs in corpus/tools/doc_*.py (offsets found, not counted)."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

from corpus.tools.gold import Doc
from mskg.document import parse_document

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"


def build(seed: Path) -> dict:
    doc = Doc(id=seed.stem, text=seed.read_text(encoding="utf-8"), source=f"seeds/{seed.name}")
    importlib.import_module(f"corpus.tools.doc_{seed.stem[:3]}").annotate(doc)
    data = doc.to_json()
    parse_document(data, f"corpus/{seed.stem}.json")  # raises with every problem named
    return data


def main(argv: list[str]) -> int:
    wanted = set(argv)
    for seed in sorted(SEEDS.glob("*.txt")):
        if wanted and seed.stem[:3] not in wanted:
            continue
        if not (Path(__file__).parent / f"doc_{seed.stem[:3]}.py").exists():
            continue
        data = build(seed)
        out = ROOT / "corpus" / f"{seed.stem}.json"
        out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{out.name}: {len(data['mentions'])} mentions, {len(data['relations'])} relations")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

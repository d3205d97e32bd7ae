"""Throughput of ``mskg annotate`` on Arabic text, one core.

Two corpora: the synthetic documents of ``bench/synth.py`` (their text only) and the five
real seed articles (``../shared/seeds``, when present) repeated. Each text is annotated in
full (boilerplate, gazetteer, titles, dates, frames, relations, validation); the gazetteer
automaton is built once before timing, as in a long-running process. Goal: ≥ 1 MB/s.

    python -m bench.annotate [--quick]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from bench.synth import Generator
from mskg.annotate import annotate_text
from mskg.annotate.gazetteer import default_gazetteer

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"


def _run(texts: list[str]) -> dict[str, Any]:
    chars = sum(len(t) for t in texts)
    size = sum(len(t.encode("utf-8")) for t in texts)
    started = time.process_time()
    wall = time.perf_counter()
    mentions = relations = 0
    for i, text in enumerate(texts):
        doc = annotate_text(text, f"bench-{i}", lang="ar")
        mentions += len(doc.mentions)
        relations += len(doc.relations)
    cpu = time.process_time() - started
    wall = time.perf_counter() - wall
    return {
        "documents": len(texts),
        "chars": chars,
        "mb": round(size / 1e6, 3),
        "cpu_seconds": round(cpu, 3),
        "wall_seconds": round(wall, 3),
        "chars_per_s": round(chars / cpu) if cpu else None,
        "mb_per_s": round(size / 1e6 / cpu, 3) if cpu else None,
        "mentions": mentions,
        "relations": relations,
    }


def measure(quick: bool = False) -> dict[str, Any]:
    """Chars/s and MB/s (UTF-8) of Arabic text through the whole pre-annotator, one core."""
    default_gazetteer()  # build the automaton outside the timing
    annotate_text("تمهيد", "warmup", lang="ar")
    n = 100 if quick else 1000
    synth = [d.text for d in Generator(7, n).documents(n)]
    out: dict[str, Any] = {"goal_mb_per_s": 1.0, "synthetic": _run(synth)}
    if SEEDS.exists():
        seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
        out["seeds_repeated"] = _run(seeds * (4 if quick else 40))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller corpora")
    args = parser.parse_args(argv)
    json.dump(measure(args.quick), sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

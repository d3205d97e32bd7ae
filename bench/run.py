"""The benchmark runner: `make bench`, `make bench-quick`, `make bench-load`.

    python -m bench.run --quick              # 200 documents, everything, a minute or two
    python -m bench.run --load-only          # load at 1,000 and 10,000 (issue 3)
    python -m bench.run                      # load at 1,000 / 10,000 / 100,000, API at 10,000

Writes bench/results/latest.json and bench/results/latest.md. Asserts no timing: goals are
reported as met or not in the results, never raised as errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from bench import alternatives, api, load
from bench.measure import load_generator, machine
from bench.report import goals, markdown

RESULTS = load.ROOT / "bench" / "results"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def memory_total_mb() -> float:
    with open("/proc/meminfo", encoding="ascii") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def load_scale(n: int, budget_s: float, keep_rdf: bool = True) -> dict[str, Any]:
    """mskg load of n synthetic documents into a fresh data directory, and both baselines.

    Each Oxigraph store takes about 3.6 GB per 10,000 documents, so the raw baseline's store
    is removed once measured, and mskg's too unless ``keep_rdf`` (the API and the
    alternatives read it): at 100,000 the two did not fit on this machine's disk together."""
    log(f"corpus of {n} documents")
    t0 = time.perf_counter()
    folder = load.corpus(n)
    generate_s = time.perf_counter() - t0
    data_dir = load.DATA / f"run-{n}"
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    out: dict[str, Any] = {
        "documents": n,
        "corpus": str(folder),
        "generate_s": round(generate_s, 1),
    }
    for kind in ("mskg", "oxigraph", "falkordb"):
        log(f"load {n}: {kind}")
        out[kind] = load.measure_child(kind, folder, data_dir, budget_s)
        log(f"  {json.dumps({k: v for k, v in out[kind].items() if k != 'checkpoints'})}")
        if kind == "mskg" and not keep_rdf:
            shutil.rmtree(data_dir / "oxigraph")
        shutil.rmtree(data_dir / "oxigraph-raw", ignore_errors=True)
    m, ox, fk = out["mskg"], out["oxigraph"], out["falkordb"]
    secs = m["seconds"] or 1e-9
    out["rates"] = {
        "documents_per_s": round(m["documents"] / secs, 1),
        "triples_per_s": round(m["triples"] / secs),
        "graph_writes_per_s": round(m["graph_writes"] / secs),
        "ms_per_document": round(1000 * secs / max(m["documents"], 1), 2),
        "raw_oxigraph_triples_per_s": round(ox["triples"] / (ox["seconds"] or 1e-9)),
        "raw_falkordb_writes_per_s": round(fk["graph_writes"] / (fk["seconds"] or 1e-9)),
    }

    def per_doc(seconds: float, docs: int) -> float:
        return seconds / max(docs, 1)

    # Each store's share of mskg's load, per document, against the raw store per document
    # (per document because a budget may stop the runs at different counts).
    out["ratios"] = {
        "oxigraph_share_vs_raw": round(
            per_doc(m["oxigraph_s"], m["documents"]) / per_doc(ox["seconds"], ox["documents"]), 2
        ),
        "falkordb_share_vs_raw": round(
            per_doc(m["falkordb_s"], m["documents"]) / per_doc(fk["seconds"], fk["documents"]), 2
        ),
        "total_vs_raw_sum": round(
            per_doc(m["seconds"], m["documents"])
            / (per_doc(ox["seconds"], ox["documents"]) + per_doc(fk["seconds"], fk["documents"])),
            2,
        ),
    }
    out["data_dir"] = str(data_dir)
    return out


def annotator(quick: bool) -> dict[str, Any]:
    """The pre-annotator's own benchmark (bench/annotate.py), when it exists."""
    try:
        from bench import annotate  # type: ignore[attr-defined]
    except ImportError as exc:
        return {"available": False, "reason": f"bench/annotate.py not importable: {exc}"}
    try:
        return {"available": True, **annotate.measure(quick)}
    except Exception as exc:  # a failing sub-benchmark is reported, not fatal to the run
        return {"available": False, "reason": f"bench.annotate.measure failed: {exc!r}"}


def alternatives_at(data_dir: Path, hub: str, requests: int) -> dict[str, Any]:
    """rdflib SPARQL vs mskg /sparql (2-hop) on the same data, and the server's figure."""
    from pyoxigraph import RdfFormat, Store

    from mskg.config import Settings

    nq = data_dir / "export.nq"
    store = Store.read_only(str(data_dir / "oxigraph"))
    store.dump(output=str(nq), format=RdfFormat.N_QUADS)
    triples = len(store)
    del store
    base = Settings().base
    query = alternatives.two_hop_query(base, hub)
    log(f"rdflib: parsing {triples} quads")
    rdflib = alternatives.rdflib_sparql(nq, query, max(5, requests // 10))
    nq.unlink()
    with api.Server(data_dir) as server:
        path = "/sparql?" + api._qs({"query": query})
        mskg = api.timed_request(
            server.url, path, requests, {"Accept": "application/sparql-results+json"}
        )
    return {"triples": triples, "hub": hub, "rdflib": rdflib, "mskg_sparql": mskg.to_json()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 documents, everything")
    parser.add_argument("--load-only", action="store_true", help="load at 1,000 and 10,000")
    parser.add_argument("--scales", type=lambda s: [int(x) for x in s.split(",")])
    parser.add_argument(
        "--budget",
        type=float,
        default=float(os.environ.get("BENCH_BUDGET_S", "3600")),
        help="seconds one load may take before it stops and reports how far it got",
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--merge", action="store_true", help="add to the existing latest.json instead of replacing"
    )
    parser.add_argument(
        "--api-at",
        type=int,
        help="only re-measure the API on the data directory already loaded at this scale",
    )
    parser.add_argument("--kinds", default="", help="with --api-at: request kinds (prefixes, ',')")
    parser.add_argument("--note", action="append", default=[], help="a note for the table")
    args = parser.parse_args(argv)
    if args.quick:
        scales, api_scale, alt_scale, requests = [200], 200, 200, 20
    elif args.load_only:
        scales, api_scale, alt_scale, requests = [1000, 10000], None, None, 0
    else:
        scales, api_scale, alt_scale, requests = [1000, 10000, 100000], 10000, 1000, 100
    scales = args.scales or scales
    mode = "quick" if args.quick else "load" if args.load_only else "full"
    started = dt.datetime.now(dt.UTC)
    results: dict[str, Any] = {
        "date": started.isoformat(timespec="seconds"),
        "mode": mode,
        "machine": {**machine(), "memory_mb": memory_total_mb()},
        "budget_s": args.budget,
        "load": {},
    }
    args.out.mkdir(parents=True, exist_ok=True)
    previous = args.out / "latest.json"
    if args.merge and previous.exists():
        results = {**json.loads(previous.read_text()), "merged": results["date"]}
    results.setdefault("notes", [])
    results["notes"] += args.note

    def save() -> None:
        results["goals"] = goals(results)
        (args.out / "latest.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
        (args.out / "latest.md").write_text(markdown(results), encoding="utf-8")

    if args.api_at:
        only = tuple(k for k in args.kinds.split(",") if k)
        data_dir = load.DATA / f"run-{args.api_at}"
        log(f"API again at {args.api_at} documents: {', '.join(only) or 'all kinds'}")
        fresh = api.measure(data_dir, requests=100, only=only)
        section = results.setdefault("api", {"documents": args.api_at, "kinds": {}, "errors": []})
        section["kinds"].update(fresh.pop("kinds"))
        section["errors"] = [e for e in section["errors"] if not e.startswith(only)] + fresh.pop(
            "errors"
        )
        section.update(fresh)
        save()
        if not only:
            _networkx(results, data_dir, args.api_at, 100)
            save()
        return 0
    # The API and alternatives run right after the scale they need is loaded, so a long
    # last scale (100,000) cannot starve them.
    for n in sorted(scales):
        results["load"][str(n)] = load_scale(n, args.budget, keep_rdf=n in (api_scale, alt_scale))
        save()
        data_dir = Path(results["load"][str(n)]["data_dir"])
        if n == alt_scale:
            hub = _hub(data_dir)
            log(f"alternatives at {n}: rdflib vs /sparql (hub {hub})")
            results["alternatives_sparql"] = {"documents": n, **alternatives_at(data_dir, hub, 20)}
            save()
        if n == api_scale:
            client = load_generator()
            hint = "" if client == "wrk" else " (install Debian's wrk for a client off the cores)"
            log(f"API at {n} documents, HTTP load from {client}{hint}")
            results["api"] = {"documents": n, **api.measure(data_dir, requests=requests)}
            save()
            _networkx(results, data_dir, n, requests)
            save()
    if mode != "load":
        log("pre-annotator")
        results["annotate"] = annotator(args.quick)
    results["seconds"] = round((dt.datetime.now(dt.UTC) - started).total_seconds(), 1)
    save()
    log(f"wrote {args.out / 'latest.json'} and {args.out / 'latest.md'}")
    return 0


def _networkx(results: dict[str, Any], data_dir: Path, n: int, requests: int) -> None:
    log("networkx: whole relationship graph in memory vs /graph depth 2")
    edges = api.graph_edges(data_dir)
    nx = alternatives.networkx_ego(edges, results["api"]["hub"], max(5, requests // 5))
    results["alternatives_graph"] = {"documents": n, "edges": len(edges), "networkx": nx}


def _hub(data_dir: Path) -> str:
    from mskg.config import Settings
    from mskg.stores.falkordb import FalkorStore

    store = FalkorStore(Settings(data_dir=data_dir))
    try:
        return api.pick_actors(store.graph)[0]
    finally:
        store.close()


if __name__ == "__main__":
    raise SystemExit(main())

"""The goals of issue 7 checked against a results dict, and the markdown table of the results."""

from __future__ import annotations

from typing import Any


def _goal(name: str, met: bool | None, detail: str) -> dict[str, Any]:
    return {"goal": name, "met": met, "detail": detail}


def goals(r: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    loads = r.get("load", {})
    for n, s in sorted(loads.items(), key=lambda kv: int(kv[0])):
        for store in ("oxigraph", "falkordb"):
            ratio = s["ratios"][f"{store}_share_vs_raw"]
            out.append(_goal(f"{store} share within 2x of raw at {n}", ratio <= 2, f"{ratio}x"))
    per_doc = {  # a load cut by its budget has not reached its scale: not comparable here
        int(n): s["rates"]["ms_per_document"] for n, s in loads.items() if s["mskg"]["finished"]
    }
    # Within one load: the last 1,000 documents against the first 1,000 (a load cut by its
    # budget has a mean that hides the growth; the checkpoints show it).
    for n, s in sorted(loads.items(), key=lambda kv: int(kv[0])):
        cps = s["mskg"].get("checkpoints") or []
        if len(cps) >= 2:
            first = cps[0]["seconds"]
            last = cps[-1]["seconds"] - cps[-2]["seconds"]
            docs = cps[-1]["documents"]
            out.append(
                _goal(
                    f"time per document flat within the {n} load (±25%)",
                    last <= 1.25 * first,
                    f"first 1,000: {first:.0f} s, last 1,000 (to {docs}): {last:.0f} s",
                )
            )
    if len(per_doc) > 1:
        lo = per_doc[min(per_doc)]
        worst = max(per_doc.values())
        growth = worst / lo if lo else 0
        out.append(
            _goal(
                "time per document flat across scales (±25%)",
                growth <= 1.25,
                ", ".join(f"{n}: {v} ms" for n, v in sorted(per_doc.items()))
                + f" (max/first {growth:.2f})",
            )
        )
    big = loads.get("100000")
    if big:
        peak = big["mskg"]["peak_rss_mb"]
        done = big["mskg"]["finished"]
        out.append(
            _goal(
                "peak memory < 2 GB at 100,000",
                peak < 2048 if done else None,
                f"{peak} MB" + ("" if done else f" after {big['mskg']['documents']} documents"),
            )
        )
    a = r.get("api")
    if a:
        for kind in ("graph_d2_hub", "graph_d2_leaf", "entity_hub", "entity_leaf"):
            k = a["kinds"].get(kind)
            if not k or "failed" in k:
                why = (k or {}).get("failed", "missing").splitlines()[0][:120]
                out.append(_goal(f"{kind} answers", False, why))
                continue
            one, eight = k["clients_1"], k["clients_8"]
            out.append(
                _goal(
                    f"{kind}: p50 ≤ 15 ms, p99 ≤ 40 ms (1 client)",
                    one["p50_ms"] <= 15 and one["p99_ms"] <= 40,
                    f"p50 {one['p50_ms']} ms, p99 {one['p99_ms']} ms",
                )
            )
            out.append(
                _goal(
                    f"{kind}: p99 ≤ 100 ms (8 clients)",
                    eight["p99_ms"] <= 100,
                    f"p99 {eight['p99_ms']} ms",
                )
            )
        failed = [k for k in a["kinds"].values() if "failed" in k]
        errors = len(failed) + sum(
            k[c]["errors"]
            for k in a["kinds"].values()
            if "failed" not in k
            for c in ("clients_1", "clients_8")
        )
        out.append(_goal("no errors", errors == 0, f"{errors} errors"))
    alt = r.get("alternatives_sparql")
    if alt:
        speedup = alt["rdflib"]["latency"]["p50_ms"] / max(alt["mskg_sparql"]["p50_ms"], 1e-9)
        out.append(
            _goal("/sparql ≥ 10x faster than rdflib (2-hop)", speedup >= 10, f"{speedup:.1f}x")
        )
    return out


def _row(cells: list[Any]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


# What sent the API's HTTP load (bench.measure.load_generator), as the table says it.
LOAD_GENERATORS = {
    "wrk": "wrk (a C client, in its own process)",
    "httpx": "an httpx async client in the benchmark's Python process",
}


def markdown(r: dict[str, Any]) -> str:
    m = r["machine"]
    lines = [
        f"# mskg benchmark results ({r['mode']})",
        "",
        f"- Date: {r['date']}",
        f"- Machine: {m['cores']} cores, {m['memory_mb'] / 1024:.1f} GB memory, {m['cpu']}; "
        f"Python {m['python']}",
        f"- Scales loaded: {', '.join(r['load']) or 'none'}"
        + (f"; API at {r['api']['documents']} documents" if r.get("api") else ""),
        "- Figures are medians/percentiles of this run; ratios are against the raw store "
        "measured in the same run (the machine is shared and noisy).",
        "",
        "## Load",
        "",
        _row(
            [
                "documents",
                "done",
                "docs/s",
                "triples/s",
                "graph writes/s",
                "ms/doc",
                "peak RSS MB",
                "Oxigraph share / raw",
                "FalkorDB share / raw",
                "total / raw sum",
            ]
        ),
        _row(["---"] * 10),
    ]
    for n, s in sorted(r["load"].items(), key=lambda kv: int(kv[0])):
        mk, rt, ra = s["mskg"], s["rates"], s["ratios"]
        lines.append(
            _row(
                [
                    n,
                    mk["documents"] if not mk["finished"] else "all",
                    rt["documents_per_s"],
                    rt["triples_per_s"],
                    rt["graph_writes_per_s"],
                    rt["ms_per_document"],
                    mk["peak_rss_mb"],
                    f"{ra['oxigraph_share_vs_raw']}x",
                    f"{ra['falkordb_share_vs_raw']}x",
                    f"{ra['total_vs_raw_sum']}x",
                ]
            )
        )
    lines += [
        "",
        "Raw baselines: Oxigraph `bulk_extend` of the same quads (triples/s), FalkorDB plain "
        "`UNWIND … MERGE` of the same rows (writes/s):",
        "",
        _row(["documents", "raw Oxigraph triples/s", "raw FalkorDB writes/s"]),
        _row(["---"] * 3),
    ]
    for n, s in sorted(r["load"].items(), key=lambda kv: int(kv[0])):
        rt = s["rates"]
        lines.append(_row([n, rt["raw_oxigraph_triples_per_s"], rt["raw_falkordb_writes_per_s"]]))
    a = r.get("api")
    if a:
        lines += [
            "",
            f"## API at {a['documents']} documents (hub {a['hub']}, leaf {a['leaf']})",
            "",
            f"HTTP load sent by {LOAD_GENERATORS[a.get('load_generator', 'httpx')]}; the raw "
            "twins run the route's store work in-process, with no HTTP.",
            "",
            _row(
                [
                    "request",
                    "p50 ms (1)",
                    "p99 ms (1)",
                    "req/s (1)",
                    "p50 ms (8)",
                    "p99 ms (8)",
                    "req/s (8)",
                    "errors",
                    "raw p50 ms",
                    "p50 / raw",
                ]
            ),
            _row(["---"] * 10),
        ]
        for kind, k in a["kinds"].items():
            if "failed" in k:
                why = k["failed"].splitlines()[0].split(": ", 1)[-1][:90]
                lines.append(_row([kind, "failed", "", "", "", "", "", "all", "", why]))
                continue
            one, eight, raw = k["clients_1"], k["clients_8"], k.get("raw")
            ratio = f"{one['p50_ms'] / raw['p50_ms']:.1f}x" if raw and raw["p50_ms"] else ""
            lines.append(
                _row(
                    [
                        kind,
                        one["p50_ms"],
                        one["p99_ms"],
                        one["rps"],
                        eight["p50_ms"],
                        eight["p99_ms"],
                        eight["rps"],
                        one["errors"] + eight["errors"],
                        raw["p50_ms"] if raw else "",
                        ratio,
                    ]
                )
            )
    alt = r.get("alternatives_sparql")
    altg = r.get("alternatives_graph")
    if alt or altg:
        lines += ["", "## What users would pick instead", ""]
    if alt:
        rd, ms = alt["rdflib"], alt["mskg_sparql"]
        lines += [
            f"2-hop SPARQL at {alt['documents']} documents ({alt['triples']} quads): rdflib "
            f"in memory p50 {rd['latency']['p50_ms']} ms (parse {rd['load_s']} s, "
            f"{rd['memory_mb']} MB traced) vs mskg `/sparql` p50 {ms['p50_ms']} ms "
            f"({rd['latency']['p50_ms'] / max(ms['p50_ms'], 1e-9):.1f}x).",
            "",
        ]
    if altg and a:
        nx = altg["networkx"]
        d2 = a["kinds"]["graph_d2_hub"]["clients_1"]
        lines += [
            f"Depth-2 neighbourhood of the hub at {altg['documents']} documents: networkx "
            f"(`ego_graph` on the whole graph in memory, {altg['edges']} edges, build "
            f"{nx['build_s']} s, {nx['memory_mb']} MB traced) p50 {nx['latency']['p50_ms']} ms "
            f"vs mskg `/graph?depth=2` p50 {d2['p50_ms']} ms (server RSS "
            f"{a.get('server_rss_mb')} MB).",
            "",
        ]
    ann = r.get("annotate")
    if ann is not None:
        lines += ["## Pre-annotator", ""]
        if ann.get("available"):
            lines += [
                _row(["text", "documents", "MB", "CPU s", "MB/s per core", "chars/s"]),
                _row(["---"] * 6),
            ]
            for name, run in ann.items():
                if isinstance(run, dict) and "mb_per_s" in run:
                    cells = ["documents", "mb", "cpu_seconds", "mb_per_s", "chars_per_s"]
                    lines.append(_row([name, *(run[c] for c in cells)]))
            lines.append("")
        else:
            lines.append(f"Not available: {ann.get('reason')}\n")
    if r.get("notes"):
        lines += ["## Notes", "", *[f"- {n}" for n in r["notes"]], ""]
    lines += ["## Goals", "", _row(["goal", "met", "figure"]), _row(["---"] * 3)]
    for g in r.get("goals", []):
        met = {True: "yes", False: "**no**", None: "not measured"}[g["met"]]
        lines.append(_row([g["goal"], met, g["detail"]]))
    return "\n".join(lines) + "\n"

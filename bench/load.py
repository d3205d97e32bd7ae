"""Load benchmark: `mskg load` of a synthetic corpus next to the raw stores doing the same writes.

Each measurement runs in its own child process (``python -m bench.load KIND …``) so its peak
memory (``ru_maxrss``) is its own, and prints one JSON object:

- ``mskg``: ``mskg.pipeline.load_documents`` on the corpus folder, with the time spent inside
  each store's calls recorded (so each store's share can be set against its raw baseline);
- ``oxigraph``: pyoxigraph ``bulk_extend`` of the same quads (``document_quads``), built
  outside the timed region, into a fresh store;
- ``falkordb``: the same rows (``document_batch``) sent as plain ``UNWIND … MERGE`` batches to
  a fresh graph on the same embedded FalkorDB server, no planning, no retraction.

A time budget stops a load early and records how far it got (documents, seconds), so a scale
that cannot finish still reports its rate.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bench.measure import peak_rss_mb, rss_mb

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
CHECKPOINT = 1000  # documents between progress samples (time per document vs corpus size)


class _Budget(Exception):
    """Raised from the progress callback when the time budget is spent."""


def corpus(n: int, seed: int = 7) -> Path:
    """The synthetic corpus of ``n`` documents under bench/data/, generated again whenever
    what it is made from (the generator, the registry and thesaurus) changed since."""
    from bench import synth

    out = DATA / f"corpus-{n}-seed{seed}"
    done = out / ".complete"
    made_from = corpus_inputs()
    if not done.exists() or done.read_text().split()[-1:] != [made_from]:
        shutil.rmtree(out, ignore_errors=True)
        synth.write_corpus(n, out, seed)
        done.write_text(f"{n} {made_from}")
    return out


def corpus_inputs() -> str:
    """A digest of what a synthetic corpus is generated from: bench/synth.py and the registry
    (with the thesaurus) as loaded. Corpora generated before a registry change differed from
    a fresh clone's without saying so."""
    from bench import synth
    from mskg.loaders.graph import registry_content
    from mskg.ontology import load_registry

    digest = hashlib.sha256(Path(synth.__file__).read_bytes())
    digest.update(registry_content(load_registry()).encode("utf-8"))
    return digest.hexdigest()[:16]


def _docs(folder: Path) -> Iterator[Any]:
    from mskg.loaders.native import read

    for path in sorted(folder.glob("*.json")):
        yield read(path)


def _timed(obj: Any, name: str, totals: dict[str, float], key: str, inside: set[str]) -> None:
    """Wrap ``obj.name`` so the seconds spent in it add up in ``totals[key]``; a timed call
    made from within another one of the same ``key`` (a flush inside a write) counts once."""
    inner: Callable[..., Any] = getattr(obj, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if key in inside:
            return inner(*args, **kwargs)
        inside.add(key)
        t0 = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            inside.discard(key)
            totals[key] = totals.get(key, 0.0) + time.perf_counter() - t0

    setattr(obj, name, wrapper)


def run_mskg(folder: Path, data_dir: Path, budget_s: float) -> dict[str, Any]:
    from mskg.config import Settings
    from mskg.pipeline import Stores, load_documents

    settings = Settings(data_dir=data_dir)
    totals: dict[str, float] = {}
    checkpoints: list[dict[str, float]] = []
    with Stores(settings) as stores:
        inside: set[str] = set()
        for name in ("write_graphs", "replace_graph", "graph_hash", "flush"):
            _timed(stores.rdf, name, totals, "oxigraph_s", inside)
        for name in ("write", "write_many", "document_hash", "document_hashes"):
            _timed(stores.graph, name, totals, "falkordb_s", inside)
        started = time.perf_counter()
        count = 0

        def progress(_source: str) -> None:
            nonlocal count
            count += 1
            now = time.perf_counter() - started
            if count % CHECKPOINT == 0:
                checkpoints.append(
                    {"documents": count, "seconds": round(now, 2), "rss_mb": rss_mb()}
                )
            if now > budget_s:
                raise _Budget

        finished = True
        try:
            report = load_documents(stores, [folder], progress=progress)
            loaded, triples, failures = report.documents, report.triples, len(report.failures)
        except _Budget:
            finished, loaded, triples, failures = False, count, len(stores.rdf), 0
        seconds = time.perf_counter() - started
        stores.rdf.flush()
        counts = {
            k: stores.graph.read(q, timeout=600).rows[0]["n"]
            for k, q in (
                ("nodes", "MATCH (n) RETURN count(n) AS n"),
                ("relationships", "MATCH ()-[r]->() RETURN count(r) AS n"),
            )
        }
        server_rss = 0.0
        pid_file = data_dir / "falkordb" / "falkordb.pid"
        if pid_file.exists():
            server_rss = rss_mb(int(pid_file.read_text().strip()))
    return {
        "finished": finished,
        "documents": loaded,
        "failures": failures,
        "triples": triples,
        "seconds": round(seconds, 2),
        "oxigraph_s": round(totals.get("oxigraph_s", 0.0), 2),
        "falkordb_s": round(totals.get("falkordb_s", 0.0), 2),
        "graph_writes": counts["nodes"] + counts["relationships"],
        **counts,
        "peak_rss_mb": peak_rss_mb(),
        "falkordb_server_rss_mb": server_rss,
        "checkpoints": checkpoints,
    }


def run_oxigraph(folder: Path, data_dir: Path, budget_s: float, chunk: int = 200) -> dict:
    """The same quads, bulk-loaded in chunks; only the store call is timed."""
    from pyoxigraph import Store

    from mskg.config import Settings
    from mskg.loaders.graph import document_sha256
    from mskg.loaders.rdf import document_quads

    base = Settings().base
    (data_dir / "oxigraph-raw").mkdir(parents=True, exist_ok=True)
    store = Store(str(data_dir / "oxigraph-raw"))
    seconds, quads_n, docs_n = 0.0, 0, 0
    wall = time.perf_counter()  # the budget counts building the quads too
    pending: list[Any] = []
    batch_docs = 0

    def send() -> None:
        nonlocal seconds, pending, batch_docs
        t0 = time.perf_counter()
        store.bulk_extend(pending)
        seconds += time.perf_counter() - t0
        pending, batch_docs = [], 0

    for doc in _docs(folder):
        pending += document_quads(doc, base, document_sha256(doc))
        batch_docs += 1
        docs_n += 1
        if batch_docs >= chunk:
            quads_n += len(pending)
            send()
            if time.perf_counter() - wall > budget_s:
                break
    if pending:
        quads_n += len(pending)
        send()
    t0 = time.perf_counter()
    store.flush()
    seconds += time.perf_counter() - t0
    return {
        "documents": docs_n,
        "triples": quads_n,
        "seconds": round(seconds, 2),
        "peak_rss_mb": peak_rss_mb(),
    }


RAW_NODES = "UNWIND $rows AS r MERGE (n:Entity {id: r.id}) SET n += r.props"
RAW_SOURCES = "UNWIND $rows AS r CREATE (s:Source:Document) SET s = r"
RAW_MENTIONS = (
    "UNWIND $rows AS r MATCH (d:Source {id: r.src}) MATCH (e:Entity {id: r.ref}) "
    "CREATE (d)-[:MENTIONS {mention: r.mention, start: r.start, end: r.end}]->(e)"
)


def _raw_relations(rel_type: str) -> str:
    return (
        "UNWIND $rows AS r MATCH (s:Entity {id: r.s}) MATCH (o:Entity {id: r.o}) "
        f"MERGE (s)-[e:{rel_type} {{key: r.key}}]->(o) SET e += r.attrs, "
        "e.evidence = coalesce(e.evidence, []) + r.evidence, "
        "e.quotes = coalesce(e.quotes, []) + r.quotes"
    )


def run_falkordb(folder: Path, data_dir: Path, budget_s: float, chunk: int = 100) -> dict:
    """The rows of ``document_batch`` as plain UNWIND … MERGE batches on a fresh graph."""
    from mskg.config import Settings
    from mskg.loaders.graph import document_batch
    from mskg.ontology.model import rel_type
    from mskg.stores.falkordb import FalkorStore

    store = FalkorStore(Settings(data_dir=data_dir, graph_name="raw_baseline"))
    graph = store.graph
    for label in ("Entity", "Source"):
        graph.query(f"CREATE INDEX FOR (n:{label}) ON (n.id)")
    seconds, docs_n = 0.0, 0
    wall = time.perf_counter()  # the budget counts building the rows too
    nodes: dict[str, dict[str, Any]] = {}
    sources: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    relations: dict[str, list[dict[str, Any]]] = {}

    def send() -> None:
        nonlocal seconds
        statements = [(RAW_NODES, list(nodes.values())), (RAW_SOURCES, sources)]
        statements.append((RAW_MENTIONS, mentions))
        statements += [(_raw_relations(t), rows) for t, rows in sorted(relations.items())]
        t0 = time.perf_counter()
        for query, rows in statements:
            if rows:
                graph.query(query, {"rows": rows})
        seconds += time.perf_counter() - t0
        nodes.clear(), sources.clear(), mentions.clear(), relations.clear()

    for doc in _docs(folder):
        batch = document_batch(doc)
        for entity_id, d in batch.entities.items():
            row = nodes.setdefault(entity_id, {"id": entity_id, "props": {"id": entity_id}})
            if d:
                row["props"].update(
                    {"type": d["type"], **{f"label_{k}": v for k, v in d["label"].items()}}
                )
        sources.append({k: v for k, v in batch.document.items() if k != "json"})
        mentions += [dict(m, src=doc.id) for m in batch.mentions]
        for rtype, rows in batch.relations.items():
            relations.setdefault(rel_type(rtype), []).extend(rows)
        docs_n += 1
        if docs_n % chunk == 0:
            send()
            if time.perf_counter() - wall > budget_s:
                break
    if sources:
        send()
    counts = {
        k: graph.query(q).result_set[0][0]
        for k, q in (
            ("nodes", "MATCH (n) RETURN count(n)"),
            ("relationships", "MATCH ()-[r]->() RETURN count(r)"),
        )
    }
    graph.delete()  # the baseline graph is not part of the data directory's content
    store.close()
    return {
        "documents": docs_n,
        "seconds": round(seconds, 2),
        "graph_writes": counts["nodes"] + counts["relationships"],
        **counts,
        "peak_rss_mb": peak_rss_mb(),
    }


KINDS = {"mskg": run_mskg, "oxigraph": run_oxigraph, "falkordb": run_falkordb}


def measure_child(kind: str, folder: Path, data_dir: Path, budget_s: float) -> dict[str, Any]:
    """Run one measurement in a child process and return its JSON (the raw baselines get half
    the budget: they only need enough documents for a steady rate)."""
    if kind != "mskg":
        budget_s /= 2
    cmd = [sys.executable, "-m", "bench.load", kind, str(folder), str(data_dir), str(budget_s)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"bench.load {kind} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="one load measurement (see module docstring)")
    parser.add_argument("kind", choices=sorted(KINDS))
    parser.add_argument("corpus", type=Path)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("budget_s", type=float)
    args = parser.parse_args(argv)
    result = KINDS[args.kind](args.corpus, args.data_dir, args.budget_s)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Data commands: load, validate, delete, stats, export, schema."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from mskg.config import get_settings

PathsArg = Annotated[
    list[Path],
    typer.Argument(
        help="Files or folders (recursive): native .json, brat .ann(+.txt), Label "
        "Studio .json exports; formats are detected per file."
    ),
]


def _print_failures(failures) -> None:
    for f in failures:
        typer.echo(f"error: {f.message}", err=True)


def load(
    paths: PathsArg,
    strict: Annotated[bool, typer.Option(help="Load nothing if any document fails.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Validate documents and load them into both stores (idempotent: unchanged documents are
    skipped). Bad documents write nothing; the good ones still load unless --strict."""
    from mskg.loaders import iter_sources
    from mskg.pipeline import Stores, load_documents

    total = sum(1 for _ in iter_sources(paths)) if all(p.exists() for p in paths) else 0
    with Stores(get_settings()) as stores:
        if sys.stderr.isatty() and total > 1 and not as_json:
            with typer.progressbar(length=total, label="loading", file=sys.stderr) as bar:
                report = load_documents(
                    stores, paths, strict=strict, progress=lambda _: bar.update(1)
                )
        else:
            report = load_documents(stores, paths, strict=strict)
    _print_failures(report.failures)
    if as_json:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    else:
        verb = "loaded nothing (--strict)" if strict and report.failures else "loaded"
        typer.echo(
            f"{verb}: {report.documents} documents ({report.skipped} unchanged, "
            f"{len(report.failures)} failed), {report.entities} entities, "
            f"{report.relations} relations, {report.triples} triples in {report.seconds:.2f} s"
        )
    if report.failures:
        raise typer.Exit(1)


def validate(paths: PathsArg) -> None:
    """Check documents without writing anything; exit 1 on any error."""
    from mskg.pipeline import Failure, read_all

    failures: list[Failure] = []
    n = sum(1 for _ in read_all(paths, failures))
    _print_failures(failures)
    typer.echo(f"{n} valid, {len(failures)} invalid")
    if failures:
        raise typer.Exit(1)


def delete(
    doc_id: Annotated[str, typer.Argument(help="Document id, e.g. 000_b8b2124286a87c6a")],
) -> None:
    """Retract a document: the facts no other document supports disappear from both stores."""
    from mskg.pipeline import Stores, delete_document

    with Stores(get_settings()) as stores:
        if not delete_document(stores, doc_id):
            typer.echo(f"error: no document {doc_id!r} is loaded (see `mskg stats`)", err=True)
            raise typer.Exit(1)
    typer.echo(f"deleted {doc_id}")


def stats(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Counts: documents, entities, relations, triples, by class and by relation type."""
    from mskg.pipeline import Stores
    from mskg.pipeline import stats as compute

    with Stores(get_settings()) as stores:
        result = compute(stores)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    for key in ("documents", "entities", "relations", "triples"):
        typer.echo(f"{key:>10}: {result[key]}")
    for key in ("by_class", "by_relation"):
        typer.echo(f"{key}:")
        for name, n in result[key].items():
            typer.echo(f"  {name:<32} {n}")


def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="trig, nq, jsonld (keep the per-document graphs); ttl, nt, rdfxml (the "
            "union); gexf (Gephi: the entity graph from the property graph).",
        ),
    ] = "trig",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File (default stdout).")
    ] = None,
) -> None:
    """Export the RDF dataset, or the entity graph as GEXF for Gephi."""
    from mskg.pipeline import Stores
    from mskg.stores.oxigraph import RDF_FORMATS

    if fmt not in (*RDF_FORMATS, "gexf"):
        formats = ", ".join([*RDF_FORMATS, "gexf"])
        typer.echo(f"error: unknown format {fmt!r}; use one of {formats}", err=True)
        raise typer.Exit(2)
    with Stores(get_settings()) as stores:
        if fmt == "gexf":
            from mskg.export_gexf import iter_gexf

            chunks: Iterable[bytes] = (c.encode("utf-8") for c in iter_gexf(stores.graph))
        else:
            chunks = stores.rdf.iter_export(fmt)
        _write_stream(chunks, output)


def _write_stream(chunks: Iterable[bytes], output: Path | None) -> None:
    """Write chunk by chunk (bounded memory); a file appears only when complete."""
    if output is None:
        for chunk in chunks:
            sys.stdout.buffer.write(chunk)
        return
    tmp = output.with_name(output.name + ".tmp")
    try:
        with tmp.open("wb") as f:
            for chunk in chunks:
                f.write(chunk)
        tmp.replace(output)
    finally:
        tmp.unlink(missing_ok=True)
    typer.echo(f"wrote {output.stat().st_size} bytes to {output}", err=True)


def schema() -> None:
    """Print the JSON Schema of the native document format."""
    from mskg.document import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=1))


def register(app: typer.Typer) -> None:
    for command in (load, validate, delete, stats, export, schema):
        app.command()(command)

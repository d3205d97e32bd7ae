"""``mskg check``: validate the loaded graph against the SHACL shapes (``shapes.ttl``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from mskg.config import get_settings


def check(
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    limit: Annotated[
        int, typer.Option(help="Violations to print (0: all); --json prints all.")
    ] = 50,
) -> None:
    """Check that the RDF store (ontology, registry and every loaded document) conforms to the
    SHACL shapes: ids, labels, domains and ranges, dates, offsets inside the text. Exit 1 on
    any violation. Like `mskg load`, it needs the data directory to itself (not beside a
    running `mskg serve`): pyoxigraph leaves a read-only view of a store that another process
    writes undefined."""
    from mskg.ontology.shacl import shortener, validate_store
    from mskg.stores.oxigraph import OxigraphStore

    settings = get_settings()
    path = Path(settings.data_dir) / "oxigraph"
    if not path.is_dir():
        typer.echo(
            f"error: no RDF store at {path} — load documents first (`mskg load corpus/`)",
            err=True,
        )
        raise typer.Exit(1)
    rdf = OxigraphStore(path)
    try:
        report = validate_store(rdf.store)
    finally:
        rdf.close()
    if as_json:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    else:
        shorten = shortener(settings.base)
        shown = report.violations if limit <= 0 else report.violations[:limit]
        for v in shown:
            typer.echo(f"{v.severity.lower()}: {v.render(shorten)}", err=True)
        if len(shown) < len(report.violations):
            typer.echo(f"… and {len(report.violations) - len(shown)} more (--limit 0)", err=True)
        verdict = "conforms" if report.conforms else f"{len(report.violations)} violation(s)"
        typer.echo(f"SHACL: {verdict} — {report.triples} triples checked in {report.seconds:.2f} s")
    if not report.conforms:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(check)

"""Query commands: query (Cypher, SPARQL, named) and search."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from mskg.config import get_settings


def _table(columns: list[str], rows: list[dict]) -> str:
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [
        min(60, max([len(c)] + [len(row[i]) for row in cells])) for i, c in enumerate(columns)
    ]
    line = lambda vals: "  ".join(v[:60].ljust(w) for v, w in zip(vals, widths, strict=True))  # noqa: E731
    return "\n".join([line(columns), line(["-" * w for w in widths])] + [line(r) for r in cells])


def query(
    cypher: Annotated[str | None, typer.Option("--cypher", help="Read-only Cypher.")] = None,
    sparql: Annotated[str | None, typer.Option("--sparql", help="SPARQL SELECT/ASK.")] = None,
    named: Annotated[
        str | None, typer.Option("--named", help="A named query (see --list).")
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="key=value for the named query; repeatable."),
    ] = None,
    engine: Annotated[str, typer.Option(help="cypher or sparql, for --named.")] = "cypher",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    list_: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
) -> None:
    """Run a read-only query: ad-hoc Cypher or SPARQL, or a named query with parameters."""
    from mskg.queries import list_queries, run_named

    if list_:
        for q in list_queries():
            params = ", ".join(f"{p.name}:{p.type}" for p in q.params)
            engines = "cypher+sparql" if q.sparql else "cypher"
            typer.echo(f"{q.name}({params})  [{engines}]  {q.title}")
        return
    if sum(x is not None for x in (cypher, sparql, named)) != 1:
        typer.echo("error: give exactly one of --cypher, --sparql, --named (or --list)", err=True)
        raise typer.Exit(2)
    from mskg.pipeline import Stores

    given = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep:
            typer.echo(f"error: --param {item!r}: expected key=value", err=True)
            raise typer.Exit(2)
        given[key] = value
    settings = get_settings()
    with Stores(settings) as stores:
        if named:
            result = run_named(stores, named, given, engine)
        elif cypher:
            result = stores.graph.read(cypher, row_cap=settings.row_cap)
        else:
            from mskg.sparql import select

            result = select(stores, sparql or "", {}, set())
    if as_json:
        typer.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
    else:
        typer.echo(_table(result.columns, result.rows))
        if result.truncated:
            typer.echo(f"(truncated at {settings.row_cap} rows)")


def search(
    text: Annotated[str, typer.Argument(help="Words in Arabic, English or French.")],
    type_: Annotated[
        str | None, typer.Option("--type", help="Only this class (e.g. State).")
    ] = None,
    limit: Annotated[int, typer.Option(help="Most results.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Find entities by name; Arabic is normalised (clitics, hamza forms, diacritics)."""
    from mskg.pipeline import Stores
    from mskg.search import search as run

    with Stores(get_settings()) as stores:
        hits = run(stores.graph, text, type=type_, limit=limit)
    if as_json:
        typer.echo(json.dumps(hits, ensure_ascii=False, indent=1))
        return
    for h in hits:
        typer.echo(f"{h['score']:.1f}  {h['id']:<50} {h['label']['ar']} / {h['label']['en']}")


def register(app: typer.Typer) -> None:
    app.command()(query)
    app.command()(search)


def _cell(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)

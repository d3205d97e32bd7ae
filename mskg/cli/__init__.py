"""The ``mskg`` command line. Each concern registers its commands from its own module."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from mskg.cli import annotate, data, query, serve, shacl
from mskg.errors import MskgError

app = typer.Typer(
    name="mskg",
    help="mskg: a knowledge graph of security cooperation in the Maghreb and the "
    "Euro-Mediterranean. Load annotated documents, query the graph, serve the API.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _global(
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            envvar="MSKG_DATA_DIR",
            help="Data directory of the embedded stores (default ./data).",
        ),
    ] = None,
) -> None:
    """Global options, applied before any command."""
    import os

    from mskg.config import get_settings

    if data_dir is not None:
        os.environ["MSKG_DATA_DIR"] = str(data_dir)
        get_settings.cache_clear()


for module in (data, query, serve, annotate, shacl):
    module.register(app)


def main() -> None:
    try:
        app()
    except MskgError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)

"""`mskg serve`: the API with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
) -> None:
    """Serve the API (OpenAPI docs at /docs). This process owns the stores of the data
    directory; load more documents through POST /documents while it runs."""
    import uvicorn

    from mskg.api.app import create_app
    from mskg.config import get_settings

    settings = get_settings()
    typer.echo(f"mskg: serving {settings.data_dir} on http://{host}:{port} (docs: /docs)", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level=log_level)


def register(app: typer.Typer) -> None:
    app.command()(serve)

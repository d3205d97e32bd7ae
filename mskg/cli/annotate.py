"""``mskg annotate`` (raw article -> draft annotations) and ``mskg evaluate`` (against gold)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mskg.errors import MskgError


def _inputs(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files += sorted(
                f
                for f in p.iterdir()
                if f.is_file() and f.suffix.lower() in (".txt", ".html", ".htm")
            )
        elif p.is_file():
            files.append(p)
        else:
            raise MskgError(f"{p}: no such file or folder", hint="give article files or folders")
    if not files:
        raise MskgError(
            "no article to annotate", hint="give .txt or .html files, or folders of them"
        )
    return files


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""

    @app.command("annotate")
    def annotate_cmd(
        paths: Annotated[
            list[Path], typer.Argument(help="Article files (.txt, .html) or folders.")
        ],
        lang: Annotated[str, typer.Option(help="ar, fr, en or auto.")] = "auto",
        fmt: Annotated[
            str, typer.Option("--format", help="native (JSON per article), brat or labelstudio.")
        ] = "native",
        out: Annotated[
            Path | None,
            typer.Option("-o", "--out", help="Output folder (native, brat) or file (labelstudio)."),
        ] = None,
        published: Annotated[
            str | None,
            typer.Option(help="Publication date YYYY[-MM[-DD]], to resolve 'next June'."),
        ] = None,
    ) -> None:
        """Pre-annotate raw articles: a draft document per article, loadable by `mskg load`."""
        from mskg.annotate import annotate_path

        if lang not in ("ar", "fr", "en", "auto"):
            raise MskgError(f"--lang {lang}: unknown language", hint="use ar, fr, en or auto")
        if fmt not in ("native", "brat", "labelstudio"):
            raise MskgError(
                f"--format {fmt}: unknown format", hint="use native, brat or labelstudio"
            )
        docs = [annotate_path(f, lang=lang, published=published) for f in _inputs(paths)]
        written = write(docs, fmt, out)
        for doc in docs:
            typer.echo(
                f"{doc.id}: {len(doc.mentions)} mentions, {len(doc.entities)} new entities, "
                f"{len(doc.relations)} relations",
                err=True,
            )
        for w in written:
            typer.echo(str(w))

    @app.command("evaluate")
    def evaluate_cmd(
        gold: Annotated[Path, typer.Option(help="Folder of gold documents.")] = Path("corpus"),
        pred: Annotated[Path, typer.Option(help="Folder of predicted documents.")] = Path("pred"),
        as_json: Annotated[bool, typer.Option("--json", help="JSON instead of tables.")] = False,
        errors: Annotated[
            bool, typer.Option("--errors", help="Also list false positives and negatives.")
        ] = False,
    ) -> None:
        """Precision, recall and F1 of predicted annotations against gold ones."""
        from mskg.evaluate import evaluate, to_json

        report = evaluate(gold, pred)
        if as_json:
            typer.echo(to_json(report, errors=errors))
        else:
            typer.echo(report.table() + ("\n\n" + report.errors_table() if errors else ""))


def write(docs, fmt: str, out: Path | None) -> list[Path]:
    """Write drafts in ``fmt``; nothing is written if the output cannot be prepared."""
    if fmt == "labelstudio":
        from mskg.loaders import labelstudio

        target = out or Path("annotations.labelstudio.json")
        target.parent.mkdir(parents=True, exist_ok=True)
        return [labelstudio.write(docs, target)]
    folder = out or Path("annotations")
    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "brat":
        from mskg.loaders import brat

        return [brat.write(doc, folder) for doc in docs]
    paths = []
    for doc in docs:
        p = folder / f"{doc.id}.json"
        p.write_text(doc.to_json() + "\n", encoding="utf-8")
        paths.append(p)
    return paths

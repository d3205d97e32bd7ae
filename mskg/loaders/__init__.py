"""Documents in: find the files, detect each one's format, return validated ``Document``s.

Formats: native JSON (``mskg schema``), brat standoff (``X.ann`` beside ``X.txt``) and Label
Studio JSON exports. Detection looks at the file, not only its name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from mskg.document import Document
from mskg.errors import InvalidDocument, Problem, UnknownFormat
from mskg.loaders import native


def iter_sources(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files to read under ``paths`` (files or folders, recursive), sorted, each once."""
    seen: set[Path] = set()
    for p in map(Path, paths):
        if not p.exists():
            raise InvalidDocument(str(p), [Problem("path", "no such file or folder")])
        candidates = sorted(p.rglob("*")) if p.is_dir() else [p]
        for f in candidates:
            if f.is_file() and f.suffix in (".json", ".ann") and f not in seen:
                if p.is_dir() and any(part.startswith(".") for part in f.relative_to(p).parts):
                    continue
                seen.add(f)
                yield f


def read_source(path: Path) -> list[Document]:
    """The documents in one file, whatever its format."""
    if path.suffix == ".ann":
        from mskg.loaders import brat

        return [brat.read(path)]
    if path.suffix != ".json":
        raise UnknownFormat(
            f"{path}: unknown format", hint="use .json (native, Label Studio) or .ann"
        )
    data = native.decode(path.read_bytes(), str(path))
    if native.looks_like(data):
        from mskg.document import parse_document

        return [parse_document(data, str(path))]
    from mskg.loaders import labelstudio

    if labelstudio.looks_like(data):
        return labelstudio.read(path)
    raise UnknownFormat(
        f"{path}: neither a native mskg document nor a Label Studio export",
        hint="run `mskg schema` for the native format",
    )

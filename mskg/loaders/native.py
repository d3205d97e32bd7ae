"""The native JSON format: one ``Document`` per file (see ``mskg schema``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mskg.document import Document, parse_document
from mskg.errors import InvalidDocument, Problem


def decode(raw: bytes, source: str) -> Any:
    """Bytes -> JSON value, with errors that name the byte offset or line:column."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidDocument(
            source,
            [Problem(f"byte {exc.start}", "not UTF-8", "save the file as UTF-8 (no BOM needed)")],
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        hint = (
            "the file looks truncated" if exc.pos >= len(text.rstrip()) else "fix the JSON syntax"
        )
        raise InvalidDocument(
            source, [Problem(f"line {exc.lineno} column {exc.colno}", exc.msg, hint)]
        ) from None


def looks_like(data: Any) -> bool:
    return isinstance(data, dict) and "text" in data and ("mentions" in data or "id" in data)


def read(path: Path) -> Document:
    data = decode(path.read_bytes(), str(path))
    if not looks_like(data):
        raise InvalidDocument(
            str(path),
            [Problem("$", "not a native mskg document", "an object with id, text, mentions")],
        )
    return parse_document(data, str(path))

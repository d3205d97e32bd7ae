"""One exception family for mskg.

Every error carries enough for a person to act: where (file, place), what is wrong, how to fix.
The CLI prints ``file:place: what — fix``; the API turns these into RFC 9457 problem documents.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located by a JSON path or line (``place``)."""

    place: str
    message: str
    hint: str = ""

    def render(self, source: str = "") -> str:
        where = f"{source}:{self.place}" if source else self.place
        text = f"{where}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


class MskgError(Exception):
    """Base of every error mskg raises on purpose. ``status`` is the HTTP status it maps to."""

    status = 500
    title = "Internal error"

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} — {self.hint}" if self.hint else self.message


class InvalidDocument(MskgError):
    """A document failed validation; ``problems`` lists each place and what to fix."""

    status = 422
    title = "Invalid document"

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        lines = "\n".join(p.render(source) for p in problems)
        super().__init__(f"{len(problems)} problem(s) in {source}:\n{lines}")

    def __str__(self) -> str:
        return self.message


class UnknownFormat(MskgError):
    status = 422
    title = "Unknown input format"


class NotFound(MskgError):
    status = 404
    title = "Not found"


class BadQuery(MskgError):
    """Malformed query, unknown named query or bad parameter."""

    status = 400
    title = "Bad query"


class ReadOnlyViolation(MskgError):
    status = 403
    title = "Write refused"


class QueryTimeout(MskgError):
    status = 504
    title = "Query timed out"


class StoreUnavailable(MskgError):
    status = 503
    title = "Store unavailable"


class StoreBusy(MskgError):
    """The data directory is owned by another process (e.g. a running `mskg serve`)."""

    status = 409
    title = "Store busy"

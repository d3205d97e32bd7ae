"""Sentences and tokens with code-point offsets into the original text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mskg.arabic import normalize

# A sentence ends at . ! ? ؟ ؛ or a line break; quotes and brackets stay with their sentence.
_SENTENCE = re.compile(r"[^.!?؟؛\n]+[.!?؟؛]*")
_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    key: str  # normalised form


def sentences(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _SENTENCE.finditer(text):
        s, e = m.span()
        chunk = m.group()
        s += len(chunk) - len(chunk.lstrip())
        e -= len(chunk) - len(chunk.rstrip())
        if e > s:
            out.append((s, e))
    return out


_norm = lru_cache(maxsize=1 << 16)(normalize)  # news vocabulary repeats: normalise once


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    return [
        Token(start + m.start(), start + m.end(), m.group(), _norm(m.group()))
        for m in _TOKEN.finditer(text[start:end])
    ]

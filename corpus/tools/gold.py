"""Authoring helper for the gold corpus: turn readable specs into native JSON with exact offsets.

A span is written as its text in context, the annotated part in double brackets:
``"عقب نهاية أشغال [[قمة وزراء الداخلية المغاربيين]]"``. The context must occur exactly once
in the article (or give ``nth``), so offsets are found by the machine, never counted by hand.
Evidence spans are plain substrings (the clause that states the fact).

    python -m corpus.tools.build   # rewrites corpus/*.json from corpus/tools/docs_*.py
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

SEEDS_NOTE = "seeds/{name}"


class SpecError(ValueError):
    pass


def locate(text: str, spec: str, nth: int | None = None, after: int = 0) -> tuple[int, int]:
    """Code-point span of the bracketed part of ``spec`` in ``text``."""
    m = re.fullmatch(r"(.*?)\[\[(.+?)\]\](.*)", spec, flags=re.S)
    before, inner, rest = m.groups() if m else ("", spec, "")
    context = before + inner + rest
    hits = [i for i in _occurrences(text, context) if i >= after]
    if not hits:
        raise SpecError(f"not found: {context!r}")
    if nth is None and len(hits) > 1:
        raise SpecError(f"{len(hits)} occurrences of {context!r}: add context or nth")
    start = hits[nth or 0] + len(before)
    return start, start + len(inner)


def _occurrences(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i != -1:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


@dataclass
class Doc:
    """Accumulates one document's annotations."""

    id: str
    text: str
    source: str
    entities: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)
    boilerplate: list[dict[str, int]] = field(default_factory=list)

    def entity(self, id: str, type: str, ar: str, en: str, fr: str, **props: Any) -> str:
        self.entities.append(
            {"id": id, "type": type, "label": {"ar": ar, "en": en, "fr": fr}, "props": props}
        )
        return id

    def m(self, spec: str, type: str, ref: str, nth: int | None = None) -> str:
        start, end = locate(self.text, spec, nth)
        for other in self.mentions:
            if (other["start"], other["end"]) == (start, end) and other["ref"] == ref:
                return other["id"]
        mid = f"m{len(self.mentions) + 1}"
        self.mentions.append(
            {
                "id": mid,
                "start": start,
                "end": end,
                "text": self.text[start:end],
                "type": type,
                "ref": ref,
            }
        )
        return mid

    def r(
        self,
        type: str,
        subject: str,
        object: str,
        evidence: str,
        nth: int | None = None,
        **attrs: Any,
    ) -> None:
        start, end = locate(self.text, evidence, nth)
        self.relations.append(
            {
                "id": f"r{len(self.relations) + 1}",
                "type": type,
                "subject": subject,
                "object": object,
                "evidence": {"start": start, "end": end},
                "attrs": attrs,
            }
        )

    def skip(self, spec: str, nth: int | None = None) -> None:
        start, end = locate(self.text, spec, nth)
        self.boilerplate.append({"start": start, "end": end})

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "lang": "ar",
            "meta": {"source": self.source, "note": "gold annotation of a seed article"},
            "boilerplate": sorted(self.boilerplate, key=lambda s: s["start"]),
            "entities": self.entities,
            "mentions": sorted(self.mentions, key=lambda x: (x["start"], x["end"])),
            "relations": self.relations,
        }

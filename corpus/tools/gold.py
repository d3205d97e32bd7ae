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


# proclitic letters written inside the word before a name: و ف (and), ب ك ل (prepositions)
_CLITICS = frozenset(["و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"])


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
        return self._add(start, end, type, ref)

    def fix(self, old: str, spec: str, type: str, ref: str, nth: int | None = None) -> None:
        """Move the mention whose text is ``old`` (one of ``ref``) to the span of ``spec``:
        a correction of an earlier gold span, listed in docs/guidelines.md."""
        start, end = locate(self.text, spec, nth)
        hits = [x for x in self.mentions if x["text"] == old and x["ref"] == ref]
        if len(hits) != 1:
            raise SpecError(f"fix: {len(hits)} mentions {old!r} of {ref}")
        hits[0].update(start=start, end=end, text=self.text[start:end], type=type)

    def _add(self, start: int, end: int, type: str, ref: str) -> str:
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

    def each(self, term: str, type: str, ref: str, skip: tuple[int, ...] = ()) -> list[str]:
        """Every occurrence of ``term`` in the article as a mention of ``ref``, each one read
        and judged (the ones that are not, by index, in ``skip``). Only whole words: the
        proclitics و ف ب ك ل before the term stay outside the span (guidelines, docs/guidelines.md);
        occurrences in boilerplate are never annotated."""
        ids, k = [], 0
        for i in _occurrences(self.text, term):
            prefix = ""
            j = i
            while j > 0 and self.text[j - 1].isalpha():
                j -= 1
                prefix = self.text[j] + prefix
            after = self.text[i + len(term) : i + len(term) + 1]
            if (prefix and prefix not in _CLITICS) or (after and after.isalpha()):
                continue
            if any(b["start"] <= i < b["end"] for b in self.boilerplate):
                continue
            end = i + len(term)
            if any(  # a domain is not nested in another domain's phrase (التطرف المؤدي الى الارهاب)
                x["type"] == type == "ThreatDomain"
                and x["start"] <= i
                and end <= x["end"]
                and (x["start"], x["end"]) != (i, end)
                for x in self.mentions
            ):
                continue
            if k not in skip:
                ids.append(self._add(i, i + len(term), type, ref))
            k += 1
        if not ids:
            raise SpecError(f"no occurrence of {term!r} kept")
        return ids

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

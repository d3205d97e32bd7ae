"""Assembling a draft ``Document``: mentions, document entities and relations, kept valid.

Every write goes through the ontology: a relation whose subject or object does not fit the
property's domain or range is dropped here (with the rule that proposed it), so the draft
always passes ``mskg.document.validate`` and loads as is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mskg.arabic import fast_normalize
from mskg.document import Document, EntityDef, Mention, Meta, Relation, Span, validate
from mskg.ontology import load_ontology, load_registry


@dataclass
class Draft:
    doc_id: str
    text: str
    lang: str
    meta: Meta
    boilerplate: list[Span]
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[str, EntityDef] = field(default_factory=dict)
    relations: dict[tuple[str, str, str], Relation] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.ontology = load_ontology()
        self.registry = load_registry()
        self._spans: dict[tuple[int, int], str] = {}
        self.key: str | None = None  # the normalised text, when it aligns with the text

    def set_key(self, key: str, offsets) -> None:
        """Keep the document's key when it is aligned code point for code point."""
        self.key = key if isinstance(offsets, range) else None

    def norm(self, start: int, end: int) -> str:
        """Normalised ``text[start:end]``: a slice of the key when aligned, else computed."""
        start, end = max(0, start), min(len(self.text), end)
        if self.key is not None:
            return self.key[start:end]
        return fast_normalize(self.text[start:end])

    # -- entities and mentions -----------------------------------------------------------
    def in_boilerplate(self, start: int, end: int) -> bool:
        return any(b.start < end and start < b.end for b in self.boilerplate)

    def type_of(self, ref: str) -> str | None:
        if ref in self.entities:
            return self.entities[ref].type
        reg = self.registry.get(ref)
        return reg.type if reg else None

    def entity(self, id: str, type: str, label: str, **props: Any) -> str:
        if id not in self.entities:
            clean = {k: v for k, v in props.items() if v is not None}
            clean["needsReview"] = True
            self.entities[id] = EntityDef(id=id, type=type, label={self.lang: label}, props=clean)
        return id

    def mention(self, start: int, end: int, ref: str) -> str | None:
        """Add a mention of ``ref`` (its type is the entity's); None if not allowed here."""
        etype = self.type_of(ref)
        if etype is None or end <= start or self.in_boilerplate(start, end):
            return None
        other = self._spans.get((start, end))
        if other is not None:
            return other if self.mentions[int(other[1:]) - 1].ref == ref else None
        mid = f"m{len(self.mentions) + 1}"
        self.mentions.append(
            Mention(id=mid, start=start, end=end, text=self.text[start:end], type=etype, ref=ref)
        )
        self._spans[(start, end)] = mid
        return mid

    def mentioned(self) -> set[str]:
        return {m.ref for m in self.mentions}

    # -- relations -----------------------------------------------------------------------
    def fits(self, rel: str, subject: str, obj: str) -> bool:
        prop = self.ontology.properties.get(rel)
        s, o = self.type_of(subject), self.type_of(obj)
        if prop is None or s is None or o is None or subject == obj:
            return False
        return self.ontology.fits(s, prop.domain) and self.ontology.fits(o, prop.range)

    def relate(
        self,
        rel: str,
        subject: str,
        obj: str,
        evidence: tuple[int, int],
        confidence: float,
        **attrs: Any,
    ) -> bool:
        if not self.fits(rel, subject, obj) or self.in_boilerplate(*evidence):
            return False
        key = (rel, subject, obj)
        old = self.relations.get(key)
        if old is not None and float(old.attrs.get("confidence", 0)) >= confidence:
            return True
        clean = {k: v for k, v in attrs.items() if v is not None}
        clean["confidence"] = round(confidence, 2)
        self.relations[key] = Relation(
            id=old.id if old else f"r{len(self.relations) + 1}",
            type=rel,
            subject=subject,
            object=obj,
            evidence=Span(start=evidence[0], end=evidence[1]),
            attrs=clean,
        )
        return True

    # -- output --------------------------------------------------------------------------
    def document(self) -> Document:
        mentioned = self.mentioned()
        relations = [
            r for r in self.relations.values() if r.subject in mentioned and r.object in mentioned
        ]
        entities = [e for e in self.entities.values() if e.id in mentioned]
        doc = Document(
            id=self.doc_id,
            text=self.text,
            lang=self.lang,  # type: ignore[arg-type]
            meta=self.meta,
            boilerplate=self.boilerplate,
            entities=entities,
            mentions=sorted(self.mentions, key=lambda m: (m.start, m.end)),
            relations=relations,
        )
        return validate(doc, self.meta.source or self.doc_id)

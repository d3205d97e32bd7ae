"""The native annotation format: one validated ``Document`` per source article.

A document holds its text exactly as published (NFC), its metadata, the spans that are page
boilerplate (never annotated), the entities it introduces (events, agreements, mechanisms…
that the registry does not know), its entity mentions and its relations. Offsets count
Unicode code points, end exclusive, as Python slices do.

``parse_document`` is the one gate every reader goes through: pydantic checks the shape,
``check_document`` checks the meaning against the ontology and the registry, and every
problem is reported with its JSON path and a hint.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mskg.errors import InvalidDocument, Problem
from mskg.ontology import Ontology, Registry, load_ontology, load_registry
from mskg.ontology.registry import ID_PATTERN

DOC_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"
DATE_PATTERN = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
Scalar = str | int | float | bool

# Datatype properties whose values must be ISO 8601 dates at their precision.
DATE_PROPERTIES = frozenset({"date", "endDate", "startDate", "published"})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Strict):
    start: int = Field(ge=0, description="First code point, counted from 0.")
    end: int = Field(gt=0, description="One past the last code point.")


class Meta(_Strict):
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="Publication date, YYYY[-MM[-DD]], if known.")
    source: str | None = Field(None, description="Where the text came from (file name).")
    note: str | None = None


class EntityDef(_Strict):
    """An entity the registry does not know, introduced by this document."""

    id: str = Field(pattern=ID_PATTERN, examples=["event/amu-interior-ministers-2013-04-21"])
    type: str
    label: dict[str, str] = Field(description="Labels by language (ar, en, fr).")
    aliases: dict[str, list[str]] = {}
    props: dict[str, Scalar] = {}


class Mention(_Strict):
    id: str
    start: int = Field(ge=0)
    end: int = Field(gt=0)
    text: str = Field(description="Must equal text[start:end].")
    type: str = Field(description="Ontology class of the mention; the entity must be of it.")
    ref: str = Field(description="Registry or document entity id.")


class Relation(_Strict):
    id: str
    type: str = Field(description="Object property of the ontology, e.g. participatedIn.")
    subject: str
    object: str
    evidence: Span = Field(description="The span of the text that states the relation.")
    attrs: dict[str, Scalar] = Field({}, description="Qualifiers: role, date, startDate…")


class Document(_Strict):
    id: str = Field(pattern=DOC_ID_PATTERN)
    text: str
    lang: Literal["ar", "fr", "en"]
    meta: Meta = Meta()
    boilerplate: list[Span] = Field([], description="Page furniture, excluded from annotation.")
    entities: list[EntityDef] = []
    mentions: list[Mention] = []
    relations: list[Relation] = []

    def to_json(self) -> str:
        return json.dumps(
            self.model_dump(mode="json", exclude_defaults=False), ensure_ascii=False, indent=1
        )

    def entity_ids(self) -> set[str]:
        """Every entity id the document touches (introduced, mentioned or related)."""
        ids = {e.id for e in self.entities} | {m.ref for m in self.mentions}
        for r in self.relations:
            ids.update((r.subject, r.object))
        return ids


# -- semantic checks ----------------------------------------------------------------------


def _inside(span_start: int, span_end: int, spans: list[Span]) -> bool:
    return any(s.start < span_end and span_start < s.end for s in spans)


def _check_value(prop: str, value: Scalar, place: str, problems: list[Problem]) -> None:
    if prop in DATE_PROPERTIES and not (isinstance(value, str) and DATE_PATTERN.match(value)):
        problems.append(
            Problem(
                place,
                f"{value!r} is not a date",
                "write YYYY, YYYY-MM or YYYY-MM-DD; never invent a part",
            )
        )


def check_document(doc: Document, ontology: Ontology, registry: Registry) -> list[Problem]:
    problems: list[Problem] = []
    text = doc.text
    n = len(text)
    if unicodedata.normalize("NFC", text) != text:
        problems.append(
            Problem("$.text", "text is not in Unicode NFC", "normalise it to NFC before annotating")
        )
    if doc.meta.published:
        _check_value("published", doc.meta.published, "$.meta.published", problems)
    for i, b in enumerate(doc.boilerplate):
        if not b.start < b.end <= n:
            problems.append(
                Problem(f"$.boilerplate[{i}]", f"span {b.start}-{b.end} outside text of {n}")
            )

    classes = set(ontology.entity_classes())
    local: dict[str, EntityDef] = {}
    for i, e in enumerate(doc.entities):
        place = f"$.entities[{i}]"
        if e.id in local or e.id in registry:
            problems.append(
                Problem(
                    f"{place}.id", f"duplicate id {e.id!r}", "refer to the existing entity with ref"
                )
            )
        local[e.id] = e
        if e.type not in classes:
            problems.append(
                Problem(
                    f"{place}.type", f"unknown type {e.type!r}", f"use one of {sorted(classes)}"
                )
            )
        if not e.label:
            problems.append(Problem(f"{place}.label", "an entity needs at least one label"))
        for prop, value in e.props.items():
            p = ontology.properties.get(prop)
            if p is None or p.kind != "datatype":
                problems.append(
                    Problem(
                        f"{place}.props.{prop}",
                        f"unknown property {prop!r}",
                        "use a datatype property of mskg.ttl",
                    )
                )
            else:
                _check_value(prop, value, f"{place}.props.{prop}", problems)

    def entity_type(ref: str) -> str | None:
        if ref in local:
            return local[ref].type
        reg = registry.get(ref)
        return reg.type if reg else None

    mention_ids: set[str] = set()
    mentioned: set[str] = set()
    by_span: dict[tuple[int, int], tuple[str, str]] = {}
    for i, m in enumerate(doc.mentions):
        place = f"$.mentions[{i}]"
        if m.id in mention_ids:
            problems.append(Problem(f"{place}.id", f"duplicate mention id {m.id!r}"))
        mention_ids.add(m.id)
        if not m.start < m.end <= n:
            problems.append(
                Problem(
                    place,
                    f"span {m.start}-{m.end} outside text of length {n}",
                    "offsets count code points, end exclusive",
                )
            )
        elif text[m.start : m.end] != m.text:
            problems.append(
                Problem(
                    place,
                    f"mention {m.id} says {m.text!r} but text[{m.start}:{m.end}] "
                    f"is {text[m.start : m.end]!r}",
                    "fix start/end (code points, end exclusive) or the text",
                )
            )
        if _inside(m.start, m.end, doc.boilerplate):
            problems.append(
                Problem(place, f"mention {m.id} lies in boilerplate", "annotate only the article")
            )
        if m.type not in classes:
            problems.append(
                Problem(f"{place}.type", f"unknown type {m.type!r}", "use a class of mskg.ttl")
            )
        etype = entity_type(m.ref)
        if etype is None:
            problems.append(
                Problem(
                    f"{place}.ref",
                    f"ref {m.ref!r} resolves nowhere",
                    "add it to the registry or to entities[]",
                )
            )
        elif m.type in classes and not ontology.is_a(etype, m.type):
            problems.append(
                Problem(
                    f"{place}.type", f"{m.ref} is a {etype}, not a {m.type}", f"set type to {etype}"
                )
            )
        mentioned.add(m.ref)
        other = by_span.get((m.start, m.end))
        if other and other[1] != m.ref:
            problems.append(
                Problem(
                    place,
                    f"mention {m.id} and {other[0]} cover the same span "
                    f"but refer to {m.ref} and {other[1]}",
                    "keep one of them",
                )
            )
        by_span[(m.start, m.end)] = (m.id, m.ref)

    rel_ids: set[str] = set()
    attrs = {p.name for p in ontology.relation_attributes()}
    for i, r in enumerate(doc.relations):
        place = f"$.relations[{i}]"
        if r.id in rel_ids:
            problems.append(Problem(f"{place}.id", f"duplicate relation id {r.id!r}"))
        rel_ids.add(r.id)
        rel_prop = ontology.properties.get(r.type)
        if rel_prop is None or rel_prop.kind != "object" or r.type == "mentions":
            problems.append(
                Problem(
                    f"{place}.type",
                    f"unknown relation {r.type!r}",
                    "use an object property of mskg.ttl",
                )
            )
            rel_prop = None
        for role in ("subject", "object"):
            ref = getattr(r, role)
            etype = entity_type(ref)
            if etype is None:
                problems.append(
                    Problem(
                        f"{place}.{role}",
                        f"{ref!r} resolves nowhere",
                        "use a registry id or an id from entities[]",
                    )
                )
            elif ref not in mentioned:
                problems.append(
                    Problem(
                        f"{place}.{role}",
                        f"{ref!r} is not mentioned in the document",
                        "annotate a mention of it, so the fact is traceable",
                    )
                )
            elif rel_prop is not None:
                allowed = rel_prop.domain if role == "subject" else rel_prop.range
                if not ontology.fits(etype, allowed):
                    problems.append(
                        Problem(
                            f"{place}.{role}",
                            f"a {etype} cannot be the {role} of {r.type}",
                            f"the ontology allows {sorted(allowed or [])}",
                        )
                    )
        ev = r.evidence
        if not ev.start < ev.end <= n:
            problems.append(
                Problem(f"{place}.evidence", f"span {ev.start}-{ev.end} outside text of length {n}")
            )
        elif _inside(ev.start, ev.end, doc.boilerplate):
            problems.append(
                Problem(
                    f"{place}.evidence",
                    "evidence lies in boilerplate",
                    "cite the article's sentence",
                )
            )
        for key, value in r.attrs.items():
            if key not in attrs:
                problems.append(
                    Problem(
                        f"{place}.attrs.{key}",
                        f"unknown relation attribute {key!r}",
                        f"use one of {sorted(attrs)}",
                    )
                )
            else:
                _check_value(key, value, f"{place}.attrs.{key}", problems)
    return problems


def pydantic_problems(exc: ValidationError) -> list[Problem]:
    out = []
    for err in exc.errors():
        loc = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"])
        out.append(Problem(loc, err["msg"]))
    return out


def parse_document(data: dict[str, Any], source: str) -> Document:
    """Validate a native-format dict; raise ``InvalidDocument`` naming ``source`` and each place."""
    try:
        doc = Document.model_validate(data)
    except ValidationError as exc:
        raise InvalidDocument(source, pydantic_problems(exc)) from None
    return validate(doc, source)


def validate(doc: Document, source: str) -> Document:
    problems = check_document(doc, load_ontology(), load_registry())
    if problems:
        raise InvalidDocument(source, problems)
    return doc


def json_schema() -> dict[str, Any]:
    schema = Document.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "mskg native annotation document"
    return schema

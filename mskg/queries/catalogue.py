"""Named queries: files in this folder, each with a header of comment lines.

    // title: Parties to an agreement
    // description: …
    // param: agreement entity — the agreement, e.g. agreement/cimo-algiers-declaration
    // param: from date = 1900 — earliest date
    // list: domains

``NAME.cypher`` runs on both graph backends; ``NAME.neo4j.cypher`` replaces it on Neo4j where
the portable form cannot serve; ``NAME.rq`` is the SPARQL twin (``#`` comments), which must
give the same answer. Parameter types: ``entity`` (an id; an IRI in SPARQL), ``string``,
``date`` (YYYY[-MM[-DD]]) and ``int``. Values are always passed as parameters (Cypher
``$name``; SPARQL variable substitution), never spliced into the text. ``list`` names columns
holding lists (sorted in the answer; SPARQL returns them space-separated).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from mskg.errors import BadQuery, NotFound
from mskg.stores.base import QueryResult

FOLDER = Path(__file__).parent
ID_RE = re.compile(r"^[a-z][a-z-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_PARAM = re.compile(r"^(\w+)\s+(entity|string|date|int)(?:\s*=\s*(\S+))?\s*(?:—|--|-)\s*(.*)$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    description: str
    required: bool = True
    default: str | None = None

    def convert(self, raw: Any) -> Any:
        value = str(raw).strip()
        if self.type == "entity" and not ID_RE.match(value):
            raise BadQuery(f"{self.name}={value!r} is not an entity id", hint="e.g. state/MAR")
        if self.type == "date" and not DATE_RE.match(value):
            raise BadQuery(
                f"{self.name}={value!r} is not a date", hint="use YYYY, YYYY-MM or YYYY-MM-DD"
            )
        if self.type == "int":
            try:
                return int(value)
            except ValueError:
                raise BadQuery(f"{self.name}={value!r} is not an integer") from None
        return value

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "description": self.description,
            "required": self.required,
            "default": self.default,
        }


@dataclass
class NamedQuery:
    name: str
    title: str
    description: str
    params: list[Param]
    cypher: str
    sparql: str | None = None
    neo4j_cypher: str | None = None
    lists: list[str] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        unknown = set(given) - {p.name for p in self.params}
        if unknown:
            raise BadQuery(
                f"unknown parameter(s) {', '.join(sorted(unknown))} for {self.name}",
                hint=f"parameters: {', '.join(p.name for p in self.params) or 'none'}",
            )
        out = {}
        for p in self.params:
            if p.name in given and given[p.name] not in (None, ""):
                out[p.name] = p.convert(given[p.name])
            elif p.default is not None:
                out[p.name] = p.convert(p.default)
            else:
                raise BadQuery(f"missing parameter {p.name!r} for {self.name}", hint=p.description)
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "params": [p.to_json() for p in self.params],
            "engines": ["cypher", *(["sparql"] if self.sparql else [])],
            "cypher": self.cypher,
            "sparql": self.sparql,
        }


def _parse(text: str, comment: str) -> tuple[dict[str, Any], str]:
    head: dict[str, Any] = {"params": [], "lists": [], "classes": []}
    for line in text.splitlines():
        if not line.startswith(comment):
            continue
        key, _, value = line[len(comment) :].strip().partition(":")
        value = value.strip()
        if key == "param":
            m = _PARAM.match(value)
            if not m:
                raise ValueError(f"bad param line: {line!r}")
            name, type_, default, desc = m.groups()
            head["params"].append(Param(name, type_, desc, default is None, default))
        elif key in ("list", "class"):
            head[key + ("s" if key == "list" else "es")] += [
                c.strip() for c in value.split(",") if c.strip()
            ]
        elif key in ("title", "description"):
            head[key] = value
    return head, text


@cache
def _catalogue() -> dict[str, NamedQuery]:
    out: dict[str, NamedQuery] = {}
    for path in sorted(FOLDER.glob("*.cypher")):
        if path.name.endswith(".neo4j.cypher"):
            continue
        name = path.stem
        head, cypher = _parse(path.read_text(encoding="utf-8"), "//")
        rq, neo = path.with_suffix(".rq"), FOLDER / f"{name}.neo4j.cypher"
        out[name] = NamedQuery(
            name=name,
            title=head.get("title", name),
            description=head.get("description", ""),
            params=head["params"],
            cypher=cypher,
            sparql=rq.read_text(encoding="utf-8") if rq.exists() else None,
            neo4j_cypher=neo.read_text(encoding="utf-8") if neo.exists() else None,
            lists=head["lists"],
            classes=_parse(rq.read_text(encoding="utf-8"), "#")[0]["classes"]
            if rq.exists()
            else [],
        )
    return out


def list_queries() -> list[NamedQuery]:
    return list(_catalogue().values())


def get_query(name: str) -> NamedQuery:
    try:
        return _catalogue()[name]
    except KeyError:
        raise NotFound(
            f"no named query {name!r}", hint=f"known: {', '.join(sorted(_catalogue()))}"
        ) from None


def _sorted_lists(result: QueryResult, lists: list[str], base: str | None = None) -> QueryResult:
    """List columns as sorted lists (SPARQL gives a space-separated string of IRIs)."""
    from mskg.loaders.rdf import entity_id_of

    for row in result.rows:
        for col in lists:
            value = row.get(col)
            if value is None or isinstance(value, str):
                value = (value or "").split()
                value = [entity_id_of(base or "", v) or v for v in value]
            if isinstance(value, list):
                row[col] = sorted(v for v in value if v is not None)
    return result


def run_named(
    stores: Any, name: str, params: dict[str, Any] | None = None, engine: str = "cypher"
) -> QueryResult:
    """Run a named query on the graph store (``cypher``) or the RDF store (``sparql``)."""
    query = get_query(name)
    bound = query.bind(params or {})
    if engine == "cypher":
        text = query.cypher
        if stores.graph.dialect == "neo4j" and query.neo4j_cypher:
            text = query.neo4j_cypher
        return _sorted_lists(stores.graph.read(text, bound), query.lists)
    if engine != "sparql":
        raise BadQuery(f"unknown engine {engine!r}", hint="use cypher or sparql")
    if not query.sparql:
        raise BadQuery(f"{name} has no SPARQL form", hint="use engine=cypher")
    from mskg.sparql import select

    entity_params = {p.name for p in query.params if p.type == "entity"}
    result = select(stores, query.sparql, bound, entity_params)
    for row in result.rows:  # class IRIs -> class names, as the graph's `type` property
        for col in query.classes:
            if isinstance(row.get(col), str):
                row[col] = row[col].rsplit("#", 1)[-1]
    return _sorted_lists(result, query.lists, stores.base)

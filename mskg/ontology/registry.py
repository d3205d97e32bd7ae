"""The registry of known entities (``registry/*.yaml``) and the threat-domain thesaurus.

Registry entries are canonical individuals with stable ids (``state/MAR``,
``org/arab-maghreb-union``, ``person/mohand-laenser``). The thesaurus (``domains.ttl``,
SKOS) contributes one ``ThreatDomain`` entity per concept (``domain/terrorism``). Both are
loaded into the stores as the source ``registry`` so that documents can refer to them.

YAML shape of one entry::

    - id: state/MAR
      type: State
      label: {ar: المغرب, en: Morocco, fr: Maroc}
      aliases: {ar: [المملكة المغربية]}
      props: {iso3: MAR, wikidata: Q1028}
      rels:
        memberOf: [org/arab-maghreb-union, org/league-of-arab-states]
        holds: [{to: post/mar-minister-of-interior, startDate: "2012"}]
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from mskg.config import DEFAULT_BASE_IRI
from mskg.errors import InvalidDocument, Problem
from mskg.ontology.model import ONTOLOGY_DIR, Ontology, load_ontology

REGISTRY_SOURCE = "registry"
ID_PATTERN = r"^[a-z][a-z-]*/[A-Za-z0-9][A-Za-z0-9._-]*$"


class RegistryRel(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)
    to: str

    def attrs(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class RegistryEntity(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=ID_PATTERN)
    type: str
    label: dict[str, str]
    aliases: dict[str, list[str]] = {}
    props: dict[str, str | int | float | bool] = {}
    rels: dict[str, list[RegistryRel]] = {}

    @field_validator("rels", mode="before")
    @classmethod
    def _targets(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        return {
            k: [{"to": t} if isinstance(t, str) else t for t in (v or [])] for k, v in value.items()
        }

    def all_names(self) -> list[tuple[str, str]]:
        """(lang, text) of every label and alias."""
        names = [(lang, text) for lang, text in self.label.items()]
        names += [(lang, a) for lang, items in self.aliases.items() for a in items]
        return names


class Registry:
    def __init__(self, entities: list[RegistryEntity]) -> None:
        self.entities: dict[str, RegistryEntity] = {e.id: e for e in entities}

    def __contains__(self, entity_id: str) -> bool:
        return entity_id in self.entities

    def get(self, entity_id: str) -> RegistryEntity | None:
        return self.entities.get(entity_id)

    def __iter__(self):
        return iter(self.entities.values())

    def __len__(self) -> int:
        return len(self.entities)


def _read_yaml(path: Path, ontology: Ontology) -> list[RegistryEntity]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        raise InvalidDocument(
            str(path), [Problem("yaml", str(exc), "fix the YAML syntax")]
        ) from exc
    if not isinstance(raw, list):
        raise InvalidDocument(str(path), [Problem("$", "expected a list of entities")])
    out, problems = [], []
    for i, item in enumerate(raw):
        try:
            out.append(RegistryEntity.model_validate(item))
        except ValidationError as exc:
            for err in exc.errors():
                loc = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"])
                problems.append(Problem(f"$[{i}]{loc}", err["msg"]))
    if problems:
        raise InvalidDocument(str(path), problems)
    return out


def read_thesaurus(path: Path | None = None) -> list[RegistryEntity]:
    """One ``ThreatDomain`` entity per SKOS concept of ``domains.ttl``."""
    g = Graph().parse(path or ONTOLOGY_DIR / "domains.ttl", format="turtle")
    prefix = f"{DEFAULT_BASE_IRI}/id/"
    entities = []
    for concept in sorted(set(g.subjects(RDF.type, SKOS.Concept)), key=str):
        if not isinstance(concept, URIRef) or not str(concept).startswith(prefix):
            continue
        label = {
            o.language: str(o)
            for o in g.objects(concept, SKOS.prefLabel)
            if isinstance(o, Literal) and o.language
        }
        aliases: dict[str, list[str]] = {}
        for o in sorted(g.objects(concept, SKOS.altLabel), key=str):
            if isinstance(o, Literal) and o.language:
                aliases.setdefault(o.language, []).append(str(o))
        broader = sorted(str(b)[len(prefix) :] for b in g.objects(concept, SKOS.broader))
        entities.append(
            RegistryEntity(
                id=str(concept)[len(prefix) :],
                type="ThreatDomain",
                label=label,
                aliases=aliases,
                rels={"broader": [RegistryRel(to=b) for b in broader]} if broader else {},
            )
        )
    return entities


def check_registry(entities: list[RegistryEntity], ontology: Ontology) -> list[Problem]:
    """Types, properties and targets of the registry must all resolve."""
    ids = {e.id for e in entities}
    problems: list[Problem] = []
    seen: set[str] = set()
    for e in entities:
        where = e.id
        if e.id in seen:
            problems.append(Problem(where, "duplicate id", "give each entity one entry"))
        seen.add(e.id)
        if e.type not in ontology.classes:
            problems.append(Problem(where, f"unknown type {e.type!r}", "use a class of mskg.ttl"))
            continue
        for lang in ("ar", "en", "fr"):
            if not e.label.get(lang):
                problems.append(Problem(where, f"missing {lang} label", "labels in ar, en and fr"))
        for prop in e.props:
            p = ontology.properties.get(prop)
            if p is None or p.kind != "datatype":
                problems.append(
                    Problem(where, f"unknown property {prop!r}", "use a datatype property")
                )
        for prop, rels in e.rels.items():
            p = ontology.properties.get(prop)
            if p is None or p.kind != "object":
                problems.append(
                    Problem(where, f"unknown relation {prop!r}", "use an object property")
                )
                continue
            if not ontology.fits(e.type, p.domain):
                problems.append(Problem(where, f"{e.type} cannot be the subject of {prop}"))
            for r in rels:
                if r.to not in ids:
                    problems.append(Problem(where, f"{prop} -> {r.to!r} resolves nowhere"))
    return problems


@cache
def load_registry(directory: Path | None = None) -> Registry:
    """Registry YAML files plus thesaurus, checked against the ontology, read once."""
    ontology = load_ontology()
    directory = directory or ONTOLOGY_DIR / "registry"
    entities: list[RegistryEntity] = []
    for path in sorted(directory.glob("*.yaml")):
        entities.extend(_read_yaml(path, ontology))
    if (ONTOLOGY_DIR / "domains.ttl").exists():
        entities.extend(read_thesaurus())
    problems = check_registry(entities, ontology)
    if problems:
        raise InvalidDocument(str(directory), problems)
    return Registry(entities)

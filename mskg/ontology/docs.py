"""Generate ``docs/model.md`` from the ontology: classes, relations and properties in one page.

``python -m mskg.ontology.docs > docs/model.md`` (``make docs``); a test fails when the page is
not current, so the documentation cannot drift from ``mskg.ttl``.
"""

from __future__ import annotations

from mskg.ontology.model import Ontology, load_ontology


def _names(names: frozenset[str] | None) -> str:
    return " \\| ".join(sorted(names)) if names else "any"


def render(ontology: Ontology) -> str:
    lines = [
        "# The mskg model",
        "",
        "Generated from `mskg/ontology/mskg.ttl` by `python -m mskg.ontology.docs` — do not edit.",
        "",
        "## Classes (property-graph labels)",
        "",
        "A node carries its class and every superclass, root first.",
        "",
        "| class | node labels | en | ar | fr | definition |",
        "|---|---|---|---|---|---|",
    ]
    for name in sorted(ontology.classes, key=lambda n: ontology.ancestors(n)):
        c = ontology.classes[name]
        labels = ":" + ":".join(ontology.node_labels(name))
        lines.append(
            f"| `{name}` | `{labels}` | {c.labels.get('en', '')} | {c.labels.get('ar', '')} "
            f"| {c.labels.get('fr', '')} | {c.definition} |"
        )
    lines += [
        "",
        "## Relations (relationship types)",
        "",
        "| property | relationship type | domain | range | en | ar | definition |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in sorted(ontology.object_properties(), key=lambda p: p.name):
        lines.append(
            f"| `{p.name}` | `{p.rel_type}` | {_names(p.domain)} | {_names(p.range)} "
            f"| {p.labels.get('en', '')} | {p.labels.get('ar', '')} | {p.definition} |"
        )
    lines += [
        "",
        "## Properties",
        "",
        "`on relations` marks qualifiers that may also sit on a relationship (role, dates).",
        "",
        "| property | datatype | on relations | en | ar | definition |",
        "|---|---|---|---|---|---|",
    ]
    for p in sorted(ontology.datatype_properties(), key=lambda p: p.name):
        dtype = (p.datatype or "string").rsplit("#", 1)[-1]
        lines.append(
            f"| `{p.name}` | {dtype} | {'yes' if p.relation_attribute else ''} "
            f"| {p.labels.get('en', '')} | {p.labels.get('ar', '')} | {p.definition} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render(load_ontology()), end="")

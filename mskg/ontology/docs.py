"""Generate ``docs/model.md`` from the ontology: classes, relations and properties in one page.

``python -m mskg.ontology.docs > docs/model.md`` (``make docs``); a test fails when the page is
not current, so the documentation cannot drift from ``mskg.ttl``.
"""

from __future__ import annotations

from mskg.ontology.model import Ontology, load_ontology


def _names(names: frozenset[str] | None) -> str:
    return " \\| ".join(sorted(names)) if names else "any"


def _mermaid(ontology: Ontology) -> list[str]:
    """A mermaid classDiagram: subclass arrows, and one arrow per (domain, range) pair of each
    object property. Classes outside the mskg namespace (prov, org, foaf…) are left out."""
    lines = ["```mermaid", "classDiagram", "    direction LR"]
    for name in sorted(ontology.classes):
        for parent in ontology.classes[name].parents:
            if parent in ontology.classes:
                lines.append(f"    {parent} <|-- {name}")
    for p in sorted(ontology.object_properties(), key=lambda p: p.name):
        for d in sorted(p.domain or {"Entity"}):
            for r in sorted(p.range or {"Entity"}):
                lines.append(f"    {d} --> {r} : {p.name}")
    lines.append("```")
    return lines


IDS = """\
## Ids

Every entity has a stable, readable id `kind/name`; its IRI is `{base}/id/{id}`, with the base
`https://w3id.org/mskg` unless `MSKG_BASE_IRI` says otherwise. The same real-world thing is one
id in every document: link a mention to it with `ref`.

| kind | id | example |
|---|---|---|
| state | `state/` + ISO 3166-1 alpha-3 | `state/MAR` |
| organisation, ministry, agency, forum | `org/` + English slug | `org/arab-maghreb-union` |
| office | `post/` + state or body + title | `post/mar-minister-of-interior` |
| person | `person/` + name slug | `person/mohand-laenser` |
| place | `place/` + name slug | `place/rabat` |
| threat domain | `domain/` + slug (`domains.ttl`) | `domain/illegal-migration` |
| event | `event/` + body, place or date | `event/amu-interior-ministers-rabat-2013-04-21` |
| agreement, outcome document | `agreement/` + slug | `agreement/amu-rabat-statement-2013` |
| event series | `series/` + slug | `series/mar-esp-security-seminars` |
| commitment | `commitment/` + slug | `commitment/amu-rabat-2013-intelligence-on-arms` |
| mechanism | `mechanism/` + slug | `mechanism/amu-follow-up-committee` |

States, organisations, offices, people, places and threat domains are in the registry
(`mskg/ontology/registry/*.yaml`, `domains.ttl`); events, series, agreements, commitments
and mechanisms are usually introduced by the document that reports them (its `entities`), and a
later document that recalls them reuses the id. In RDF a document is `{base}/doc/{doc_id}` and
also the named graph of everything it states; its mentions are `{base}/doc/{doc_id}#m-{id}` and
its relations `{base}/doc/{doc_id}#rel-{id}` (W3C Web Annotations with text offsets). The
store's default graph, which SPARQL queries see, is the merged graph: every fact of the
ontology, the registry and the documents once, without the documents and their annotations.
"""

ANNOTATE = """\
## How to annotate a new article

1. **Draft it.** `mskg annotate article.txt -o drafts/` pre-annotates a raw article (Arabic,
   French or English) into a draft in the native format; `--format brat` or
   `--format labelstudio` writes a draft to correct in brat or Label Studio instead
   (`docs/annotate.md`). Give `--published YYYY-MM-DD` so relative dates resolve.
2. **Correct it by hand.** The native format is one JSON file per document; `mskg schema`
   prints its JSON Schema. It holds the text exactly as published (NFC), `lang`, `meta`
   (title, publisher, url, published), `boilerplate` spans of page furniture (nothing is
   annotated there), `entities` the registry does not know (events, agreements, mechanisms…),
   `mentions` (`start`, `end` in code points, end exclusive, `text` = `text[start:end]`,
   `type` a class above, `ref` an entity id) and `relations` (`type` an object property
   above, `subject`, `object`, `evidence` span, `attrs` such as `role`, `date`). brat
   standoff and Label Studio exports are read as well (`docs/formats.md`).
   - Link every in-scope mention; state every relation the text states, with the sentence
     that states it as evidence.
   - Dates are ISO 8601 at their stated precision (`2013`, `2013-04`, `2013-04-21`); never
     invent a part — a weekday alone is not a date: keep it in `dateText`.
   - Respect the domains and ranges in the relations table: `mskg validate` refuses the rest.
3. **Check it.** `mskg validate file.json` checks spans, types, refs, domains and ranges and
   names the JSON path of each problem; nothing is written.
4. **Load it.** `mskg load file.json` writes it to both stores (idempotent); `mskg check`
   then validates the whole RDF graph against the SHACL shapes (`shapes.ttl`).
"""


def render(ontology: Ontology) -> str:
    lines = [
        "# The mskg model",
        "",
        "Generated from `mskg/ontology/mskg.ttl` by `python -m mskg.ontology.docs` — do not edit.",
        "",
        "The ontology (`mskg/ontology/mskg.ttl`, OWL) is the single source of truth: a class "
        "is a node label, an object property a relationship type, a datatype property a node "
        "property; the SHACL shapes (`shapes.ttl`) say what a valid graph is, partly "
        "generated from it. Threat domains are the SKOS scheme `domains.ttl`.",
        "",
        "## Diagram",
        "",
        "Classes (open arrows: subclass of) and relations (arrows: object properties, from "
        "domain to range).",
        "",
        *_mermaid(ontology),
        "",
        *IDS.splitlines(),
        "",
        *ANNOTATE.splitlines(),
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

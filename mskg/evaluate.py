"""Compare predicted documents with gold documents: P/R/F1 per entity type and relation type.

Documents are paired by id. Three entity scores, per type:
- ``span``: a mention counts when start, end and type equal a gold mention's;
- ``span+id``: also its entity, after aligning document entities (below);
- ``linked``: document-level entity linking (GERBIL's C2KB): the set of *registry*
  entities the document mentions — the known actors, places, offices and threat domains an
  article is about, however often and wherever it names them.
Document entities (events, mechanisms, agreements…) have ids made up by each annotator, so
a predicted one is aligned with the gold one whose mentions overlap its mentions most
(greedy, one-to-one). Relations count when type, subject and object are equal after that
alignment (each distinct triple once per document); evidence spans are not compared.
Every false positive and false negative of the mention-level span+id score and of the
relation score is kept in ``Report.errors`` so a reviewer can read what went wrong.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from mskg.document import Document
from mskg.errors import MskgError
from mskg.loaders import read_source
from mskg.ontology import load_registry


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set, pred: set) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def as_dict(self) -> dict:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.p, 3),
            "recall": round(self.r, 3),
            "f1": round(self.f1, 3),
        }


@dataclass(frozen=True)
class Error:
    """One false positive (``fp``) or false negative (``fn``), with the text it is about."""

    doc: str
    kind: str  # "fp" | "fn"
    table: str  # "span+id" | "relations"
    type: str
    ref: str  # entity id (mentions) or "subject -> object" (relations)
    start: int = -1
    end: int = -1
    text: str = ""

    def line(self) -> str:
        where = f"{self.start}-{self.end} «{self.text}» " if self.start >= 0 else ""
        return f"| {self.doc[:3]} | {self.kind} | {self.type} | {where}{self.ref} |"


@dataclass
class Report:
    documents: list[str] = field(default_factory=list)
    errors: list[Error] = field(default_factory=list)
    tables: dict[str, dict[str, Score]] = field(
        default_factory=lambda: {
            k: defaultdict(Score) for k in ("span", "span+id", "linked", "relations")
        }
    )

    def total(self, table: str) -> Score:
        s = Score()
        for x in self.tables[table].values():
            s.tp, s.fp, s.fn = s.tp + x.tp, s.fp + x.fp, s.fn + x.fn
        return s

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            **{
                name: {
                    "micro": self.total(name).as_dict(),
                    "by_type": {k: v.as_dict() for k, v in sorted(rows.items())},
                }
                for name, rows in self.tables.items()
            },
        }

    def table(self) -> str:
        lines = [f"documents: {len(self.documents)}"]
        titles = {
            "span": "Entities, exact span + type",
            "span+id": "Entities, exact span + entity (document entities aligned)",
            "linked": "Linked entities (registry entities per document, C2KB)",
            "relations": "Relations (type, subject, object; document entities aligned)",
        }
        for name, rows in self.tables.items():
            lines += ["", f"## {titles[name]}", "", "| type | P | R | F1 | tp | fp | fn |"]
            lines.append("|---|---|---|---|---|---|---|")
            for k, v in [*sorted(rows.items()), ("**all (micro)**", self.total(name))]:
                lines.append(
                    f"| {k} | {v.p:.2f} | {v.r:.2f} | {v.f1:.2f} | {v.tp} | {v.fp} | {v.fn} |"
                )
        return "\n".join(lines)

    def errors_table(self) -> str:
        """False positives and negatives, mentions (span+id) then relations, in text order."""
        lines = ["## Errors", "", "| doc | kind | type | span «text» entity |", "|---|---|---|---|"]
        for e in sorted(self.errors, key=lambda e: (e.table != "span+id", e.doc, e.start, e.kind)):
            lines.append(e.line())
        return "\n".join(lines)


def align(gold: Document, pred: Document) -> dict[str, str]:
    """Predicted document-entity id -> gold entity id, by overlapping mentions."""
    local_p = {e.id for e in pred.entities}
    local_g = {e.id for e in gold.entities}
    overlap: Counter[tuple[str, str]] = Counter()
    for pm in pred.mentions:
        if pm.ref not in local_p:
            continue
        for gm in gold.mentions:
            if gm.ref in local_g and pm.start < gm.end and gm.start < pm.end:
                overlap[(pm.ref, gm.ref)] += 1
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for (p, g), _ in sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0])):
        if p not in mapping and g not in used:
            mapping[p] = g
            used.add(g)
    return mapping


def score_pair(gold: Document, pred: Document, report: Report) -> None:
    registry = load_registry()
    mapping = align(gold, pred)

    def ref(r: str) -> str:
        return mapping.get(r, r)

    types = sorted({m.type for m in gold.mentions} | {m.type for m in pred.mentions})
    for t in types:
        g = {(m.start, m.end) for m in gold.mentions if m.type == t}
        p = {(m.start, m.end) for m in pred.mentions if m.type == t}
        report.tables["span"][t].add(g, p)
        g2 = {(m.start, m.end, m.ref) for m in gold.mentions if m.type == t}
        p2 = {(m.start, m.end, ref(m.ref)) for m in pred.mentions if m.type == t}
        report.tables["span+id"][t].add(g2, p2)
        for kind, items in (("fp", p2 - g2), ("fn", g2 - p2)):
            for start, end, r in sorted(items):
                report.errors.append(
                    Error(gold.id, kind, "span+id", t, r, start, end, gold.text[start:end])
                )
        g3 = {m.ref for m in gold.mentions if m.type == t and m.ref in registry}
        p3 = {m.ref for m in pred.mentions if m.type == t and m.ref in registry}
        if g3 or p3:
            report.tables["linked"][t].add(g3, p3)
    rtypes = {r.type for r in gold.relations} | {r.type for r in pred.relations}
    for t in sorted(rtypes):
        gr = {(r.subject, r.object) for r in gold.relations if r.type == t}
        pr = {(ref(r.subject), ref(r.object)) for r in pred.relations if r.type == t}
        report.tables["relations"][t].add(gr, pr)
        for kind, pairs in (("fp", pr - gr), ("fn", gr - pr)):
            for subj, obj in sorted(pairs):
                report.errors.append(Error(gold.id, kind, "relations", t, f"{subj} -> {obj}"))


def _read(folder: Path) -> dict[str, Document]:
    from mskg.loaders import iter_sources

    docs: dict[str, Document] = {}
    for f in iter_sources([folder]):
        for d in read_source(f):
            docs[d.id] = d
    return docs


def evaluate(gold_dir: Path, pred_dir: Path) -> Report:
    gold, pred = _read(gold_dir), _read(pred_dir)
    common = sorted(set(gold) & set(pred))
    if not common:
        raise MskgError(
            f"{pred_dir}: no document id in common with {gold_dir}",
            hint="annotate the gold documents' texts; ids come from the file names",
        )
    different = [d for d in common if gold[d].text != pred[d].text]
    if different:  # offsets into another text would be compared as if they matched
        raise MskgError(
            f"{pred_dir}: the text of {', '.join(different)} differs from the gold text",
            hint="annotate exactly the gold document's text (offsets count its code points)",
        )
    report = Report(documents=common)
    for doc_id in common:
        score_pair(gold[doc_id], pred[doc_id], report)
    return report


def to_json(report: Report, errors: bool = False) -> str:
    data = report.as_dict()
    if errors:
        data["errors"] = [asdict(e) for e in report.errors]
    return json.dumps(data, ensure_ascii=False, indent=1)

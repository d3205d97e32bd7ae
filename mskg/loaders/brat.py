"""brat standoff: ``X.txt`` (the text) + ``X.ann`` (annotations) + ``X.mskg.yaml`` (sidecar).

The mapping (docs/formats.md has the full story):

- a mention is a text-bound line ``T<n>\\t<Class> <start> <end>\\t<text>`` whose type is an
  ontology class, with one normalisation line ``N<k>\\tReference T<n> mskg:<entity id>``
  linking it to the registry or to a document entity;
- a relation is ``R<n>\\t<objectProperty> Arg1:T<i> Arg2:T<j>`` between a mention of the
  subject and a mention of the object; its evidence and qualifiers are ``key=value`` pairs in
  its note, ``#<k>\\tAnnotatorNotes R<n>\\tevidence=T<e> role=participant``, where ``T<e>`` is
  a text-bound ``Evidence`` span (``evidence=<start>-<end>`` for a span across lines). brat
  shows notes on relation arcs but not attributes (nlplab/brat#791), so the writer uses
  notes; attribute lines ``A<k>\\t<attr> R<n> <value>`` from other tools are read too;
- what brat cannot hold (language, metadata, boilerplate, the document's own entities, ids
  that are not ``m<n>``/``r<n>``) is in the YAML sidecar.

Offsets are code points, as in the native model and in brat's (Python) server. A
discontinuous span ``T1 State 0 5;10 15`` becomes one mention per fragment, with the same
type and ref (ids ``m1``, ``m1-2``, ...), so every mention's text stays exactly as marked.
Everything read ends in ``mskg.document.parse_document``; its problems are reported at the
.ann line (or sidecar key) they come from.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

from mskg.document import Document, parse_document
from mskg.errors import InvalidDocument, Problem
from mskg.loaders.brat_ann import (
    NORM_DB,
    NOTE,
    Parsed,
    TextBound,
    decode,
    format_value,
    parse_ann,
    parse_value,
)
from mskg.ontology import load_ontology, load_registry

__all__ = ["format_value", "parse_value", "read", "to_brat", "to_sidecar", "write"]

SIDECAR_SUFFIX = ".mskg.yaml"
EVIDENCE = "Evidence"
_SIDECAR_KEYS = ("lang", "meta", "boilerplate", "entities", "ids")
# libyaml's safe loader/dumper when PyYAML has it (10x faster than the pure-Python ones).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


# -- writing ------------------------------------------------------------------------------


def _number_ids(native: list[str], prefix: str) -> tuple[list[int], dict[int, str]]:
    """brat numbers for native ids: ``m12`` -> 12; other ids get free numbers and are listed
    (number -> native id) so they come back unchanged."""
    pattern = re.compile(rf"^{prefix}([1-9]\d*)$")
    taken = {int(m.group(1)) for i in native if (m := pattern.match(i))}
    nxt = max(taken, default=0) + 1
    numbers: list[int] = []
    odd: dict[int, str] = {}
    for i in native:
        m = pattern.match(i)
        if m:
            numbers.append(int(m.group(1)))
        else:
            numbers.append(nxt)
            odd[nxt] = i
            nxt += 1
    return numbers, odd


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _label(doc: Document, ref: str) -> str:
    local = next((e for e in doc.entities if e.id == ref), None)
    labels = local.label if local else getattr(load_registry().get(ref), "label", {})
    return _one_line(labels.get(doc.lang) or labels.get("ar") or next(iter(labels.values()), ""))


def pick_mention(doc: Document, ref: str, start: int, end: int) -> int:
    """Index of the mention of ``ref`` a relation arc should start or end at: one inside the
    evidence if any, else the nearest to it (ties: the first)."""
    best, best_key = -1, (2, 0)
    for i, m in enumerate(doc.mentions):
        if m.ref != ref:
            continue
        inside = start <= m.start and m.end <= end
        dist = 0 if inside else min(abs(m.start - end), abs(start - m.end))
        key = (0 if inside else 1, dist)
        if key < best_key:
            best, best_key = i, key
    return best


def to_brat(doc: Document) -> tuple[str, str]:
    """The ``.txt`` and ``.ann`` texts of ``doc`` (the sidecar is ``to_sidecar``)."""
    for m in doc.mentions:
        if "\n" in m.text:
            raise ValueError(f"mention {m.id} spans a line break, which a brat line cannot hold")
    t_nums, _ = _number_ids([m.id for m in doc.mentions], "m")
    r_nums, _ = _number_ids([r.id for r in doc.relations], "r")
    lines: list[str] = []
    for m, n in zip(doc.mentions, t_nums, strict=True):
        lines.append(f"T{n}\t{m.type} {m.start} {m.end}\t{m.text}")
    for k, (m, n) in enumerate(zip(doc.mentions, t_nums, strict=True), 1):
        lines.append(f"N{k}\tReference T{n} {NORM_DB}:{m.ref}\t{_label(doc, m.ref)}")
    # One Evidence span per distinct sentence cited; spans across lines stay as offsets.
    next_t = max(t_nums, default=0) + 1
    evidence_t: dict[tuple[int, int], int] = {}
    for r in doc.relations:
        span = (r.evidence.start, r.evidence.end)
        piece = doc.text[span[0] : span[1]]
        if span not in evidence_t and "\n" not in piece and len(piece) == span[1] - span[0]:
            evidence_t[span] = next_t
            lines.append(f"T{next_t}\t{EVIDENCE} {span[0]} {span[1]}\t{piece}")
            next_t += 1
    notes: list[str] = []
    for r, n in zip(doc.relations, r_nums, strict=True):
        ev = r.evidence
        arg1 = pick_mention(doc, r.subject, ev.start, ev.end)
        arg2 = pick_mention(doc, r.object, ev.start, ev.end)
        if arg1 < 0 or arg2 < 0:
            raise ValueError(f"relation {r.id}: subject or object is not mentioned")
        lines.append(f"R{n}\t{r.type} Arg1:T{t_nums[arg1]} Arg2:T{t_nums[arg2]}")
        t_ev = evidence_t.get((ev.start, ev.end))
        pairs = [f"evidence=T{t_ev}" if t_ev else f"evidence={ev.start}-{ev.end}"]
        pairs += [f"{k}={format_value(k, v, spaces=False)}" for k, v in r.attrs.items()]
        notes.append(f"{NOTE} R{n}\t{' '.join(pairs)}")
    lines += [f"#{k}\t{note}" for k, note in enumerate(notes, 1)]
    return doc.text, "".join(line + "\n" for line in lines)


def to_sidecar(doc: Document) -> str:
    """YAML with what brat cannot hold: language, metadata, boilerplate, document entities,
    and the mention/relation ids that are not ``m<n>``/``r<n>``."""
    _, t_odd = _number_ids([m.id for m in doc.mentions], "m")
    _, r_odd = _number_ids([r.id for r in doc.relations], "r")
    data: dict[str, Any] = {
        "lang": doc.lang,
        "meta": doc.meta.model_dump(mode="json", exclude_none=True),
        "boilerplate": [[b.start, b.end] for b in doc.boilerplate],
        "entities": [e.model_dump(mode="json", exclude_defaults=True) for e in doc.entities],
        "ids": {**{f"T{n}": i for n, i in t_odd.items()}, **{f"R{n}": i for n, i in r_odd.items()}},
    }
    head = (
        "# mskg sidecar of a brat document: what brat cannot hold. Fix spans and links in brat;\n"
        "# edit document entities (id, type, label, props) here. See docs/formats.md.\n"
    )
    return head + yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=100)


def _write_atomic(path: Path, text: str) -> None:
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", newline="", dir=path.parent, delete=False, suffix=".tmp"
    ) as f:
        f.write(text)
    Path(f.name).replace(path)


def annotation_conf() -> str:
    """brat's ``annotation.conf`` for mskg: entity types are the ontology's classes (plus
    ``Evidence``), relation types its object properties. Argument types are left open
    (``<ENTITY>``): mskg checks domain and range when the file is read."""
    onto = load_ontology()
    props = sorted(p.name for p in onto.object_properties() if p.name != "mentions")
    lines = ["# Generated by mskg from mskg.ttl (mskg.loaders.brat.annotation_conf).", "[entities]"]
    lines += [*onto.entity_classes(), EVIDENCE, "", "[relations]"]
    lines += [f"{name}\tArg1:<ENTITY>, Arg2:<ENTITY>" for name in props]
    lines += ["<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>", "", "[events]", ""]
    lines += ["[attributes]", ""]
    return "\n".join(lines)


def write(doc: Document, folder: Path) -> Path:
    """Write ``{doc.id}.txt``, ``{doc.id}.ann`` and ``{doc.id}.mskg.yaml``; return the .ann.
    The folder also gets brat's ``annotation.conf`` when it has none."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "annotation.conf").exists():
        _write_atomic(folder / "annotation.conf", annotation_conf())
    txt, ann = to_brat(doc)
    side = to_sidecar(doc)
    _write_atomic(folder / f"{doc.id}.txt", txt)
    _write_atomic(folder / f"{doc.id}{SIDECAR_SUFFIX}", side)
    _write_atomic(folder / f"{doc.id}.ann", ann)
    return folder / f"{doc.id}.ann"


# -- reading ------------------------------------------------------------------------------


def _load_sidecar(path: Path, text: str, problems: list[Problem]) -> dict[str, Any]:
    if not path.exists():
        if re.search(r"[\u0600-\u06FF]", text):
            return {"lang": "ar"}
        problems.append(
            Problem(
                path.name,
                "no sidecar and the text is not Arabic",
                f"add {path.name} with a line `lang: fr` (or en)",
            )
        )
        return {}
    try:
        data = yaml.load(decode(path.read_bytes(), str(path)), Loader=_LOADER) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f"{path.name}:{mark.line + 1}" if mark else path.name
        problems.append(Problem(place, f"not valid YAML: {getattr(exc, 'problem', exc)}"))
        return {}
    if not isinstance(data, dict):
        problems.append(Problem(path.name, "the sidecar must be a mapping"))
        return {}
    for key in data:
        if key not in _SIDECAR_KEYS:
            problems.append(
                Problem(f"{path.name}: {key}", f"unknown key {key!r}", f"use {_SIDECAR_KEYS}")
            )
    return data


def parse(
    text: str, ann: str, sidecar: dict[str, Any], doc_id: str, source: str, sidecar_name: str
) -> Document:
    """Pure part of ``read``: the three inputs -> a validated Document."""
    problems: list[Problem] = []
    p = parse_ann(ann, text, problems)
    raw_ids = sidecar.get("ids") or {}
    if not isinstance(raw_ids, dict):
        raise InvalidDocument(
            source, [Problem(f"{sidecar_name}: ids", "must map brat ids to ids", "T31: m7-2")]
        )
    ids: dict[str, str] = {str(k): str(v) for k, v in raw_ids.items()}
    places: dict[str, str] = {}  # JSON path prefix -> .ann place, for parse_document's problems

    def native_id(brat_id: str, prefix: str) -> str:
        return ids.get(brat_id) or prefix + brat_id[1:]

    mentions: list[dict[str, Any]] = []
    refs: dict[str, str] = {}
    for t in p.ts.values():
        if t.type == EVIDENCE:
            continue
        where = f"line {t.line} ({t.id})"
        norms = p.norms.get(t.id, [])
        if len(norms) != 1:
            problems.append(
                Problem(
                    where,
                    f"{t.id} has {len(norms)} '{NORM_DB}:' normalisations",
                    f"give it exactly one line N…<TAB>Reference {t.id} {NORM_DB}:<entity id>",
                )
            )
            continue
        refs[t.id] = norms[0][1]
        base = native_id(t.id, "m")
        for k, (s, e) in enumerate(t.spans, 1):
            places[f"$.mentions[{len(mentions)}]"] = where
            mentions.append(
                {
                    "id": base if k == 1 else f"{base}-{k}",
                    "start": s,
                    "end": e,
                    "text": text[s:e],
                    "type": t.type,
                    "ref": refs[t.id],
                }
            )
    for target, norms in p.norms.items():
        if target not in p.ts and target not in p.broken:
            problems.append(
                Problem(f"line {norms[0][0]}", f"normalises {target}, which is not defined")
            )

    relations: list[dict[str, Any]] = []
    for num, rid, rtype, a1, a2 in p.rels:
        where = f"line {num} ({rid})"
        args = []
        for name, t_id in (("Arg1", a1), ("Arg2", a2)):
            arg = p.ts.get(t_id)
            if t_id in p.broken:
                continue
            if arg is None or arg.type == EVIDENCE:
                what = "is not defined" if arg is None else "is an Evidence span, not a mention"
                problems.append(
                    Problem(where, f"{name} {t_id} {what}", "point the relation at a mention")
                )
            elif t_id in refs:
                args.append(arg)
        evidence = _evidence(rid, p, args, where, problems)
        attrs: dict[str, Any] = {}
        for line, key, raw in p.attrs.get(rid, []):
            try:
                attrs[key] = parse_value(key, raw)
            except ValueError as exc:
                problems.append(Problem(f"line {line}", f"{key} {raw!r}: {exc}"))
            places[f"$.relations[{len(relations)}].attrs.{key}"] = f"line {line}"
        if len(args) != 2 or evidence is None:
            continue
        places[f"$.relations[{len(relations)}]"] = where
        relations.append(
            {
                "id": native_id(rid, "r"),
                "type": rtype,
                "subject": refs[args[0].id],
                "object": refs[args[1].id],
                "evidence": {"start": evidence[0], "end": evidence[1]},
                "attrs": attrs,
            }
        )
    rel_ids = {r[1] for r in p.rels}
    for target, items in p.attrs.items():
        if target not in rel_ids and target not in p.broken:
            problems.append(
                Problem(
                    f"line {items[0][0]}",
                    f"attribute on {target}, which is not a relation here",
                    "mskg attributes qualify relations (R lines) only",
                )
            )
    data = {
        "id": doc_id,
        "text": text,
        "lang": sidecar.get("lang"),
        "meta": sidecar.get("meta") or {},
        "boilerplate": _boilerplate(sidecar.get("boilerplate") or []),
        "entities": sidecar.get("entities") or [],
        "mentions": mentions,
        "relations": relations,
    }
    # The gate runs even when lines were refused, so one pass reports every problem; what
    # was refused is left out of ``data``, so nothing is reported twice.
    try:
        doc = parse_document(data, source)
    except InvalidDocument as exc:
        problems += [_relocate(pr, places, sidecar_name) for pr in exc.problems]
    if problems:
        raise InvalidDocument(source, problems)
    return doc


def _boilerplate(value: Any) -> Any:
    """Sidecar ``[start, end]`` pairs -> native spans; anything else goes to the gate as is,
    which reports it at ``boilerplate[i]``."""
    if not isinstance(value, list):
        return value
    return [
        {"start": b[0], "end": b[1]} if isinstance(b, list) and len(b) == 2 else b for b in value
    ]


def _evidence(
    rid: str, p: Parsed, args: list[TextBound], where: str, problems: list[Problem]
) -> tuple[int, int] | None:
    """A relation's evidence: ``evidence=T<e>`` (an Evidence span) or ``evidence=<s>-<e>`` in
    its note; with neither, the stretch from the first character of its two arguments to the
    last."""
    if rid in p.evidence:
        line, raw = p.evidence[rid]
        m = re.match(r"^(?:(T\d+)|(\d+)-(\d+))$", raw)
        t = p.ts.get(raw) if m and m.group(1) else None
        if m and m.group(2):
            return int(m.group(2)), int(m.group(3))
        if t is not None:
            return t.spans[0][0], t.spans[-1][1]
        problems.append(
            Problem(
                f"line {line}",
                f"evidence={raw} names no text-bound span",
                f"mark the sentence as an {EVIDENCE} span and write evidence=T<n>",
            )
        )
        return None
    if len(args) != 2:
        return None
    spans = [s for t in args for s in t.spans]
    return min(s for s, _ in spans), max(e for _, e in spans)


def _relocate(problem: Problem, places: dict[str, str], sidecar_name: str) -> Problem:
    """A JSON-path problem from the native gate, re-addressed to the .ann line it came from."""
    path = problem.place
    best = max((k for k in places if path == k or path.startswith(k + ".")), key=len, default="")
    if best:
        rest = path[len(best) :].lstrip(".")
        place = places[best] + (f" {rest}" if rest else "")
    elif path.startswith("$.") and path.split(".")[1].split("[")[0] in _SIDECAR_KEYS:
        place = f"{sidecar_name}: {path[2:]}"
    else:
        place = path
    return Problem(place, problem.message, problem.hint)


def sidecar_path(ann_path: Path) -> Path:
    return ann_path.with_name(ann_path.name[: -len(".ann")] + SIDECAR_SUFFIX)


def read(path: Path) -> Document:
    """Read ``X.ann`` with ``X.txt`` and (if present) ``X.mskg.yaml`` beside it."""
    path = Path(path)
    txt_path = path.with_suffix(".txt")
    if not txt_path.exists():
        raise InvalidDocument(
            str(path),
            [Problem("file", f"no {txt_path.name} beside it", "brat needs X.txt + X.ann")],
        )
    text = decode(txt_path.read_bytes(), str(txt_path))
    ann = decode(path.read_bytes(), str(path))
    problems: list[Problem] = []
    side = sidecar_path(path)
    sidecar = _load_sidecar(side, text, problems)
    if problems:
        raise InvalidDocument(str(side), problems)
    return parse(text, ann, sidecar, path.stem, str(path), side.name)

"""Label Studio JSON: a list of tasks, read from an export and written as pre-annotations.

The mapping (docs/formats.md has the full story; ``labeling_config()`` is the matching
project configuration):

- ``data.text`` is the text; ``data.mskg`` holds the document id, language, metadata and the
  document's own entities (the parts nobody edits in Label Studio);
- a mention is a region of the ``label`` control (``type: labels``, one ontology class) with a
  per-region ``ref`` textarea holding its entity id (registry or ``data.mskg.entities``);
- boilerplate is a ``label`` region labelled ``Boilerplate``;
- a relation is a region of the ``relation`` control over its evidence, labelled with the
  object property, with two arcs (``type: relation``) labelled ``subject`` and ``object`` to
  mention regions, and a per-region ``attrs`` textarea holding its qualifiers as one JSON
  object. A plain arc from one mention to another labelled with an object property is read
  too; its evidence is then the stretch covering both mentions.

Label Studio counts offsets in UTF-16 code units (JavaScript strings); mskg counts code
points. Both directions convert, so a character outside the BMP (an emoji, 𝐀) before a
mention does not shift it. Everything read ends in ``mskg.document.parse_document``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from mskg.document import Document, parse_document
from mskg.errors import InvalidDocument, Problem
from mskg.loaders.brat import pick_mention
from mskg.loaders.native import decode
from mskg.ontology import load_ontology

TEXT = "text"  # the Text object tag
LABEL = "label"  # Labels control for mentions (and Boilerplate)
REF = "ref"  # per-region TextArea: the entity id of a mention
RELATION = "relation"  # Labels control for relations, over the evidence
ATTRS = "attrs"  # per-region TextArea: a relation's qualifiers as a JSON object
BOILERPLATE = "Boilerplate"
SUBJECT, OBJECT = "subject", "object"
MODEL_VERSION = "mskg"


# -- offsets ------------------------------------------------------------------------------


def utf16_offsets(text: str) -> list[int]:
    """``out[i]`` is the UTF-16 offset of code point ``i`` (``out[len(text)]`` the length)."""
    out = [0]
    for ch in text:
        out.append(out[-1] + (2 if ord(ch) > 0xFFFF else 1))
    return out


# -- writing ------------------------------------------------------------------------------


def _region(
    rid: str, control: str, u16: list[int], start: int, end: int, **value: Any
) -> dict[str, Any]:
    return {
        "id": rid,
        "from_name": control,
        "to_name": TEXT,
        "type": "labels" if control in (LABEL, RELATION) else "textarea",
        "value": {
            "start": u16[start],
            "end": u16[end],
            **value,
        },
    }


def to_task(doc: Document) -> dict[str, Any]:
    """One task: ``data`` and the result list of its pre-annotation."""
    ids = [m.id for m in doc.mentions] + [r.id for r in doc.relations]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{doc.id}: a mention and a relation share an id; regions need unique ids")
    u16 = utf16_offsets(doc.text)
    result: list[dict[str, Any]] = []
    for m in doc.mentions:
        result.append(_region(m.id, LABEL, u16, m.start, m.end, text=m.text, labels=[m.type]))
        result.append(_region(m.id, REF, u16, m.start, m.end, text=[m.ref]))
    taken = set(ids)
    for i, b in enumerate(doc.boilerplate, 1):
        rid = next(
            f"boilerplate-{i}{'x' * k}"
            for k in range(len(taken) + 1)
            if f"boilerplate-{i}{'x' * k}" not in taken
        )
        taken.add(rid)
        result.append(
            _region(
                rid,
                LABEL,
                u16,
                b.start,
                b.end,
                text=doc.text[b.start : b.end],
                labels=[BOILERPLATE],
            )
        )
    for r in doc.relations:
        ev = r.evidence
        quote = doc.text[ev.start : ev.end]
        result.append(_region(r.id, RELATION, u16, ev.start, ev.end, text=quote, labels=[r.type]))
        if r.attrs:
            attrs = json.dumps(r.attrs, ensure_ascii=False)
            result.append(_region(r.id, ATTRS, u16, ev.start, ev.end, text=[attrs]))
        for role, ref in ((SUBJECT, r.subject), (OBJECT, r.object)):
            target = pick_mention(doc, ref, ev.start, ev.end)
            if target < 0:
                raise ValueError(f"relation {r.id}: {ref} is not mentioned")
            result.append(
                {
                    "from_id": r.id,
                    "to_id": doc.mentions[target].id,
                    "type": "relation",
                    "direction": "right",
                    "labels": [role],
                }
            )
    mskg = {
        "id": doc.id,
        "lang": doc.lang,
        "meta": doc.meta.model_dump(mode="json", exclude_none=True),
        "entities": [e.model_dump(mode="json", exclude_defaults=True) for e in doc.entities],
    }
    return {"data": {"text": doc.text, "mskg": mskg}, "result": result}


def to_labelstudio(docs: list[Document], *, as_annotations: bool = False) -> list[dict[str, Any]]:
    """Tasks to import into Label Studio: pre-annotations (``predictions``) by default, or
    finished ``annotations`` (for gold documents)."""
    tasks = []
    for doc in docs:
        task = to_task(doc)
        key = "annotations" if as_annotations else "predictions"
        entry: dict[str, Any] = {"result": task["result"]}
        if not as_annotations:
            entry["model_version"] = MODEL_VERSION
        tasks.append({"data": task["data"], key: [entry]})
    return tasks


def write(docs: list[Document], path: Path, *, as_annotations: bool = False) -> Path:
    """Write ``docs`` as one Label Studio JSON file (a list of tasks); return ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(to_labelstudio(docs, as_annotations=as_annotations), ensure_ascii=False)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(data + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


def labeling_config() -> str:
    """The Label Studio labeling configuration (XML) that matches this mapping."""
    onto = load_ontology()
    classes = "\n".join(
        f"    <Label value={quoteattr(c)}/>" for c in [*onto.entity_classes(), BOILERPLATE]
    )
    props = "\n".join(
        f"    <Label value={quoteattr(p.name)}/>"
        for p in sorted(onto.object_properties(), key=lambda p: p.name)
        if p.name != "mentions"
    )
    return f"""<View>
  <Relations>
    <Relation value="{SUBJECT}"/>
    <Relation value="{OBJECT}"/>
  </Relations>
  <Labels name="{LABEL}" toName="{TEXT}">
{classes}
  </Labels>
  <Labels name="{RELATION}" toName="{TEXT}">
{props}
  </Labels>
  <Text name="{TEXT}" value="$text"/>
  <TextArea name="{REF}" toName="{TEXT}" perRegion="true" maxSubmissions="1"
            placeholder="entity id, e.g. state/MAR"/>
  <TextArea name="{ATTRS}" toName="{TEXT}" perRegion="true" maxSubmissions="1"
            placeholder='relation qualifiers as JSON, e.g. {{"role": "participant"}}'/>
</View>
"""


# -- reading ------------------------------------------------------------------------------


def looks_like(data: Any) -> bool:
    """A Label Studio export: a list of tasks (or one task) with ``data``."""
    tasks = data if isinstance(data, list) else [data]
    return bool(tasks) and all(
        isinstance(t, dict) and isinstance(t.get("data"), dict) for t in tasks
    )


def _results(task: dict[str, Any], where: str, problems: list[Problem]) -> tuple[str, list]:
    """The result list to read: the last annotation not cancelled, else the first prediction."""
    for key in ("annotations", "predictions"):
        entries = task.get(key) or []
        if not isinstance(entries, list):
            problems.append(Problem(f"{where}.{key}", "must be a list"))
            return where, []
        live = [
            (i, e)
            for i, e in enumerate(entries)
            if isinstance(e, dict) and not e.get("was_cancelled")
        ]
        if live:
            i, entry = live[-1] if key == "annotations" else live[0]
            result = entry.get("result")
            if not isinstance(result, list):
                problems.append(Problem(f"{where}.{key}[{i}].result", "must be a list"))
                return where, []
            return f"{where}.{key}[{i}].result", result
    return where, []


def _span(
    value: dict[str, Any], text: str, u16: dict[int, int], place: str, problems: list[Problem]
) -> tuple[int, int] | None:
    start, end = value.get("start"), value.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        problems.append(Problem(place, "value.start and value.end must be integers"))
        return None
    if start not in u16 or end not in u16 or not start < end:
        problems.append(
            Problem(
                place,
                f"offsets {start}-{end} do not fit the text ({max(u16)} UTF-16 units)",
                "Label Studio offsets count UTF-16 code units, end exclusive, and never split a "
                "surrogate pair",
            )
        )
        return None
    s, e = u16[start], u16[end]
    quoted = value.get("text")
    if isinstance(quoted, str) and quoted != text[s:e]:
        problems.append(
            Problem(
                place,
                f"the region says {quoted!r} but the text there is {text[s:e]!r}",
                "fix start/end (UTF-16 code units) or the task text",
            )
        )
        return None
    return s, e


def _one_text(value: dict[str, Any]) -> str | None:
    items = value.get("text")
    items = [items] if isinstance(items, str) else items
    if not isinstance(items, list):
        return None
    items = [t.strip() for t in items if isinstance(t, str) and t.strip()]
    return items[-1] if items else None


def _task_document(task: Any, k: int, source: str) -> Document:
    where = f"[{k}]"
    problems: list[Problem] = []
    data = task.get("data", {})
    text = data.get("text")
    if not isinstance(text, str):
        raise InvalidDocument(
            source, [Problem(f"{where}.data.text", "no text", "put it in data.text")]
        )
    mskg = data.get("mskg") or {}
    if not isinstance(mskg, dict):
        raise InvalidDocument(source, [Problem(f"{where}.data.mskg", "must be an object")])
    doc_id = mskg.get("id") or (f"task-{task['id']}" if "id" in task else None)
    lang = mskg.get("lang") or ("ar" if re.search(r"[\u0600-\u06FF]", text) else None)
    rwhere, result = _results(task, where, problems)
    u16 = {u: i for i, u in enumerate(utf16_offsets(text))}

    labels: dict[str, tuple[int, str, str, tuple[int, int]]] = {}  # id -> j, control, label, span
    texts: dict[tuple[str, str], tuple[int, str | None]] = {}  # (id, control) -> j, text
    arcs: list[tuple[int, dict[str, Any]]] = []
    order: list[str] = []
    for j, item in enumerate(result):
        place = f"{rwhere}[{j}]"
        if not isinstance(item, dict):
            problems.append(Problem(place, "a result must be an object"))
            continue
        kind, control = item.get("type"), item.get("from_name")
        if kind == "relation":
            arcs.append((j, item))
            continue
        value = item.get("value")
        rid = item.get("id")
        if not isinstance(value, dict) or not isinstance(rid, str):
            problems.append(Problem(place, "a region needs an id and a value"))
            continue
        if kind == "labels" and control in (LABEL, RELATION):
            names = value.get("labels")
            if not isinstance(names, list) or len(names) != 1 or not isinstance(names[0], str):
                problems.append(Problem(place, "a region needs exactly one label"))
                continue
            span = _span(value, text, u16, place, problems)
            if span is None:
                continue
            if rid in labels:
                problems.append(Problem(place, f"two labelled regions share the id {rid!r}"))
                continue
            labels[rid] = (j, control, names[0], span)
            order.append(rid)
        elif kind == "textarea" and control in (REF, ATTRS):
            texts[(rid, control)] = (j, _one_text(value))
        else:
            problems.append(
                Problem(
                    place,
                    f"unexpected result {kind}/{control}",
                    "use the labeling config from `mskg.loaders.labelstudio.labeling_config()`",
                )
            )

    places: dict[str, str] = {}
    mentions: list[dict[str, Any]] = []
    boilerplate: list[dict[str, int]] = []
    region_ref: dict[str, str] = {}
    for rid in order:
        j, control, name, (s, e) = labels[rid]
        place = f"{rwhere}[{j}]"
        if control != LABEL:
            continue
        if name == BOILERPLATE:
            boilerplate.append({"start": s, "end": e})
            continue
        ref = texts.get((rid, REF), (j, None))[1]
        if ref is None:
            problems.append(
                Problem(place, f"region {rid} has no entity id", f"fill its '{REF}' field")
            )
            continue
        region_ref[rid] = ref
        places[f"$.mentions[{len(mentions)}]"] = f"{place} (region {rid})"
        mentions.append(
            {"id": rid, "start": s, "end": e, "text": text[s:e], "type": name, "ref": ref}
        )

    relations: list[dict[str, Any]] = []
    ends: dict[str, dict[str, list[str]]] = {}
    properties = {p.name for p in load_ontology().object_properties()}
    for j, arc in arcs:
        place = f"{rwhere}[{j}]"
        src, dst, names = arc.get("from_id"), arc.get("to_id"), arc.get("labels") or []
        if not isinstance(src, str) or not isinstance(dst, str) or not isinstance(names, list):
            problems.append(Problem(place, "an arc needs from_id, to_id and a list of labels"))
            continue
        if arc.get("direction") == "left":
            src, dst = dst, src
        for end in (src, dst):
            if end not in labels:
                problems.append(
                    Problem(place, f"the arc points at {end!r}, which is no region here")
                )
        if src not in labels or dst not in labels:
            continue
        if len(names) != 1 or not isinstance(names[0], str):
            problems.append(Problem(place, "an arc needs exactly one label", "subject or object"))
        elif names[0] in (SUBJECT, OBJECT):
            ends.setdefault(src, {}).setdefault(names[0], []).append(dst)
        elif names[0] in properties and src in region_ref and dst in region_ref:
            spans = [labels[src][3], labels[dst][3]]
            places[f"$.relations[{len(relations)}]"] = place
            relations.append(
                {
                    "id": f"{src}-{names[0]}-{dst}",
                    "type": names[0],
                    "subject": region_ref[src],
                    "object": region_ref[dst],
                    "evidence": {
                        "start": min(s for s, _ in spans),
                        "end": max(e for _, e in spans),
                    },
                    "attrs": {},
                }
            )
        else:
            problems.append(
                Problem(place, f"unknown arc label {names[0]!r}", "use subject, object")
            )
    for rid in order:
        j, control, name, (s, e) = labels[rid]
        if control != RELATION:
            continue
        place = f"{rwhere}[{j}] (region {rid})"
        args = {}
        for role in (SUBJECT, OBJECT):
            targets = ends.get(rid, {}).get(role, [])
            if len(targets) != 1 or targets[0] not in region_ref:
                problems.append(
                    Problem(
                        place,
                        f"relation {rid} has {len(targets)} '{role}' arcs to mentions",
                        f"draw exactly one '{role}' arc from it to a mention",
                    )
                )
            else:
                args[role] = region_ref[targets[0]]
        attrs: Any = {}
        ja, raw = texts.get((rid, ATTRS), (j, None))
        if raw:
            try:
                attrs = json.loads(raw)
            except ValueError as exc:
                problems.append(
                    Problem(f"{rwhere}[{ja}]", f"attrs are not JSON: {exc}", '{"role": "host"}')
                )
                continue
            if not isinstance(attrs, dict):
                problems.append(
                    Problem(f"{rwhere}[{ja}]", "attrs must be one JSON object", '{"role": "host"}')
                )
                continue
        if len(args) != 2:
            continue
        places[f"$.relations[{len(relations)}]"] = place
        relations.append(
            {
                "id": rid,
                "type": name,
                "subject": args[SUBJECT],
                "object": args[OBJECT],
                "evidence": {"start": s, "end": e},
                "attrs": attrs,
            }
        )
    if doc_id is None:
        problems.append(Problem(f"{where}.data.mskg.id", "no document id", "set data.mskg.id"))
    native = {
        "id": doc_id,
        "text": text,
        "lang": lang,
        "meta": mskg.get("meta") or {},
        "boilerplate": boilerplate,
        "entities": mskg.get("entities") or [],
        "mentions": mentions,
        "relations": relations,
    }
    # The gate runs even when results were refused, so one pass reports every problem.
    try:
        doc = parse_document(native, source)
    except InvalidDocument as exc:
        problems += [
            _relocate(p, places, f"{where}.data.mskg")
            for p in exc.problems
            if not (doc_id is None and p.place == "$.id")
        ]
    if problems:
        raise InvalidDocument(source, problems)
    return doc


def _relocate(problem: Problem, places: dict[str, str], data_place: str) -> Problem:
    path = problem.place
    best = max((k for k in places if path == k or path.startswith(k + ".")), key=len, default="")
    if best:
        rest = path[len(best) :].lstrip(".")
        place = places[best] + (f" {rest}" if rest else "")
    elif path.startswith("$."):
        place = f"{data_place}.{path[2:]}"
    else:
        place = path
    return Problem(place, problem.message, problem.hint)


def parse(data: Any, source: str) -> list[Document]:
    """Pure part of ``read``: an export's JSON value -> validated Documents."""
    tasks = data if isinstance(data, list) else [data]
    docs: list[Document] = []
    problems: list[Problem] = []
    for k, task in enumerate(tasks):
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            problems.append(Problem(f"[{k}]", "not a Label Studio task", "a task has data.text"))
            continue
        try:
            docs.append(_task_document(task, k, source))
        except InvalidDocument as exc:
            problems += exc.problems
    if problems:
        raise InvalidDocument(source, problems)
    return docs


def read(path: Path) -> list[Document]:
    """The documents of a Label Studio JSON export (every task must be valid)."""
    return parse(decode(Path(path).read_bytes(), str(path)), str(path))

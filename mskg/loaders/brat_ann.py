"""The brat ``.ann`` line syntax: T, N, R, A and ``#`` lines read into plain records, and
attribute values typed by the ontology. ``mskg.loaders.brat`` maps these records to the
native model; this module knows nothing of mentions or relations."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from mskg.document import DATE_PROPERTIES, Scalar
from mskg.errors import InvalidDocument, Problem
from mskg.ontology import load_ontology

NORM_DB = "mskg"
NOTE = "AnnotatorNotes"
_INT = ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")
_FLOAT = ("decimal", "float", "double")


# -- attribute values ---------------------------------------------------------------------
# An A line or a note pair holds text; the ontology's datatype says what Python type it
# reads back as, so `confidence=0.9` is a float and `date=2013` stays the string "2013".


def _kind(prop: str) -> type | None:
    if prop in DATE_PROPERTIES:
        return str
    p = load_ontology().properties.get(prop)
    dt = (p.datatype or "").rsplit("#", 1)[-1] if p else ""
    if dt in _INT:
        return int
    if dt in _FLOAT:
        return float
    if dt == "boolean":
        return bool
    return str if dt else None


def parse_value(prop: str, raw: str) -> Scalar:
    """The value of attribute ``prop`` from its text; ValueError when it does not fit."""
    if raw.startswith('"'):  # a JSON string: how the writer keeps tabs, newlines, "2013"…
        value = json.loads(raw)
        if not isinstance(value, str):
            raise ValueError("a quoted value must be one JSON string")
        return value
    kind = _kind(prop)
    if kind is str:
        return raw
    if kind is bool or (kind is None and raw in ("true", "false")):
        if raw not in ("true", "false"):
            raise ValueError(f"{prop} is true or false")
        return raw == "true"
    if kind is int:
        return int(raw)
    if kind is float:
        return float(raw)
    try:  # no declared datatype: a JSON number, else the text itself
        value = json.loads(raw)
    except ValueError:
        return raw
    return value if isinstance(value, int | float) else raw


def format_value(prop: str, value: Scalar, *, spaces: bool = True) -> str:
    """Text that ``parse_value`` reads back as ``value``: bare when it can be, else a JSON
    string (``spaces=False``: also when it holds a space, as inside a note's pairs)."""
    bare = value if isinstance(value, str) else json.dumps(value)
    ok = bare and bare == bare.strip() and not re.search(r"[\n\r\t]" if spaces else r"\s", bare)
    if ok and not bare.startswith('"'):
        try:
            back = parse_value(prop, bare)
        except ValueError:
            back = None
        if back == value and type(back) is type(value):
            return bare
    return json.dumps(value, ensure_ascii=False)


@dataclass
class TextBound:
    line: int
    id: str
    type: str
    spans: list[tuple[int, int]]


@dataclass
class Parsed:
    ts: dict[str, TextBound] = field(default_factory=dict)
    norms: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # T -> (line, ref)
    rels: list[tuple[int, str, str, str, str]] = field(default_factory=list)  # line,id,type,a1,a2
    attrs: dict[str, list[tuple[int, str, str]]] = field(default_factory=dict)  # R -> line,k,v
    evidence: dict[str, tuple[int, str]] = field(default_factory=dict)  # R -> line, value
    broken: set[str] = field(default_factory=set)  # ids already reported: no follow-up errors


def decode(raw: bytes, source: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        hint = "save it as UTF-8"
        if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
            hint = "it looks like UTF-16: save it as UTF-8"
        raise InvalidDocument(source, [Problem(f"byte {exc.start}", "not UTF-8", hint)]) from None
    if text.startswith("\ufeff"):
        raise InvalidDocument(
            source,
            [Problem("byte 0", "starts with a byte-order mark", "save as UTF-8 without BOM")],
        )
    return text


def parse_ann(ann: str, text: str, problems: list[Problem]) -> Parsed:
    out = Parsed()
    seen: set[str] = set()
    n = len(text)
    for num, line in enumerate(ann.split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        where = f"line {num}"
        ident, _, rest = line.partition("\t")
        if not rest or not re.match(r"^([A-Z]\d+|#\d*)$", ident):
            problems.append(
                Problem(
                    where,
                    f"cannot read {line[:40]!r}",
                    "each line is ID<TAB>…, e.g. T1<TAB>State 0 6<TAB>المغرب",
                )
            )
            continue
        where = f"line {num} ({ident})"
        if ident in seen:
            problems.append(Problem(where, f"duplicate id {ident}", "give each line its own id"))
            continue
        seen.add(ident)
        out.broken.add(ident)  # until the line is read in full
        kind = ident[0]
        if kind == "T":
            data, tab, mark = rest.partition("\t")
            m = re.match(r"^(\S+) (\d+ \d+(?:;\d+ \d+)*)$", data)
            if not m or not tab:
                problems.append(
                    Problem(
                        where, "malformed text-bound line", "write T1<TAB>Class START END<TAB>text"
                    )
                )
                continue
            spans = [tuple(map(int, s.split())) for s in m.group(2).split(";")]
            bad = [f"{s}-{e}" for s, e in spans if not 0 <= s < e <= n]
            if bad:
                problems.append(
                    Problem(
                        where,
                        f"span {', '.join(bad)} is outside the text of {n} characters",
                        "offsets count code points, end exclusive; is the .txt the right one?",
                    )
                )
                continue
            marked = " ".join(text[s:e] for s, e in spans)
            if mark != marked:
                problems.append(
                    Problem(
                        where,
                        f"the line says {mark!r} but the text there is {marked!r}",
                        "fix the offsets (code points, end exclusive) or the .txt",
                    )
                )
                continue
            out.ts[ident] = TextBound(num, ident, m.group(1), spans)  # type: ignore[arg-type]
            out.broken.discard(ident)
        elif kind == "N":
            m = re.match(r"^(\S+) (\S+) ([^\s:]+):(\S+)(\t.*)?$", rest)
            if not m:
                problems.append(
                    Problem(where, "malformed normalisation", "write Reference T1 mskg:state/MAR")
                )
                continue
            if m.group(3) == NORM_DB:
                out.norms.setdefault(m.group(2), []).append((num, m.group(4)))
            out.broken.discard(ident)
        elif kind == "R":
            m = re.match(r"^(\S+) Arg1:(\S+) Arg2:(\S+)\s*$", rest)
            if not m:
                problems.append(
                    Problem(
                        where, "malformed relation", "write R1<TAB>participatedIn Arg1:T1 Arg2:T2"
                    )
                )
                continue
            out.rels.append((num, ident, m.group(1), m.group(2), m.group(3)))
            out.broken.discard(ident)
        elif kind == "A":
            m = re.match(r"^(\S+) (\S+)(?: (.+))?$", rest)
            if not m:
                problems.append(Problem(where, "malformed attribute", "write role R1 participant"))
                continue
            out.attrs.setdefault(m.group(2), []).append((num, m.group(1), m.group(3) or "true"))
            out.broken.discard(ident)
        elif kind == "#":
            m = re.match(r"^(\S+) (\S+)\t(.*)$", rest)
            if m and m.group(1) == NOTE and m.group(2).startswith("R"):
                _relation_note(m.group(2), m.group(3), num, out, problems)
            out.broken.discard(ident)
        else:
            problems.append(
                Problem(
                    where,
                    f"{kind} lines (events, equivalences, modifiers) are not part of mskg",
                    "use T, N, R, A and # AnnotatorNotes lines",
                )
            )
    return out


_PAIR = re.compile(r'\s*(\w+)=("(?:[^"\\]|\\.)*"|[^\s"]\S*)')


def _relation_note(target: str, note: str, num: int, out: Parsed, problems: list[Problem]):
    """``evidence=T7 role=participant date=2013-04``: the evidence and qualifiers of a
    relation, in its note (brat cannot show attributes on relations; it shows notes)."""
    pos, pairs = 0, []
    while pos < len(note.rstrip()):
        m = _PAIR.match(note, pos)
        if not m:
            problems.append(
                Problem(
                    f"line {num}",
                    f"cannot read the note of {target} at {note[pos : pos + 20]!r}",
                    'write key=value pairs: evidence=T7 role=participant onBehalfOf="…"',
                )
            )
            return
        pairs.append(m.groups())
        pos = m.end()
    for key, raw in pairs:
        if key == "evidence":
            out.evidence[target] = (num, raw)
        else:
            out.attrs.setdefault(target, []).append((num, key, raw))

"""Titles bound to people and to the state or body next to them.

A title (وزير الداخلية، رئيس الوزراء، المدير العام للأمن الوطني، سفير…) becomes a ``Post``
mention when it can be resolved:
1. the gazetteer already found a registry post (qualified forms: وزير داخلية ليبيا، وزير
   الداخلية الجزائري);
2. a generic title followed by a state (nisba or construct state) -> ``post/{iso3}-{slug}``,
   from the registry if it exists there, otherwise proposed as a document entity;
3. a generic title next to a registry person -> the post that person holds in the registry.
The person is the name right after the title (after "،" and honorifics such as السيد،
معالي، الشيخ) or right before it ("لطفي بن جدو، وزير داخلية تونس"). A name after a title
that the registry does not know is proposed as a new ``Person`` with ``needsReview``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from mskg.annotate import forms
from mskg.annotate.draft import Draft
from mskg.annotate.gazetteer import Match
from mskg.annotate.segment import Token
from mskg.arabic import normalize
from mskg.ontology import load_registry

TITLES: list[tuple[tuple[str, ...], str, str]] = [
    (("وزير الداخلية", "وزير داخلية"), "minister-of-interior", "Minister of the Interior"),
    (
        ("وزير الخارجية", "وزير الشؤون الخارجية", "وزير خارجية"),
        "minister-of-foreign-affairs",
        "Minister of Foreign Affairs",
    ),
    (("وزير العدل", "وزير عدل"), "minister-of-justice", "Minister of Justice"),
    (("وزير الدفاع", "وزير دفاع"), "minister-of-defence", "Minister of Defence"),
    (
        ("رئيس مجلس الوزراء", "رئيس الوزراء", "رئيس الحكومة", "الوزير الأول"),
        "prime-minister",
        "Prime Minister",
    ),
    (
        ("المدير العام للأمن الوطني",),
        "dgsn-director-general",
        "Director-General of National Security",
    ),
    (("المدير العام للشرطة",), "police-director-general", "Director-General of the Police"),
    (("سفير",), "ambassador", "Ambassador"),
]
_TITLE_OF = {normalize(f): (slug, en) for fs, slug, en in TITLES for f in fs}
_TITLE_RE = re.compile(
    r"(?<!\w)(?:[وف]?[بلك]?)("
    + "|".join(sorted(map(re.escape, _TITLE_OF), key=len, reverse=True))
    + r")(?!\w)"
)
HONORIFICS = frozenset(
    normalize(w) for w in ("السيد", "السيدة", "معالي", "الشيخ", "الدكتور", "اللواء", "الفريق")
)
_STOP = frozenset(
    normalize(w)
    for w in [
        "في",
        "من",
        "على",
        "إلى",
        "الى",
        "عن",
        "أن",
        "ان",
        "إن",
        "الذي",
        "التي",
        "الذين",
        "كلمة",
        "خلال",
        "مع",
        "حيث",
        "قد",
        "كما",
        "لدى",
        "عند",
        "بين",
        "قال",
        "أكد",
        "أوضح",
        "أشار",
        "دعا",
        "هذا",
        "هذه",
        "ذلك",
        "تلك",
        "وزير",
        "وزيرة",
        "رئيس",
        "مدير",
        "سفير",
        "الوفد",
        "نظيره",
        "نظيرته",
        "يوم",
        "أمس",
        "اليوم",
        "بعد",
        "قبل",
        "نظيره",
        "نظيرته",
        "ممثل",
        "ممثلو",
        "ممثلون",
    ]
)
_ARABIC_WORD = re.compile(r"^[\u0621-\u064A]+$")
_TRANSLIT = str.maketrans(
    {
        "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j",
        "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh",
        "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "a", "غ": "gh", "ف": "f", "ق": "q",
        "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "a", "و": "ou", "ي": "i",
        "ى": "a", "ئ": "i", "ؤ": "ou", "ء": "", " ": "-",
    }
)  # fmt: skip


def slug(arabic: str) -> str:
    s = re.sub(r"[^a-z0-9-]+", "", normalize(arabic).translate(_TRANSLIT).lower())
    return re.sub(r"-+", "-", s).strip("-") or "x"


@cache
def _nisbas() -> dict[str, str]:
    """State id -> nisba stem, for the states of the registry."""
    return {
        e.id: s
        for e in load_registry()
        if e.type == "State" and (s := forms.nisba_stem(e.label.get("ar", "")))
    }


@dataclass
class Binding:
    person: str
    post: str | None
    span: tuple[int, int]  # from the start of the first to the end of the last part


def _state_after(
    tokens: list[Token], i: int, states: dict[str, str], matches_at
) -> tuple[str, int] | None:
    """A state qualifying the title that ends before token ``i``: nisba or construct."""
    if i >= len(tokens):
        return None
    m = matches_at.get(tokens[i].start)
    if m is not None and m.type == "State":
        return m.ref, m.end
    stem = tokens[i].key
    for ref, nisba in states.items():
        if stem in forms.nisba_forms(nisba):
            return ref, tokens[i].end
    return None


def bind_titles(
    draft: Draft, toks: list[Token], matches: list[Match], key: str, offsets
) -> list[Binding]:
    text = draft.text
    registry = draft.registry
    matches_at = {m.start: m for m in matches}
    persons = [m for m in matches if m.type == "Person"]
    nisbas = _nisbas()
    tok_at = {t.start: i for i, t in enumerate(toks)}
    covered = [(m.start, m.end) for m in matches if m.type not in ("ThreatDomain",)]
    titles: list[tuple[int, int, str | None, str | None]] = []  # start, end, post, slug
    for m in matches:
        if m.type == "Post":
            titles.append((m.start, m.end, m.ref, None))
    if True:  # the title regex runs on the normalised key, spans map back by offsets
        for tm in _TITLE_RE.finditer(key):
            ks, ke = tm.span(1)
            s, e = offsets[ks], offsets[ke - 1] + 1
            if any(a <= s and e <= b for a, b in covered):
                continue
            tslug, _ = _TITLE_OF[tm.group(1)]
            post = None
            i = tok_at.get(e + 1) if e < len(text) and text[e] == " " else None
            q = _state_after(toks, i, nisbas, matches_at) if i is not None else None
            if q is not None:
                state, e = q
                iso = state.split("/")[1].lower()
                post = f"post/{iso}-{tslug}"
                if post not in registry:
                    draft.entity(post, "Post", text[s:e], roleTitle=text[s:e])
            titles.append((s, e, post, tslug))
    titles += _counterparts(draft, toks, titles, nisbas, matches_at)
    bindings: list[Binding] = []
    last: tuple[int, tuple[str, int, int]] | None = None
    for s, e, post, office in sorted(titles):
        person = _person_near(draft, toks, tok_at, persons, s, e)
        if person is None and last and text[last[0] : s].strip(" ،,") in ("", "و"):
            person = last[1]  # "رئيس مجلس الوزراء ووزير الداخلية": one person, two offices
        if person is not None:
            last = (e, person)
        if person is None:
            if post is not None:
                draft.mention(s, e, post)
            continue
        pref, ps, pe = person
        known = registry.get(pref)
        if post is None and office and known is not None:
            held = [r.to for r in known.rels.get("holds", [])]
            post = next((h for h in held if h.endswith(office)), None)
        draft.mention(ps, pe, pref)
        if post is not None and draft.mention(s, e, post):
            span = (min(s, ps), max(e, pe))
            draft.relate("holds", pref, post, span, 0.9 if pref in registry else 0.6)
        bindings.append(Binding(pref, post, (min(s, ps), max(e, pe))))
    return bindings


COUNTERPARTS = frozenset({"نظيره", "نظيرته", "نظيرها", "نظيرتها"})


def _counterparts(draft, toks, titles, nisbas, matches_at) -> list:
    """ "ونظيره الإيطالي" after a title: the same office for another state."""
    out = []
    text = draft.text
    for k, t in enumerate(toks):
        clitic = t.key[:1] in ("و", "ف") and t.key[1:] in COUNTERPARTS
        if not (t.key in COUNTERPARTS or clitic):
            continue
        prior = [x for x in titles if x[1] <= t.start and t.start - x[1] <= 200]
        q = _state_after(toks, k + 1, nisbas, matches_at)
        if not prior or q is None:
            continue
        _, _, ppost, pslug = max(prior, key=lambda x: x[1])
        office = pslug or (ppost.split("/", 1)[1].split("-", 1)[1] if ppost else None)
        if office is None:
            continue
        state, end = q
        start = t.start + (1 if clitic else 0)
        post = f"post/{state.split('/')[1].lower()}-{office}"
        if post not in draft.registry:
            draft.entity(post, "Post", text[start:end], roleTitle=office.replace("-", " "))
        out.append((start, end, post, office))
    return out


def _person_near(draft, toks, tok_at, persons, s, e) -> tuple[str, int, int] | None:
    text = draft.text
    j = e
    while j < len(text) and (text[j] in " ،,٬" or text[j].isspace()):
        j += 1
    # honorifics between the title and the name
    while j in tok_at and toks[tok_at[j]].key in HONORIFICS:
        j = toks[tok_at[j]].end
        while j < len(text) and text[j] in " ،,":
            j += 1
    for p in persons:
        if p.start == j or (p.start > j and not text[j : p.start].strip(" ")):
            return p.ref, p.start, p.end
    for p in persons:  # name before the title: "لطفي بن جدو، وزير داخلية تونس"
        if p.end <= s and not text[p.end : s].strip(" ،,٬"):
            return p.ref, p.start, p.end
    if j not in tok_at:
        return None
    k = tok_at[j]
    parts: list[Token] = []
    while k < len(toks) and len(parts) < 4:
        t = toks[k]
        bare = t.key[1:] if t.key[:1] in ("و", "ف") else t.key
        if not _ARABIC_WORD.match(t.text) or {t.key, bare} & (_STOP | HONORIFICS):
            break
        if not parts and t.key.startswith("ال"):
            break
        if t.key.startswith("و") and not t.key.startswith("ولد") and len(t.key) > 3:
            break  # "وزير الداخلية والجماعات المحلية": the title goes on, no name here
        if any(p.start <= t.start < p.end for p in draft_matches(draft)):
            break
        parts.append(t)
        k += 1
        if k < len(toks) and toks[k].start != parts[-1].end + 1:
            break  # punctuation or a line break ends the name
    if len(parts) < 2:
        return None
    name = text[parts[0].start : parts[-1].end]
    pid = f"person/{slug(name)}"
    if pid in draft.registry:
        pid += "-2"
    draft.entity(pid, "Person", name)
    return pid, parts[0].start, parts[-1].end


def draft_matches(draft: Draft) -> list[Match]:
    return getattr(draft, "matches", [])

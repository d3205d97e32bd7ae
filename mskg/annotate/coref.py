"""Mentions the gazetteer's longest match does not give: names nested in a longer name,
organisations named again by their head noun (المجلس، الاتحاد), and the kind of an event
that the article first calls a meeting (اجتماع، دورة) and elsewhere a seminar or conference.

These follow the annotation guidelines (docs/guidelines.md): a nested name is a mention when
it refers on its own (ليبيا in وزير داخلية ليبيا, the union in its council's name), not when
it is a fixed part of a proper name (المغرب العربي in اتحاد المغرب العربي); a definite noun
that repeats an organisation's head noun refers to the nearest such organisation before it.
"""

from __future__ import annotations

import bisect
import re

from mskg.annotate.draft import Draft
from mskg.annotate.frames import MEET_VERBS
from mskg.annotate.gazetteer import PROCLITICS, Match, default_gazetteer
from mskg.arabic import normalize, strip_clitics
from mskg.document import Mention

# Outer mentions whose words may hold a name that refers on its own, and the kinds of inner
# names taken there (a region inside a union's name is part of that name, not a mention).
_OUTER = frozenset(["Post", "IntergovernmentalOrganization", "GovernmentBody", "Ministry"])
_INNER = frozenset(["State", "City", "IntergovernmentalOrganization", "Forum"])

# Definite head nouns that name an organisation again ("كما أكد المجلس"), normalised.
_HEADS = {normalize(w): normalize(w[2:]) for w in ("المجلس", "الاتحاد", "المنظمة", "الجامعة")}
_ORG_TYPES = frozenset(["IntergovernmentalOrganization", "Forum"])
_ORG_WINDOW = 3000  # characters back to look for the organisation; about a long article

# Event nouns more specific than اجتماع/دورة/لقاء (Meeting), normalised.
_SPECIFIC = {"ندوه": "Seminar", "ملتقي": "Seminar", "موتمر": "Conference", "قمه": "Summit"}


def nested(draft: Draft, text: str, key: str, offsets) -> list[Match]:
    """Names inside a Post or organisation mention that refer on their own."""
    gaz = default_gazetteer()
    out: list[Match] = []
    for m in list(draft.mentions):
        if m.type not in _OUTER:
            continue
        k0, k1 = _key_span(offsets, m.start, m.end)
        k0 = key.find(" ", k0, k1) + 1  # from the second word: the whole name would win
        if k0 == 0:
            continue
        for x in gaz.find(text, key[k0:k1], offsets[k0:k1]):
            if x.type in _INNER and x.ref != m.ref and (x.start, x.end) != (m.start, m.end):
                out.append(x)
    return out


def _key_span(offsets, start: int, end: int) -> tuple[int, int]:
    """Key indices of a text span (``offsets`` maps a key index to a text index)."""
    if isinstance(offsets, range):
        return start, end
    return bisect.bisect_left(offsets, start), bisect.bisect_left(offsets, end)


def head_nouns(draft: Draft, key: str, offsets) -> list[tuple[int, int, str]]:
    """(start, end, ref) of المجلس/الاتحاد… that name again the nearest organisation before."""
    registry = draft.registry
    names: dict[str, list[tuple[str, str]]] = {}
    for e in registry:
        if e.type not in _ORG_TYPES:
            continue
        for lang, name in e.all_names():
            n = normalize(name)
            if lang == "ar" and " " in n:
                names.setdefault(n.split()[0], []).append((n, e.id))
    found: list[tuple[int, int, str]] = []
    for word, bare in _HEADS.items():
        i = key.find(word)
        while i != -1:
            end = i + len(word)
            w = i
            while w > 0 and key[w - 1].isalnum():
                w -= 1
            after = key[end : end + 1]
            if key[w:i] in PROCLITICS and not (after and after.isalnum()):
                ref = _antecedent(key, i, names.get(bare, []))
                if ref and _standalone(key, end):
                    found.append((offsets[i], offsets[end - 1] + 1, ref))
            i = key.find(word, end)
    return found


def _standalone(key: str, end: int) -> bool:
    """Not the head of another name: a definite noun is never first in a construct, so a
    definite word after it is an adjective (المجلس الأعلى، المجلس الوطني: another body,
    recognised by its nisba or elative ending) or the next constituent (دعا المجلس الدول)."""
    nxt = key[end : end + 16].split()
    if not nxt or nxt[0] in _FUNCTION_WORDS:
        return True
    return not (nxt[0].startswith("ال") and nxt[0].endswith(("ي", "يه")))


# Words that look like a definite nisba once normalised (إلى -> الي, الذي).
_FUNCTION_WORDS = frozenset(["الي", "الذي", "التي", "اللذين", "اللتين"])


def _antecedent(key: str, pos: int, candidates: list[tuple[str, str]]) -> str | None:
    best, best_at = None, -1
    lo = max(0, pos - _ORG_WINDOW)
    for name, ref in candidates:
        at = key.rfind(name, lo, pos)
        if at == -1:  # "لاتحاد المغرب العربي": the name with a proclitic and no article
            at = key.rfind(name.removeprefix("ال"), lo, pos)
        if at > best_at:
            best, best_at = ref, at
    return best


def refine_event_types(draft: Draft) -> None:
    """A document event typed Meeting that a mention calls ندوة/مؤتمر/قمة takes that type."""
    for ref, e in list(draft.entities.items()):
        if e.type != "Meeting" or not ref.startswith("event/"):
            continue
        kinds = []  # in text order: the first specific naming is usually the fullest one
        for m in sorted(draft.mentions, key=lambda m: m.start):
            if m.ref != ref:
                continue
            for word in normalize(m.text).split()[:3]:
                for noun, kind in _SPECIFIC.items():
                    if word.removeprefix("ل").removeprefix("ال").removeprefix("ل") == noun:
                        kinds.append(kind)
        if kinds:
            kind = kinds[0]
            draft.entities[ref] = e.model_copy(update={"type": kind})
            draft.mentions[:] = [
                m.model_copy(update={"type": kind}) if m.ref == ref else m for m in draft.mentions
            ]


# Kinds of name a session, meeting or document is named after (اجتماع نواكشوط، الدورة
# الخامسة لمجلس…، البيان الختامي للدورة ال35، اجتماع لجنة المتابعة).
_OWNER_TYPES = frozenset(
    [
        "City",
        "IntergovernmentalOrganization",
        "Forum",
        "Committee",
        "WorkingGroup",
        "Meeting",
        "Seminar",
        "Conference",
        "Summit",
    ]
)


# "اجتماع وزراء الداخلية", "قمة وزراء الداخلية المغاربيين": a ministers' meeting named by
# the ministers' portfolio and, optionally, their nisba (a plural in -يين/-ين).
_MINISTERS = re.compile(r" وزراء (?:ال)?\w+(?: \w+(?:يين|يون))?")


def construct_spans(draft: Draft) -> None:
    """Widen a document event's or agreement's mention over the name it is in construct
    with: an indefinite head followed by a name (اجتماع نواكشوط), or a head followed by ل +
    a body or an event (الدورة الخامسة لمجلس وزراء…). The inner name stays a mention."""
    by_start: dict[int, Mention] = {}
    for m in draft.mentions:  # the longest mention starting at each place
        if m.start not in by_start or m.end > by_start[m.start].end:
            by_start[m.start] = m
    for i, m in enumerate(list(draft.mentions)):
        if not (m.ref.startswith("event/") or m.ref.startswith("agreement/")):
            continue
        if MEET_VERBS.intersection(strip_clitics(normalize(m.text.split()[0]))):
            continue  # a verb (يجتمع فريق العمل) is not in construct with its subject
        ministers = _MINISTERS.match(draft.text, m.end)
        if ministers and " " not in m.text and not normalize(m.text).startswith("ال"):
            end = ministers.end()
            tail = by_start.get(end + 1) or by_start.get(end + 2)
            if tail is not None and tail.type in ("Region", "State", "City"):
                end = tail.end  # اجتماع وزراء داخلية المغرب العربي، … بالجزائر
            _widen(draft, i, m, end)
            continue
        gap = draft.text[m.end : m.end + 2]
        if not gap.startswith(" "):
            continue
        last = normalize(m.text.split()[-1]) if m.text.split() else ""
        nxt = by_start.get(m.end + 1)
        via_lam = by_start.get(m.end + 2) if gap == " ل" else None
        target = None
        if nxt and nxt.type in _OWNER_TYPES and nxt.ref != m.ref:
            # indefinite head + name, or a name written with ل + article (للدورة ال35)
            if not last.startswith("ال") or nxt.text.startswith("لل"):
                target = nxt
        elif via_lam and via_lam.type in _OWNER_TYPES and via_lam.ref != m.ref:
            target = via_lam
        if target is not None:
            _widen(draft, i, m, target.end)
        elif " " not in m.text and (last.startswith("ال") or last.startswith("لل")):
            end = _adjectives_end(draft.text, m.end)
            if end > m.end:  # الندوة العلمية، للقمة الأمنية المغاربية
                _widen(draft, i, m, end)
    for i, m in enumerate(list(draft.mentions)):
        if m.ref.startswith("event/") and draft.text[max(0, m.start - 4) : m.start] == "أول ":
            _widen(draft, i, m, m.end, start=m.start - 4)  # أول اجتماع: the ordinal is the head


def _adjectives_end(text: str, end: int) -> int:
    """End of the definite nisba adjectives right after a definite noun."""
    pos = end
    for word in re.finditer(r" (\w+)", text[end : end + 60]):
        if word.start() != pos - end:
            break
        w = normalize(word.group(1))
        if w in _FUNCTION_WORDS or not (w.startswith("ال") and w.endswith(("ي", "يه"))):
            break
        pos = end + word.end()
    return pos


def _widen(draft: Draft, i: int, m, end: int, start: int | None = None) -> None:
    start = m.start if start is None else start
    if (start, end) in draft._spans:
        return
    draft._spans.pop((m.start, m.end), None)
    new = m.model_copy(update={"start": start, "end": end, "text": draft.text[start:end]})
    draft.mentions[i] = new
    draft._spans[(new.start, new.end)] = new.id

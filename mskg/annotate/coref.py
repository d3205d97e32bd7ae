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

from mskg.annotate.draft import Draft
from mskg.annotate.gazetteer import PROCLITICS, Match, default_gazetteer
from mskg.arabic import normalize

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
    """Not the head of a longer name (المجلس الأعلى…): the next word is not a genitive
    noun with the article, which would make the phrase a name of its own."""
    nxt = key[end : end + 12].split()
    return not nxt or not (nxt[0].startswith("ال") and not nxt[0].endswith("ي"))


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

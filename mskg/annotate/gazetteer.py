"""Longest-match gazetteer over the registry and the thesaurus, on the normalised text.

Patterns are the normalised labels and aliases of every registry entity (the thesaurus
concepts come in through ``load_registry`` as ``domain/...`` entities), in all languages,
plus derived Arabic forms (``forms``): the ``لل`` spelling of ل + article, article-less
(indefinite) forms of threat domains, qualified names ``X (State)`` with the state's nisba
or in construct state, and "الوفد/الجانب + nisba" for states. One Aho–Corasick automaton
(pyahocorasick) finds every occurrence in one pass; a hit counts only on word boundaries,
optionally after the proclitics و ف + ب ل ك, which stay outside the mention span.
Overlaps are resolved longest first. Offsets map back to the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import ahocorasick

from mskg.annotate import forms
from mskg.arabic import normalize
from mskg.ontology import Registry, load_registry

# Proclitic strings allowed before a name inside the same written word (normalised).
PROCLITICS = frozenset(["", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"])
_PARENS = re.compile(r"^(.*?)\s*\((.+)\)\s*$")


@dataclass(frozen=True)
class Entry:
    ref: str
    type: str
    acronym: bool = False  # an all-caps Latin alias: must appear in capitals
    derived: bool = False  # a generated form rather than a registry name


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    ref: str
    type: str
    prefix: str  # proclitics before the name in the same word (normalised)


def _word(c: str) -> bool:
    return c.isalnum()


class Gazetteer:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.patterns: dict[str, list[Entry]] = {}
        states = {e.id: e for e in registry if e.type == "State"}
        by_label = {normalize(e.label["ar"]): e.id for e in states.values() if "ar" in e.label}
        for e in registry:
            for lang, name in e.all_names():
                self._add_name(e.id, e.type, lang, name, states, by_label)
            if e.type == "ThreatDomain":
                self._add_chained(e.id, [normalize(n) for lang, n in e.all_names() if lang == "ar"])
            if e.type == "State" and "ar" in e.label:
                self._add_state_forms(e.id, e.label["ar"])
        self.automaton = ahocorasick.Automaton()
        for key, entries in self.patterns.items():
            self.automaton.add_word(key, (len(key), tuple(entries)))
        self.automaton.make_automaton()
        # A state whose Arabic name is also its capital's (الجزائر، تونس): the capital.
        self.capital_of: dict[str, str] = {}
        for e in registry:
            if e.type == "City" and normalize(e.label.get("ar", "")).endswith(" العاصمه"):
                state = by_label.get(normalize(e.label["ar"])[: -len(" العاصمه")])
                if state:
                    self.capital_of[state] = e.id

    def _put(self, key: str, entry: Entry) -> None:
        key = " ".join(key.split())
        if len(key) < 2:
            return
        entries = self.patterns.setdefault(key, [])
        if all(x.ref != entry.ref for x in entries):
            # registry names before derived forms, so an exact name wins an ambiguity
            entries.append(entry)
            entries.sort(key=lambda x: x.derived)

    def _add_name(self, ref, etype, lang, name, states, by_label) -> None:
        m = _PARENS.match(name)
        if m:  # "وزارة الداخلية (المغرب)": the bare base is ambiguous, only qualified forms
            base, qualifier = m.groups()
            if lang == "ar" and normalize(qualifier) in by_label:
                for form in forms.qualified_forms(base, qualifier):
                    self._put(form, Entry(ref, etype, derived=True))
            return
        acronym = name.isascii() and name.isupper() and len(name) <= 6
        key = normalize(name)
        self._put(key, Entry(ref, etype, acronym=acronym))
        if lang != "ar":
            return
        if key.startswith("ال"):
            self._put("لل" + key[2:], Entry(ref, etype, derived=True))
        if etype == "ThreatDomain":  # indefinite form: جريمة منظمة، إرهاب
            indef = " ".join(forms.bare(w) for w in key.split())
            if indef != key:
                self._put(indef, Entry(ref, etype, derived=True))

    def _add_chained(self, ref: str, names: list[str]) -> None:
        """Chain two names of one domain that share a word: "الاتجار غير المشروع في
        المخدرات" + "المخدرات والمؤثرات العقلية" -> the whole coordinated phrase."""
        for a in names:
            for b in names:
                head, _, rest = b.partition(" ")
                if a != b and rest and a.split()[-1] == head and " " in a:
                    self._put(f"{a} {rest}", Entry(ref, "ThreatDomain", derived=True))

    def _add_state_forms(self, ref: str, label: str) -> None:
        self._put("دوله " + normalize(label), Entry(ref, "State", derived=True))
        stem = forms.nisba_stem(label)
        if not stem:
            return
        for head in forms.SIDE_HEADS:
            for adj in forms.nisba_forms(stem):
                self._put(f"{normalize(head)} {adj}", Entry(ref, "State", derived=True))

    def find(self, text: str, key: str, offsets) -> list[Match]:
        """Longest non-overlapping matches in ``text`` (whose key and offsets are given)."""
        hits: list[Match] = []
        n = len(key)
        for end, (length, entries) in self.automaton.iter(key):
            start = end - length + 1
            if end + 1 < n and _word(key[end + 1]):
                continue
            w = start
            while w > 0 and _word(key[w - 1]):
                w -= 1
                if start - w > 2:
                    break
            prefix = key[w:start]
            if prefix not in PROCLITICS:
                continue
            o_start, o_end = offsets[start], offsets[end] + 1
            for entry in entries:
                if entry.acronym and not text[o_start:o_end].isupper():
                    continue
                hits.append(Match(o_start, o_end, entry.ref, entry.type, prefix))
                break
        hits.sort(key=lambda h: (-(h.end - h.start), h.start))
        taken: list[Match] = []
        occupied: set[int] = set()
        for h in hits:
            if any(i in occupied for i in range(h.start, h.end)):
                continue
            taken.append(h)
            occupied.update(range(h.start, h.end))
        taken.sort(key=lambda h: h.start)
        return taken


@cache
def default_gazetteer() -> Gazetteer:
    return Gazetteer(load_registry())

"""The pre-annotator's entry points: text or file in, validated draft ``Document`` out."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from mskg.annotate import boilerplate, coref, dates, segment
from mskg.annotate.commitments import find_commitments
from mskg.annotate.draft import Draft
from mskg.annotate.frames import FrameFinder
from mskg.annotate.gazetteer import PROCLITICS, Match, default_gazetteer
from mskg.annotate.relations import RelationFinder
from mskg.annotate.roles import bind_titles
from mskg.annotate.source import detect_lang, doc_id_for, read_article
from mskg.arabic import fast_normalize as normalize
from mskg.arabic import key_with_offsets
from mskg.document import DATE_PATTERN, Document, Meta
from mskg.errors import InvalidDocument, Problem

_LOCATIVE = ("في", "بمدينه", "مدينه")
# An event or a document named after the city it took place in: لقاء الجزائر، إعلان الجزائر.
_NAMED_AFTER = frozenset(
    ["اجتماع", "لقاء", "اعلان", "بيان", "موتمر", "قمه", "ندوه", "اتفاق", "اتفاقيه", "ميثاق"]
)


def _capitals(text: str, matches: list[Match]) -> list[Match]:
    """A state named like its capital (الجزائر، تونس) after a locative ب/في is the city."""
    capital_of = default_gazetteer().capital_of
    out = []
    for m in matches:
        city = capital_of.get(m.ref) if m.type == "State" else None
        if city is None:
            out.append(m)
            continue
        before = normalize(text[max(0, m.start - 12) : m.start]).split()
        last = before[-1] if before else ""
        named_after = not m.prefix and (
            last in _NAMED_AFTER or (last[:1] in "وفبلك" and last[1:] in _NAMED_AFTER)
        )
        if m.prefix.endswith("ب") or (before and before[-1] in _LOCATIVE) or named_after:
            m = replace(m, ref=city, type="City")
        out.append(m)
    return out


def _repeat_people(draft: Draft, key: str, offsets) -> None:
    """A person proposed after a title is mentioned again by name alone later on."""
    for e in list(draft.entities.values()):
        if e.type != "Person":
            continue
        name = normalize(next(iter(e.label.values())))
        i = key.find(name)
        while i != -1:
            end = i + len(name)
            w = i
            while w > 0 and key[w - 1].isalnum():
                w -= 1
            bounded = end == len(key) or not key[end].isalnum()
            if bounded and key[w:i] in PROCLITICS:
                draft.mention(offsets[i], offsets[end - 1] + 1, e.id)
            i = key.find(name, end)


def annotate_text(
    text: str,
    doc_id: str,
    *,
    lang: str = "auto",
    published: str | None = None,
    source: str | None = None,
) -> Document:
    """Draft annotations of one article (text as given, NFC)."""
    if published is not None and not DATE_PATTERN.match(published):
        raise InvalidDocument(
            source or doc_id,
            [
                Problem(
                    "published", f"{published!r} is not a date", "write YYYY, YYYY-MM or YYYY-MM-DD"
                )
            ],
        )
    lang = detect_lang(text) if lang == "auto" else lang
    meta = Meta(
        source=source,
        published=published,
        note="draft by mskg annotate: review every entity flagged needsReview and each relation",
    )
    draft = Draft(doc_id, text, lang, meta, boilerplate.detect(text))
    key, offsets = key_with_offsets(text)
    draft.set_key(key, offsets)
    matches = [
        m
        for m in default_gazetteer().find(text, key, offsets)
        if not draft.in_boilerplate(m.start, m.end)
    ]
    matches = _capitals(text, matches)
    draft.matches = matches  # type: ignore[attr-defined]
    sents = segment.sentences(text)
    toks = segment.tokens(text)
    found_dates = [
        x
        for x in dates.find_dates(text, key, offsets, published)
        if not draft.in_boilerplate(x.start, x.end)
    ]
    bindings = bind_titles(draft, toks, matches, key, offsets)
    _repeat_people(draft, key, offsets)
    frames = FrameFinder(draft, toks, key, offsets, matches, found_dates, sents)
    found = frames.run()
    found += find_commitments(draft, sents, found, frames.slug)
    finder = RelationFinder(draft, matches, found, bindings, sents, frames.main)
    finder.dates = found_dates
    finder.run()
    for m in matches:  # every gazetteer match outside boilerplate is a mention
        draft.mention(m.start, m.end, m.ref)
    for m in coref.nested(draft, text, key, offsets):
        draft.mention(m.start, m.end, m.ref)
    for start, end, ref in coref.head_nouns(draft, key, offsets):
        if not draft.in_boilerplate(start, end):
            draft.mention(start, end, ref)
    coref.construct_spans(draft)
    coref.refine_event_types(draft)
    return draft.document()


def annotate_path(path: Path, *, lang: str = "auto", published: str | None = None) -> Document:
    text = read_article(path)
    return annotate_text(text, doc_id_for(path), lang=lang, published=published, source=path.name)

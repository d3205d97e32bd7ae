"""Commitments: what an outcome document says the parties undertake.

Communiqués are reported with a small set of cues — "التزم … ب", "نص (الإعلان) على",
"دعا (البيان) … إلى", "أكد/شدد على ضرورة", "قرر(ت)", "اتفق(وا) على", "أوصى ب", "تضمن …
وجوب" — followed by the undertaking, a verbal-noun phrase, often quoted. The phrase runs to
the closing quote, else to the first comma, semicolon or full stop (at most 30 words).
A commitment needs an anchor: an agreement named in the same sentence, or, when the
sentence's subject is the parties (المشاركون، الوزراء، البلدان، الطرفان…), the outcome
document the article reports (its first statement, declaration or recommendations).
"""

from __future__ import annotations

import re

from mskg.annotate.draft import Draft
from mskg.annotate.frames import Frame
from mskg.arabic import fast_normalize as normalize

_CUE = re.compile(
    r"(?:الالتزام ب|التزم\w*(?: \S+){0,6}? ب(?=\S)|نص\w*(?: \S+){0,4}? علي |"
    r"دع[اي]\w*(?: \S+){0,4}? الي |لفت\w*(?: \S+){0,3}? الي (?:اهميه |ضروره )?|"
    r"(?:اكد|شدد|اكدو|شددو)\w*(?: \S+){0,2}? علي (?:ضروره |اهميه )?|"
    r"قرر\w* |اتفق\w* علي |اوصي\w*(?: \S+){0,3}? ب(?=\S)|تضمن\w*(?: \S+){0,3}? (?:وجوب |ضروره ))"
    r"(?:الالتزام ب)?\s*[\"«“]?"
)
_PARTIES = re.compile(
    r"(?<!\w)(?:المشاركون|المشاركين|الوزراء|وزراء|البلدان|الدول الاعضاء|الطرفان|الجانبان|"
    r"هذه البلدان|البلدان الاعضاء)(?!\w)"
)
# A subject right after a "قرر" cue is not part of the undertaking: "قرر المجلس إنشاء …"
_SUBJECTS = frozenset(
    normalize(w)
    for w in ("المجلس", "الوزراء", "المشاركون", "الجانبان", "الطرفان", "البلدان", "اللجنة")
)
_END = re.compile(r"[،,.؛;\n]")
_QUOTE_END = re.compile(r"[\"»”]")
_MORE = re.compile(r"\s*(?:وكذا|ناهيك عن|مع|و|وايضا|بالاضافه الي|فضلا عن|علاوه علي)?\s*[\"«“]\s*")
_AND = re.compile(r"[،,]\s*و(?:العمل علي |العمل من اجل )?(?=[^\W\d])")
_CLAUSE = ("ان ", "بان ", "انه ", "انها ")
_ADOPTED = ("FinalStatement", "Declaration", "Recommendations")


def _phrase(text: str, start: int, e: int, quoted: bool) -> tuple[int, int]:
    """The undertaking from ``start``: to the closing quote, else to the clause end."""
    stop = (_QUOTE_END if quoted else _END).search(text, start, e)
    end = stop.start() if stop else e
    words = text[start:end].split()
    if len(words) > 30:
        end = start + len(" ".join(words[:30]))
    return start, end


def find_commitments(
    draft: Draft, sentences: list[tuple[int, int]], frames: list[Frame], slug: str
) -> list[Frame]:
    text = draft.text
    agreements = [f for f in frames if f.kind == "agreement"]
    outcome = next((f.ref for f in agreements if f.type in _ADOPTED), None)
    names = getattr(draft, "matches", [])
    out: list[Frame] = []
    n = 0
    for si, (s, e) in enumerate(sentences):
        if draft.in_boilerplate(s, e):
            continue
        key = draft.norm(s, e)
        if len(key) != e - s:  # cue offsets are read on the key: keep them aligned
            continue
        # the parties' words inside a name (مجلس وزراء الداخلية…) do not make them the subject
        plain = list(key)
        for m in names:
            if s <= m.start < e:
                plain[m.start - s : m.end - s] = " " * (m.end - m.start)
        plain_key = "".join(plain)
        here = [f for f in agreements if s <= f.start < e]
        pos = 0
        for cue in _CUE.finditer(key):
            if cue.start() < pos:
                continue
            quoted = key[cue.end() - 1 : cue.end()] in '"«“' and cue.end() > cue.start()
            spans = [_phrase(text, s + cue.end(), e, quoted)]
            while quoted:  # '"…" وكذا "…"', '"…" ناهيك عن "…"': more undertakings, same cue
                more = _MORE.match(key, spans[-1][1] - s + 1)
                if not more:
                    break
                spans.append(_phrase(text, s + more.end(), e, True))
            while not quoted:  # "…، والعمل على …، وتعزيز …": coordinated undertakings
                more = _AND.match(key, spans[-1][1] - s)
                if not more or spans[-1][1] >= e:
                    break
                spans.append(_phrase(text, s + more.end(), e, False))
            for start, end in spans:
                pos = max(pos, end - s)
                phrase, start = _clean(text, start, end)
                if len(phrase.split()) < 2 or normalize(phrase).startswith(_CLAUSE):
                    continue  # "شددوا على أن …" reports a view, not an undertaking
                stop_at = start + len(phrase)
                inside = [f.ref for f in here if start <= f.start < stop_at]
                anchor = next(
                    (f.ref for f in reversed(here) if f.start < start and f.ref not in inside),
                    None,
                )
                if anchor is None and outcome and _PARTIES.search(plain_key[: cue.end()]):
                    anchor = outcome
                if anchor is None or any(
                    f.kind == "mechanism" and f.start < stop_at and start < f.end for f in frames
                ):
                    continue  # a mechanism being set up is an establishment, not a commitment
                n += 1
                cid = draft.entity(
                    f"commitment/{slug}-c{n}", "Commitment", phrase[:80], quote=phrase
                )
                if draft.mention(start, stop_at, cid):
                    f = Frame("commitment", cid, "Commitment", start, stop_at, si, (start, stop_at))
                    f.extras["agreement"] = anchor
                    out.append(f)
    return out


def _clean(text: str, start: int, end: int) -> tuple[str, int]:
    first = text[start:end].split(maxsplit=1)
    if first and normalize(first[0]) in _SUBJECTS:  # "قرر المجلس إنشاء …"
        start += text[start:end].index(first[0]) + len(first[0])
    phrase = text[start:end].strip(' "«»“”')
    start = text.index(phrase, start) if phrase else start
    return phrase, start

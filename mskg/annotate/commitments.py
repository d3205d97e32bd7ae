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
    r"(?:الالتزام ب|التزم\w*(?: \S+){0,6}? ب(?=\S)|نص\w*(?: \S+){0,2}? علي |"
    r"دعا\w*(?: \S+){0,4}? الي |(?:اكد|شدد|اكدو|شددو)\w*(?: \S+){0,2}? علي (?:ضروره |اهميه )?|"
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
_ADOPTED = ("FinalStatement", "Declaration", "Recommendations")


def find_commitments(
    draft: Draft, sentences: list[tuple[int, int]], frames: list[Frame], slug: str
) -> list[Frame]:
    text = draft.text
    agreements = [f for f in frames if f.kind == "agreement"]
    outcome = next((f.ref for f in agreements if f.type in _ADOPTED), None)
    out: list[Frame] = []
    n = 0
    for si, (s, e) in enumerate(sentences):
        if draft.in_boilerplate(s, e):
            continue
        sentence = text[s:e]
        key = normalize(sentence)
        if len(key) != len(sentence):  # cue offsets are read on the key: keep them aligned
            continue
        here = [f for f in agreements if s <= f.start < e]
        pos = 0
        for cue in _CUE.finditer(key):
            if cue.start() < pos:
                continue
            start = s + cue.end()
            quoted = key[cue.end() - 1 : cue.end()] in '"«“' and cue.end() > cue.start()
            stop = (_QUOTE_END if quoted else _END).search(text, start, e)
            end = stop.start() if stop else e
            words = text[start:end].split()
            if len(words) > 30:
                end = start + len(" ".join(words[:30]))
            if len(words) < 2:
                continue
            anchor = next((f.ref for f in reversed(here) if f.start < start), None)
            anchor = anchor or (here[0].ref if here else None)
            if anchor is None and outcome and _PARTIES.search(key[: cue.start()]):
                anchor = outcome
            if anchor is None:
                continue
            n += 1
            first = text[start:end].split(maxsplit=1)
            if first and normalize(first[0]) in _SUBJECTS:  # "قرر المجلس إنشاء …"
                start += text[start:end].index(first[0]) + len(first[0])
            phrase = text[start:end].strip(' "«»“”')
            start = text.index(phrase, start) if phrase else start
            if len(phrase.split()) < 2 or any(
                f.kind == "mechanism" and f.start < start + len(phrase) and start < f.end
                for f in frames
            ):
                continue  # a mechanism being set up is an establishment, not a commitment
            cid = draft.entity(f"commitment/{slug}-c{n}", "Commitment", phrase[:80], quote=phrase)
            stop_at = start + len(phrase)
            if draft.mention(start, stop_at, cid):
                f = Frame("commitment", cid, "Commitment", start, stop_at, si, (start, stop_at))
                f.extras["agreement"] = anchor
                out.append(f)
            pos = end - s
    return out

"""Page furniture of news pages: headline lists, share/report widgets, "read at the source".

A page scraped as text keeps its furniture as whole lines. A line is furniture when
- it is a list of headlines: three or more segments separated by runs of 3+ blanks
  (scrapers flatten <li> items that way), or
- it is a widget or navigation phrase (click here, report, share, read also…) in Arabic,
  French or English, or
- it is a short line without sentence punctuation squeezed between two furniture lines.
Consecutive furniture lines, and the blank lines between them, make one span. The article's
own title and subheadings are not furniture.
"""

from __future__ import annotations

import re

from mskg.arabic import fast_normalize as normalize
from mskg.document import Span

_LIST_SEP = re.compile(r"\s{3,}")
# patterns are written as people spell them and normalised like the text (على -> علي)
_WIDGETS = re.compile(
    normalize(
        "|".join(
            [
                r"انقر هنا",
                r"اضغط هنا",
                r"شكرا على الابلاغ",
                r"سيتم حجب هذه",
                r"الابلاغ عن (?:خطا|تعليق|محتوى)",
                r"^اقرا (?:ايضا|المزيد)",
                r"^(?:شارك|شاركوا|مشاركه)(?: هذا| المقال| الخبر| على)",
                r"^تابعونا",
                r"^(?:المصدر|مصدر الخبر) ?:",
                r"^(?:كل|جميع) الحقوق محفوظه",
                r"^التعليقات",
                r"^اخبار ذات صله",
                r"^(?:lire aussi|partager|signaler|cliquez ici|read more|share|report|click here)",
                r"tous droits r[ée]serv[ée]s|all rights reserved",
            ]
        )
    )
)
_SENTENCE_END = re.compile(r"[.!؟?:]\s*$")


def _is_furniture(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if len(_LIST_SEP.split(stripped)) >= 3:
        return True
    return bool(_WIDGETS.search(normalize(stripped)))


def detect(text: str) -> list[Span]:
    """Furniture spans of ``text`` (code points, end exclusive), in order."""
    lines: list[tuple[int, int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, pos + len(raw), raw))
        pos += len(raw) + 1
    flags = [_is_furniture(raw) for _, _, raw in lines]
    # a short unpunctuated line between furniture is furniture too (a lone list item)
    content = [i for i, (_, _, raw) in enumerate(lines) if raw.strip()]
    for k in range(1, len(content) - 1):
        i = content[k]
        raw = lines[i][2].strip()
        if (
            not flags[i]
            and flags[content[k - 1]]
            and flags[content[k + 1]]
            and len(raw.split()) <= 8
            and not _SENTENCE_END.search(raw)
        ):
            flags[i] = True
    spans: list[Span] = []
    for (start, _end, raw), flag in zip(lines, flags, strict=True):
        if not flag:
            continue
        s = start + (len(raw) - len(raw.lstrip()))
        e = start + len(raw.rstrip())
        if spans and not text[spans[-1].end : s].strip():
            spans[-1] = Span(start=spans[-1].start, end=e)
        else:
            spans.append(Span(start=s, end=e))
    return spans

"""Dates in Arabic news: month names of the Maghreb and the Mashriq, day ranges, years,
relative expressions.

A value is produced only from what the text states, at the precision it states it
(``2016-03``, ``2013-04-21``). A month or day without a year gets a year only when the
publication date is known ("يونيو المقبل" published 2015-05-20 -> 2015-06); otherwise the
expression is kept as text (``dateText``) and has no value. A year is never invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mskg.arabic import normalize

MONTHS: dict[int, tuple[str, ...]] = {
    1: ("يناير", "جانفي", "كانون الثاني", "janvier", "january"),
    2: ("فبراير", "فيفري", "شباط", "février", "february"),
    3: ("مارس", "آذار", "mars", "march"),
    4: ("أبريل", "ابريل", "أفريل", "نيسان", "avril", "april"),
    5: ("مايو", "ماي", "أيار", "mai", "may"),
    6: ("يونيو", "يونيه", "جوان", "حزيران", "juin", "june"),
    7: ("يوليو", "يوليه", "يوليوز", "جويلية", "تموز", "juillet", "july"),
    8: ("أغسطس", "غشت", "أوت", "آب", "août", "august"),
    9: ("سبتمبر", "شتنبر", "أيلول", "septembre", "september"),
    10: ("أكتوبر", "اكتوبر", "تشرين الأول", "octobre", "october"),
    11: ("نوفمبر", "نونبر", "تشرين الثاني", "novembre", "november"),
    12: ("ديسمبر", "دجنبر", "كانون الأول", "décembre", "december"),
}
_MONTH_OF = {normalize(name): n for n, names in MONTHS.items() for name in names}
_MONTH_RE = "|".join(sorted((re.escape(k) for k in _MONTH_OF), key=len, reverse=True))
_FUTURE = ("المقبل", "القادم", "المقبله", "القادمه")
_PAST = ("الماضي", "المنصرم", "الماضيه", "المنصرمه", "الفارط")
_REL_RE = "|".join(_FUTURE + _PAST)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_YEAR = r"(?:19|20)\d\d"
_P = r"(?<![\w])"  # word start (a proclitic ب/في is outside the expression)

# Ordered: longer constructions first; each alternative names its groups.
_PATTERNS = [
    re.compile(
        _P + rf"(?:ايام |يومي |يوم )?(?P<d1>{_DAY}) ?(?:و|-|الي|إلى) ?(?P<d2>{_DAY}) "
        rf"(?:من )?(?:شهر )?(?P<m>{_MONTH_RE})(?: (?P<y>{_YEAR}))?(?: (?P<rel>{_REL_RE}))?"
    ),
    re.compile(
        _P + rf"(?:يوم )?(?P<d1>{_DAY}) (?:من )?(?:شهر )?(?P<m>{_MONTH_RE})"
        rf"(?: (?P<y>{_YEAR}))?(?: (?P<rel>{_REL_RE}))?"
    ),
    re.compile(
        _P + rf"(?:(?:اواخر|اوائل|منتصف|مطلع|نهايه|بدايه) )?(?:شهر )?(?P<m>{_MONTH_RE})"
        rf"(?: (?P<y>{_YEAR}))?(?: (?:من )?(?P<rel>{_REL_RE}|السنه الماضيه|العام الماضي))?"
    ),
    re.compile(_P + rf"(?:(?:سنه|عام|برسم سنه) )?(?P<y>{_YEAR})(?!\d)"),
    re.compile(
        _P
        + r"(?P<relyear>(?:السنه|العام) "
        + r"(?:الماضي|الماضيه|المقبل|المقبله|القادم|القادمه|الجاري|الجاريه))"
    ),
]
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


@dataclass(frozen=True)
class DateExpr:
    start: int
    end: int
    text: str
    value: str | None  # ISO 8601 at the stated precision, or None
    end_value: str | None = None  # last day of a range
    future: bool | None = None  # المقبل/القادم -> True, الماضي/المنصرم -> False


def _year_for(month: int, rel: str | None, published: str | None) -> int | None:
    if not published:
        return None
    py = int(published[:4])
    pm = int(published[5:7]) if len(published) >= 7 else None
    if rel in ("السنه الماضيه", "العام الماضي"):
        return py - 1
    if pm is None:
        return py if rel is None else None
    if rel in _FUTURE:
        return py if month >= pm else py + 1
    if rel in _PAST:
        return py if month <= pm else py - 1
    return py


def find_dates(text: str, key: str, offsets, published: str | None = None) -> list[DateExpr]:
    """Date expressions of ``text``; ``key``/``offsets`` as from ``arabic.key_with_offsets``."""
    key = key.translate(_ARABIC_DIGITS)
    taken: list[tuple[int, int]] = []
    out: list[DateExpr] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(key):
            s, e = m.span()
            if any(a < e and s < b for a, b in taken):
                continue
            taken.append((s, e))
            start, end = offsets[s], offsets[e - 1] + 1
            g = m.groupdict()
            rel = g.get("rel")
            future = True if rel in _FUTURE else False if rel else None
            value = end_value = None
            if g.get("relyear"):
                ry = g["relyear"]
                future = not any(p in ry for p in ("الماضي", "الماضيه", "الجاري", "الجاريه"))
                if published:
                    delta = 0 if "الجاري" in ry else (1 if future else -1)
                    value = str(int(published[:4]) + delta)
                future = None if "الجاري" in ry else future
            elif g.get("m"):
                month = _MONTH_OF[g["m"]]
                year = int(g["y"]) if g.get("y") else _year_for(month, rel, published)
                if year is not None:
                    value = f"{year:04d}-{month:02d}"
                    if g.get("d1"):
                        value += f"-{int(g['d1']):02d}"
                    if g.get("d2"):
                        end_value = f"{year:04d}-{month:02d}-{int(g['d2']):02d}"
            elif g.get("y"):
                value = g["y"]
            out.append(DateExpr(start, end, text[start:end], value, end_value, future))
    out.sort(key=lambda d: d.start)
    return out

"""Arabic normalisation for search and matching.

The stored text is never changed; these functions build *keys*. ``normalize`` maps a string
to a comparison form (diacritics and tatweel removed, alef/hamza forms unified, ى->ي, ة->ه,
Latin lower-cased). ``normalize_with_offsets`` also returns, for each character of the key,
the code-point offset in the original string, so matches found in the key map back to
spans of the original text.
"""

from __future__ import annotations

import re
import unicodedata

# Harakat, tanwin, shadda, sukun, superscript alef, Quranic marks; and tatweel.
_DROP = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", "\u0640"}
_DROP |= {chr(c) for c in range(0x06D6, 0x06EE)}
_MAP = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "ى": "ي",
    "ئ": "ي",
    "ی": "ي",
    "ؤ": "و",
    "ة": "ه",
    "ک": "ك",
    "٬": ",",
    "،": ",",
    "؛": ";",
    "؟": "?",
    "\u200c": "",
    "\u200d": "",
    "\u200e": "",
    "\u200f": "",
}
# Word-initial clitics that may stand before a name: و ف ب ل ك, and the article ال (also لل).
CLITICS = ("و", "ف", "ب", "ل", "ك")
ARTICLE = "ال"


def _fold(ch: str) -> str:
    if ch in _DROP:
        return ""
    ch = _MAP.get(ch, ch)
    return ch.lower() if ch.isascii() else ch


def normalize(text: str) -> str:
    """Comparison key of ``text``: same as ``normalize_with_offsets(text)[0]``."""
    text = unicodedata.normalize("NFKC", text) if not text.isascii() else text
    return "".join(_fold(ch) for ch in text)


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Key of ``text`` and, for each key character, its code-point offset in ``text``.

    NFKC is applied per character so offsets stay exact (a ligature may expand to several
    key characters that all point at the one original character).
    """
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch):
            folded = _fold(c)
            for f in folded:
                out.append(f)
                offsets.append(i)
    return "".join(out), offsets


_WORD = re.compile(r"\w+", re.UNICODE)


def strip_clitics(word: str) -> list[str]:
    """Candidate stems of one normalised word: itself, without و/ف, without ب/ل/ك, without ال.

    ``والجزائر`` -> [``والجزائر``, ``الجزائر``, ``جزائر``]. Order: longest first.
    """
    forms = [word]
    w = word
    if len(w) > 3 and w[0] in ("و", "ف"):
        w = w[1:]
        forms.append(w)
    if len(w) > 3 and w[0] in ("ب", "ل", "ك"):
        if w.startswith("لل") and len(w) > 4:  # ل + ال with the alef elided: للجزائر
            forms.append("ال" + w[2:])
            w = w[2:]
            forms.append(w)
        else:
            w = w[1:]
            forms.append(w)
    if len(w) > 3 and w.startswith(ARTICLE):
        forms.append(w[2:])
    seen: list[str] = []
    for f in forms:
        if f not in seen:
            seen.append(f)
    return seen


def search_key(text: str) -> str:
    """Key for matching a short label or query: normalised, each word reduced to its bare stem."""
    words = _WORD.findall(normalize(text))
    return " ".join(strip_clitics(w)[-1] for w in words)


def tokens(text: str) -> list[str]:
    return _WORD.findall(normalize(text))


# -- fast key for long texts (added for the pre-annotator) ----------------------------------
# ``normalize_with_offsets`` runs NFKC per character, which is slow on whole articles. Most
# characters need no NFKC at all, so the key is built with one ``str.translate`` and the
# per-character path is kept only for texts that contain compatibility characters.
_TABLE: dict[int, str | None] = {ord(c): None for c in _DROP}
_TABLE.update({ord(k): (v or None) for k, v in _MAP.items()})
_TABLE.update({c: chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})
_REMOVED = frozenset(k for k, v in _TABLE.items() if v is None)


_STABLE: set[str] = set()


def _nfkc_stable(chars: frozenset[str]) -> bool:
    """True if NFKC changes none of ``chars`` (answers are remembered per character)."""
    for c in chars - _STABLE:
        if unicodedata.normalize("NFKC", c) != c:
            return False
        _STABLE.add(c)
    return True


def key_with_offsets(text: str) -> tuple[str, list[int] | range]:
    """Same result as ``normalize_with_offsets``, much faster on NFKC-stable text."""
    if not _nfkc_stable(frozenset(text)):
        return normalize_with_offsets(text)
    key = text.translate(_TABLE)
    if len(key) == len(text):
        return key, range(len(text))
    return key, [i for i, c in enumerate(text) if ord(c) not in _REMOVED]


def fast_normalize(text: str) -> str:
    """``normalize`` for long strings (sentences, articles): one translate when possible."""
    return key_with_offsets(text)[0]

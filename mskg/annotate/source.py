"""Reading a raw article: UTF-8 text or HTML (tags stripped with the stdlib parser), NFC."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

from mskg.document import DOC_ID_PATTERN
from mskg.errors import InvalidDocument, Problem

_BLOCK = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "blockquote",
        "title",
    ]
)
_SKIP = frozenset({"script", "style", "noscript", "template", "svg"})


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data) -> None:
        if not self.skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def looks_like_html(text: str, path: Path | None = None) -> bool:
    if path is not None and path.suffix.lower() in (".html", ".htm", ".xhtml"):
        return True
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or bool(re.search(r"<(p|div|body)\b", head))


def read_article(path: Path) -> str:
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidDocument(
            str(path),
            [Problem(f"byte {exc.start}", "not valid UTF-8", "save the article as UTF-8")],
        ) from None
    raw = raw.lstrip("\ufeff")
    text = html_to_text(raw) if looks_like_html(raw, path) else raw
    if not text.strip():
        raise InvalidDocument(str(path), [Problem("$", "no text", "give a non-empty article")])
    return unicodedata.normalize("NFC", text)


def doc_id_for(path: Path) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem).strip("-._") or "doc"
    doc_id = stem[:128]
    if not re.match(DOC_ID_PATTERN, doc_id):
        doc_id = "doc-" + doc_id
    return doc_id


def detect_lang(text: str) -> str:
    arabic = sum(1 for c in text if "\u0600" <= c <= "\u06ff")
    latin = sum(1 for c in text if c.isascii() and c.isalpha())
    if arabic >= latin:
        return "ar"
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    fr = sum(w in ("le", "la", "les", "des", "et", "du", "une", "est") for w in words)
    en = sum(w in ("the", "and", "of", "is", "to", "a", "was", "with") for w in words)
    return "fr" if fr > en else "en"

"""Arabic surface forms derived from registry names: nisba adjectives and construct state.

Rule (documented in docs/annotate.md): a nisba adjective (المغربي، الجزائرية، التونسيين) is
never a mention on its own — "التعاون المغاربي" or "خبراء مغاربة" name no actor. It is
*context* that qualifies the head noun before it, and only a closed set of heads turns the
phrase into a mention:

- a delegation/side head (الوفد، الجانب، الطرف، السلطات، الحكومة) + nisba -> the state
  ("الوفد المغربي" -> state/MAR);
- a qualified registry name ``X (State)`` (ministries, posts) + nisba -> that entity
  ("وزارة الداخلية المغربية", "الداخلية المغربية" -> the Moroccan ministry of the interior,
  "وزير الداخلية الجزائري" -> the Algerian minister's post).
"""

from __future__ import annotations

from mskg.arabic import normalize

# Heads that, followed by a state's nisba, stand for the state itself (metonymy of the side).
SIDE_HEADS = ("الوفد", "الجانب", "الطرف", "السلطات", "الحكومة")


def bare(word: str) -> str:
    """Drop the article of one (normalised) word."""
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def nisba_stem(state_label: str) -> str | None:
    """The nisba stem of a one-word state name, on the normalised form: المغرب -> مغربي.

    Arabic derives the relational adjective by dropping the article and a final alef
    (ليبيا -> ليبي، فرنسا -> فرنسي) or the feminine ending (السعوديه -> سعودي) and adding ي.
    Multi-word names (جزر القمر) get none: their adjectives are irregular.
    """
    word = normalize(state_label)
    if " " in word:
        return None
    word = bare(word)
    if word.endswith("يه") or word.endswith("يا"):
        word = word[:-2]
    elif word.endswith("ا"):
        word = word[:-1]
    if word.endswith("ي"):
        return word
    return word + "ي"


def nisba_forms(stem: str) -> list[str]:
    """Definite masculine, feminine and plural forms of a nisba (normalised: ة -> ه)."""
    return [f"ال{stem}", f"ال{stem}ه", f"ال{stem}ين", f"ال{stem}ون"]


def is_feminine(head: str) -> bool:
    return normalize(head).endswith("ه")


def qualified_forms(base: str, state_label: str) -> list[str]:
    """Forms of ``base (State)``: with the nisba after the head, and in construct state.

    ``وزير الداخلية`` + الجزائر -> ``وزير الداخلية الجزائري``, ``وزير داخلية الجزائر``;
    ``وزارة الداخلية`` + المغرب -> also ``الداخلية المغربية`` (the ministry by metonymy).
    """
    out: list[str] = []
    words = normalize(base).split()
    stem = nisba_stem(state_label)
    state = normalize(state_label)
    if stem:
        fem = words[0].endswith("ه")
        adj = f"ال{stem}ه" if fem else f"ال{stem}"
        out.append(" ".join([*words, adj]))
        if fem and len(words) == 2 and words[1].startswith("ال"):
            out.append(f"{words[1]} {adj}")  # الداخلية المغربية
    if len(words) == 2 and words[1].startswith("ال"):
        out.append(f"{words[0]} {bare(words[1])} {state}")  # وزير داخلية ليبيا
    out.append(" ".join([*words, "في", state]))
    out.append(" ".join([*words, "ب" + state]))
    return out

"""Things the article introduces: events, mechanisms and agreements (document entities).

They are found by trigger nouns on token stems (clitics and article removed):
- events: اجتماع، لقاء، دورة (with an ordinal)، مؤتمر، قمة، ندوة، ملتقى، مباحثات; a verb
  (يجتمع، ستجتمع) only when a mechanism follows ("يجتمع فريق العمل" = a session of it);
- mechanisms: لجنة (فرعية -> working group)، فريق/فرق عمل، دوريات مشتركة، وحدة/خلية/مفوضيات
  مشتركة، نظام … للإنذار المبكر، شبكة … بين;
- agreements: بيان ختامي / بيان + place، إعلان + place or quote، اتفاق/اتفاقية تعاون، مذكرة
  تفاهم، مشروع اتفاقية، توصيات (when issued)، مخطط/خطة عمل.

Coreference inside one article: the first event that is neither planned nor a mechanism's
session is the article's *main* event; later definite references without a distinguishing
ordinal (الاجتماع، هذه الندوة، اللقاء، الدورة) are the main event. An ordinal, a mechanism
("اجتماع لجنة المتابعة"), a future context (سيعقد، المقبل، لاحقا) or an explicit dated
clause ("المنعقد … يوم 21 أبريل 2013") makes a distinct event. Mechanisms with the same
head, first modifier and mandate domains are one mechanism.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from mskg.annotate.dates import DateExpr
from mskg.annotate.draft import Draft
from mskg.annotate.forms import bare as forms_bare
from mskg.annotate.gazetteer import Match
from mskg.annotate.segment import Token
from mskg.arabic import strip_clitics

EVENT_TRIGGERS = {
    "اجتماع": "Meeting",
    "اجتماعه": "Meeting",
    "اجتماعها": "Meeting",
    "دورتها": "Meeting",
    "لقاء": "Meeting",
    "دوره": "Meeting",
    "دورته": "Meeting",
    "مباحثات": "Meeting",
    "محادثات": "Meeting",
    "مؤتمر": "Conference",
    "موتمر": "Conference",
    "قمه": "Summit",
    "ندوه": "Seminar",
    "ملتقي": "Seminar",
}
MEET_VERBS = frozenset({"يجتمع", "ستجتمع", "سيجتمع", "تجتمع", "اجتمع", "اجتمعت"})
# Reception and talks verbs report a meeting with no meeting noun: "استقبل الوزير نظيره …"
RECEIVE_VERBS = frozenset(
    {
        "استقبل",
        "يستقبل",
        "استقبلت",
        "تستقبل",
        "تباحث",
        "يتباحث",
        "تباحثت",
        "التقي",
        "يلتقي",
        "التقت",
    }
)
ORDINALS = {
    "اول": 1, "اولي": 1, "ثاني": 2, "ثانيه": 2, "ثالث": 3, "ثالثه": 3, "رابع": 4, "رابعه": 4,
    "خامس": 5, "خامسه": 5, "سادس": 6, "سادسه": 6, "سابع": 7, "سابعه": 7, "ثامن": 8,
    "ثامنه": 8, "تاسع": 9, "تاسعه": 9, "عاشر": 10, "عاشره": 10, "حادي": 1, "حاديه": 1,
    "عشرين": 20,
    "ثلاثين": 30, "اربعين": 40, "خمسين": 50, "ستين": 60, "سبعين": 70,
}  # fmt: skip
MANDATE = frozenset({"مكلف", "مكلفه", "مخصص", "مخصصه", "معني", "معنيه", "مختص", "مختصه"})
MECH_STOP = frozenset(
    {"يومي", "يوم", "في", "من", "الذي", "التي", "تعني", "مع", "بين", "الي", "علي", "عبر",
     "ستجتمع", "سيعقد", "كل", "مره", "وستوكل", "المصادق", "عليها", "يجتمع", "تجتمع",
     "سيجتمع"}
)  # fmt: skip
_FUTURE = re.compile(
    r"(?<!\w)(?:[وف]?س[يتن]\w{3,}|المقبل\w*|القادم\w*|لاحقا|تقرر عقد|من المقرر|يعتزم|سيتم|"
    r"علي ان)(?!\w)"
)
_DATED = re.compile(r"^(?:المنعقد\w*|الذي انعقد|التي انعقدت|المنظم\w*)")


_EVERY = re.compile(
    r"(?:مره |اجتماعات? )?(?:كل (?P<n>شهر|شهرين|ثلاثه اشهر|سته اشهر|سنه|عام|سنتين)|"
    r"(?P<adv>سنويا|شهريا|فصليا))"
)
_PERIOD = {
    "شهر": "P1M", "شهرين": "P2M", "ثلاثه اشهر": "P3M", "سته اشهر": "P6M", "سنه": "P1Y",
    "عام": "P1Y", "سنتين": "P2Y", "سنويا": "P1Y", "شهريا": "P1M", "فصليا": "P3M",
}  # fmt: skip


def _frequency(clause: str) -> str | None:
    """ "تجتمع مرة كل ثلاثة أشهر" -> P3M (mskg:frequency, an ISO 8601 duration)."""
    m = _EVERY.search(clause[:80])
    return _PERIOD[m.group("n") or m.group("adv")] if m else None


@dataclass
class Frame:
    kind: str  # event | mechanism | agreement
    ref: str
    type: str
    start: int
    end: int
    sentence: int
    region: tuple[int, int]  # the clause the frame governs (mandate, date, place)
    future: bool = False
    session_of: str | None = None
    ordinal: int | None = None
    extras: dict = field(default_factory=dict)


VOCAB = (
    set(EVENT_TRIGGERS)
    | set(ORDINALS)
    | MANDATE
    | set(
        [
            "لجنه",
            "لجن",
            "لجان",
            "فرعيه",
            "فرعيتين",
            "فريق",
            "فرق",
            "عمل",
            "فرقها",
            "فرقه",
            "دوريات",
            "مشتركه",
            "وحده",
            "وحدات",
            "خليه",
            "مفوضيات",
            "نظام",
            "شبكه",
            "بيان",
            "ختامي",
            "مشترك",
            "اعلان",
            "اتفاق",
            "اتفاقيه",
            "تعاون",
            "مذكره",
            "تفاهم",
            "مشروع",
            "مخطط",
            "خطه",
            "توصيات",
            "وثيقه",
            "نهاييه",
            "ختاميه",
            "اصدار",
            "مجموعه",
            "تبني",
            "اعتماد",
            "صادق",
            "خرج",
            "خرجت",
            "متابعه",
            "متخصصه",
            "تقنيه",
            "امنيه",
        ]
    )
)


def _stem(t: Token) -> str:
    return _stem_key(t.key)


@lru_cache(maxsize=1 << 16)
def _stem_key(key: str) -> str:
    """The trigger word under the clitics: the least-stripped candidate the vocabulary knows
    (بيان stays بيان although ب is a clitic letter), else the fully stripped form."""
    forms = strip_clitics(key) if key else [key]
    # ل + اللجنة is written للجنة: the word under it keeps one lam
    extra = [key[1:]] if key.startswith("لل") else []
    if key.endswith("ا"):  # accusative tanwin: اجتماعا
        extra += [f[:-1] for f in forms]
    return next((f for f in [*forms, *extra] if f in VOCAB), forms[-1])


class FrameFinder:
    def __init__(
        self,
        draft: Draft,
        toks: list[Token],
        key: str,
        offsets,
        matches: list[Match],
        dates: list[DateExpr],
        sentences: list[tuple[int, int]],
    ) -> None:
        self.d, self.toks, self.key, self.matches = draft, toks, key, matches
        self.dates, self.sentences = dates, sentences
        self.inv = {o: i for i, o in enumerate(offsets)} if not isinstance(offsets, range) else None
        self.match_at = {m.start: m for m in matches}
        self.covering: dict[int, Match] = {}  # code point -> the name that covers it
        for m in matches:
            for pos in range(m.start, m.end):
                self.covering[pos] = m
        self.slug = draft.doc_id.lower().replace("_", "-")
        self.frames: list[Frame] = []
        self.main: str | None = None
        self.event_keys: dict[tuple, str] = {}
        self.mech_keys: dict[tuple, str] = {}
        self.last_agreement: dict[str, str] = {}
        self.n = 0

    # -- helpers ---------------------------------------------------------------------------
    def _sentence_of(self, pos: int) -> int:
        for i, (s, e) in enumerate(self.sentences):
            if s <= pos < e:
                return i
        return -1

    def _inside_match(self, t: Token) -> Match | None:
        return self.covering.get(t.start)

    def _new_id(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}/{self.slug}-{self.n}"

    def _date_in(self, start: int, end: int) -> DateExpr | None:
        return next((x for x in self.dates if start <= x.start < end), None)

    # -- main loop -------------------------------------------------------------------------
    def run(self) -> list[Frame]:
        toks = self.toks
        i = 0
        while i < len(toks):
            t = toks[i]
            bare = t.key[1:] if t.key[:1] in ("و", "ف") else t.key
            if _stem(t) not in VOCAB and t.key not in MEET_VERBS and bare not in RECEIVE_VERBS:
                i += 1
                continue
            if self.d.in_boilerplate(t.start, t.end) or self._inside_match(t):
                i += 1
                continue
            nxt = i + 1
            for finder in (self._mechanism, self._agreement, self._event):
                r = finder(i)
                if r is not None:
                    nxt = r
                    break
            i = max(nxt, i + 1)
        return self.frames

    def _clause_end(self, i: int) -> int:
        """End of the clause from token ``i``: the sentence end or the next frame trigger."""
        sent = self.sentences[self._sentence_of(self.toks[i].start)]
        end = sent[1]
        for k in range(i + 1, len(self.toks)):
            t = self.toks[k]
            if t.start >= end:
                break
            if _stem(t) in EVENT_TRIGGERS or self._mech_head(k) is not None:
                return t.start
        return end

    # -- mechanisms --------------------------------------------------------------------------
    def _mech_head(self, i: int) -> tuple[str, int] | None:
        toks = self.toks
        s = _stem(toks[i])
        nxt = _stem(toks[i + 1]) if i + 1 < len(toks) else ""
        if s in ("لجنه", "لجن", "لجان"):
            return ("WorkingGroup" if nxt in ("فرعيه", "فرعيتين") else "Committee"), i + 1
        if s in ("فريق", "فرق") and nxt == "عمل":
            return "WorkingGroup", i + 2
        if s in ("فرقها", "فرقه"):
            return "WorkingGroup", i + 1
        if s == "دوريات" and nxt == "مشتركه":
            return "JointPatrol", i + 2
        if s in ("وحده", "وحدات", "خليه", "مفوضيات") and "مشتركه" in {
            _stem(x) for x in toks[i + 1 : i + 3]
        }:
            return "JointUnit", i + 1
        if s == "نظام" and any("انذار" in x.key for x in toks[i + 1 : i + 5]):
            return "EarlyWarningSystem", i + 1
        if s == "شبكه" and i + 1 < len(toks) and toks[i + 1].key == "بين":
            return "Network", i + 1
        return None

    def _mechanism(self, i: int) -> int | None:
        head = self._mech_head(i)
        if head is None:
            return None
        etype, j = head
        toks = self.toks
        mandate = etype in ("EarlyWarningSystem", "Network", "JointUnit")
        end = toks[j - 1].end
        while j < len(toks) and j - i < 24:
            t = toks[j]
            m = self._inside_match(t)
            if m is not None and m.type == "ThreatDomain":
                end = m.end
                while j < len(toks) and toks[j].start < m.end:
                    j += 1
                continue
            if (
                not t.text.isalnum()
                or t.key in MECH_STOP
                or (self._date_in(t.start, t.end))
                or _stem(t) in EVENT_TRIGGERS
                or (j > i + 1 and self._mech_head(j) is not None)
                or m is not None
            ):
                break
            st = _stem(t)
            if st in MANDATE:
                mandate = True
            elif (
                not mandate
                and not t.key.startswith(("ال", "ل"))
                and st not in ("متابعه", "عمل", "مشتركه", "فرعيه", "متخصصه", "تقنيه")
            ):
                break
            end = t.end
            j += 1
        start = self._strip_proclitic(toks[i])
        region = (start, self._clause_end(i))
        domains = frozenset(
            m.ref for m in self.matches if m.type == "ThreatDomain" and start <= m.start < end
        )
        words = [_stem(x) for x in toks[i : i + 3] if x.end <= end and _stem(x) != "امنيه"]
        key = (etype, tuple(words[:2]), domains)
        ref = self.mech_keys.get(key)
        if ref is None:
            label = self.d.text[start:end]
            ref = self.d.entity(self._new_id("mechanism"), etype, label)
            self.mech_keys[key] = ref
        every = _frequency(self.d.norm(end, region[1]))
        if every and ref in self.d.entities:
            self.d.entities[ref].props.setdefault("frequency", every)
        if self.d.mention(start, end, ref):
            self.frames.append(
                Frame("mechanism", ref, etype, start, end, self._sentence_of(start), region)
            )
        return j

    def _strip_proclitic(self, t: Token) -> int:
        """Start of a trigger word without و ف ب ل ك (kept when they fuse with ال as لل)."""
        k = t.key
        off = 0
        if len(k) > 4 and k[0] in "وف":
            off = 1
        # ب ك ل before the word (not the لل of ل + article, which stays in the span)
        if len(k) - off > 4 and (k[off] in "بك" or (k[off] == "ل" and k[off + 1] != "ل")):
            off += 1
        return t.start + off

    # -- agreements ----------------------------------------------------------------------------
    def _agreement(self, i: int) -> int | None:
        toks = self.toks
        s = _stem(toks[i])
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        nst = _stem(nxt) if nxt else ""
        nmatch = self.match_at.get(nxt.start) if nxt else None
        etype, j, fresh = None, i + 1, True
        if s == "بيان" and (
            nst in ("ختامي", "مشترك") or (nmatch and nmatch.type in ("City", "State"))
        ):
            etype, j = "FinalStatement", i + 2
            if nmatch:
                j = next((k for k in range(i + 1, len(toks)) if toks[k].start >= nmatch.end), j)
        elif s == "بيان" and toks[i].key.endswith("البيان"):
            etype, fresh = "FinalStatement", False
        elif s == "اعلان" and (
            (nmatch and nmatch.type in ("City", "State")) or (i > 0 and toks[i - 1].text in '"«“')
        ):
            etype = "Declaration"
            if nmatch:
                j = next((k for k in range(i + 1, len(toks)) if toks[k].start >= nmatch.end), j)
        elif s == "اعلان" and "Declaration" in self.last_agreement:
            etype, fresh = "Declaration", False
        elif (s in ("اتفاق", "اتفاقيه") and nst == "تعاون") or (s == "مذكره" and nst == "تفاهم"):
            etype, j = "CooperationAgreement", i + 2
        elif s == "مشروع" and nst == "اتفاقيه":
            etype, j = "Convention", i + 2
        elif s in ("مخطط", "خطه") and nst == "عمل":
            etype, j = "ActionPlan", i + 2
        elif s == "توصيات":
            before = {_stem(x) for x in toks[max(0, i - 3) : i]}
            if before & {"اصدار", "باصدار", "مجموعه", "تبني", "اعتماد", "صادق", "خرج", "خرجت"}:
                etype = "Recommendations"
                if i > 1 and _stem(toks[i - 2]) == "مجموعه":
                    i = i - 2
            elif "Recommendations" in self.last_agreement:
                etype, fresh = "Recommendations", False
        elif s == "وثيقه" and (nst in ("نهاييه", "ختاميه") or toks[i].key.endswith("الوثيقه")):
            # "الوثيقة (النهائية)": the outcome document the article reports
            kinds = ("Recommendations", "FinalStatement", "Declaration")
            outcome = [t for t in kinds if t in self.last_agreement]
            if outcome:
                j = i + 2 if nst in ("نهاييه", "ختاميه") else i + 1
                etype, fresh = outcome[0], False
        if etype is None:
            return None
        start = self._strip_proclitic(toks[i])
        end = toks[j - 1].end
        if not fresh:
            ref = self.last_agreement.get(etype)
            if ref is None:
                return None
        else:
            key = self.d.text[start:end]
            ref = self.last_agreement.get(etype) if etype != "CooperationAgreement" else None
            same = ref is not None and etype in ("FinalStatement", "Declaration", "Recommendations")
            if not same:
                status = "draft" if etype == "Convention" else None
                ref = self.d.entity(self._new_id("agreement"), etype, key, status=status)
        if ref is None:
            return None
        self.last_agreement[etype] = ref
        if self.d.mention(start, end, ref):
            self.frames.append(
                Frame(
                    "agreement", ref, etype, start, end, self._sentence_of(start),
                    (start, self._clause_end(i)),
                )
            )  # fmt: skip
        return j

    # -- events ------------------------------------------------------------------------------
    def _verb_session(self, i: int, mechanism: str) -> int:
        """A meeting verb right after a mechanism's name: a session of that mechanism."""
        t = self.toks[i]
        sent = self._sentence_of(t.start)
        clause_end = self._clause_end(i)
        near = self.d.norm(max(self.sentences[sent][0], t.start - 40), min(clause_end, t.end + 60))
        future = bool(_FUTURE.search(near))
        date = self._date_in(t.end, clause_end)
        place = any(
            m.type in ("City", "State") for m in self.matches if t.end <= m.start < clause_end
        )
        if date is None and not place:  # "تجتمع مرة كل ثلاثة أشهر" is a rhythm, not a meeting
            return i + 1
        key = ("session", mechanism, date.text if date else None)
        ref = self.event_keys.get(key)
        if ref is None:
            ref = self.d.entity(
                self._new_id("event"), "Meeting", t.text,
                status="planned" if future else "held",
                date=date.value if date and date.value else None,
                endDate=date.end_value if date else None,
                dateText=date.text if date and not date.value else None,
            )  # fmt: skip
            self.event_keys[key] = ref
        if self.d.mention(t.start, t.end, ref):
            self.frames.append(
                Frame("event", ref, "Meeting", t.start, t.end, sent, (t.start, clause_end),
                      future=future, session_of=mechanism)
            )  # fmt: skip
        return i + 1

    def _reception(self, i: int) -> int | None:
        """ "استقبل X نظيره Y": a meeting named by its verb; the main event if first."""
        t = self.toks[i]
        start = t.start + (1 if t.key[:1] in ("و", "ف") else 0)
        sent = self._sentence_of(start)
        if sent < 0:
            return None
        near = self.d.norm(max(self.sentences[sent][0], start - 40), t.end + 60)
        future = bool(_FUTURE.search(near))
        key = ("main",) if self.main is None and not future else ("reception", start)
        ref = self.event_keys.get(key)
        if ref is None:
            ref = self.d.entity(
                self._new_id("event"),
                "Meeting",
                self.d.text[start : t.end],
                status="planned" if future else "held",
            )
            self.event_keys[key] = ref
            if self.main is None and not future:
                self.main = ref
        if self.d.mention(start, t.end, ref):
            region = (start, self.sentences[sent][1])
            self.frames.append(Frame("event", ref, "Meeting", start, t.end, sent, region, future))
        return i + 1

    def _event(self, i: int) -> int | None:
        toks = self.toks
        s = _stem(toks[i])
        verb = toks[i].key in MEET_VERBS
        k0 = toks[i].key
        if (k0[1:] if k0[:1] in ("و", "ف") else k0) in RECEIVE_VERBS:
            return self._reception(i)
        if s not in EVENT_TRIGGERS and not verb:
            return None
        if toks[i].key.endswith(("ات", "ين")) and s not in ("مباحثات", "محادثات"):
            return None
        etype = "Meeting" if verb else EVENT_TRIGGERS[s]
        j = i + 1
        ordinal = None
        # "اجتماع الدورة ال35", "الدورة الثانية للندوة": one mention, the last head's type
        while j < len(toks) and j - i <= 4:
            st = _stem(toks[j])
            if st in ORDINALS or st.isdigit():
                ordinal = ORDINALS.get(st) or int(st)
                j += 1
                # "الحادية والأربعين", "الخامسة والثلاثين": unit + و + tens
                tens = toks[j].key[1:] if j < len(toks) and toks[j].key[:1] == "و" else ""
                if ordinal < 10 and ORDINALS.get(forms_bare(tens), 0) >= 20:
                    ordinal += ORDINALS[forms_bare(tens)]
                    j += 1
                break
            if st in EVENT_TRIGGERS and j == i + 1:
                etype = EVENT_TRIGGERS[st] if st not in ("دوره",) else etype
                j += 1
                continue
            if (
                toks[j].key.startswith("ال")
                and toks[j].text.isalpha()
                and not self._inside_match(toks[j])
            ):
                j += 1
                continue
            break
        if ordinal is None:
            j = i + 1
            if j < len(toks) and _stem(toks[j]) in EVENT_TRIGGERS:
                j += 1
        if i > 0 and _stem(toks[i - 1]) in ("اول",) and ordinal is None:
            ordinal = 1
        start = self._strip_proclitic(toks[i])
        end = toks[j - 1].end
        mech = self._mech_head(j) if j < len(toks) else None
        prior = self.frames[-1] if self.frames else None
        if (
            verb
            and mech is None
            and prior is not None
            and prior.kind == "mechanism"
            and toks[i].start - prior.end == 1
        ):
            return self._verb_session(i, prior.ref)  # "فريق عمل … يجتمع في …": its session
        if verb and mech is None:
            return None
        if s == "دوره" and ordinal is None and self.main is None:
            return None
        sent = self._sentence_of(start)
        s0 = self.sentences[sent][0]
        k = j
        if mech is not None:  # the clause runs past the mechanism's name
            k = self._mechanism(j) or j
        clause_end = self._clause_end(max(i, k - 1))
        after = self.d.norm(end, clause_end).strip()
        # tense is read near the mention: a later "سيساهم" in the sentence is not its plan
        near = self.d.norm(max(s0, start - 40), min(clause_end, end + 60))
        future = bool(_FUTURE.search(near))
        dated = _DATED.match(after)
        date = self._date_in(end, clause_end)
        jam = after.startswith("جمع")
        session = None
        if mech is not None:
            session = (
                self.frames[-1].ref if self.frames and self.frames[-1].kind == "mechanism" else None
            )
        key: tuple
        if session:
            key = ("session", session, date.text if date else None)
        elif ordinal is not None:
            key = ("ordinal", ordinal)
        elif jam or (dated and date and date.value and len(date.value) > 4):
            key = ("distinct", start)
        elif future and self.main is not None:
            key = ("planned", start)
        else:
            key = ("main",)
        main = key == ("main",) and self.main is not None
        ref = self.main if main else self.event_keys.get(key)
        if ref is None:
            label = self.d.text[start:end]
            ref = self.d.entity(
                self._new_id("event"), etype, label,
                status="planned" if future else "held",
                ordinal=ordinal,
                date=date.value if date and date.value else None,
                endDate=date.end_value if date else None,
                dateText=date.text if date and not date.value else None,
            )  # fmt: skip
            self.event_keys[key] = ref
        if self.main is None and not future and session is None and key[0] in ("main", "ordinal"):
            self.main = ref
            self.event_keys[("main",)] = ref
        if self.d.mention(start, end, ref):
            frame = Frame(
                "event", ref, etype, start, end, sent, (start, clause_end),
                future=future, session_of=session, ordinal=ordinal,
            )  # fmt: skip
            # "دورته الخامسة", "اجتماعه": its session; the owner is the body named before
            frame.extras["possessive"] = s in ("دورته", "دورتها", "اجتماعه", "اجتماعها")
            self.frames.append(frame)
        return j

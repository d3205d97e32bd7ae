"""Relations from cue patterns, one sentence at a time; evidence = the sentence.

Each rule names its cue and gives a confidence (how often such a cue states the relation in
news of this genre, not a calibrated probability):
- heldIn: an event followed in its clause by ب/في + a place (0.8); a hosting verb
  (احتضنت، تحتضن، ستحتضن، استضافت) + a place before the events it hosts (0.8);
- hostedBy: "بمقر" + a body (0.8); "استضافة" after a state side (0.7);
- sessionOf: "اجتماع <mechanism>" (0.9); an event with an ordinal + ل<body> (0.8);
- participatedIn: participation cues (شارك، بمشاركة، بحضور، ضم، قاد، برئاسة، التقى) -> the
  actors of the sentence (0.7), role head_of_delegation / speaker when the cue says so;
  a titled person in a sentence about an event (0.5);
- establishes: إنشاء/إحداث/تشكيل/استحداث/تأسيس/وضع/تنظيم + mechanism (0.8), subject the
  agreement of the sentence, else the event; تأسست … بمبادرة من <body> (0.7);
- addresses: the threat domains in a mechanism's mandate (0.9); in an agreement's clause
  (0.6); otherwise the main event's agenda (0.4);
- adoptedAt: a statement, declaration or recommendations -> the event of its sentence, else
  the main event (0.6);
- signed / partyTo: وقع/التوقيع/أبرم + agreement -> people and bodies sign, states are
  parties (0.7);
- organizedBy: نظمت/المنظمة/بمبادرة من/بتنظيم من + body (0.7).
The ontology's domain and range filter every proposal (``Draft.relate``).
"""

from __future__ import annotations

import re

from mskg.annotate.draft import Draft
from mskg.annotate.frames import Frame
from mskg.annotate.gazetteer import Match
from mskg.annotate.roles import Binding
from mskg.arabic import fast_normalize as normalize

_PLACE = ("City", "Port", "Region", "State")
_OUTCOMES = ("FinalStatement", "Declaration", "Recommendations")
_STATE_BODY = ("Ministry", "SecurityAgency", "GovernmentBody")
FOUNDED = ("تاسست", "انشيت", "احدثت", "المحدثه")  # passive/intransitive: founded by someone
_BODY = ("Ministry", "SecurityAgency", "GovernmentBody", "IntergovernmentalOrganization")
_ACTOR = ("State", "Person", "Forum", *_BODY)
_HOSTS = (*_PLACE, "IntergovernmentalOrganization")


def _cue(words: str) -> re.Pattern[str]:
    """A regex for cue words (space-separated) with optional و ف ب ل and short suffixes."""
    alts = "|".join(normalize(w) for w in words.split())
    return re.compile(rf"(?<!\w)(?:[وف]?[بل]?)(?:{alts})\w{{0,3}}(?!\w)")


HOST = _cue("احتضنت تحتضن ستحتضن احتضن يحتضن سيحتضن احتضنتها استضافت تستضيف ستستضيف")
PARTICIPATE = _cue(
    "شارك شاركت يشارك تشارك مشاركة بمشاركة حضر حضور بحضور ضم قاد ترأس برئاسة التقى جمعه "
    "المشاركون المشاركين وفد"
)
HEAD = _cue("قاد ترأس برئاسة يترأس")
SPEAK = _cue("كلمة تدخل مداخلة خطاب")
ESTABLISH = _cue(
    "إنشاء انشاء إحداث احداث تشكيل استحداث تأسيس وضع تنظيم خلق إرساء تأسست أنشئت أحدثت المحدثة"
)
SIGN = _cue("وقع وقعت وقعوا التوقيع توقيع أبرم أبرمت أبرما وقعا")
ORGANIZE = _cue("نظمت نظمها المنظمة بمبادرة بتنظيم ينظمها")
SHIFT = _cue("بينما فيما حين")  # a contrast starts a new clause for the hosting verb
CHAIR = _cue("يترأسها يرأسها يترأسه يرأسه برئاسة ترأسها")
REVIEW = _cue("استعرض مضامين تفعيل تنفيذ إحالة احالة يستند")
DECIDE = _cue("قرر قررت نص نصت تضمن تضمنت اتفق اتفقوا أوصى التوصيات الوثيقة")
AGENDA = _cue("بحث يبحث ناقش يناقش مناقشة مناقشته تناول يتناول تدارس شددوا اتفقوا أكدوا الملفات")
_CLAUSE_BREAK = re.compile(r"[،,.؛;]")
ALL = _cue("كل جميع باقي")
AT_SEAT = re.compile(r"(?<!\w)[وف]?بمقر(?!\w)")
HOSTING = _cue("استضافة احتضان")


class RelationFinder:
    def __init__(
        self,
        draft: Draft,
        matches: list[Match],
        frames: list[Frame],
        bindings: list[Binding],
        sentences: list[tuple[int, int]],
        main: str | None,
    ) -> None:
        self.d, self.matches, self.frames = draft, matches, frames
        self.bindings, self.sentences, self.main = bindings, sentences, main
        self.dates: list = []
        known = {(m.start, m.end) for m in matches}
        self.people = [
            Match(m.start, m.end, m.ref, m.type, "")
            for m in draft.mentions
            if m.type == "Person" and (m.start, m.end) not in known
        ]

    def _in(self, items, s: int, e: int):
        return [x for x in items if s <= x.start < e]

    def run(self) -> None:
        for s, e in self.sentences:
            if self.d.in_boilerplate(s, e):
                continue
            ms = [m for m in self._in(self.matches, s, e) if self.d.mention(m.start, m.end, m.ref)]
            ms += [x for x in self.people if s <= x.start < e]  # proposed people count too
            ms.sort(key=lambda m: m.start)
            fs = self._in(self.frames, s, e)
            # cue words inside a name (المنظمة in المنظمة الدولية…) are not cues: mask names
            key = "".join(
                " " * (b - a) if i == 1 else self.d.norm(a, b)
                for a, b, i, _m in self._pieces(s, e, ms)
            )
            self._sentence(s, e, key, ms, fs)
        main = self.d.entities.get(self.main) if self.main else None
        if main is not None and main.props.get("status") == "held":
            self._titled_officials()

    def _titled_officials(self) -> None:
        """An official named with a title in a meeting report took part in it (0.4)."""
        assert self.main is not None
        taking_part = {sj for (r, sj, _o) in self.d.relations if r == "participatedIn"}
        for b in self.bindings:
            if b.post and b.person not in taking_part and not self.d.in_boilerplate(*b.span):
                s, e = next(((a, z) for a, z in self.sentences if a <= b.span[0] < z), b.span)
                self.d.relate(
                    "participatedIn", b.person, self.main, (s, e), 0.4, role="participant"
                )

    # -- one sentence ------------------------------------------------------------------------
    def _sentence(self, s: int, e: int, key: str, ms: list[Match], fs: list[Frame]) -> None:
        d, ev = self.d, (s, e)
        events = [f for f in fs if f.kind == "event"]
        mechs = [f for f in fs if f.kind == "mechanism"]
        agreements = [f for f in fs if f.kind == "agreement"]
        commitments = [f for f in fs if f.kind == "commitment"]
        for f in commitments:
            d.relate("contains", f.extras["agreement"], f.ref, ev, 0.6)
            for m in ms:
                if m.type == "ThreatDomain" and f.start <= m.start < f.end:
                    d.relate("addresses", f.ref, m.ref, ev, 0.7)
        the_event = events[0].ref if events else self.main

        # heldIn: event + ب/في place within its clause
        for f in events:
            for m in ms:
                if m.type in _PLACE and f.end <= m.start < f.region[1]:
                    gap = d.norm(f.end, m.start)
                    if m.prefix.endswith("ب") or gap.rstrip().endswith(("في", "بمدينه", "بعاصمه")):
                        where = self._city_if_capital(m)
                        d.relate("heldIn", f.ref, where, ev, 0.8)
                        break
            if f.session_of:
                d.relate("sessionOf", f.ref, f.session_of, ev, 0.9)
            elif f.extras.get("possessive"):
                owner = self._body_before(f.start)
                if owner is not None:
                    d.relate("sessionOf", f.ref, owner, ev, 0.6)
            if f.ordinal is not None:
                for m in ms:
                    if f.end <= m.start <= f.end + 3 and m.prefix.endswith("ل"):
                        d.relate("sessionOf", f.ref, m.ref, ev, 0.8)
        # hosting verb: place/host, then the events it hosts
        hosts = list(HOST.finditer(key))
        bounds = sorted(
            [s + h.start() for h in hosts] + [s + c.start() for c in SHIFT.finditer(key)]
        )
        for hm in hosts:
            hs = s + hm.start()
            after_verb = hs + len(hm.group())
            place = next((m for m in ms if m.start >= after_verb and m.type in _HOSTS), None)
            if place is None:
                continue
            rel = "heldIn" if place.type in _PLACE else "hostedBy"
            if hm.group().endswith(("ها", "ه")):  # احتضنتها: the event just named
                prior = [f for f in events if f.end <= hs]
                if prior:
                    d.relate(rel, prior[-1].ref, place.ref, ev, 0.8)
                continue
            limit = next((b for b in bounds if b > hs), e)
            for f in events:
                if place.start < f.start < limit and not self._own_place(f, ms):
                    d.relate(rel, f.ref, place.ref, ev, 0.8)
        for sm in AT_SEAT.finditer(key):
            ss = s + sm.end()
            body = next((m for m in ms if ss <= m.start <= ss + 2), None)
            host = next((f for f in reversed(events) if f.start < ss), None)
            if body is not None and host is not None:
                d.relate("hostedBy", host.ref, body.ref, ev, 0.8)
        for hm in HOSTING.finditer(key):
            hs = s + hm.start()
            side_m = next((m for m in reversed(ms) if m.end <= hs and m.type == "State"), None)
            hosted = next((f for f in events if f.start > hs), None)
            if side_m is not None and hosted is not None:
                d.relate("hostedBy", hosted.ref, side_m.ref, ev, 0.7)

        # "اجتماع/مباحثات بين A و B": the actors of the clause took part
        for f in events:
            if d.norm(f.end, f.end + 5).strip().startswith("بين"):
                for m in ms:
                    if m.type in _ACTOR and f.end <= m.start < f.region[1]:
                        d.relate("participatedIn", m.ref, f.ref, ev, 0.7, role="participant")
        # participation
        if the_event and PARTICIPATE.search(key):
            head = HEAD.search(key)
            speak = SPEAK.search(key)
            for m in ms:
                if m.type not in _ACTOR or self._is_body_of(m.ref, the_event):
                    continue
                role = "participant"
                if m.type == "Person" and head and s + head.end() <= m.start <= s + head.end() + 30:
                    role = "head_of_delegation"
                # the event named last before the actor ("… إلى جانب لقاء جمعه مع X")
                target = next((f.ref for f in reversed(events) if f.start < m.start), the_event)
                d.relate("participatedIn", m.ref, target, ev, 0.7, role=role)
                if m.type == "Person" and speak:
                    d.relate("participatedIn", m.ref, target, ev, 0.6, role="speaker")
        elif the_event and events:
            for b in self.bindings:
                if s <= b.span[0] < e and not self._is_body_of(b.person, the_event):
                    d.relate("participatedIn", b.person, the_event, ev, 0.5, role="participant")

        # mechanisms: establishment and mandate
        for f in mechs:
            # an active cue stands before the mechanism (إنشاء لجنة), a passive one after it
            # (اللجنة … تأسست، المحدثة بين)
            cue = ESTABLISH.search(d.norm(max(s, f.start - 25), f.start))
            after = ESTABLISH.search(d.norm(f.end, f.end + 30))
            if after and after.group().lstrip("و").startswith(FOUNDED):
                cue = after
            others = [x.ref for x in events if x.session_of != f.ref]
            outcome = self._outcome(before=s) if DECIDE.search(key) else None
            fallback = others[0] if others else self.main
            subject = agreements[0].ref if agreements else outcome or fallback
            founded = cue and cue.group().lstrip("و").startswith(FOUNDED)
            bodies = [m for m in ms if m.type in _STATE_BODY and m.start > f.start]
            if founded:  # "تأسست … بمبادرة من A و B", "المحدثة بين A و B": the bodies did it
                date = next((x for x in self.dates if s <= x.start < e and x.value), None)
                for m in bodies:
                    d.relate(
                        "establishes", m.ref, f.ref, ev, 0.7, date=date.value if date else None
                    )
                    d.relate("memberOf", m.ref, f.ref, ev, 0.6)
            elif cue and subject:
                d.relate("establishes", subject, f.ref, ev, 0.8)
            elif self._first_mention(f):  # introduced where an outcome document is cited
                outcomes = [x for x in agreements if x.type in _OUTCOMES]
                if outcomes:
                    d.relate("establishes", outcomes[0].ref, f.ref, ev, 0.5)
            chair = CHAIR.search(d.norm(f.end, f.region[1] + 60))
            if chair:
                for m in ms:
                    if m.start >= f.end + chair.start() and m.type in _ACTOR:
                        d.relate("chairedBy", f.ref, m.ref, ev, 0.6)
            for m in ms:
                if m.type == "ThreatDomain" and f.start <= m.start < f.region[1]:
                    d.relate("addresses", f.ref, m.ref, (f.start, max(f.region[1], m.end)), 0.9)

        # agreements: adoption, signature, agenda
        for f in agreements:
            if f.type in ("FinalStatement", "Declaration", "Recommendations"):
                at = next((x.ref for x in events if x.ref != f.ref), self.main)
                if at:
                    d.relate("adoptedAt", f.ref, at, ev, 0.6)
        if SIGN.search(key):
            agreement = agreements[0].ref if agreements else self._last_agreement(s)
            if agreement:
                for m in ms:
                    if m.type == "State":
                        d.relate("partyTo", m.ref, agreement, ev, 0.7)
                    elif m.type in _ACTOR:
                        side = self._side_before(m, ms)
                        d.relate("signed", m.ref, agreement, ev, 0.7, onBehalfOf=side)
                if ALL.search(key) and the_event:  # "إلى جانب كل وزراء …": every participant
                    for rel, subj, obj in list(d.relations):
                        if (
                            rel == "participatedIn"
                            and obj == the_event
                            and d.type_of(subj) == "State"
                        ):
                            d.relate("partyTo", subj, agreement, ev, 0.5)
        if REVIEW.search(key) and self.main:
            for f in agreements:
                adopted = [o for (r, sj, o) in d.relations if r == "adoptedAt" and sj == f.ref]
                if f.ref != self.main and self.main not in adopted:
                    d.relate("refersTo", self.main, f.ref, ev, 0.5)
        if ORGANIZE.search(key) and the_event and not mechs:
            for m in ms:
                if m.type in _BODY:
                    d.relate("organizedBy", the_event, m.ref, ev, 0.7)

        # threat domains not in a mechanism's mandate: the agreement's, else the event's agenda
        for m in ms:
            if m.type != "ThreatDomain":
                continue
            if any(f.start <= m.start < f.region[1] for f in mechs):
                continue
            if any(f.start <= m.start < f.end for f in commitments):
                continue
            holder = next((f for f in reversed(agreements) if f.start < m.start), None)
            if holder is not None and not _CLAUSE_BREAK.search(d.norm(holder.end, m.start)):
                # "اتفاق تعاون في مجال مكافحة الهجرة": the domain in the agreement's own clause
                d.relate("addresses", holder.ref, m.ref, ev, 0.6)
            elif the_event and (events or AGENDA.search(key)):
                # the agenda of the event named here, or of the main event when the sentence
                # reports its discussions (بحث، ناقش، تناول، شدد، اتفق…)
                d.relate("addresses", the_event, m.ref, ev, 0.4)

    # -- helpers -------------------------------------------------------------------------------
    def _side_before(self, m: Match, ms: list[Match]) -> str | None:
        """ "عن الجانب الجزائري وزير الداخلية X": the state X acted for."""
        prior = [x for x in ms if x.end <= m.start and x.type == "State"]
        if prior and m.start - prior[-1].end <= 25:
            between = self.d.norm(prior[-1].end, m.start)
            if "،" not in between and "," not in between:
                return prior[-1].ref
        return None

    def _body_before(self, pos: int) -> str | None:
        """The last council, forum or mechanism named before ``pos`` (a pronoun's owner)."""
        bodies = ("IntergovernmentalOrganization", "Forum")
        prior = [m for m in self.matches if m.end <= pos and m.type in bodies]
        prior += [
            Match(f.start, f.end, f.ref, f.type, "")
            for f in self.frames
            if f.kind == "mechanism" and f.end <= pos
        ]
        return max(prior, key=lambda m: m.end).ref if prior else None

    def _own_place(self, f: Frame, ms: list[Match]) -> bool:
        """The event names its own place (… بالرباط) in its clause."""
        return any(
            m.type in _PLACE and f.end <= m.start < f.region[1] and m.prefix.endswith("ب")
            for m in ms
        )

    def _outcome(self, before: int) -> str | None:
        """The outcome document the article reports (statement, declaration,
        recommendations), if the article has named it before ``before``."""
        found = (
            f.ref
            for f in self.frames
            if f.kind == "agreement" and f.type in _OUTCOMES and f.start < before
        )
        return next(found, None)

    def _first_mention(self, f: Frame) -> bool:
        return next(x for x in self.frames if x.ref == f.ref) is f

    @staticmethod
    def _pieces(s: int, e: int, ms: list[Match]):
        """The sentence cut into plain text (0) and names (1), in order."""
        pos = s
        for m in sorted(ms, key=lambda m: m.start):
            if m.start < pos:
                continue
            yield pos, m.start, 0, m
            yield m.start, m.end, 1, m
            pos = m.end
        yield pos, e, 0, None

    def _city_if_capital(self, m: Match) -> str:
        from mskg.annotate.gazetteer import default_gazetteer

        return default_gazetteer().capital_of.get(m.ref, m.ref) if m.type == "State" else m.ref

    def _is_body_of(self, ref: str, event: str) -> bool:
        return ("sessionOf", event, ref) in self.d.relations

    def _last_agreement(self, before: int) -> str | None:
        prior = [f for f in self.frames if f.kind == "agreement" and f.start < before]
        return prior[-1].ref if prior else None

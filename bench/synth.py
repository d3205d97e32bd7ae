"""Synthetic corpus: N realistic Arabic documents in the native format, deterministic for a seed.

Built from the registry and the thesaurus: actors drawn with a Zipf distribution (a few hubs,
a long tail), 10–40 relations per document each stated by one sentence (its evidence), and a
shared pool of events, agreements and mechanisms so that documents talk about the same things
(cross-document identity). Every document passes ``mskg.document.validate``.

    python -m bench.synth -n 1000 -o bench/data/1000
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mskg.document import Document, EntityDef, Mention, Relation, Span
from mskg.ontology import load_registry

EVENT_TYPES = ("Meeting", "Conference", "Seminar", "Summit")
EVENT_WORDS = {"Meeting": "اجتماع", "Conference": "مؤتمر", "Seminar": "ندوة", "Summit": "قمة"}
AGREEMENT_TYPES = (
    "Declaration",
    "FinalStatement",
    "CooperationAgreement",
    "ActionPlan",
    "Recommendations",
)
AGREEMENT_WORDS = {
    "Declaration": "إعلان",
    "FinalStatement": "البيان الختامي",
    "CooperationAgreement": "اتفاق التعاون",
    "ActionPlan": "مخطط العمل",
    "Recommendations": "توصيات",
}
MECHANISM_TYPES = ("Committee", "WorkingGroup", "JointPatrol", "InformationExchange", "Network")
MECHANISM_WORDS = {
    "Committee": "لجنة المتابعة",
    "WorkingGroup": "فريق العمل المتخصص",
    "JointPatrol": "الدوريات المشتركة",
    "InformationExchange": "قناة تبادل المعلومات",
    "Network": "شبكة التنسيق",
}
MONTHS = (
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "ماي",
    "يونيو",
    "يوليوز",
    "غشت",
    "شتنبر",
    "أكتوبر",
    "نونبر",
    "دجنبر",
)
FILLER = (
    "وأكد المشاركون على أهمية تكثيف التعاون والتنسيق لمواجهة التحديات الأمنية المشتركة في المنطقة.",
    "وشدد البيان على ضرورة اعتماد مقاربة شاملة تراعي الأبعاد الاقتصادية والاجتماعية والثقافية.",
    "كما دعا إلى تبادل الخبرات والتجارب وتنظيم دورات تكوينية لفائدة الأجهزة المختصة.",
    "وأعرب الوزراء عن ارتياحهم لمستوى التنسيق القائم بين المصالح الأمنية للدول الأعضاء.",
)


@dataclass
class _Builder:
    """Accumulates text, mentions and relations with exact code-point offsets."""

    doc_id: str
    text: str = ""
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def add(self, piece: str) -> None:
        self.text += piece

    def mention(self, surface: str, type_: str, ref: str) -> None:
        start = len(self.text)
        self.text += surface
        self.mentions.append(
            Mention(
                id=f"m{len(self.mentions) + 1}",
                start=start,
                end=len(self.text),
                text=surface,
                type=type_,
                ref=ref,
            )
        )

    def sentence(
        self,
        parts: list[tuple[str, str, str] | str],
        rel: tuple[str, str, str],
        attrs: dict | None = None,
    ) -> None:
        start = len(self.text)
        for part in parts:
            if isinstance(part, str):
                self.add(part)
            else:
                self.mention(*part)
        end = len(self.text)
        self.add(" ")
        rtype, subject, obj = rel
        self.relations.append(
            Relation(
                id=f"r{len(self.relations) + 1}",
                type=rtype,
                subject=subject,
                object=obj,
                evidence=Span(start=start, end=end),
                attrs=attrs or {},
            )
        )


class Generator:
    def __init__(self, seed: int = 7, n_docs: int = 1000) -> None:
        self.rng = random.Random(seed)
        registry = load_registry()
        self.actors = sorted(
            (
                e
                for e in registry
                if e.type
                in (
                    "State",
                    "Ministry",
                    "SecurityAgency",
                    "IntergovernmentalOrganization",
                    "Forum",
                    "Person",
                )
            ),
            key=lambda e: e.id,
        )
        self.states = [e for e in self.actors if e.type == "State"]
        self.places = sorted(
            (e for e in registry if e.type in ("City", "Port")), key=lambda e: e.id
        )
        self.domains = sorted((e for e in registry if e.type == "ThreatDomain"), key=lambda e: e.id)
        # Zipf weights: rank r gets 1/r, so a few hub actors appear in most documents.
        order = self.actors[:]
        self.rng.shuffle(order)
        self.actor_pool = order
        self.actor_weights = [1.0 / (r + 1) for r in range(len(order))]
        pool = max(10, n_docs // 5)
        self.events = [self._event(k) for k in range(pool)]
        self.agreements = [self._agreement(k) for k in range(pool)]
        self.mechanisms = [self._mechanism(k) for k in range(pool)]
        self.shared_weights = [1.0 / (r + 1) ** 0.8 for r in range(pool)]

    def _event(self, k: int) -> EntityDef:
        t = EVENT_TYPES[k % len(EVENT_TYPES)]
        year = 2005 + k % 20
        date = f"{year}-{1 + k % 12:02d}" if k % 3 else f"{year}"
        return EntityDef(
            id=f"event/synth-{k}",
            type=t,
            label={
                "ar": f"{EVENT_WORDS[t]} رقم {k}",
                "en": f"synthetic {t.lower()} {k}",
                "fr": f"{t.lower()} synthétique {k}",
            },
            props={"date": date, "status": "held" if k % 4 else "planned", "ordinal": 1 + k % 40},
        )

    def _agreement(self, k: int) -> EntityDef:
        t = AGREEMENT_TYPES[k % len(AGREEMENT_TYPES)]
        return EntityDef(
            id=f"agreement/synth-{k}",
            type=t,
            label={
                "ar": f"{AGREEMENT_WORDS[t]} رقم {k}",
                "en": f"synthetic agreement {k}",
                "fr": f"accord synthétique {k}",
            },
            props={"status": "adopted"},
        )

    def _mechanism(self, k: int) -> EntityDef:
        t = MECHANISM_TYPES[k % len(MECHANISM_TYPES)]
        return EntityDef(
            id=f"mechanism/synth-{k}",
            type=t,
            label={
                "ar": f"{MECHANISM_WORDS[t]} رقم {k}",
                "en": f"synthetic mechanism {k}",
                "fr": f"mécanisme synthétique {k}",
            },
            props={"frequency": "P3M"} if t == "Committee" else {},
        )

    def _shared(self, pool: list[EntityDef]) -> EntityDef:
        return self.rng.choices(pool, weights=self.shared_weights, k=1)[0]

    def _actor(self):
        return self.rng.choices(self.actor_pool, weights=self.actor_weights, k=1)[0]

    def document(self, i: int) -> Document:
        rng = self.rng
        b = _Builder(doc_id=f"synth-{i:06d}")
        event, agreement, mechanism = (
            self._shared(self.events),
            self._shared(self.agreements),
            self._shared(self.mechanisms),
        )
        place = rng.choice(self.places)
        ev = (event.label["ar"], event.type, event.id)
        ag = (agreement.label["ar"], agreement.type, agreement.id)
        me = (mechanism.label["ar"], mechanism.type, mechanism.id)
        b.sentence(
            [
                "انعقد ",
                ev,
                " في ",
                (place.label["ar"], place.type, place.id),
                f" يوم {1 + i % 28} {MONTHS[i % 12]}.",
            ],
            ("heldIn", event.id, place.id),
        )
        b.sentence(["وصدر ", ag, " في ختام أشغال ", ev, "."], ("adoptedAt", agreement.id, event.id))
        b.sentence(
            ["وقرر ", ev, " إحداث ", me, " لتنسيق الجهود."], ("establishes", event.id, mechanism.id)
        )
        n_relations = rng.randint(10, 40)
        while len(b.relations) < n_relations:
            kind = rng.random()
            actor = self._actor()
            ac = (actor.label["ar"], actor.type, actor.id)
            if kind < 0.45:
                role = rng.choice(("participant", "head_of_delegation", "host", "speaker"))
                b.sentence(
                    ["وشارك ", ac, " في أشغال ", ev, "."],
                    ("participatedIn", actor.id, event.id),
                    {"role": role},
                )
            elif kind < 0.65 and actor.type in (
                "State",
                "IntergovernmentalOrganization",
                "Ministry",
                "SecurityAgency",
                "Forum",
            ):
                b.sentence(["ويعد ", ac, " طرفا في ", ag, "."], ("partyTo", actor.id, agreement.id))
            elif kind < 0.85:
                domain = rng.choice(self.domains)
                b.sentence(
                    ["ويعنى ", me, " بمجال ", (domain.label["ar"], "ThreatDomain", domain.id), "."],
                    ("addresses", mechanism.id, domain.id),
                )
            else:
                b.add(rng.choice(FILLER) + " ")
        for _ in range(rng.randint(3, 8)):  # body text without facts, as news has
            b.add(rng.choice(FILLER) + " ")
        return Document(
            id=b.doc_id,
            text=b.text.rstrip(),
            lang="ar",
            meta={
                "title": f"وثيقة اصطناعية {i}",
                "source": "bench/synth.py",
                "note": "synthetic, generated for benchmarks",
            },
            entities=[event, agreement, mechanism],
            mentions=b.mentions,
            relations=b.relations,
        )

    def documents(self, n: int) -> Iterator[Document]:
        for i in range(n):
            yield self.document(i)


def write_corpus(n: int, out: Path, seed: int = 7) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    for doc in Generator(seed, n).documents(n):
        (out / f"{doc.id}.json").write_text(doc.to_json(), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="number of documents")
    parser.add_argument("-o", "--out", type=Path, required=True, help="output folder")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    write_corpus(args.n, args.out, args.seed)
    print(f"wrote {args.n} documents to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

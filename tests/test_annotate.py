"""The pre-annotator on its own test articles (written for the tests, not real news), on the
seed articles against the gold corpus, and its parts (dates, forms, boilerplate)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.tools.build import SEEDS  # ../shared/seeds, beside the repository
from mskg.annotate import annotate_path, annotate_text, boilerplate, forms
from mskg.annotate.dates import find_dates
from mskg.arabic import key_with_offsets, normalize_with_offsets
from mskg.document import validate
from mskg.evaluate import evaluate

DATA = Path(__file__).parent / "data" / "annotate"
CORPUS = Path(__file__).parent.parent / "corpus"


def rels(doc) -> set[tuple[str, str, str]]:
    return {(r.type, r.subject, r.object) for r in doc.relations}


def refs(doc) -> set[str]:
    return {m.ref for m in doc.mentions}


def local(doc, etype: str) -> list:
    return [e for e in doc.entities if e.type == etype]


def test_key_with_offsets_equals_slow_path() -> None:
    for text in ["أَهْلاً بِكُم ﻻ ABC", "وزارة الداخلية\u00a0المغربية", "مُحَمَّد"]:
        assert key_with_offsets(text)[0] == normalize_with_offsets(text)[0]
        assert list(key_with_offsets(text)[1]) == normalize_with_offsets(text)[1]


@pytest.mark.parametrize(
    ("text", "published", "value", "end_value"),
    [
        ("يومي 8 و9 يونيو المقبل", None, None, None),  # no year stated, none invented
        ("يومي 8 و9 جوان المقبل", "2015-05-20", "2015-06-08", "2015-06-09"),
        ("يوم 21 أبريل 2013", None, "2013-04-21", None),
        ("في 3 كانون الثاني 2020", None, "2020-01-03", None),
        ("شهر نونبر 2013", None, "2013-11", None),
        ("أواخر شهر دجنبر من السنة الماضية", "2014-03-01", "2013-12", None),
        ("برسم سنة 2014", None, "2014", None),
        ("يومي 29 و30 شتنبر المقبل", "2015-11-02", "2016-09-29", "2016-09-30"),
    ],
)
def test_dates(text, published, value, end_value) -> None:
    key, offsets = key_with_offsets(text)
    (d,) = find_dates(text, key, offsets, published)
    assert (d.value, d.end_value) == (value, end_value)
    assert text[d.start : d.end] == d.text


def test_nisba_rule() -> None:
    assert forms.nisba_stem("المغرب") == "مغربي"
    assert forms.nisba_stem("ليبيا") == "ليبي"
    assert forms.nisba_stem("إسبانيا") == "اسباني"
    assert forms.nisba_stem("جزر القمر") is None
    # a nisba alone is context, not a mention; with a side head it is the state
    doc = annotate_text("أكد الخبراء المغاربة أهمية التعاون المغاربي.", "t1")
    assert "state/MAR" not in refs(doc)
    doc = annotate_text("وقاد الوزير الوفد المغربي إلى الاجتماع.", "t2")
    assert "state/MAR" in refs(doc)
    doc = annotate_text("أعلنت الداخلية المغربية عن اجتماع.", "t3")
    assert "org/mar-ministry-of-interior" in refs(doc)


def test_clitics_and_offsets_into_the_original() -> None:
    text = "وللجزائرِ وبالرباطِ والإرهابُ"
    doc = annotate_text(text, "t4")
    for m in doc.mentions:
        assert text[m.start : m.end] == m.text
    assert {"place/rabat", "domain/terrorism"} <= refs(doc)
    rabat = next(m for m in doc.mentions if m.ref == "place/rabat")
    assert rabat.text.startswith("الرباط")  # و ب stay outside the span


def test_boilerplate_detected_and_empty() -> None:
    page = (SEEDS / "002_76a1b9d5c2198e0e.txt").read_text(encoding="utf-8")
    spans = boilerplate.detect(page)
    assert spans[0].start == 0 and spans[0].end > 3000
    assert page[spans[-1].start : spans[-1].end].startswith("انقر هنا")
    doc = annotate_path(SEEDS / "002_76a1b9d5c2198e0e.txt")
    for m in doc.mentions:
        assert not any(b.start < m.end and m.start < b.end for b in doc.boilerplate)
    for r in doc.relations:
        assert not any(
            b.start < r.evidence.end and r.evidence.start < b.end for b in doc.boilerplate
        )


def test_tunisian_italian_talks() -> None:
    doc = annotate_path(DATA / "tun_ita_migration.txt")
    validate(doc, "tun_ita")
    assert {"place/tunis", "post/tun-minister-of-interior", "place/rome", "org/european-union",
            "domain/illegal-migration", "domain/human-trafficking"} <= refs(doc)  # fmt: skip
    people = {e.label["ar"]: e for e in doc.entities if e.type == "Person"}
    assert set(people) == {"كمال الفقي", "ماتيو بيانتيدوزي"}  # names after titles, proposed
    assert all(p.props["needsReview"] is True for p in people.values())
    person = people["كمال الفقي"]
    assert ("holds", person.id, "post/tun-minister-of-interior") in rels(doc)
    # "ونظيره الإيطالي": the same office for the other state
    counterpart = people["ماتيو بيانتيدوزي"].id
    assert ("holds", counterpart, "post/ita-minister-of-interior") in rels(doc)
    main = next(e for e in local(doc, "Meeting") if e.props["status"] == "held")
    planned = next(e for e in local(doc, "Meeting") if e.props["status"] == "planned")
    (wg,) = local(doc, "WorkingGroup")
    assert {
        ("heldIn", main.id, "place/tunis"),
        ("heldIn", planned.id, "place/rome"),
        ("sessionOf", planned.id, wg.id),
        ("participatedIn", "org/european-union", main.id),
        ("participatedIn", person.id, main.id),
        ("participatedIn", counterpart, main.id),
        ("establishes", main.id, wg.id),
    } <= rels(doc)
    assert planned.props["dateText"] == "يومي 4 و5 يونيو المقبل" and "date" not in planned.props


def test_arab_council_session_in_tunis() -> None:
    doc = annotate_path(DATA / "arab_council_tunis.txt")
    (session,) = local(doc, "Meeting")
    assert session.props["ordinal"] == 40
    (statement,) = local(doc, "FinalStatement")
    (committee,) = local(doc, "Committee")
    assert {
        ("sessionOf", session.id, "org/council-of-arab-interior-ministers"),
        ("adoptedAt", statement.id, session.id),
        ("establishes", statement.id, committee.id),
        ("addresses", session.id, "domain/terrorism"),
        ("participatedIn", "org/interpol", session.id),
    } <= rels(doc)
    assert not any(r[0] == "organizedBy" for r in rels(doc))  # "المنظمة" inside a name
    (commitment,) = local(doc, "Commitment")  # "دعا إلى تعزيز تبادل المعلومات حول …"
    assert commitment.props["quote"].startswith("تعزيز تبادل المعلومات")
    assert ("contains", statement.id, commitment.id) in rels(doc)
    assert ("addresses", commitment.id, "domain/foreign-terrorist-fighters") in rels(doc)
    assert doc.boilerplate and not any(m.start >= doc.boilerplate[0].start for m in doc.mentions)


def test_moroccan_spanish_mou() -> None:
    doc = annotate_path(DATA / "mar_esp_police_mou.txt")
    (mou,) = local(doc, "CooperationAgreement")
    assert local(doc, "JointPatrol") and local(doc, "Committee")
    assert {("addresses", mou.id, "domain/terrorism"),
            ("addresses", mou.id, "domain/illegal-migration")} <= rels(doc)  # fmt: skip
    assert "place/madrid" in refs(doc)
    # "ونظيره الإسباني" after a Moroccan office: a Spanish office proposed for review
    (post,) = local(doc, "Post")
    assert post.id.startswith("post/esp-") and post.props["needsReview"] is True


def test_planned_meeting_without_year_keeps_text() -> None:
    doc = annotate_path(DATA / "planned_no_year.txt")
    (meeting,) = local(doc, "Meeting")
    assert meeting.props["status"] == "planned"
    assert meeting.props["dateText"] == "يومي 8 و9 نونبر المقبل" and "date" not in meeting.props
    assert ("heldIn", meeting.id, "place/algiers") in rels(doc)
    assert "post/dza-minister-of-interior" in refs(doc)
    dated = annotate_path(DATA / "planned_no_year.txt", published="2019-10-01")
    (meeting,) = local(dated, "Meeting")
    assert (meeting.props["date"], meeting.props["endDate"]) == ("2019-11-08", "2019-11-09")


def test_seed_targets(tmp_path) -> None:
    for f in sorted(SEEDS.glob("*.txt")):
        (tmp_path / f"{f.stem}.json").write_text(annotate_path(f).to_json(), encoding="utf-8")
    report = evaluate(CORPUS, tmp_path)
    assert len(report.documents) == 5
    assert report.total("linked").f1 >= 0.85
    assert report.total("relations").f1 >= 0.50
    # mention level against the completed gold (every mention linked): a regression guard
    # below the measured 0.85 (in-sample; docs/annotate.md)
    assert report.total("span+id").f1 >= 0.80


def test_html_page_is_stripped(tmp_path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<!doctype html><html><head><title>خبر</title><script>var x = 'الرباط';</script>"
        "</head><body><nav><ul><li>الرئيسية</li></ul></nav><article><p>احتضنت "
        "<b>الرباط</b> اجتماعا لوزراء الداخلية لبحث مكافحة الإرهاب.</p></article></body></html>",
        encoding="utf-8",
    )
    doc = annotate_path(page)
    assert "<" not in doc.text and "var x" not in doc.text
    assert doc.id == "page"
    rabat = [m for m in doc.mentions if m.ref == "place/rabat"]
    assert len(rabat) == 1 and doc.text[rabat[0].start : rabat[0].end] == "الرباط"
    (meeting,) = local(doc, "Meeting")
    assert ("heldIn", meeting.id, "place/rabat") in rels(doc)


def test_bad_publication_date_is_refused() -> None:
    from mskg.errors import InvalidDocument

    with pytest.raises(InvalidDocument, match="published"):
        annotate_text("اجتماع في الرباط", "t5", published="next june")


def test_reception_and_signing_on_behalf() -> None:
    doc = annotate_path(DATA / "dza_ita_signing.txt")
    people = {e.label["ar"]: e.id for e in doc.entities if e.type == "Person"}
    mourad, piantedosi = people["إبراهيم مراد"], people["ماتيو بيانتيدوزي"]
    (meeting,) = local(doc, "Meeting")  # "استقبل" names the meeting, "اللقاء" refers to it
    (agreement,) = local(doc, "CooperationAgreement")
    assert {
        ("holds", mourad, "post/dza-minister-of-interior"),
        ("holds", piantedosi, "post/ita-minister-of-interior"),
        ("heldIn", meeting.id, "place/algiers"),
        ("participatedIn", mourad, meeting.id),
        ("participatedIn", piantedosi, meeting.id),
        ("addresses", meeting.id, "domain/organised-crime"),
        ("partyTo", "state/DZA", agreement.id),
        ("partyTo", "state/ITA", agreement.id),
        ("signed", mourad, agreement.id),
    } <= rels(doc)
    signed = {r.subject: r.attrs.get("onBehalfOf") for r in doc.relations if r.type == "signed"}
    assert signed == {mourad: "state/DZA", piantedosi: "state/ITA"}
    quotes = sorted(e.props["quote"] for e in local(doc, "Commitment"))
    assert quotes == ["تبادل المعلومات حول شبكات تهريب المهاجرين",
                      "تنظيم دورات تكوينية مشتركة لفائدة أفراد الشرطة"]  # fmt: skip
    for c in local(doc, "Commitment"):
        assert ("contains", agreement.id, c.id) in rels(doc)


def test_compound_ordinal_verb_session_and_rhythm() -> None:
    # written for this test, not real news
    text = (
        "عقد مجلس وزراء الداخلية العرب دورته الحادية والأربعين في تونس يومي 3 و4 آذار 2024. "
        "وقرر المجلس تشكيل فريق عمل مكلف بمكافحة الجرائم الإلكترونية يجتمع في كانون الأول "
        "المقبل بالقاهرة، وإنشاء لجنة متابعة تجتمع مرة كل ثلاثة أشهر."
    )
    doc = annotate_text(text, "t6", published="2024-03-05")
    session = next(e for e in local(doc, "Meeting") if e.props["status"] == "held")
    assert session.props["ordinal"] == 41
    assert (session.props["date"], session.props["endDate"]) == ("2024-03-03", "2024-03-04")
    assert ("sessionOf", session.id, "org/council-of-arab-interior-ministers") in rels(doc)
    assert ("heldIn", session.id, "place/tunis") in rels(doc)
    (wg,) = local(doc, "WorkingGroup")
    planned = next(e for e in local(doc, "Meeting") if e.props["status"] == "planned")
    assert planned.props["date"] == "2024-12"
    assert {("sessionOf", planned.id, wg.id), ("heldIn", planned.id, "place/cairo"),
            ("addresses", wg.id, "domain/cybercrime")} <= rels(doc)  # fmt: skip
    (committee,) = local(doc, "Committee")
    assert committee.props["frequency"] == "P3M"
    assert len(local(doc, "Meeting")) == 2  # "تجتمع مرة كل ثلاثة أشهر" is no meeting


def spans(doc) -> set[tuple[str, str, str]]:
    return {(m.text, m.type, m.ref) for m in doc.mentions}


def test_nested_names_that_refer_on_their_own() -> None:
    doc = annotate_text(
        "استقبل وزير داخلية ليبيا أمس الأمين العام. وشارك مجلس وزراء الداخلية لدول اتحاد "
        "المغرب العربي في الاجتماع.",
        "t1",
    )
    got = spans(doc)
    assert ("ليبيا", "State", "state/LBY") in got
    assert ("اتحاد المغرب العربي", "IntergovernmentalOrganization", "org/arab-maghreb-union") in got
    # a name that is a fixed part of another (the region in the union's name) is not a mention
    assert not any(m.ref == "place/maghreb" for m in doc.mentions)


def test_organisation_named_again_by_its_head_noun() -> None:
    doc = annotate_text(
        "عقد مجلس وزراء الداخلية العرب دورته في تونس. وأكد المجلس على مكافحة الإرهاب، "
        "كما دعا المجلس الدول الأعضاء إلى التعاون.",
        "t2",
    )
    council = [m for m in doc.mentions if m.text == "المجلس"]
    assert len(council) == 2
    assert {m.ref for m in council} == {"org/council-of-arab-interior-ministers"}


def test_head_noun_without_an_antecedent_is_not_linked() -> None:
    doc = annotate_text("وأكد المجلس البلدي لمدينة فاس على أهمية النظافة.", "t3")
    assert not any(m.text == "المجلس" for m in doc.mentions)


def test_event_kind_and_construct_spans() -> None:
    doc = annotate_text(
        "انطلقت اليوم بالرباط أشغال اجتماع وزراء الداخلية المغاربيين. وقد خرج المؤتمر "
        'ب"إعلان الرباط" الذي دعا إلى مكافحة الإرهاب.',
        "t4",
    )
    events = {m.text: m.type for m in doc.mentions if m.ref.startswith("event/")}
    assert events.get("اجتماع وزراء الداخلية المغاربيين") == "Conference"
    assert ("الرباط", "City", "place/rabat") in spans(doc)


def test_a_capital_named_after_a_document_noun_is_the_city() -> None:
    doc = annotate_text("ونص إعلان الجزائر على تعزيز التعاون في مجال الهجرة غير الشرعية.", "t5")
    assert ("الجزائر", "City", "place/algiers") in spans(doc)


def test_event_span_takes_its_ordinal_and_adjectives() -> None:
    doc = annotate_text(
        "عقد وزراء الداخلية العرب في تونس أول اجتماع لمجلس وزراء الداخلية العرب. وفي ختام "
        "القمة الأمنية العربية دعا الوزراء إلى مكافحة الإرهاب.",
        "t6",
    )
    events = {m.text for m in doc.mentions if m.ref.startswith("event/")}
    assert "أول اجتماع لمجلس وزراء الداخلية العرب" in events
    assert "القمة الأمنية العربية" in events

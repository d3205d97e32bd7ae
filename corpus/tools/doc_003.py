"""003: the 35th session of the Council of Arab Interior Ministers, Algiers."""

from corpus.tools.gold import Doc

EVENT = "event/arab-interior-ministers-35th-session-algiers"
STATEMENT = "agreement/arab-interior-ministers-35th-session-final-statement"
COUNCIL = "org/council-of-arab-interior-ministers"
THANI = "person/abdullah-bin-nasser-al-thani"
OUYAHIA = "person/ahmed-ouyahia"


def annotate(d: Doc) -> None:
    d.entity(
        EVENT,
        "Meeting",
        "الدورة ال35 لمجلس وزراء الداخلية العرب",
        "35th session of the Council of Arab Interior Ministers, Algiers",
        "35e session du Conseil des ministres arabes de l'Intérieur, Alger",
        status="held",
        ordinal=35,
        dateText="عصر اليوم الأربعاء",
    )
    d.entity(
        STATEMENT,
        "FinalStatement",
        "البيان الختامي للدورة ال35 لمجلس وزراء الداخلية العرب",
        "Final statement of the 35th session of the Council of Arab Interior Ministers",
        "Communiqué final de la 35e session du Conseil des ministres arabes de l'Intérieur",
        status="adopted",
    )
    bilateral = d.entity(
        "event/qat-dza-bilateral-meeting-algiers-35th-session",
        "Meeting",
        "لقاء رئيس مجلس الوزراء القطري ورئيس الوزراء الجزائري",
        "Meeting of the Prime Ministers of Qatar and Algeria",
        "Rencontre des Premiers ministres du Qatar et de l'Algérie",
        status="held",
    )

    d.m("أعمال [[اجتماع الدورة ال35]] لمجلسهم", "Meeting", EVENT)
    d.m("الدورة ال35 ل[[مجلسهم]]", "IntergovernmentalOrganization", COUNCIL)
    d.m("المنعقد ب[[الجزائر]] عصر", "City", "place/algiers")
    opening = "في ختام أعمال اجتماع الدورة ال35 لمجلسهم المنعقد بالجزائر عصر اليوم الأربعاء"
    d.r("sessionOf", EVENT, COUNCIL, opening)
    d.r("heldIn", EVENT, "place/algiers", opening)

    concerns = [
        (
            "ومكافحة [[التطرف المفضي إلى الإرهاب]] عبر",
            "violent-extremism",
            "مواجهة التحديات المطروحة المرتبطة بالأمن الفكري ومكافحة التطرف المفضي إلى الإرهاب عبر "
            "شبكات التواصل الاجتماعي ومواقع الانترنت",
        ),
        (
            "الإرهاب عبر [[شبكات التواصل الاجتماعي]] ومواقع",
            "online-radicalisation",
            "مكافحة التطرف المفضي إلى الإرهاب عبر شبكات التواصل الاجتماعي ومواقع الانترنت",
        ),
    ]
    crimes = (
        "شددوا على أن جرائم العنف والإرهاب والمخدرات وغسل الأموال وتهريب الأسلحة وتجارة "
        "البشر والهجرة غير الشرعية وغيرها من الجرائم المنظمة العابرة للحدود الوطنية"
    )
    for spec, dom in [
        ("جرائم العنف و[[الإرهاب]] والمخدرات", "terrorism"),
        ("والإرهاب و[[المخدرات]] وغسل", "drug-trafficking"),
        ("والمخدرات و[[غسل الأموال]] وتهريب", "money-laundering"),
        ("الأموال و[[تهريب الأسلحة]] وتجارة", "arms-trafficking"),
        ("الأسلحة و[[تجارة البشر]] والهجرة", "human-trafficking"),
        ("البشر و[[الهجرة غير الشرعية]] وغيرها", "illegal-migration"),
        ("وغيرها من [[الجرائم المنظمة العابرة للحدود الوطنية]]", "organised-crime"),
    ]:
        concerns.append((spec, dom, crimes))
    for spec, dom, evidence in concerns:
        d.m(spec, "ThreatDomain", f"domain/{dom}")
        d.r("addresses", EVENT, f"domain/{dom}", evidence)

    d.m("حسب ما جاء في [[البيان الختامي للدورة ال35]]", "FinalStatement", STATEMENT)
    d.r("adoptedAt", STATEMENT, EVENT, "البيان الختامي للدورة ال35")
    fighters = d.entity(
        "commitment/arab-interior-ministers-35-foreign-fighters",
        "Commitment",
        "تعزيز الرقابة على الحدود لمنع عودة المقاتلين الإرهابيين",
        "Stronger border control against returning terrorist fighters",
        "Contrôle renforcé des frontières contre le retour des combattants terroristes",
        quote="تعزيز الرقابة على الحدود وتأمينها لمنع الخطر "
        "الداهم الذي يشكله عودة المقاتلين الإرهابيين من مناطق القتال",
    )
    q = (
        "تعزيز الرقابة على الحدود وتأمينها لمنع الخطر الداهم الذي يشكله عودة المقاتلين "
        "الإرهابيين من مناطق القتال"
    )
    d.m(f"[[{q}]]", "Commitment", fighters)
    d.m("دعا [[البيان الختامي]] الدول", "FinalStatement", STATEMENT)
    d.r("contains", STATEMENT, fighters, f"دعا البيان الختامي الدول العربية إلى {q}")
    d.m("تعزيز [[الرقابة على الحدود]] وتأمينها", "ThreatDomain", "domain/border-security")
    d.m(
        "يشكله [[عودة المقاتلين الإرهابيين]] من",
        "ThreatDomain",
        "domain/foreign-terrorist-fighters",
    )
    d.r("addresses", fighters, "domain/border-security", q)
    d.r("addresses", fighters, "domain/foreign-terrorist-fighters", q)
    d.m(
        "المرتبطة ب[[عودة المقاتلين الأجانب]] او",
        "ThreatDomain",
        "domain/foreign-terrorist-fighters",
    )

    cyber_q = "تحديث التشريعات الوطنية الخاصة بالجرائم السيبيرانية"
    cyber = d.entity(
        "commitment/arab-interior-ministers-35-cybercrime-law",
        "Commitment",
        "تحديث التشريعات الوطنية الخاصة بالجرائم السيبيرانية",
        "Update national cybercrime legislation",
        "Mettre à jour les législations nationales sur la cybercriminalité",
        quote=cyber_q,
    )
    d.m(f"[[{cyber_q}]]", "Commitment", cyber)
    d.m("الخاصة ب[[الجرائم السيبيرانية]]", "ThreatDomain", "domain/cybercrime")
    d.r("contains", STATEMENT, cyber, f"ولفت البيان إلى أهمية {cyber_q}")
    d.r("addresses", cyber, "domain/cybercrime", cyber_q)

    d.m("[[دولة قطر]] شاركت", "State", "state/QAT")
    qatar = (
        "ويشار إلى أن دولة قطر شاركت في هذه الدورة بوفد رفيع برئاسة معالي الشيخ عبد الله بن "
        "ناصر بن خليفة آل ثاني، رئيس مجلس الوزراء ووزير الداخلية"
    )
    d.r("participatedIn", "state/QAT", EVENT, qatar, role="participant")
    d.m("معالي [[الشيخ عبد الله بن ناصر بن خليفة آل ثاني]]", "Person", THANI)
    d.r("participatedIn", THANI, EVENT, qatar, role="head_of_delegation")
    d.r(
        "participatedIn",
        THANI,
        EVENT,
        "حيث ألقى كلمة بالمناسبة ضمنها رؤية دولة قطر للتعاون "
        "والتنسيق بين الدول العربية في المجال الأمني",
        role="speaker",
    )
    d.m("آل ثاني، [[رئيس مجلس الوزراء]] ووزير", "Post", "post/qat-prime-minister")
    d.m("رئيس مجلس الوزراء و[[وزير الداخلية]]، حيث", "Post", "post/qat-minister-of-interior")
    titles = "الشيخ عبد الله بن ناصر بن خليفة آل ثاني، رئيس مجلس الوزراء ووزير الداخلية"
    d.r("holds", THANI, "post/qat-prime-minister", titles)
    d.r("holds", THANI, "post/qat-minister-of-interior", titles)

    d.m("إلى جانب [[لقاء جمعه]] مع", "Meeting", bilateral)
    d.m("معالي السيد [[احمد أويحيى]] رئيس", "Person", OUYAHIA)
    d.m("أويحيى [[رئيس الوزراء]] الجمهورية", "Post", "post/dza-prime-minister")
    d.m("رئيس الوزراء [[الجمهورية الجزائرية]] الشقيقة", "State", "state/DZA")
    meeting = (
        "إلى جانب لقاء جمعه مع معالي السيد احمد أويحيى رئيس الوزراء الجمهورية الجزائرية "
        "الشقيقة، تناول التعاون الثنائي"
    )
    d.r("participatedIn", THANI, bilateral, meeting, role="participant")
    d.r("participatedIn", OUYAHIA, bilateral, meeting, role="participant")
    d.r("holds", OUYAHIA, "post/dza-prime-minister", "احمد أويحيى رئيس الوزراء الجمهورية الجزائرية")

    # Review (issue 2): the same call also targets drug-smuggling routes.
    drugs = (
        "دعا البيان الختامي الدول العربية إلى تعزيز الرقابة على الحدود وتأمينها لمنع الخطر "
        "الداهم الذي يشكله عودة المقاتلين الإرهابيين من مناطق القتال وإيقاف تسللهم إلى داخل "
        "الدول وارتباطهم مع الخلايا النائمة، ولمواجهة طرق ومنابع تهريب المخدرات"
    )
    d.m("طرق ومنابع [[تهريب المخدرات]].", "ThreatDomain", "domain/drug-trafficking")
    d.r("addresses", fighters, "domain/drug-trafficking", drugs)

    complete(d)


def complete(d: Doc) -> None:
    """Completion (issue 2): every in-scope mention, by docs/guidelines.md; each read in context."""
    d.m("البيان الختامي [[للدورة ال35]]", "Meeting", EVENT)
    d.m("شاركت في هذه [[الدورة]] بوفد", "Meeting", EVENT)
    d.m("وتضمن [[البيان الختامي]] كذلك", "FinalStatement", STATEMENT)
    d.m("ولفت [[البيان]] إلى", "FinalStatement", STATEMENT)
    d.m("ضمنها رؤية [[دولة قطر]]", "State", "state/QAT")
    d.m("على الجماعات الإرهابية في [[المنطقة العربية]]", "Region", "place/arab-region")
    for spec, dom in [
        ("المرتبطة ب[[الأمن الفكري]] ومكافحة", "violent-extremism"),
        ("تأكيد خطورة [[الإرهاب]] باعتباره", "terrorism"),
        ("لمنع أنشطة [[الإرهاب]] وتمدده", "terrorism"),
        ("تحقيقها على [[الجماعات الإرهابية]] في", "terrorism"),
        ("او انتقال [[الجماعات الإرهابية]] إلى", "terrorism"),
    ]:
        d.m(spec, "ThreatDomain", f"domain/{dom}")

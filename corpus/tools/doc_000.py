"""000: the 5th session of the AMU Council of Interior Ministers, Nouakchott."""

from corpus.tools.doc_001 import COMMITTEE, EVENT, STATEMENT, WGS
from corpus.tools.gold import Doc

COUNCIL = "org/amu-council-of-interior-ministers"
SESSION5 = "event/amu-interior-ministers-5th-session-nouakchott"


def annotate(d: Doc) -> None:
    d.entity(
        SESSION5,
        "Meeting",
        "الدورة الخامسة لمجلس وزراء الداخلية لدول اتحاد المغرب العربي",
        "5th session of the AMU Council of Interior Ministers, Nouakchott",
        "5e session du Conseil des ministres de l'Intérieur de l'UMA, Nouakchott",
        status="held",
        ordinal=5,
        dateText="الخميس",
    )
    d.entity(
        EVENT,
        "Meeting",
        "اجتماع مجلس وزراء الداخلية لدول اتحاد المغرب العربي بالرباط",
        "Meeting of the AMU interior ministers, Rabat",
        "Réunion des ministres de l'Intérieur de l'UMA, Rabat",
        status="held",
        date="2013-04-21",
    )
    d.entity(
        STATEMENT,
        "FinalStatement",
        "بيان الرباط",
        "Rabat Statement",
        "Déclaration de Rabat",
        status="adopted",
    )
    d.entity(
        COMMITTEE,
        "Committee",
        "لجنة المتابعة",
        "AMU security follow-up committee",
        "comité de suivi sécuritaire de l'UMA",
    )
    d.entity(
        WGS,
        "WorkingGroup",
        "فرق العمل المتخصصة",
        "AMU specialised working groups",
        "groupes de travail spécialisés de l'UMA",
    )
    day = d.entity(
        "mechanism/maghreb-civil-protection-day",
        "ObservanceDay",
        "اليوم المغاربي للحماية المدنية",
        "Maghreb Civil Protection Day",
        "Journée maghrébine de la protection civile",
        dayOfYear="--03-18",
    )
    draft = d.entity(
        "agreement/amu-civil-protection-convention",
        "Convention",
        "اتفاقية التعاون المغاربي في مجال الحماية المدنية",
        "Maghreb convention on cooperation in civil protection",
        "Convention maghrébine de coopération en matière de protection civile",
        status="draft",
    )
    session6 = d.entity(
        "event/amu-interior-ministers-6th-session",
        "Meeting",
        "الدورة السادسة لمجلس وزراء الداخلية لدول اتحاد المغرب العربي",
        "6th session of the AMU Council of Interior Ministers",
        "6e session du Conseil des ministres de l'Intérieur de l'UMA",
        status="planned",
        ordinal=6,
        dateText="في تاريخ سيتم تحدديه لاحقا",
    )

    d.m(
        "أكد [[مجلس وزراء الداخلية لدول اتحاد المغرب العربي]] على",
        "IntergovernmentalOrganization",
        COUNCIL,
    )
    d.m("أشغال [[دورته الخامسة]]", "Meeting", SESSION5)
    d.m("الخميس ب[[نواكشوط]]،", "City", "place/nouakchott")
    d.r("sessionOf", SESSION5, COUNCIL, "كما أكد المجلس، في ختام أشغال دورته الخامسة")
    d.r("heldIn", SESSION5, "place/nouakchott", "في ختام أشغال دورته الخامسة، الخميس بنواكشوط")

    d.m("مضامين [[بيان الرباط]]", "FinalStatement", STATEMENT)
    d.m("الصادر عن [[اجتماعه]] المنعقد بعاصمة المملكة", "Meeting", EVENT)  # fixed: head noun only
    d.m("المنعقد ب[[عاصمة المملكة]] يوم", "City", "place/rabat")
    recall = (
        "واستعرض المجلس مضامين بيان الرباط، الصادر عن اجتماعه المنعقد بعاصمة المملكة يوم "
        "21 أبريل 2013"
    )
    d.r("refersTo", SESSION5, STATEMENT, recall)
    d.r("adoptedAt", STATEMENT, EVENT, recall)
    d.r("heldIn", EVENT, "place/rabat", "اجتماعه المنعقد بعاصمة المملكة يوم 21 أبريل 2013")
    d.r("sessionOf", EVENT, COUNCIL, recall)
    d.m("بخصوص إنشاء [[لجنة للمتابعة]]", "Committee", COMMITTEE)
    d.m("واستحداث [[فرق عمل متخصصة]]", "WorkingGroup", WGS)
    d.r(
        "establishes",
        STATEMENT,
        COMMITTEE,
        "بيان الرباط، الصادر عن اجتماعه المنعقد بعاصمة المملكة يوم 21 أبريل 2013 بخصوص إنشاء "
        "لجنة للمتابعة تعنى بتنفيذ ومتابعة قراراته وتوصياته",
    )
    d.r(
        "establishes",
        STATEMENT,
        WGS,
        "بخصوص إنشاء لجنة للمتابعة تعنى بتنفيذ ومتابعة قراراته وتوصياته واستحداث فرق عمل متخصصة",
    )
    mandate = (
        "واستحداث فرق عمل متخصصة للتنسيق بين المصالح الوطنية المعنية بمجالات مكافحة "
        "الإرهاب والجريمة المنظمة والجرائم الالكترونية ومحاربة الاتجار غير المشروع في "
        "المخدرات والمؤثرات العقلية ومكافحة الهجرة غير الشرعية وكذا الحماية المدنية"
    )
    for spec, dom in [
        ("بمجالات مكافحة [[الإرهاب]] والجريمة", "terrorism"),
        ("مكافحة الإرهاب و[[الجريمة المنظمة]] والجرائم الالكترونية", "organised-crime"),
        ("والجريمة المنظمة و[[الجرائم الالكترونية]] ومحاربة", "cybercrime"),
        (
            "الالكترونية ومحاربة [[الاتجار غير المشروع في المخدرات والمؤثرات العقلية]] ومكافحة",
            "drug-trafficking",
        ),
        ("العقلية ومكافحة [[الهجرة غير الشرعية]] وكذا", "illegal-migration"),
        ("الشرعية وكذا [[الحماية المدنية]]. وعبر", "civil-protection"),
    ]:
        d.m(spec, "ThreatDomain", f"domain/{dom}")
        d.r("addresses", WGS, f"domain/{dom}", mandate)

    online = (
        "كما دعا المجلس إلى تكثيف الرقابة على شبكة الانترنيت وخصوصا شبكات التواصل "
        "الاجتماعي باعتبارها من أهم الوسائل التي تستخدمها الجماعات الإرهابية لاستقطاب "
        "الشباب"
    )
    d.m(
        "وخصوصا [[شبكات التواصل الاجتماعي]] باعتبارها",
        "ThreatDomain",
        "domain/online-radicalisation",
    )
    d.r("addresses", SESSION5, "domain/online-radicalisation", online)
    money = (
        "مؤكدا على ضرورة إحكام الرقابة على عمليات تبييض وغسل الأموال بغية تجفيف مصادر تمويل الإرهاب"
    )
    d.m("عمليات [[تبييض وغسل الأموال]] بغية", "ThreatDomain", "domain/money-laundering")
    d.m("مصادر [[تمويل الإرهاب]]. ولدى", "ThreatDomain", "domain/terrorist-financing")
    d.r("addresses", SESSION5, "domain/money-laundering", money)
    d.r("addresses", SESSION5, "domain/terrorist-financing", money)

    d.m("[[يوما مغاربيا للحماية المدنية]]", "ObservanceDay", day)
    d.m("يوما مغاربيا [[للحماية المدنية]]", "ThreatDomain", "domain/civil-protection")
    d.r(
        "establishes",
        SESSION5,
        day,
        "وأقر المجلس يوم 18 مارس من كل سنة، الذي يصادف انعقاد "
        "الدورة الأولى لمجلس وزراء الداخلية لدول الاتحاد يوما مغاربيا للحماية المدنية",
    )
    d.r("addresses", day, "domain/civil-protection", "يوما مغاربيا للحماية المدنية")
    d.m("إحالة [[مشروع اتفاقية التعاون المغاربي في مجال الحماية المدنية]] على", "Convention", draft)
    d.r(
        "refersTo",
        SESSION5,
        draft,
        "فيما قرر إحالة مشروع اتفاقية التعاون المغاربي في مجال الحماية المدنية على الدول الأعضاء",
    )
    d.r(
        "addresses",
        draft,
        "domain/civil-protection",
        "مشروع اتفاقية التعاون المغاربي في مجال الحماية المدنية",
    )
    d.m(
        "كما اعتبر المجلس أن هذه الظواهر تشكل في مجملها تهديدا خطيرا لأمن واستقرار "
        "[[المنطقة المغاربية]]",
        "Region",
        "place/maghreb",
    )

    d.m("باستعداد [[الجانب التونسي]]", "State", "state/TUN")
    d.m("استضافة [[الدورة السادسة]]", "Meeting", session6)
    host6 = "ورحب المجلس باستعداد الجانب التونسي استضافة الدورة السادسة في تاريخ سيتم تحدديه لاحقا"
    d.r("hostedBy", session6, "state/TUN", host6)
    d.r("sessionOf", session6, COUNCIL, host6)

    groups = [
        (
            "terrorism-organised-crime-cybercrime",
            "فريق العمل المكلف بمكافحة الإرهاب والجريمة المنظمة والجرائم الإلكترونية",
            "AMU working group on terrorism, organised crime and cybercrime",
            "groupe de travail de l'UMA sur le terrorisme, la criminalité organisée et la "
            "cybercriminalité",
            [
                ("بمكافحة [[الإرهاب]] والجريمة المنظمة والجرائم الإلكترونية يومي", "terrorism"),
                (
                    "بمكافحة الإرهاب و[[الجريمة المنظمة]] والجرائم الإلكترونية يومي",
                    "organised-crime",
                ),
                ("والجريمة المنظمة و[[الجرائم الإلكترونية]] يومي", "cybercrime"),
            ],
            "اجتماع فريق العمل المكلف بمكافحة الإرهاب والجريمة المنظمة والجرائم الإلكترونية يومي 8 "
            "و9 يونيو المقبل بتونس العاصمة",
            ("[[تونس العاصمة]]", "City", "place/tunis"),
            {"dateText": "يومي 8 و9 يونيو المقبل"},
        ),
        (
            "civil-protection",
            "فريق العمل المكلف بالحماية المدنية",
            "AMU working group on civil protection",
            "groupe de travail de l'UMA sur la protection civile",
            [("فريق العمل المكلف ب[[الحماية المدنية]] في", None)],  # fixed: ب outside
            "وستحتضن نواكشوط اجتماع لجنة المتابعة، في تاريخ سيحدد لاحقا، واجتماع فريق العمل المكلف "
            "بالحماية المدنية في الأسبوع الثاني من مارس 2016",
            ("وستحتضن [[نواكشوط]]", "City", "place/nouakchott"),
            {"date": "2016-03", "dateText": "في الأسبوع الثاني من مارس 2016"},
        ),
        (
            "drug-trafficking",
            "فريق العمل المكلف بمحاربة الاتجار غير المشروع في المخدرات والمؤثرات العقلية",
            "AMU working group on drug trafficking",
            "groupe de travail de l'UMA sur le trafic de drogue",
            [
                (
                    "بمحاربة [[الاتجار غير المشروع في المخدرات والمؤثرات العقلية]] يومي",
                    "drug-trafficking",
                )
            ],
            "بينما تحتضن الجزائر اجتماع فريق العمل المكلف بمحاربة الاتجار غير المشروع في المخدرات "
            "والمؤثرات العقلية يومي 10 و11 يونيو القادم",
            ("تحتضن [[الجزائر]] اجتماع", "State", "state/DZA"),
            {"dateText": "يومي 10 و11 يونيو القادم"},
        ),
        (
            "illegal-migration",
            "فريق العمل المكلف بمكافحة الهجرة غير الشرعية",
            "AMU working group on illegal migration",
            "groupe de travail de l'UMA sur la migration irrégulière",
            [("بمكافحة [[الهجرة غير الشرعية]] يومي 29", "illegal-migration")],
            "على أن يجتمع فريق العمل المكلف بمكافحة الهجرة غير الشرعية يومي 29 و30 شتنبر المقبل "
            "بمقر الأمانة العامة لاتحاد المغرب العربي بالرباط",
            ("العربي ب[[الرباط]]. وخلال", "City", "place/rabat"),
            {"dateText": "يومي 29 و30 شتنبر المقبل"},
        ),
    ]
    for slug, ar, en, fr, domains, evidence, place, when in groups:
        wg = d.entity(f"mechanism/amu-wg-{slug}", "WorkingGroup", ar, en, fr)
        meeting = d.entity(
            f"event/amu-wg-{slug}-meeting",
            "Meeting",
            f"اجتماع {ar}",
            f"Meeting of the {en}",
            f"réunion du {fr}",
            status="planned",
            **when,
        )
        d.m(f"[[{ar}]]", "WorkingGroup", wg)
        verb = "يجتمع" if slug == "illegal-migration" else "اجتماع"
        # fixed: a meeting noun in construct with the group's name spans both (guidelines);
        # a verb (يجتمع) stays alone
        d.m(f"[[{verb}]] {ar}" if verb == "يجتمع" else f"[[{verb} {ar}]]", "Meeting", meeting)
        d.m(*place)
        d.r("sessionOf", meeting, wg, evidence)
        d.r("heldIn", meeting, place[2], evidence)
        for spec, dom in domains:
            dom = dom or "civil-protection"
            d.m(spec, "ThreatDomain", f"domain/{dom}")
            d.r("addresses", wg, f"domain/{dom}", ar)
    sec = "org/amu-general-secretariat"
    d.m("بمقر [[الأمانة العامة لاتحاد المغرب العربي]]", "IntergovernmentalOrganization", sec)
    d.r(
        "hostedBy",
        "event/amu-wg-illegal-migration-meeting",
        sec,
        "يجتمع فريق العمل المكلف بمكافحة الهجرة غير الشرعية يومي 29 و30 شتنبر المقبل بمقر "
        "الأمانة العامة لاتحاد المغرب العربي",
    )
    cm = d.entity(
        "event/amu-follow-up-committee-meeting-nouakchott",
        "Meeting",
        "اجتماع لجنة المتابعة بنواكشوط",
        "Meeting of the AMU follow-up committee, Nouakchott",
        "réunion du comité de suivi de l'UMA, Nouakchott",
        status="planned",
        dateText="في تاريخ سيحدد لاحقا",
    )
    d.m("نواكشوط [[اجتماع لجنة المتابعة]]،", "Meeting", cm)
    d.m("نواكشوط اجتماع [[لجنة المتابعة]]،", "Committee", COMMITTEE)
    ev = "وستحتضن نواكشوط اجتماع لجنة المتابعة، في تاريخ سيحدد لاحقا"
    d.r("sessionOf", cm, COMMITTEE, ev)
    d.r("heldIn", cm, "place/nouakchott", ev)

    hassad = "person/mohamed-hassad"
    d.m("ألقى [[وزير الداخلية]] محمد حصاد", "Post", "post/mar-minister-of-interior")
    d.m("ألقى وزير الداخلية [[محمد حصاد]] كلمة", "Person", hassad)
    d.r("holds", hassad, "post/mar-minister-of-interior", "وزير الداخلية محمد حصاد")
    d.r(
        "participatedIn",
        hassad,
        SESSION5,
        "وخلال الجلسة الختامية للدورة، ألقى وزير الداخلية "
        "محمد حصاد كلمة باسم الوفود المشاركة في اجتماع نواكشوط",
        role="speaker",
        onBehalfOf="الوفود المشاركة",
    )
    d.m("ويذكر أن [[الوفد المغربي]]", "State", "state/MAR")
    d.m("[[الدورة الخامسة لمجلس وزراء داخلية بلدان اتحاد المغرب العربي]]", "Meeting", SESSION5)
    delegation = (
        "ويذكر أن الوفد المغربي، الذي شارك في أشغال الدورة الخامسة لمجلس وزراء داخلية "
        "بلدان اتحاد المغرب العربي، ضم بالإضافة إلى محمد حصاد"
    )
    d.r("participatedIn", "state/MAR", SESSION5, delegation, role="participant")
    d.m("بالإضافة إلى [[محمد حصاد]]،", "Person", hassad)
    d.r("participatedIn", hassad, SESSION5, delegation, role="head_of_delegation")
    members = [
        (
            "الوالي المدير العام للشؤون الداخلية",
            "إدريس الجوهري",
            "driss-jouhari",
            "mar-interior-dg-internal-affairs",
        ),
        (
            "الوالي المدير العام للتعاون الدولي",
            "حميد شبار",
            "hamid-chabar",
            "mar-interior-dg-international-cooperation",
        ),
        (
            "سفير المغرب في موريتانيا",
            "عبد الرحمن بنعمر",
            "abderrahmane-benomar",
            "mar-ambassador-to-mrt",
        ),
    ]
    members_evidence = (
        delegation + "، الوالي المدير العام للشؤون الداخلية، إدريس الجوهري، والوالي المدير العام "
        "للتعاون الدولي، حميد شبار، وسفير المغرب في موريتانيا عبد الرحمن بنعمر"
    )
    for title, name, slug, post in members:
        d.m(f"[[{title}]]", "Post", f"post/{post}")
        d.m(f"[[{name}]]", "Person", f"person/{slug}")
        sep = " " if slug == "abderrahmane-benomar" else "، "
        d.r("holds", f"person/{slug}", f"post/{post}", f"{title}{sep}{name}")
        d.r(
            "participatedIn", f"person/{slug}", SESSION5, members_evidence, role="delegation_member"
        )

    # Review (issue 2): the threats the session discussed ("ولدى مناقشته الوضع الأمني …").
    threats = (
        "ولدى مناقشته الوضع الأمني في الدول المغاربية وجوارها الإقليمي، أعرب المجلس عن انشغاله "
        "البالغ بالتطورات التي شهدتها بعض الأقطار المغاربية نتيجة تفاقم التهديدات العابرة "
        "للحدود وفي مقدمتها الإرهاب والجريمة المنظمة وانتشار السلاح والاتجار غير المشروع في "
        "المخدرات والهجرة غير الشرعية والاتجار بالبشر"
    )
    for spec, dom in [
        ("وفي مقدمتها [[الإرهاب]] والجريمة", "terrorism"),
        ("وفي مقدمتها الإرهاب و[[الجريمة المنظمة]] وانتشار", "organised-crime"),
        ("والجريمة المنظمة و[[انتشار السلاح]] والاتجار", "arms-trafficking"),
        ("وانتشار السلاح و[[الاتجار غير المشروع في المخدرات]] والهجرة", "drug-trafficking"),
        ("في المخدرات و[[الهجرة غير الشرعية]] والاتجار بالبشر", "illegal-migration"),
        ("والهجرة غير الشرعية و[[الاتجار بالبشر]]، وغيرها", "human-trafficking"),
    ]:
        d.m(spec, "ThreatDomain", f"domain/{dom}")
        d.r("addresses", SESSION5, f"domain/{dom}", threats)
    # "اجتماع نواكشوط" names the session too.
    d.m("المشاركة في [[اجتماع نواكشوط]] أكد", "Meeting", SESSION5)
    d.m("المشاركة في اجتماع [[نواكشوط]] أكد", "City", "place/nouakchott")

    complete(d)


FIRST_SESSION = "event/amu-interior-ministers-1st-session"


def complete(d: Doc) -> None:
    """Completion (issue 2): every in-scope mention, by docs/guidelines.md; each read in context."""
    d.entity(
        FIRST_SESSION,
        "Meeting",
        "الدورة الأولى لمجلس وزراء الداخلية المغاربيين",
        "1st session of the AMU Council of Interior Ministers",
        "1re session du Conseil des ministres de l'Intérieur de l'UMA",
        status="held",
        ordinal=1,
    )
    first = "الدورة الأولى لمجلس وزراء الداخلية لدول الاتحاد"
    d.m(f"انعقاد [[{first}]]", "Meeting", FIRST_SESSION)
    d.m(
        "الدورة الأولى ل[[مجلس وزراء الداخلية لدول الاتحاد]]",
        "IntergovernmentalOrganization",
        COUNCIL,
    )
    d.r("sessionOf", FIRST_SESSION, COUNCIL, first)
    # the council, named again and by its definite description "المجلس"
    d.m("استعرض [[مجلس وزراء الداخلية المغاربيين]]", "IntergovernmentalOrganization", COUNCIL)
    d.m(
        "الدورة الخامسة ل[[مجلس وزراء داخلية بلدان اتحاد المغرب العربي]]",
        "IntergovernmentalOrganization",
        COUNCIL,
    )
    d.each("المجلس", "IntergovernmentalOrganization", COUNCIL)
    # the union, nested in its organs' names, and "الاتحاد" for it
    d.each("اتحاد المغرب العربي", "IntergovernmentalOrganization", "org/arab-maghreb-union")
    d.each("الاتحاد", "IntergovernmentalOrganization", "org/arab-maghreb-union")
    # the 5th session by its definite description "الدورة" (للدورة: لل kept, guidelines)
    d.m("الجلسة الختامية [[للدورة]]", "Meeting", SESSION5)
    d.m("على أن [[الدورة]] ستشكل", "Meeting", SESSION5)
    d.m("بيان [[الرباط]]، الصادر", "City", "place/rabat")
    d.m("سفير [[المغرب]] في موريتانيا", "State", "state/MAR")
    d.m("سفير المغرب في [[موريتانيا]]", "State", "state/MRT")
    for spec, dom in [
        ("الأسباب العميقة [[للإرهاب]] وتجفيف", "terrorism"),
        ("الرامية إلى التصدي [[للإرهاب]].", "terrorism"),
        ("التي تستخدمها [[الجماعات الإرهابية]] لاستقطاب", "terrorism"),
        ("المغاربي في مواجهة [[الإرهاب]] والجريمة", "terrorism"),
        ("في مواجهة الإرهاب و[[الجريمة المنظمة]] التي", "organised-crime"),
        ("التعاون المغاربي في مجال [[الحماية المدنية]] على", "civil-protection"),
    ]:
        d.m(spec, "ThreatDomain", f"domain/{dom}")

"""001: the AMU interior ministers' meeting in Rabat (reported two days after, on a Sunday)."""

from corpus.tools.gold import Doc

EVENT = "event/amu-interior-ministers-rabat-2013-04-21"
STATEMENT = "agreement/amu-rabat-statement-2013"
COMMITTEE = "mechanism/amu-follow-up-committee"
WGS = "mechanism/amu-specialised-working-groups"


def annotate(d: Doc) -> None:
    d.entity(
        EVENT,
        "Meeting",
        "اجتماع مجلس وزراء الداخلية لدول اتحاد المغرب العربي بالرباط",
        "Meeting of the AMU interior ministers, Rabat",
        "Réunion des ministres de l'Intérieur de l'UMA, Rabat",
        status="held",
        dateText="أول أمس الأحد",
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
        frequency="P3M",
    )
    d.entity(
        WGS,
        "WorkingGroup",
        "فرق العمل المتخصصة",
        "AMU specialised working groups",
        "groupes de travail spécialisés de l'UMA",
    )
    first = d.entity(
        "event/amu-follow-up-committee-meeting-1",
        "Meeting",
        "أول اجتماع للجنة المتابعة الأمنية",
        "First meeting of the AMU follow-up committee",
        "Première réunion du comité de suivi de l'UMA",
        status="planned",
        ordinal=1,
        dateText="قبل نهاية شهر يونيو المقبل",
    )
    c_arms = d.entity(
        "commitment/amu-rabat-2013-intelligence-on-arms",
        "Commitment",
        "التبادل الفوري للمعلومات للتصدي لانتشار الأسلحة وتهريبها عبر الحدود",
        "Immediate exchange of information against arms proliferation and smuggling across borders",
        "Échange immédiat d'informations contre la prolifération et le trafic d'armes",
    )
    c_cp = d.entity(
        "commitment/amu-rabat-2013-civil-protection-drills",
        "Commitment",
        "تبادل الخبرات والتدريب الميداني المشترك في مجال الحماية المدنية",
        "Exchange of expertise and joint field exercises in civil protection",
        "Échange d'expertise et exercices conjoints de protection civile",
    )
    c_terr = d.entity(
        "commitment/amu-rabat-2013-terrorist-groups-information",
        "Commitment",
        "تكثيف التعاون بخصوص المعلومات عن الجماعات الإرهابية ومصادر تمويلها",
        "Closer cooperation on information about terrorist groups and their funding",
        "Coopération renforcée sur les groupes terroristes et leur financement",
    )
    c_mig = d.entity(
        "commitment/amu-rabat-2013-migration-strategy",
        "Commitment",
        "بلورة استراتيجية مغاربية لمحاربة الهجرة غير الشرعية والاتجار بالبشر",
        "A Maghreb strategy against illegal migration and human trafficking",
        "Une stratégie maghrébine contre la migration irrégulière et la traite",
    )

    amu = "org/arab-maghreb-union"
    d.m("وزراء داخلية دول [[اتحاد المغرب العربي]] دخولهم", "IntergovernmentalOrganization", amu)
    d.m("لمحاربة [[التطرف]] والإرهاب", "ThreatDomain", "domain/violent-extremism")
    d.m("لمحاربة التطرف و[[الإرهاب]] بالمنطقة", "ThreatDomain", "domain/terrorism")
    d.m("والإرهاب ب[[المنطقة المغاربية]]،", "Region", "place/maghreb")
    laenser = "person/mohand-laenser"
    d.m("أكد [[امحند العنصر]]،", "Person", laenser)
    d.m("امحند العنصر، [[وزير الداخلية]]،", "Post", "post/mar-minister-of-interior")
    d.m("أشغال [[قمة وزراء الداخلية المغاربيين]]", "Meeting", EVENT)
    d.m("الأحد ب[[الرباط]]،", "City", "place/rabat")
    d.r(
        "participatedIn",
        laenser,
        EVENT,
        "أكد امحند العنصر، وزير الداخلية، في تصريح إعلامي، عقب نهاية أشغال قمة وزراء الداخلية "
        "المغاربيين",
        role="participant",
    )
    d.r("holds", laenser, "post/mar-minister-of-interior", "امحند العنصر، وزير الداخلية")
    d.r("heldIn", EVENT, "place/rabat", "قمة وزراء الداخلية المغاربيين، أول أمس الأحد بالرباط")

    ministers = [
        ("عشور سليمان شوابيل", "وزير داخلية ليبيا", "achour-souleiman-chouayel", "lby"),
        ("لطفي بن حدو", "وزير داخلية تونس", "lotfi-ben-jeddou", "tun"),
        ("دحو ولد قابلية", "وزير داخلية الجزائر", "dahou-ould-kablia", "dza"),
        ("محمد ولد إيبليل", "وزير داخلية موريتانيا", "mohamed-ould-ebeilil", "mrt"),
    ]
    agreed = (
        "وأبرز أن وزراء داخلية دول المغرب العربي، وهم عشور سليمان شوابيل٬ وزير داخلية ليبيا، "
        "ولطفي بن حدو، وزير داخلية تونس، ودحو ولد قابلية، وزير داخلية الجزائر، ومحمد ولد "
        "إيبليل، وزير داخلية موريتانيا، اتفقوا كلهم على عقد اجتماعات أمنية سنوية"
    )
    for name, title, slug, iso in ministers:
        person, post = f"person/{slug}", f"post/{iso}-minister-of-interior"
        d.m(f"[[{name}]]", "Person", person)
        d.m(f"[[{title}]]", "Post", post)
        d.r("holds", person, post, f"{name}، {title}" if iso != "lby" else f"{name}٬ {title}")
        d.r("participatedIn", person, EVENT, agreed, role="participant")

    d.m("وعلى تشكيل [[لجنة متابعة]]", "Committee", COMMITTEE)
    d.r("establishes", EVENT, COMMITTEE, "وعلى تشكيل لجنة متابعة، ستجتمع مرة كل ثلاثة أشهر")
    d.m("عبر [[فرقها الأمنية الفرعية المتخصصة]]", "WorkingGroup", WGS)
    d.r(
        "establishes",
        EVENT,
        WGS,
        "وستوكل إليها مهمة تنفيذ ومتابعة التوصيات والقرارات عبر فرقها الأمنية الفرعية المتخصصة",
    )
    mandate = (
        "فرقها الأمنية الفرعية المتخصصة للتنسيق بين المصالح الوطنية المختصة في مكافحة "
        "الإرهاب، والجريمة المنظمة، والهجرة غير الشرعية، والاتجار في البشر والمخدرات "
        "والمؤثرات العقلية، ومحاربة الجرائم الإلكترونية، والحماية المدنية"
    )
    for spec, dom in [
        ("في مكافحة [[الإرهاب]]، والجريمة", "terrorism"),
        ("الإرهاب، و[[الجريمة المنظمة]]، والهجرة", "organised-crime"),
        ("المنظمة، و[[الهجرة غير الشرعية]]، والاتجار", "illegal-migration"),
        ("و[[الاتجار في البشر]] والمخدرات", "human-trafficking"),
        ("في البشر و[[المخدرات والمؤثرات العقلية]]", "drug-trafficking"),
        ("ومحاربة [[الجرائم الإلكترونية]]", "cybercrime"),
        ("الإلكترونية، و[[الحماية المدنية]]. كاشفا", "civil-protection"),
    ]:
        d.m(spec, "ThreatDomain", f"domain/{dom}")
        d.r("addresses", WGS, f"domain/{dom}", mandate)

    d.m("كاشفا أن [[أول اجتماع للجنة المتابعة الأمنية]]", "Meeting", first)
    d.m("أول اجتماع ل[[لجنة المتابعة الأمنية]]", "Committee", COMMITTEE)  # fixed: ل outside
    d.m("سيعقد ب[[المغرب]] قبل", "State", "state/MAR")
    planned = "أول اجتماع للجنة المتابعة الأمنية سيعقد بالمغرب قبل نهاية شهر يونيو المقبل"
    d.r("sessionOf", first, COMMITTEE, planned)
    d.r("heldIn", first, "state/MAR", planned)

    d.m("وفي [[بيان ختامي للقمة الأمنية المغاربية]]", "FinalStatement", STATEMENT)  # fixed
    d.m("بيان ختامي [[للقمة الأمنية المغاربية]]", "Meeting", EVENT)  # fixed: لل kept
    d.r("adoptedAt", STATEMENT, EVENT, "وفي بيان ختامي للقمة الأمنية المغاربية")

    q1 = (
        "التبادل الفوري للمعلومات بشكل واسع بين المصالح المختصة بدول الاتحاد للتصدي لظاهرة "
        "انتشار الأسلحة وتهريبها عبر الحدود"
    )
    d.m(f"[[{q1}]]", "Commitment", c_arms)
    d.r(
        "contains",
        STATEMENT,
        c_arms,
        f"التزم وزراء داخلية دول المغرب العربي باتخاذ التدابير "
        f"الميدانية والعملياتية الأمنية، والعمل على {q1}",
    )
    d.m("لظاهرة [[انتشار الأسلحة]]", "ThreatDomain", "domain/arms-trafficking")
    d.r("addresses", c_arms, "domain/arms-trafficking", q1)
    d.m("منع [[الجماعات الإرهابية]] والجماعات الضالعة", "ThreatDomain", "domain/terrorism")
    d.m("الضالعة في [[الجريمة المنظمة]] من", "ThreatDomain", "domain/organised-crime")
    goal = "بهدف منع الجماعات الإرهابية والجماعات الضالعة في الجريمة المنظمة من تعزيز قدراتها"
    d.r("addresses", c_arms, "domain/terrorism", goal)
    d.r("addresses", c_arms, "domain/organised-crime", goal)

    q2 = (
        "تكثيف تبادل التجارب والخبرات بين أجهزة الحماية المدنية في دول الاتحاد٬ وإجراء "
        "عمليات تدريبية ميدانية مشتركة في مجال الحماية المدنية"
    )
    d.m(f"[[{q2}]]", "Commitment", c_cp)
    d.r(
        "contains",
        STATEMENT,
        c_cp,
        f"وشددوا على ضرورة تعزيز التعاون والتضامن في ما بينهم "
        f"لمواجهة المخاطر المحتملة التي تهدد كافة دول الاتحاد، عبر {q2}",
    )
    d.r("addresses", c_cp, "domain/civil-protection", q2)

    q3 = (
        "تكثيف التعاون المغاربي بخصوص المعلومات وأماكن وجود الجماعات الإرهابية، والعمل على "
        "مصادر تمويلها"
    )
    d.m(f"[[{q3}]]", "Commitment", c_terr)
    d.m("دعا [[بيان وزراء الداخلية]] إلى تكثيف", "FinalStatement", STATEMENT)
    d.r("contains", STATEMENT, c_terr, f"دعا بيان وزراء الداخلية إلى {q3}")
    d.m("والعمل على [[مصادر تمويلها]]", "ThreatDomain", "domain/terrorist-financing")
    d.r("addresses", c_terr, "domain/terrorism", q3)
    d.r("addresses", c_terr, "domain/terrorist-financing", q3)

    q4 = "بلورة إستراتيجية مغاربية في مجال محاربة الهجرة غير الشرعية والاتجار بالبشر"
    d.m(f"[[{q4}]]", "Commitment", c_mig)
    d.r("contains", STATEMENT, c_mig, f"إلى جانب العمل على {q4}")
    d.r("addresses", c_mig, "domain/illegal-migration", q4)
    d.r("addresses", c_mig, "domain/human-trafficking", q4)

    # Review (issue 2): the yearly security meetings the ministers agreed on (a standing
    # arrangement meeting annually).
    yearly = d.entity(
        "mechanism/amu-annual-security-meetings",
        "Mechanism",
        "الاجتماعات الأمنية السنوية لوزراء داخلية الاتحاد",
        "Annual security meetings of the AMU interior ministers",
        "Réunions sécuritaires annuelles des ministres de l'Intérieur de l'UMA",
        frequency="P1Y",
    )
    d.m("على [[عقد اجتماعات أمنية سنوية]] للتنسيق", "Mechanism", yearly)
    d.r(
        "establishes",
        EVENT,
        yearly,
        "اتفقوا كلهم على عقد اجتماعات أمنية سنوية للتنسيق وتنفيذ التوصيات والقرارات الأمنية "
        "في المنطقة المغاربية",
    )

    complete(d)


def complete(d: Doc) -> None:
    """Completion (issue 2): every in-scope mention, by docs/guidelines.md; each read in context."""
    # the first is part of the union's proper name (اتحاد المغرب العربي), not a nested mention
    d.each("المغرب العربي", "Region", "place/maghreb", skip=(0,))
    for name, iso in [("ليبيا", "LBY"), ("تونس", "TUN"), ("الجزائر", "DZA"), ("موريتانيا", "MRT")]:
        d.m(f"وزير داخلية [[{name}]]", "State", f"state/{iso}")
    d.m("والقرارات الأمنية في [[المنطقة المغاربية]]", "Region", "place/maghreb")
    d.each("الاتحاد", "IntergovernmentalOrganization", "org/arab-maghreb-union")
    d.m("كما دعا [[بيان وزراء الداخلية]] الدول", "FinalStatement", STATEMENT)
    for spec, dom in [
        ("من خطورة [[الجماعات الإرهابية]]،", "terrorism"),
        ("بين أجهزة [[الحماية المدنية]] في", "civil-protection"),
        ("ميدانية مشتركة في مجال [[الحماية المدنية]]", "civil-protection"),
        ("وأنواع [[الإرهاب]] الساعي", "terrorism"),
        ("حول أنشطة [[الجماعات الإرهابية]]، دعا", "terrorism"),
        ("وأماكن وجود [[الجماعات الإرهابية]]، والعمل", "terrorism"),
        ("في مجال محاربة [[الهجرة غير الشرعية]] والاتجار", "illegal-migration"),
        ("الهجرة غير الشرعية و[[الاتجار بالبشر]].", "human-trafficking"),
    ]:
        d.m(spec, "ThreatDomain", f"domain/{dom}")

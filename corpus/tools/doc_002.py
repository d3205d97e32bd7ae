"""002: a news page; the article reports the 5+5 interior ministers' conference in Algiers.

The page's headline list, the image-report widget and the "read at the source" link are
boilerplate: nothing is annotated there.
"""

from corpus.tools.gold import Doc

EVENT = "event/cimo-interior-ministers-algiers"
DECL = "agreement/cimo-algiers-declaration"
LAENSER = "person/mohand-laenser"
STATES = {
    "LBY": "ك[[ليبيا]]،",
    "TUN": "كليبيا، [[تونس]]، الجزائر",
    "DZA": "تونس، [[الجزائر]]، المغرب",
    "MAR": "الجزائر، [[المغرب]] وموريتانيا",
    "MRT": "المغرب و[[موريتانيا]]،",
    "MLT": "ك[[مالطا]] وإيطاليا",
    "ITA": "كمالطا و[[إيطاليا]] وفرنسا",
    "FRA": "وإيطاليا و[[فرنسا]] وإسبانيا",
    "ESP": "وفرنسا و[[إسبانيا]] والبرتغال",
    "PRT": "وإسبانيا و[[البرتغال]].",
}


def annotate(d: Doc) -> None:
    headline = d.text.index("على ماذا وقع العنصر")
    d.boilerplate.append({"start": 0, "end": headline})
    d.skip("[[انقر هنا لقراءة الخبر من مصدره.]]")

    d.entity(
        EVENT,
        "Conference",
        "ندوة وزراء داخلية غرب المتوسط بالجزائر",
        "Conference of Interior Ministers of the Western Mediterranean, Algiers",
        "Conférence des ministres de l'Intérieur de la Méditerranée occidentale, Alger",
        status="held",
    )
    d.entity(
        DECL,
        "Declaration",
        "إعلان الجزائر",
        "Algiers Declaration",
        "Déclaration d'Alger",
        status="signed",
    )

    d.m("على ماذا وقع [[العنصر]] في", "Person", LAENSER)
    d.m("وقع العنصر في [[إجتماع وزراء الداخلية بالجزائر]] ؟", "Conference", EVENT)
    d.m("إجتماع وزراء الداخلية ب[[الجزائر]] ؟", "City", "place/algiers")
    d.r("heldIn", EVENT, "place/algiers", "إجتماع وزراء الداخلية بالجزائر")
    d.m("قاد [[امحند العنصر]]،", "Person", LAENSER)
    d.m("امحند العنصر، [[وزير الداخلية]]، الوفد", "Post", "post/mar-minister-of-interior")
    d.r("holds", LAENSER, "post/mar-minister-of-interior", "امحند العنصر، وزير الداخلية")
    d.m("الوفد المغربي إلى [[إجتماع وزراء داخلية المغرب العربي]]،", "Conference", EVENT)
    d.r(
        "participatedIn",
        LAENSER,
        EVENT,
        "قاد امحند العنصر، وزير الداخلية، الوفد المغربي إلى إجتماع وزراء داخلية المغرب العربي",
        role="head_of_delegation",
    )
    d.m("سبل محاربة [[الإرهاب]] والجريمة", "ThreatDomain", "domain/terrorism")
    d.m("محاربة الإرهاب و[[الجريمة المنظمة]] وتعزيز", "ThreatDomain", "domain/organised-crime")
    d.m("بمنطقة [[شمال أفريقيا]]", "Region", "place/north-africa")
    agenda = (
        "ويبحث عددا من الملفات، من ضمنها سبل محاربة الإرهاب والجريمة المنظمة وتعزيز "
        "التعاون الأمني بمنطقة شمال أفريقيا"
    )
    d.r("addresses", EVENT, "domain/terrorism", agenda)
    d.r("addresses", EVENT, "domain/organised-crime", agenda)

    took_part = (
        "وشارك في الاجتماع وزراء الداخلية في دول المغرب العربي كليبيا، تونس، الجزائر، "
        "المغرب وموريتانيا، ونظراؤهم بجنوب أوروبا كمالطا وإيطاليا وفرنسا وإسبانيا والبرتغال"
    )
    d.m("وشارك في [[الاجتماع]] وزراء", "Conference", EVENT)
    signed = (
        "وقع عليه وزير الداخلية المغربي أمحند العنصر، إلى جانب كل وزراء الداخلية الحاضرين "
        "بلقاء الجزائر"
    )
    for iso, spec in STATES.items():
        d.m(spec, "State", f"state/{iso}")
        d.r("participatedIn", f"state/{iso}", EVENT, took_part, role="participant")
        d.r("partyTo", f"state/{iso}", DECL, signed)

    d.m("وقد خرج [[المؤتمر المغاربي –الأوربي]] ب", "Conference", EVENT)
    d.m('ب"[[إعلان]]" متوج', "Declaration", DECL)
    d.r(
        "adoptedAt",
        DECL,
        EVENT,
        'وقد خرج المؤتمر المغاربي –الأوربي ب"إعلان" متوج لأشغال هذا اللقاء',
    )
    d.m("وقع عليه [[وزير الداخلية المغربي]] أمحند", "Post", "post/mar-minister-of-interior")
    d.m("وزير الداخلية المغربي [[أمحند العنصر]]،", "Person", LAENSER)
    d.r("signed", LAENSER, DECL, signed)
    d.m("بلقاء [[الجزائر]]، ودعى", "City", "place/algiers")
    d.m("الحاضرين ب[[لقاء الجزائر]]، ودعى", "Conference", EVENT)
    d.m('[[الندوة]]".', "Forum", "org/cimo")
    d.r(
        "sessionOf",
        EVENT,
        "org/cimo",
        "مواصلة مساعي مكافحة التطرف من خلال الأنشطة المنجزة في "
        "إطار مختلف محافل التعاون التي تشارك فيها الدول الأعضاء في الندوة",
    )

    commitments = [
        (
            "border-cooperation",
            "تعاون في مجال تأمين الحدود ووثائق السفر",
            "Cooperation on border security and travel documents",
            "Coopération pour la sécurité des frontières et des documents de voyage",
            "تكثيف التعاون في مجال تأمين الحدود عبر تبادل الخبرات والتجارب والمعلومات والتحليل "
            "والتقييم وعقد الاجتماعات بين نقاط الإتصال والخبراء و تنظيم دورات للتكوين المتخصص و "
            "المساعدة التقنية المتبادلة و نقل التكنولوجيا وتحديث أنظمة المراقبة وتأمين وثائق السفر",
            [
                ("في مجال [[تأمين الحدود]] عبر", "border-security"),
                ('المراقبة و[[تأمين وثائق السفر]]"', "travel-document-security"),
            ],
        ),
        (
            "terrorism-information",
            "تبادل المعلومات حول الأنشطة الإرهابية",
            "Exchange of information on terrorist activities",
            "Échange d'informations sur les activités terroristes",
            "تبادل المعلومات بين أجهزة الأمن المختصة فيما يتعلق بالأنشطة الإرهابية",
            [("فيما يتعلق ب[[الأنشطة الإرهابية]]", "terrorism")],
        ),
        (
            "counter-extremism",
            "مواصلة مساعي مكافحة التطرف",
            "Continued efforts against extremism",
            "Poursuite des efforts contre l'extrémisme",
            "مواصلة مساعي مكافحة التطرف من خلال الأنشطة المنجزة في إطار مختلف محافل التعاون",
            [("مساعي مكافحة [[التطرف]] من", "violent-extremism")],
        ),
        (
            "no-ransoms",
            "الامتناع عن دفع الفديات للجماعات الإرهابية",
            "Refrain from paying ransoms to terrorist groups",
            "S'abstenir de payer des rançons aux groupes terroristes",
            "الامتناع قدر الإمكان و في إطار الصلاحيات المخولة لوزراء الداخلية عن دفع الفديات "
            "للجماعات الإرهابية عند اختطاف الرهائن وهذا بغرض تجفيف منابع تمويل الإرهاب",
            [("عن [[دفع الفديات]] للجماعات", "terrorist-financing")],
        ),
        (
            "online-propaganda",
            "حظر وسائل الإعلام الالكترونية التي تروج للإرهاب",
            "Curb online media that promote terrorism",
            "Entraver les médias en ligne faisant l'apologie du terrorisme",
            "تكثيف المجهودات لحظر استعمال وسائل الإعلام الالكترونية التي تروج للإرهاب",
            [("استعمال [[وسائل الإعلام الالكترونية التي تروج للإرهاب]]", "online-radicalisation")],
        ),
        (
            "organised-crime-information",
            "تبادل المعلومات حول شبكات الجريمة المنظمة",
            "Exchange of information on organised-crime networks",
            "Échange d'informations sur les réseaux criminels",
            "تبادل المعلومات بشأن أنشطة وتحركات عناصر شبكات الجريمة المنظمة",
            [("عناصر شبكات [[الجريمة المنظمة]] ومسالكهم", "organised-crime")],
        ),
        (
            "human-trafficking",
            "تكثيف التعاون لمكافحة الاتجار بالبشر",
            "Closer cooperation against human trafficking",
            "Coopération renforcée contre la traite des êtres humains",
            "تكثيف التعاون لمكافحة الاتجار بالبشر خاصة الاتجار بالنساء والأطفال",
            [("لمكافحة [[الاتجار بالبشر]] خاصة", "human-trafficking")],
        ),
        (
            "drugs",
            "مكافحة الاتجار غير المشروع بالمخدرات",
            "Fight against drug trafficking",
            "Lutte contre le trafic de drogue",
            "مكافحة الاتجار غير المشروع بالمخدرات والمؤثرات العقلية والسلائف الكيميائية",
            [
                (
                    "مكافحة [[الاتجار غير المشروع بالمخدرات والمؤثرات العقلية "
                    "والسلائف الكيميائية]]",
                    "drug-trafficking",
                )
            ],
        ),
        (
            "money-laundering",
            "تبادل المعلومات في مجال محاربة تبييض الأموال",
            "Exchange of information against money laundering",
            "Échange d'informations contre le blanchiment",
            "تبادل المعلومات حول التشريعات و الممارسات وتقنيات التحري الجديدة في مجال محاربة تبييض "
            "الأموال",
            [("محاربة [[تبييض الأموال]] بالتعاون", "money-laundering")],
        ),
        (
            "migration-networks",
            "تعزيز محاربة شبكات الهجرة غير الشرعية",
            "Stronger action against illegal-migration networks",
            "Lutte renforcée contre les réseaux de migration irrégulière",
            "تعزيز محاربة شبكات الهجرة غير الشرعية عن طريق تبادل المعلومات حول طرق عملها",
            [("محاربة شبكات [[الهجرة غير الشرعية]] عن", "illegal-migration")],
        ),
        (
            "disaster-strategy",
            "استراتيجية مشتركة للحد من الأخطار وإدارة الكوارث",
            "A joint strategy for risk reduction and disaster management",
            "Une stratégie commune de réduction des risques et de gestion des catastrophes",
            "إستراتيجية مشتركة للحد من الأخطار وإدارة الكوارث الطبيعية أو تلك الناجمة عن فعل بشري",
            [("في مجال [[الحماية المدنية]]، تضمن", "civil-protection")],
        ),
    ]
    for slug, ar, en, fr, quote, domains in commitments:
        cid = d.entity(f"commitment/cimo-algiers-{slug}", "Commitment", ar, en, fr, quote=quote)
        d.m(f"[[{quote}]]", "Commitment", cid)
        d.r("contains", DECL, cid, quote)
        for spec, dom in domains:
            d.m(spec, "ThreatDomain", f"domain/{dom}")
            d.r("addresses", cid, f"domain/{dom}", quote)
    d.r(
        "signed",
        LAENSER,
        DECL,
        "ووقع المشاركون بأشغال اللقاء بالجزائر، من بينهم الوفد المغربي "
        'بقيادة أمحند العنصر وزير الداخلية على "الامتناع قدر الإمكان',
    )
    d.m("بقيادة [[أمحند العنصر]] وزير", "Person", LAENSER)
    d.m("ونص [[الإعلان]] أيضا", "Declaration", DECL)
    d.m("نص [[اعلان الجزائر]] على", "Declaration", DECL)
    d.m("تضمن [[إعلان الجزائر]] ضرورة", "Declaration", DECL)
    d.m("بالتعاون مع [[منظمة الإنتربول]]", "IntergovernmentalOrganization", "org/interpol")

    mechanisms = [
        (
            "joint-border-patrols",
            "JointPatrol",
            "الدوريات المشتركة على مستوى الحدود",
            "Joint border patrols",
            "Patrouilles conjointes aux frontières",
            "تنظيم دوريات مشتركة على مستوى الحدود",
            "organised-crime",
        ),
        (
            "early-warning-system",
            "EarlyWarningSystem",
            "نظام الإنذار المبكر ضد الأخطار الكبرى",
            "Early-warning system against major risks",
            "Système d'alerte précoce contre les risques majeurs",
            "نظام حديث للإنذار المبكر ضد الأخطار الكبرى بمختلف أنواعها",
            "civil-protection",
        ),
        (
            "civil-protection-network",
            "Network",
            "شبكة هيئات الحماية المدنية",
            "Network of civil-protection bodies",
            "Réseau des organismes de protection civile",
            "شبكة بين الهيئات المكلفة بالحماية المدنية للدول الأعضاء",
            "civil-protection",
        ),
    ]
    for slug, type_, ar, en, fr, surface, dom in mechanisms:
        mid = d.entity(f"mechanism/cimo-{slug}", type_, ar, en, fr)
        d.m(f"[[{surface}]]", type_, mid)
        d.r("establishes", DECL, mid, surface)
        d.r("addresses", mid, f"domain/{dom}", surface)
    d.m("المكلفة ب[[الحماية المدنية]] للدول", "ThreatDomain", "domain/civil-protection")

    complete(d)


def complete(d: Doc) -> None:
    """Completion (issue 2): every in-scope mention, by docs/guidelines.md; each read in context."""
    d.each("الوفد المغربي", "State", "state/MAR")
    d.m("وهو [[الإجتماع]] الذي", "Conference", EVENT)
    d.m("لأشغال هذا [[اللقاء]]،", "Conference", EVENT)
    d.m("ووقع المشاركون بأشغال [[اللقاء]] بالجزائر", "Conference", EVENT)
    d.m("ووقع المشاركون بأشغال اللقاء ب[[الجزائر]]", "City", "place/algiers")
    d.m("بقيادة أمحند العنصر [[وزير الداخلية]] على", "Post", "post/mar-minister-of-interior")
    d.m("إجتماع وزراء داخلية [[المغرب العربي]]،", "Region", "place/maghreb")
    d.m("وزراء الداخلية في دول [[المغرب العربي]] ك", "Region", "place/maghreb")
    d.m("وزراء داخلية [[غرب البحر المتوسط]] ضرورة", "Region", "place/western-mediterranean")
    d.m("الجماعات المحلية لبلدان [[غرب المتوسط]]", "Region", "place/western-mediterranean")
    for spec in ("ودعى هذا [[الإعلان]] إلى", "أكد [[الاعلان]] على", "كما تضمنت [[الوثيقة]] وجوب"):
        d.m(spec, "Declaration", DECL)
    d.m("كما نص [[الإعلان]] في هذا الجانب", "Declaration", DECL)
    # "إعلان الجزائر" is named after the city where it was adopted (like بيان الرباط)
    d.m("نص اعلان [[الجزائر]] على", "City", "place/algiers")
    d.m("تضمن إعلان [[الجزائر]] ضرورة", "City", "place/algiers")
    for spec, dom in [
        ("عن دفع الفديات [[للجماعات الإرهابية]] عند", "terrorism"),
        ("بغرض تجفيف منابع [[تمويل الإرهاب]]", "terrorist-financing"),
        ("[[الجريمة المنظمة]]\nوبالنظر", "organised-crime"),
        ("التي تشكلها [[الجريمة المنظمة]] بكافة", "organised-crime"),
        ("الأنشطة المرتبطة ب[[الجريمة المنظمة]] ", "organised-crime"),
        ("بغرض مكافحة [[الجرائم العابرة للدول]]", "organised-crime"),
        ("خاصة [[الاتجار بالنساء والأطفال]]", "human-trafficking"),
        ("تنقل الأشخاص و[[الهجرة غير الشرعية]]\n", "illegal-migration"),
        ("لاسيما في مجال [[تأمين وثائق السفر]]", "travel-document-security"),
        ("التعاون في مجال [[الحماية المدنية]]\n", "civil-protection"),
        ("الأخطار و[[إدارة الكوارث الطبيعية]]", "civil-protection"),
        ("للإنذار المبكر ضد [[الأخطار الكبرى]]", "civil-protection"),
    ]:
        if dom:
            d.m(spec, "ThreatDomain", f"domain/{dom}")

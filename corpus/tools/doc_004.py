"""004: the 2nd Moroccan-Spanish scientific seminar on security, Marrakech."""

from corpus.tools.gold import Doc

SEMINAR2 = "event/mar-esp-security-seminar-2-marrakech"
SEMINAR1 = "event/mar-esp-security-seminar-1-cordoba"
SERIES = "series/mar-esp-security-seminars"
COMMITTEE = "mechanism/mar-esp-strategic-security-committee"
RECS = "agreement/mar-esp-security-seminar-2-recommendations"
DGSN = "org/mar-dgsn"
POLICE = "org/esp-national-police"
RMAIL = "person/bouchaib-rmail"
COSIDO = "person/ignacio-cosido"


def annotate(d: Doc) -> None:
    d.entity(
        SEMINAR2,
        "Seminar",
        "الدورة الثانية للندوة العلمية المغربية الاسبانية في مجال الأمن",
        "2nd Moroccan-Spanish scientific seminar on security, Marrakech",
        "2e séminaire scientifique maroco-espagnol sur la sécurité, Marrakech",
        status="held",
        ordinal=2,
        dateText="اليوم الجمعة",
        theme="التطرف الظلامي وسبل مواجهته .. تحديات الانتاج المشترك للأمن",
    )
    d.entity(
        SEMINAR1,
        "Seminar",
        "الندوة المغربية الاسبانية الأولى حول الأمن",
        "1st Moroccan-Spanish seminar on security, Córdoba",
        "1er séminaire maroco-espagnol sur la sécurité, Cordoue",
        status="held",
        ordinal=1,
        dateText="أواخر شهر نونبر من السنة الماضية",
        theme="تحديات جديدة .. مزيدا من التعاون",
    )
    d.entity(
        SERIES,
        "EventSeries",
        "الندوات العلمية المغربية الاسبانية حول الأمن",
        "Moroccan-Spanish scientific seminars on security",
        "Séminaires scientifiques maroco-espagnols sur la sécurité",
    )
    d.entity(
        COMMITTEE,
        "Committee",
        "اللجنة الأمنية الاستراتيجية المغربية الاسبانية",
        "Moroccan-Spanish strategic security committee",
        "Comité stratégique de sécurité maroco-espagnol",
        frequency="P1Y",
    )
    d.entity(
        RECS,
        "Recommendations",
        "توصيات الدورة الثانية للندوة العلمية المغربية الاسبانية",
        "Recommendations of the 2nd Moroccan-Spanish security seminar",
        "Recommandations du 2e séminaire maroco-espagnol sur la sécurité",
        status="adopted",
    )

    d.m(
        "اختتمت اليوم الجمعة بمراكش أشغال [[الدورة الثانية للندوة العلمية المغربية الاسبانية في "
        "مجال الأمن]]",
        "Seminar",
        SEMINAR2,
    )
    d.m("الجمعة ب[[مراكش]] أشغال", "City", "place/marrakech")
    d.r(
        "heldIn",
        SEMINAR2,
        "place/marrakech",
        "اختتمت اليوم الجمعة بمراكش أشغال الدورة الثانية "
        "للندوة العلمية المغربية الاسبانية في مجال الأمن",
    )
    d.m("بإصدار [[مجموعة من التوصيات]]", "Recommendations", RECS)
    d.r(
        "adoptedAt",
        RECS,
        SEMINAR2,
        "وذلك بإصدار مجموعة من التوصيات الهادفة الى تعزيز التعاون الثنائي في المجال الأمني",
    )
    d.m(
        "خاصة محاربة [[التطرف المؤدي الى ظاهرة الارهاب]]",
        "ThreatDomain",
        "domain/violent-extremism",
    )
    d.r(
        "addresses",
        RECS,
        "domain/violent-extremism",
        "مجموعة من التوصيات الهادفة الى تعزيز "
        "التعاون الثنائي في المجال الأمني، خاصة محاربة التطرف المؤدي الى ظاهرة الارهاب",
    )

    d.m("[[للجنة الاستراتيجية]] التي", "Committee", COMMITTEE)  # fixed: the whole name (لل kept)
    d.m("يترأسها المديران العامان للأمن ب[[المغرب]] واسبانيا", "State", "state/MAR")
    d.m("للأمن بالمغرب و[[اسبانيا]]. تجدر", "State", "state/ESP")
    d.r(
        "chairedBy",
        COMMITTEE,
        "state/MAR",
        "للجنة الاستراتيجية التي يترأسها المديران العامان للأمن بالمغرب واسبانيا",
    )
    d.r(
        "chairedBy",
        COMMITTEE,
        "state/ESP",
        "للجنة الاستراتيجية التي يترأسها المديران العامان للأمن بالمغرب واسبانيا",
    )
    d.m("أن [[اللجنة الأمنية الاستراتيجية]] تأسست", "Committee", COMMITTEE)
    d.m(
        "بقرطبة ( جنوباسبانيا)، بمبادرة من [[المديرية العامة للأمن الوطني]] والمديرية",
        "SecurityAgency",
        DGSN,
    )
    d.m("للأمن الوطني و[[المديرية العامة للشرطة الاسبانية]]. وهمت", "SecurityAgency", POLICE)
    d.m("تأسست في شهر نونبر 2013 ب[[قرطبة]]", "City", "place/cordoba")
    founded = (
        "اللجنة الأمنية الاستراتيجية تأسست في شهر نونبر 2013 بقرطبة ( جنوباسبانيا)، بمبادرة "
        "من المديرية العامة للأمن الوطني والمديرية العامة للشرطة الاسبانية"
    )
    for org in (DGSN, POLICE):
        d.r("establishes", org, COMMITTEE, founded, date="2013-11")
        d.r("memberOf", org, COMMITTEE, founded)

    d.m("بحضور [[المدير العام للأمن الوطني]] السيد", "Post", "post/mar-dgsn-director-general")
    d.m("السيد [[بوشعيب ارميل]] والمدير", "Person", RMAIL)
    d.m("والمدير العام للشرطة الاسبانية السيد [[إينياسيو كوسيدو]]، أيضا", "Person", COSIDO)
    d.m(
        "ارميل و[[المدير العام للشرطة الاسبانية]] السيد إينياسيو كوسيدو، أيضا",
        "Post",
        "post/esp-police-director-general",
    )
    presence = (
        "التي تم تقديمها بحضور المدير العام للأمن الوطني السيد بوشعيب ارميل والمدير العام "
        "للشرطة الاسبانية السيد إينياسيو كوسيدو"
    )
    d.r(
        "holds",
        RMAIL,
        "post/mar-dgsn-director-general",
        "المدير العام للأمن الوطني السيد بوشعيب ارميل",
    )
    d.r(
        "holds",
        COSIDO,
        "post/esp-police-director-general",
        "المدير العام للشرطة الاسبانية السيد إينياسيو كوسيدو، أيضا",
    )
    d.r("participatedIn", RMAIL, SEMINAR2, presence, role="participant")
    d.r("participatedIn", COSIDO, SEMINAR2, presence, role="participant")
    d.m("وأكد المدير العام للأمن الوطني السيد [[بوشعيب أرميل]] ، في تدخل", "Person", RMAIL)
    d.r(
        "participatedIn",
        RMAIL,
        SEMINAR2,
        "وأكد المدير العام للأمن الوطني السيد بوشعيب أرميل ، "
        "في تدخل له خلال الجلسة الختامية لهذه الندوة",
        role="speaker",
    )

    follow = d.entity(
        "mechanism/mar-esp-recommendations-follow-up-committee",
        "Committee",
        "لجنة تتبع تنفيذ توصيات اللجنة الاستراتيجية",
        "Committee following up the strategic committee's recommendations",
        "Comité de suivi des recommandations du comité stratégique",
    )
    d.m("الى احداث [[لجنة لتتبع تنفيذ التوصيات]]", "Committee", follow)
    d.r(
        "establishes",
        RECS,
        follow,
        "الدعوة الى احداث لجنة لتتبع تنفيذ التوصيات المصادق عليها من قبل اللجنة الاستراتيجية",
    )
    subs = [
        (
            "terrorism",
            "اللجنة الفرعية المكلفة بمحاربة الارهاب والتطرف وتبادل المعلومات والخبرات "
            "في هذا المجال",
            "Subcommittee on terrorism and extremism",
            "Sous-comité sur le terrorisme et l'extrémisme",
            [
                ("بمحاربة [[الارهاب]] والتطرف وتبادل", "terrorism"),
                ("بمحاربة الارهاب و[[التطرف]] وتبادل", "violent-extremism"),
            ],
        ),
        (
            "training",
            "اللجنة الفرعية للتكوين وتبادل الممارسات الجيدة",
            "Subcommittee on training and good practice",
            "Sous-comité sur la formation",
            [],
        ),
        (
            "technology-crime",
            "اللجنة الفرعية الثالثة المخصصة لمكافحة الجريمة المرتبطة بالتكنولوجيا الحديثة",
            "Subcommittee on technology-related crime",
            "Sous-comité sur la criminalité liée aux nouvelles technologies",
            [("لمكافحة [[الجريمة المرتبطة بالتكنولوجيا الحديثة]]", "cybercrime")],
        ),
    ]
    for slug, ar, en, fr, domains in subs:
        sid = d.entity(f"mechanism/mar-esp-subcommittee-{slug}", "WorkingGroup", ar, en, fr)
        d.m(f"[[{ar}]]", "WorkingGroup", sid)
        d.r("establishes", RECS, sid, ar)
        for spec, dom in domains:
            d.m(spec, "ThreatDomain", f"domain/{dom}")
            d.r("addresses", sid, f"domain/{dom}", ar)
    plan = d.entity(
        "agreement/mar-esp-action-plan-2014",
        "ActionPlan",
        "مخطط عمل ثنائي برسم سنة 2014 في مجال التكوين والمساعدة التقنية",
        "Bilateral action plan for 2014 on training and technical assistance",
        "Plan d'action bilatéral 2014 pour la formation et l'assistance technique",
        status="draft",
        date="2014",
    )
    d.m("بإعداد [[مخطط عمل ثنائي برسم سنة 2014]]", "ActionPlan", plan)
    d.r(
        "refersTo",
        RECS,
        plan,
        "كما أوصى الخبراء السامون المغاربة والاسبان، بإعداد مخطط عمل ثنائي "
        "برسم سنة 2014 في مجال التكوين والمساعدة التقنية",
    )

    d.m(
        "وتندرج هذه الندوة المنظمة بمبادرة من [[المديرية العامة للأمن الوطني]] ، في",
        "SecurityAgency",
        DGSN,
    )
    d.r(
        "organizedBy",
        SEMINAR2,
        DGSN,
        "وتندرج هذه الندوة المنظمة بمبادرة من المديرية العامة للأمن الوطني",
    )
    d.m("وانعقدت هذه [[الندوة العلمية الثانية]] بمراكش", "Seminar", SEMINAR2)  # fixed: هذه out
    d.m("في أعقاب [[الندوة المغربية الاسبانية الأولى حول الأمن]]", "Seminar", SEMINAR1)
    d.m("التي احتضنتها مدينة [[قرطبة]] أواخر", "City", "place/cordoba")
    d.r(
        "heldIn",
        SEMINAR1,
        "place/cordoba",
        "الندوة المغربية الاسبانية الأولى حول الأمن ، التي "
        "احتضنتها مدينة قرطبة أواخر شهر نونبر من السنة الماضية",
    )
    d.m("وتجدر الإشارة الى أن هذه [[الندوات العلمية المشتركة]] بين", "EventSeries", SERIES)  # fixed
    series = (
        "وانعقدت هذه الندوة العلمية الثانية بمراكش في أعقاب الندوة المغربية الاسبانية الأولى "
        "حول الأمن"
    )
    d.r("sessionOf", SEMINAR2, SERIES, series)
    d.r("sessionOf", SEMINAR1, SERIES, series)

    agreement = d.entity(
        "agreement/mar-dgsn-esp-police-migration-agreement-2013",
        "CooperationAgreement",
        "اتفاق التعاون بين المديرية العامة للأمن الوطني والمديرية العامة للشرطة "
        "الوطنية الاسبانية في مجال مكافحة الهجرة غير المشروعة",
        "DGSN-Spanish Police cooperation agreement on illegal migration",
        "Accord de coopération DGSN-Police espagnole sur la migration irrégulière",
        status="signed",
        date="2013-04",
    )
    d.m("أن [[المديرية العامة للأمن الوطني]] سبق", "SecurityAgency", DGSN)
    d.m("أبرمت [[اتفاق تعاون]] مع", "CooperationAgreement", agreement)
    d.m(
        "اتفاق تعاون مع [[المديرية العامة للشرطة الوطنية الاسبانية]] في أبريل",
        "SecurityAgency",
        POLICE,
    )
    d.m("في مجال مكافحة [[الهجرة غير المشروعة]]", "ThreatDomain", "domain/illegal-migration")
    signed = (
        "المديرية العامة للأمن الوطني سبق لها أن أبرمت اتفاق تعاون مع المديرية العامة "
        "للشرطة الوطنية الاسبانية في أبريل 2013 لتنظيم التعاون الثنائي في مجال مكافحة "
        "الهجرة غير المشروعة"
    )
    d.r("signed", DGSN, agreement, signed, date="2013-04")
    d.r("signed", POLICE, agreement, signed, date="2013-04")
    d.r("addresses", agreement, "domain/illegal-migration", signed)

    units = d.entity(
        "mechanism/mar-esp-joint-police-stations",
        "JointUnit",
        "المفوضيات الأمنية المشتركة بميناءي طنجة المتوسط والجزيرة الخضراء",
        "Joint police stations at the ports of Tanger Med and Algeciras",
        "Commissariats conjoints des ports de Tanger Med et d'Algésiras",
    )
    d.m("في اطار [[المفوضيات الأمنية المشتركة]] بميناء", "JointUnit", units)
    d.m("المشتركة ب[[ميناء طنجة المتوسط]]", "Port", "place/tanger-med-port")
    d.m("المتوسط و[[ميناء الجزيرة الخضراء]]", "Port", "place/algeciras-port")
    joint = (
        "كما يعمل الطرفان معا في اطار المفوضيات الأمنية المشتركة بميناء طنجة المتوسط وميناء "
        "الجزيرة الخضراء"
    )
    d.r("memberOf", DGSN, units, joint)
    d.r("memberOf", POLICE, units, joint)

    # Review (issue 2): where the joint unit works, and the Spanish director-general's speech.
    d.r("locatedIn", units, "place/tanger-med-port", joint)
    d.r("locatedIn", units, "place/algeciras-port", joint)
    d.m(
        "ومن جهته، نوه [[المدير العام للشرطة الاسبانية]]",
        "Post",
        "post/esp-police-director-general",
    )
    d.m("نوه المدير العام للشرطة الاسبانية السيد [[إينياسيو كوسيدو]] بالنجاح", "Person", COSIDO)
    d.r(
        "participatedIn",
        COSIDO,
        SEMINAR2,
        "ومن جهته، نوه المدير العام للشرطة الاسبانية السيد إينياسيو كوسيدو بالنجاح الذي لقيته "
        "هذه الندوة",
        role="speaker",
    )

    complete(d)


def complete(d: Doc) -> None:
    """Completion (issue 2): every in-scope mention, by docs/guidelines.md; each read in context."""
    d.m(
        "الدورة الثانية [[للندوة العلمية المغربية الاسبانية في مجال الأمن]]",
        "EventSeries",
        SERIES,
    )
    for spec in (
        "المشاركون في هذه [[الندوة]] التي",
        "الجلسة الختامية لهذه [[الندوة]]،",
        "بالنجاح الذي لقيته هذه [[الندوة]] التي",
        "وأوضح أن هذه [[الندوة]] تعكس",
        "وتندرج هذه [[الندوة]] المنظمة",
        "وتم خلال هذه [[الندوة العلمية]] تقديم",
        "ويأتي تنظيم هذه [[الندوة]] في",
    ):
        d.m(spec, "Seminar", SEMINAR2)
    for spec in (
        "الوثيقة النهائية لهذا [[اللقاء]]،",
        "الصادرة عن هذا [[اللقاء]]،",
        "أرميل أن هذا [[اللقاء]] ساهم",
        "التي تمخضت عن هذا [[اللقاء]] من",
    ):
        d.m(spec, "Seminar", SEMINAR2)
    for spec in (
        "وهمت هذه [[التوصيات]]، التي",
        "لجنة لتتبع تنفيذ [[التوصيات]] المصادق",
        "وحسب [[الوثيقة النهائية]] لهذا",
        "العزم على تنفيذ [[التوصيات]] الصادرة",
        "وأن [[التوصيات]] التي تمخضت",
    ):
        d.m(spec, "Recommendations", RECS)
    d.m("المصادق عليها من قبل [[اللجنة الاستراتيجية]]،", "Committee", COMMITTEE)
    d.m("توصيات [[اللجنة الأمنية الاستراتيجية]] المحدثة", "Committee", COMMITTEE)
    d.m("المحدثة بين [[المديرية العامة للأمن الوطني]] و", "SecurityAgency", DGSN)
    d.m("و[[المديرية العامة للشرطة الوطنية الاسبانية]]، والمعلن", "SecurityAgency", POLICE)
    d.m(
        "وأكد [[المدير العام للأمن الوطني]] السيد بوشعيب أرميل",
        "Post",
        "post/mar-dgsn-director-general",
    )
    d.m("وأكد [[المدير العام للأمن الوطني]] أن", "Post", "post/mar-dgsn-director-general")
    d.m("وأوضح السيد [[أرميل]] أن", "Person", RMAIL)
    d.m("بالتزام [[المغرب]] في", "State", "state/MAR")
    d.m("التي توفرها [[المملكة المغربية]]", "State", "state/MAR")
    d.m("بمدينة [[قرطبة]] باسبانيا", "City", "place/cordoba")
    d.m("بمدينة قرطبة ب[[اسبانيا]]", "State", "state/ESP")
    d.m("( جنوب[[اسبانيا]])", "State", "state/ESP")  # a missing space in the source: جنوب اسبانيا
    d.m("الثانية ب[[مراكش]] في أعقاب", "City", "place/marrakech")
    d.m("اتفق فيها [[الوفد المغربي]] والاسباني", "State", "state/MAR")
    d.m('موضوع " [[التطرف الظلامي]] وسبل', "ThreatDomain", "domain/violent-extremism")
    d.m("في مواجهة [[التطرف المفرز لظاهرة الارهاب]]", "ThreatDomain", "domain/violent-extremism")
    d.m("بين [[التطرف الظلامي]] واستخدام", "ThreatDomain", "domain/violent-extremism")
    d.m("حتى يتم تفادي [[التهديدات الارهابية]]", "ThreatDomain", "domain/terrorism")
    d.m("محاربة التطرف و[[التهديد الارهابي]]", "ThreatDomain", "domain/terrorism")
    d.each("التطرف", "ThreatDomain", "domain/violent-extremism")
    d.m("[[للتطرف]] وتهديداته", "ThreatDomain", "domain/violent-extremism")
    d.each("الارهاب", "ThreatDomain", "domain/terrorism")

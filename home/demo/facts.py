"""The demo data set: public facts only, each with its source in domain.md §5.

Where a fact is unknown (exact dates, amounts, members), the field is left empty
rather than invented.
"""

import datetime as dt

from documents.choices import DocumentKind as K
from organisations.choices import GovernanceBodyKind
from organisations.choices import OrganisationKind as O
from pages.choices import (
    AmountKind,
    ApprovalBody,
    Coverage,
    DatePrecision,
    FundingType,
    PlanApprovalStage,
)
from pages.choices import (
    ClassificationListType as L,
)
from pages.choices import (
    LbfFundingGeneration as G,
)
from pages.choices import (
    LbfTheme as T,
)

LBF_RULE = (
    "Det er Landsbyggefonden, der bidrager med 75 % af midlerne til en boligsocial helhedsplan, "
    "mens der er krav om 25 % lokal medfinansiering fra bl.a. kommune og boligorganisationer. "
    "Helhedsplanen finansieres for fire år ad gangen."
)

VISION = (
    "Visionen er at gøre Randers til en by i balance med en stærkere sammenhængskraft "
    "mellem boligområderne og den øvrige by."
)

ORGANISATIONS = [
    ("Randers Kommune", O.MUNICIPALITY, "https://www.randers.dk"),
    ("RandersBolig", O.ADMINISTRATOR, ""),
    ("Randers Bolig 1", O.HOUSING_ORGANISATION, ""),
    ("Møllevænget & Storgaarden", O.HOUSING_ORGANISATION, ""),
    ("Lejerbo Randers", O.HOUSING_ORGANISATION, ""),
    ("Landsbyggefonden", O.FOUNDATION, "https://lbf.dk"),
    ("Slots- og Kulturstyrelsen", O.AGENCY, ""),
    ("Den Sociale Kapitalfond", O.FOUNDATION, ""),
    ("Social- og Boligstyrelsen", O.AGENCY, ""),
    ("Bysekretariatet", O.SECRETARIAT, ""),
    ("Randers Bibliotek", O.MUNICIPALITY, ""),
    ("Randers Produktionshøjskole", O.EDUCATION, ""),
]

# (name, job title, organisation): public officials in their public roles [S47].
PEOPLE = [
    ("Louise Hou Kragh", "Sekretariatsleder, Bysekretariatet", "Bysekretariatet"),
    ("Michael Maaløe", "Direktør, Børn og Skole, Randers Kommune", "Randers Kommune"),
    ("Ann Hermansen", "Familiechef, Randers Kommune", "Randers Kommune"),
]

TARGET_GROUPS = [
    ("Førtidspensionister", None, None),
    ("Foreninger og frivillige", None, None),
]

PLACES = [
    ("Beboerhuset på Flyvervej", "Flyvervej", "8930", "gl-jennumparken"),
    ("Nørrevangsparken", "", "", None),
    ("Nordre Fælled", "", "", None),
    ("Fritidsområdet Falken", "Falkevej–Glarbjergvej", "", "glarbjergvej-omraadet"),
    ("RandersBolig, Marsvej", "Marsvej", "", None),
]

CONTACT_POINT = {
    "name": "Bysekretariatet – Det Boligsociale Team",
    "address": "Flyvervej 5, st., 8930 Randers NØ",
}

HOUSING_AREAS = [
    {
        "slug": "gl-jennumparken",
        "title": "Gl. Jennumparken",
        "local_status_label": "",
        "organisations": ["Møllevænget & Storgaarden", "Lejerbo Randers"],
        "departments": [
            ("27", "Møllevænget & Storgaarden afd. 27", "Møllevænget & Storgaarden"),
            ("28", "Møllevænget & Storgaarden afd. 28", "Møllevænget & Storgaarden"),
            ("51", "Møllevænget & Storgaarden afd. 51", "Møllevænget & Storgaarden"),
            ("56", "Møllevænget & Storgaarden afd. 56", "Møllevænget & Storgaarden"),
            ("104", "Lejerbo afd. 104", "Lejerbo Randers"),
        ],
        "description": "Et af de to udsatte boligområder i Helhedsplanen 2021-25, hvor alle indsatser iværksættes.",
        "boundary": "",
    },
    {
        "slug": "glarbjergvej-omraadet",
        "title": "Glarbjergvej-området",
        "local_status_label": "",
        "organisations": ["RandersBolig"],
        "departments": [
            ("", name, None)
            for name in (
                "Falkevej",
                "Glarbjergvej",
                "Infanterivej",
                "Glentevej",
                "Brigadevej",
                "Hadsundvej",
                "Nørrebrogade",
            )
        ],
        "description": "Et af de to udsatte boligområder i Helhedsplanen 2021-25, hvor alle indsatser iværksættes. "
        "I 2012 kaldt 'området omkring Nørrevangsskolen'.",
        "boundary": "",
    },
    {
        "slug": "vangdalen",
        "title": "Vangdalen",
        "local_status_label": "I risikozonen",
        "organisations": [],
        "departments": [],
        "description": "Med i helhedsplanen siden mindst 2012. I Helhedsplanen 2021-25 iværksættes udvalgte indsatser.",
        "boundary": "",
    },
    {
        "slug": "hermann-stillingsvej-omraadet",
        "title": "Hermann Stillingsvej-området",
        "local_status_label": "I risikozonen",
        "organisations": ["RandersBolig"],
        "departments": [],
        "description": "I Helhedsplanen 2021-25 iværksættes udvalgte indsatser.",
        "boundary": "Firkanten afgrænset af Østervangsvej, Regionshospitalet Randers, Bækkestien og Udbyhøjvej.",
    },
    {
        "slug": "energivej-omraadet",
        "title": "Energivej-området",
        "local_status_label": "I risikozonen",
        "organisations": ["RandersBolig"],
        "departments": [],
        "description": "Nyt i Helhedsplanen 2021-25, hvor udvalgte indsatser iværksættes.",
        "boundary": "",
    },
]

PLAN_PERIODS = [
    {
        "slug": "helhedsplanen-2009-2013",
        "title": "Helhedsplanen 2009-2013",
        "motto": "",
        "start_date": dt.date(2009, 1, 1),
        "end_date": dt.date(2013, 12, 31),
        "date_precision": DatePrecision.YEAR,
        "generation": G.PRE_2011,
        "approval_stage": PlanApprovalStage.APPROVED,
        "intro": "<p>I perioden 2009 til 2013 blev der fra Landsbyggefonden bevilget knap 16,1 mio. kr. til at skabe "
        "positive og kompetenceudviklende tilbud til Nordbyens beboere. Hertil kommer medfinansiering fra "
        "boligorganisationerne i Randers og Randers Kommune på ca. 7 mio. kr.</p>"
        "<p>I foråret 2010 indsendte Bysekretariatet, boligorganisationerne i Randers og Randers Kommune en ansøgning "
        "til Landsbyggefonden om en udvidelse af helhedsplanen. Landsbyggefonden imødekom ansøgningen, så den samlede "
        "bevilling blev knap 21,3 mio. kr.</p>",
        "focus_areas": [
            ("Bysekretariatet", T.LOCAL),
            ("De beskæftigelsesrettede indsatser", T.LOCAL),
            ("De sociale og sundhedsmæssige indsatser", T.LOCAL),
        ],
        "coverage": [],
        "approvals": [],
    },
    {
        "slug": "helhedsplanen-2013-2017",
        "title": "Helhedsplanen 2013-2017",
        "motto": "",
        "start_date": dt.date(2013, 1, 1),
        "end_date": dt.date(2017, 12, 31),
        "date_precision": DatePrecision.YEAR,
        "generation": G.LBF_2011_14,
        "approval_stage": PlanApprovalStage.APPROVED,
        "intro": "<p>Helhedsplanen omfattede indsatser for børn, unge og voksne inden for uddannelse, beskæftigelse, "
        "sundhed, kompetenceløft og almen trivsel. Der var også indsatser for at støtte både afdelingsbestyrelser og "
        "foreninger i området, som omfatter Jennumparken, Glarbjergvejområdet og Vangdalen.</p>",
        # The seven areas of the 2011-14 funding applied for in the prækvalifikation of 20 June 2012 [S32].
        "focus_areas": [
            ("Børn, unge og familier", T.CHILDREN_YOUTH_FAMILY),
            ("Uddannelse, beskæftigelse og erhverv", T.EDUCATION_EMPLOYMENT_BUSINESS),
            ("Beboernetværk, inddragelse og demokrati", T.RESIDENT_NETWORKS),
            ("Sundhed", T.HEALTH),
            ("Udsatte grupper", T.VULNERABLE_GROUPS),
            ("Kultur og fritid", T.CULTURE_LEISURE),
            ("Image og kommunikation", T.IMAGE_COMMUNICATION),
        ],
        "coverage": [],
        "approvals": [],
    },
    {
        "slug": "helhedsplanen-2017-2021",
        "title": "Helhedsplanen 2017-21",
        "motto": "Fremtiden lever her",
        "start_date": dt.date(2017, 6, 1),
        # Four years from 1 June 2017: LBF finances a plan four years at a time (seed page).
        "end_date": dt.date(2021, 5, 31),
        "date_precision": DatePrecision.DAY,
        "generation": G.LBF_2015_18,
        "approval_stage": PlanApprovalStage.APPROVED,
        "intro": "<p>Den 1. juni 2017 trådte Helhedsplanen for Randers Nordby 2017-2021 i kraft. Helhedsplanen har "
        "overskriften <b>Fremtiden lever her</b> og har fokus på børn, unge og familieliv.</p>",
        "focus_areas": [
            ("Tryghed og trivsel", T.SAFETY_WELLBEING),
            ("Kriminalpræventiv indsats", T.CRIME_PREVENTION_2015),
            ("Uddannelse og beskæftigelse", T.EDUCATION_EMPLOYMENT),
            ("Forebyggelse og forældreansvar", T.PREVENTION_PARENTING),
        ],
        "coverage": [],
        "approvals": [],
    },
    {
        "slug": "helhedsplanen-2021-2025",
        "title": "Helhedsplanen 2021-2025",
        "motto": "",
        "start_date": dt.date(2021, 1, 1),
        "end_date": dt.date(2025, 12, 31),
        "date_precision": DatePrecision.YEAR,
        "generation": G.LBF_2019_26,
        "approval_stage": PlanApprovalStage.APPROVED,
        "intro": "<p>I marts 2021 godkendte byrådet en ny boligsocial helhedsplan, der indtil 2025 skal udvikle en række "
        "forebyggende aktiviteter og indsatser rettet mod særligt udsatte boligområder i Randers. " + VISION + "</p>"
        "<p>Alle indsatser iværksættes i Glarbjergvej-området og Gl. Jennumparken, og i de tre andre områder "
        "iværksættes udvalgte indsatser.</p>",
        "focus_areas": [
            ("Uddannelse og livschancer", T.EDUCATION_LIFE_CHANCES),
            ("Beskæftigelse", T.EMPLOYMENT),
            ("Kriminalitetsforebyggelse", T.CRIME_PREVENTION),
            ("Sammenhængskraft og medborgerskab", T.COHESION_CITIZENSHIP),
        ],
        "coverage": [
            ("gl-jennumparken", Coverage.ALL),
            ("glarbjergvej-omraadet", Coverage.ALL),
            ("vangdalen", Coverage.SELECTED),
            ("hermann-stillingsvej-omraadet", Coverage.SELECTED),
            ("energivej-omraadet", Coverage.SELECTED),
        ],
        "approvals": [
            (ApprovalBody.CITY_COUNCIL, dt.date(2021, 3, 8), "Byrådet godkendte den nye boligsociale helhedsplan."),
        ],
    },
]

# (period slug, funder or None, type, amount kind, amount, estimate, note)
FUNDING_LINES = [
    (
        "helhedsplanen-2009-2013",
        "Landsbyggefonden",
        FundingType.LBF_GRANT,
        AmountKind.GRANTED,
        16_100_000,
        True,
        "Landsbyggefonden bevilgede knap 16,1 mio. kr.",
    ),
    (
        "helhedsplanen-2009-2013",
        None,
        FundingType.LOCAL_COFINANCING,
        AmountKind.GRANTED,
        7_000_000,
        True,
        "Medfinansiering fra boligorganisationerne i Randers og Randers Kommune på ca. 7 mio. kr.",
    ),
    (
        "helhedsplanen-2009-2013",
        "Landsbyggefonden",
        FundingType.LBF_GRANT,
        AmountKind.EXTENDED,
        21_300_000,
        True,
        "Samlet bevilling efter udvidelsen, som der blev søgt om i foråret 2010: knap 21,3 mio. kr.",
    ),
]

# (title, kind, period slug or None, published_on or None, description)
DOCUMENTS = [
    ("Helhedsplanen 2009-2013", K.PLAN, "helhedsplanen-2009-2013", None, ""),
    (
        "Resultatevaluering af Helhedsplanen 2009-2013",
        K.RESULT_EVALUATION,
        "helhedsplanen-2009-2013",
        None,
        "Resultatevalueringen fra maj 2013.",
    ),
    ("Årsrapport for Bysekretariatet 2012", K.ANNUAL_REPORT, "helhedsplanen-2009-2013", None, ""),
    (
        "Prækvalifikationsansøgning, Helhedsplan for Randers Nordby 2013-2017",
        K.PREQUALIFICATION,
        "helhedsplanen-2013-2017",
        dt.date(2012, 6, 20),
        "Sendt til Landsbyggefonden 20. juni 2012.",
    ),
    ("Helhedsplanen 2013-2017", K.PLAN, "helhedsplanen-2013-2017", None, ""),
    ("Resultatevaluering af Helhedsplanen 2013-2017", K.RESULT_EVALUATION, "helhedsplanen-2013-2017", None, ""),
    ("Helhedsplanen 2017-2021", K.PLAN, "helhedsplanen-2017-2021", None, ""),
    ("Resultatevaluering af Helhedsplanen 2017-21", K.RESULT_EVALUATION, "helhedsplanen-2017-2021", None, ""),
    (
        "Kommissorium for bestyrelsen og styregruppen – Helhedsplan Randers Nordby",
        K.TERMS_OF_REFERENCE,
        "helhedsplanen-2017-2021",
        None,
        "",
    ),
    ("Organisationsdiagram – Helhedsplan Randers Nordby", K.ORGANISATION_DIAGRAM, "helhedsplanen-2017-2021", None, ""),
    (
        "Medlemmer af bestyrelsen og styregruppen",
        K.MEMBER_LIST,
        "helhedsplanen-2017-2021",
        None,
        "Oversigt over både bestyrelsens og styregruppens medlemmer.",
    ),
    ("Den boligsociale Helhedsplan Randers 2021-25", K.PLAN, "helhedsplanen-2021-2025", None, ""),
    (
        "Årsrapport 2021-22 – Den boligsociale Helhedsplan Randers 2021-25",
        K.ANNUAL_REPORT,
        "helhedsplanen-2021-2025",
        dt.date(2023, 3, 29),
        "",
    ),
]
KOMMISSORIUM = "Kommissorium for bestyrelsen og styregruppen – Helhedsplan Randers Nordby"

# Governance bodies of 2017-21 ("Fremtiden lever her"): board members named in [S47];
# the steering group's members were not found, so it has none here.
GOVERNANCE_BODIES = [
    (
        "helhedsplanen-2017-2021",
        GovernanceBodyKind.BOARD,
        "Bestyrelsen",
        [
            ("Louise Hou Kragh", "Bysekretariatet"),
            ("Michael Maaløe", "Randers Kommune"),
            ("Ann Hermansen", "Randers Kommune"),
        ],
    ),
    ("helhedsplanen-2017-2021", GovernanceBodyKind.STEERING_GROUP, "Styregruppen", []),
]

# (housing area slug, list date, list type, official name on the list, note)
CLASSIFICATIONS = [
    *[
        (slug, dt.date(year, 12, 1), L.UDSAT, "", note)
        for slug in ("gl-jennumparken", "glarbjergvej-omraadet")
        for year, note in (
            (2020, "Omtalt som udsat boligområde i marts 2021."),
            (2021, "Opfylder 2 af 4 kriterier."),
            (2022, ""),
            (2023, ""),
        )
    ],
    (
        "gl-jennumparken",
        dt.date(2024, 12, 1),
        L.KOMBINERET_UDLEJNING,
        "Gammel Jennumparken",
        "1.270 beboere; 43,7 % uden for arbejdsmarkedet (2023).",
    ),
]

# (label, value, unit, as of, period slug, area slug)
KEY_FIGURES = [
    ("Lejemål", 2982, "antal", None, "helhedsplanen-2021-2025", None),
    ("Beboere", 5758, "antal", None, "helhedsplanen-2021-2025", None),
    ("Beboere", 1270, "antal", dt.date(2024, 1, 1), None, "gl-jennumparken"),
]

# Activities [S30, S33, S48-S53]; focus areas only where the source names them.
ACTIVITIES = [
    {
        "slug": "vaekstbasen",
        "title": "Vækstbasen",
        "teaser": "Hjælper førtidspensionister i arbejde og ud af social isolation.",
        "focus_areas": [("helhedsplanen-2009-2013", "De beskæftigelsesrettede indsatser")],
        "housing_areas": [],
        "target_groups": ["Førtidspensionister"],
        "start_date": None,
        "end_date": None,
    },
    {
        "slug": "aktivitet-til-styrkelse-af-naboskab",
        "title": "Aktivitet til styrkelse af naboskab",
        "teaser": "Støtte til foreninger og frivillige i de tre boligområder.",
        "focus_areas": [("helhedsplanen-2017-2021", "Tryghed og trivsel")],
        "housing_areas": [],
        "target_groups": ["Foreninger og frivillige"],
        "start_date": None,
        "end_date": None,
    },
    {
        "slug": "al-verdens-kunst",
        "title": "Al Verdens Kunst",
        "teaser": "Land art, vartegn, skrive- og fortælleværksteder og et børnekor på Nordre Fælled.",
        "focus_areas": [],
        "housing_areas": ["gl-jennumparken", "glarbjergvej-omraadet"],
        "target_groups": [],
        "start_date": dt.date(2021, 6, 1),
        "end_date": dt.date(2024, 5, 31),
    },
    {
        "slug": "en-ny-start-til-flere",
        "title": "En ny start til flere",
        "teaser": "Hjælp til job sammen med støtte til familien for 80 borgere.",
        "focus_areas": [("helhedsplanen-2021-2025", "Beskæftigelse")],
        "housing_areas": ["gl-jennumparken", "glarbjergvej-omraadet"],
        "target_groups": [],
        "start_date": None,
        "end_date": None,
    },
]

# (activity slug, funder, type, amount): project funding [S50, S53].
ACTIVITY_FUNDING = [
    (
        "al-verdens-kunst",
        "Slots- og Kulturstyrelsen",
        FundingType.FOUNDATION,
        1_193_000,
        "Puljen 'Kunst og kultur i udsatte boligområder 2021'.",
    ),
    ("en-ny-start-til-flere", "Den Sociale Kapitalfond", FundingType.SOCIAL_IMPACT, 4_400_000, ""),
    ("en-ny-start-til-flere", "Landsbyggefonden", FundingType.LBF_GRANT, 1_915_000, ""),
]

# (date, title, teaser, share on Facebook, newsletter) [domain.md §5.9]
NEWS = [
    (
        dt.date(2010, 4, 6),
        "Folketingets Boligudvalg på studietur til Randers",
        "Boligudvalget besøgte Beboerhuset på Flyvervej i Jennumparken og SESAM på Husarvej.",
        True,
        False,
    ),
    (
        dt.date(2012, 7, 3),
        "Ansøgning om prækvalifikation af en ny helhedsplan",
        "Ansøgningen om prækvalifikation af Helhedsplan for Randers Nordby 2013-2017 blev sendt 20. juni 2012.",
        False,
        False,
    ),
    (
        dt.date(2012, 10, 24),
        "Ministeren på besøg og borgermøde i Nordbyen",
        "Ministeren besøgte Bysekretariatet, Parkcafeen og Beboerhuset, og ca. 25 beboere deltog i borgermødet.",
        True,
        False,
    ),
    (
        dt.date(2016, 10, 4),
        "Beboerinddragelse til ny helhedsplan",
        "Interviews med forældre i institutioner, et arrangement for unge og to beboermøder.",
        True,
        False,
    ),
    (
        dt.date(2017, 4, 28),
        "Den nye Helhedsplan 2017-21: Fremtiden lever her",
        "Den nye helhedsplan har fokus på børn, unge og familieliv.",
        True,
        False,
    ),
    (
        dt.date(2021, 3, 8),
        "Byrådet vedtager ny helhedsplan for fem områder",
        "Byrådet har godkendt Den boligsociale Helhedsplan Randers 2021-25.",
        True,
        True,
    ),
    (
        dt.date(2021, 6, 14),
        "Al Verdens Kunst får tilsagn på 1.193.000 kr.",
        "Projektet på Nordre Fælled har fået tilsagn fra puljen Kunst og kultur i udsatte boligområder.",
        True,
        True,
    ),
    (
        dt.date(2022, 3, 2),
        "Nye udlejningsregler og styrket brandingindsats",
        "Byrådet har vedtaget en rammeaftale om udlejningsregler og branding af Nordbyen.",
        False,
        True,
    ),
    (
        dt.date(2023, 3, 29),
        "Årsrapport 2021-22 er udgivet",
        "Årsrapporten for første år af Den boligsociale Helhedsplan Randers 2021-25.",
        False,
        True,
    ),
]

# (slug, title, starts (local), time known, place, teaser, share on Facebook, newsletter)
EVENTS = [
    (
        "indvielse-af-fritidsomraadet-falken",
        "Indvielse af fritidsområdet Falken",
        dt.datetime(2018, 8, 25),
        False,
        "Fritidsområdet Falken",
        "Fritidsområdet mellem Falkevej og Glarbjergvej indvies med Randers Pigegarde.",
        True,
        False,
    ),
    (
        "indvielse-af-kunstskov-og-verdensmaalsportaler",
        "Indvielse af kunstskov og verdensmålsportaler",
        dt.datetime(2022, 4, 27),
        False,
        "Nordre Fælled",
        "Borgmesteren klipper snoren til kunstskoven og verdensmålsportalerne.",
        True,
        True,
    ),
    (
        "randers-boligkonference-2022",
        "Randers Boligkonference 2022: Sammen om den blandede by",
        dt.datetime(2022, 8, 30),
        False,
        "RandersBolig, Marsvej",
        "Randers Kommune, Bysekretariatet og boligorganisationerne inviterer til boligkonference.",
        False,
        True,
    ),
    (
        "sankt-hans-i-nordbyen-2025",
        "Sankt Hans i Nordbyen",
        dt.datetime(2025, 6, 23, 18, 0),
        True,
        "Nørrevangsparken",
        "Start kl. 18. Kl. 19.45 tænder Falcks brandkadetter bålet. Fællessang, og alle er velkomne.",
        True,
        True,
    ),
]

DOCUMENT_COLLECTIONS = [
    ("evalueringer-og-rapporter", "Evalueringer og rapporter", [K.RESULT_EVALUATION, K.ANNUAL_REPORT], None),
    ("helhedsplaner", "Helhedsplanerne", [], K.PLAN),
    (
        "bestyrelse-og-styregruppe",
        "Bestyrelse og styregruppe",
        [K.TERMS_OF_REFERENCE, K.ORGANISATION_DIAGRAM, K.MEMBER_LIST],
        None,
    ),
]

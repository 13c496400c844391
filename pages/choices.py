"""Choice lists for the plan's pages and facts (domain.md §4 and §6).

Member names are the GraphQL enum names (the API contract), values are stored,
labels are what Danish editors see.
"""

from django.db import models


class LbfFundingGeneration(models.TextChoices):
    PRE_2011 = "pre2011", "Før 2011"
    LBF_2011_14 = "2011-14", "2011-14-midlerne"
    LBF_2015_18 = "2015-18", "2015-18-midlerne"
    LBF_2019_26 = "2019-26", "2019-26-midlerne"
    LBF_2027 = "2027-", "2027-midlerne"


class PlanApprovalStage(models.TextChoices):
    """How far the plan got with Landsbyggefonden and the city council; stored, set by editors.

    Whether a period is in force or has ended is not stored: it follows from its dates
    (see `pages.periods.period_status`).
    """

    PLANNED = "planlagt", "Under forberedelse"
    PREQUALIFIED = "praekvalificeret", "Prækvalificeret"
    APPROVED = "godkendt", "Godkendt"


class PeriodStatus(models.TextChoices):
    """Where a period stands today, computed from its dates; never stored."""

    UPCOMING = "kommende", "Kommende"
    IN_FORCE = "i_kraft", "I kraft"
    ENDED = "afsluttet", "Afsluttet"
    UNDATED = "uden_dato", "Uden dato"


class DatePrecision(models.TextChoices):
    DAY = "day", "Dag"
    MONTH = "month", "Måned"
    YEAR = "year", "År"


class LbfTheme(models.TextChoices):
    """LBF's canonical focus areas per funding generation, for comparing periods."""

    # 2011-14-midlerne (7 areas)
    CHILDREN_YOUTH_FAMILY = "boern_unge_familie", "Børn, unge og familie (2011-14)"
    EDUCATION_EMPLOYMENT_BUSINESS = (
        "uddannelse_beskaeftigelse_erhverv",
        "Uddannelse, beskæftigelse og erhverv (2011-14)",
    )
    RESIDENT_NETWORKS = "beboernetvaerk", "Beboernetværk, inddragelse og demokrati (2011-14)"
    HEALTH = "sundhed", "Sundhed (2011-14)"
    VULNERABLE_GROUPS = "udsatte_grupper", "Udsatte grupper (2011-14)"
    CULTURE_LEISURE = "kultur_fritid", "Kultur og fritid (2011-14)"
    IMAGE_COMMUNICATION = "image_kommunikation", "Image og kommunikation (2011-14)"
    # 2015-18-midlerne (4 areas)
    SAFETY_WELLBEING = "tryghed_trivsel", "Tryghed og trivsel (2015-18)"
    CRIME_PREVENTION_2015 = "kriminalpraeventiv", "Kriminalpræventiv indsats (2015-18)"
    EDUCATION_EMPLOYMENT = "uddannelse_beskaeftigelse", "Uddannelse og beskæftigelse (2015-18)"
    PREVENTION_PARENTING = "forebyggelse_foraeldreansvar", "Forebyggelse og forældreansvar (2015-18)"
    # 2019-26-midlerne (4 areas)
    EDUCATION_LIFE_CHANCES = "uddannelse_livschancer", "Uddannelse og livschancer (2019-26)"
    EMPLOYMENT = "beskaeftigelse", "Beskæftigelse (2019-26)"
    CRIME_PREVENTION = "kriminalitetsforebyggelse", "Kriminalitetsforebyggelse (2019-26)"
    COHESION_CITIZENSHIP = "sammenhaengskraft", "Sammenhængskraft og medborgerskab (2019-26)"
    # A focus area of the plan's own, outside LBF's lists (e.g. 2009-13).
    LOCAL = "lokal", "Lokalt indsatsområde"


class Coverage(models.TextChoices):
    ALL = "all", "Alle indsatser"
    SELECTED = "selected", "Udvalgte indsatser"


class ApprovalBody(models.TextChoices):
    CITY_COUNCIL = "byraad", "Byråd"
    HOUSING_ORGANISATION = "boligorganisation", "Boligorganisation"
    DEPARTMENT_MEETING = "afdelingsmoede", "Afdelingsmøde"
    BALLOT = "urafstemning", "Urafstemning"
    LBF = "lbf", "Landsbyggefonden"


class ClassificationListType(models.TextChoices):
    UDSAT = "udsat", "Udsat boligområde"
    PARALLELSAMFUND = "parallelsamfund", "Parallelsamfund"
    OMDANNELSESOMRAADE = "omdannelsesomraade", "Omdannelsesområde"
    FOREBYGGELSESOMRAADE = "forebyggelsesomraade", "Forebyggelsesområde"
    GHETTOOMRAADE = "ghettoomraade", "Ghettoområde (historisk)"
    HAARDT_GHETTOOMRAADE = "haardt_ghettoomraade", "Hårdt ghettoområde (historisk)"
    KOMBINERET_UDLEJNING = "kombineret_udlejning", "Område med kombineret udlejning"
    IKKE_PAA_LISTEN = "ikke_paa_listen", "Ikke på listen"


class ActivityKind(models.TextChoices):
    PLAN_ACTIVITY = "helhedsplan", "Helhedsplan-aktivitet"
    FUNDED_PROJECT = "projekt", "Projekt (fondsfinansieret)"
    REGULAR_OFFER = "fast_tilbud", "Fast tilbud"
    ASSOCIATION_OFFER = "forening", "Forenings-tilbud"
    MUNICIPAL_OFFER = "kommunalt", "Kommunalt tilbud"


class ActivityStatus(models.TextChoices):
    PLANNED = "planlagt", "Planlagt"
    ACTIVE = "aktiv", "Aktiv"
    CLOSED = "afsluttet", "Afsluttet"
    ANCHORED = "forankret", "Forankret"


class FundingType(models.TextChoices):
    LBF_GRANT = "lbf_tilskud", "Tilskud fra Landsbyggefonden (§ 91a)"
    MUNICIPAL_COFINANCING = "kommunal", "Kommunal medfinansiering"
    HOUSING_COFINANCING = "boligorganisationer", "Boligorganisationernes medfinansiering"
    LOCAL_COFINANCING = "lokal", "Lokal medfinansiering (kommune og boligorganisationer)"
    FOUNDATION = "fond", "Fonds- og puljemidler"
    SOCIAL_IMPACT = "social_effekt", "Social effektinvestering"
    CONSTRUCTION = "anlaeg", "Anlægsstøtte"
    BASE_CAPITAL = "grundkapital", "Grundkapital"


# Funding types that count as local co-financing (LBF requires at least 25 %).
LOCAL_FUNDING_TYPES = frozenset(
    {FundingType.MUNICIPAL_COFINANCING, FundingType.HOUSING_COFINANCING, FundingType.LOCAL_COFINANCING}
)


class AmountKind(models.TextChoices):
    GRANTED = "bevilget", "Bevilget"
    APPLIED = "ansoegt", "Ansøgt"
    BUDGET = "budget", "Budget"
    SPENT = "forbrugt", "Forbrugt"
    EXTENDED = "udvidet", "Udvidet (samlet bevilling efter udvidelse)"

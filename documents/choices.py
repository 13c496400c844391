"""Document kinds and audiences (domain.md §4.3). Member names are the GraphQL enum names."""

from django.db import models


class DocumentKind(models.TextChoices):
    PLAN = "helhedsplan", "Helhedsplan"
    PIXI = "pixi", "Pixi-udgave"
    PREQUALIFICATION = "praekvalifikation", "Prækvalifikationsansøgning"
    STRATEGIC_AGREEMENT = "samarbejdsaftale", "Strategisk samarbejdsaftale"
    SUB_AGREEMENT = "delaftale", "Delaftale"
    TERMS_OF_REFERENCE = "kommissorium", "Kommissorium"
    ORGANISATION_DIAGRAM = "organisationsdiagram", "Organisationsdiagram"
    MEMBER_LIST = "medlemsliste", "Medlemsliste"
    MILESTONE_PLAN = "milepaelsplan", "Milepælsplan"
    BUDGET = "budget", "Budget"
    PROGRESS_REPORT = "fremdriftsrapport", "Fremdriftsrapport"
    ANNUAL_REPORT = "aarsrapport", "Årsrapport"
    STATUS_REPORT = "statusrapport", "Statusrapport / et-årsgennemgang"
    EVALUATION = "evaluering", "Evaluering"
    RESULT_EVALUATION = "resultatevaluering", "Resultatevaluering"
    MINUTES = "referat", "Referat"
    AGENDA = "dagsorden", "Dagsorden"
    RESIDENT_INFORMATION = "beboerinformation", "Beboerinformation"
    INSPIRATION_CATALOGUE = "inspirationskatalog", "Inspirationskatalog"
    POLITICAL_DECISION = "politisk_beslutning", "Politisk beslutning / rammeaftale"
    PRESS_RELEASE = "pressemeddelelse", "Pressemeddelelse"
    RESIDENTS_MAGAZINE = "nordbyposten", "NordbyPosten (beboerblad)"
    OTHER = "andet", "Andet"


class DocumentAudience(models.TextChoices):
    PUBLIC = "offentlig", "Offentlig"
    RESIDENTS = "beboere", "Beboere"
    BOARD = "bestyrelse", "Kun bestyrelsen (intern)"

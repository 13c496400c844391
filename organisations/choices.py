"""Choice lists for organisations and governance.

Member names are the GraphQL enum names (the API contract), values are stored,
labels are what Danish editors see.
"""

from django.db import models


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "kommune", "Kommune"
    HOUSING_ORGANISATION = "boligorganisation", "Boligorganisation"
    ADMINISTRATOR = "administrationsselskab", "Administrationsselskab"
    POLICE = "politi", "Politi"
    FOUNDATION = "fond", "Fond"
    AGENCY = "styrelse", "Styrelse"
    EDUCATION = "uddannelsesinstitution", "Uddannelsesinstitution"
    ASSOCIATION = "forening", "Forening"
    COMPANY = "virksomhed", "Virksomhed"
    EVALUATOR = "evaluator", "Evaluator"
    SECRETARIAT = "sekretariat", "Sekretariat"


class GovernanceBodyKind(models.TextChoices):
    BOARD = "bestyrelse", "Bestyrelse"
    STEERING_GROUP = "styregruppe", "Styregruppe"
    REFERENCE_GROUP = "foelgegruppe", "Følgegruppe"
    TASK_FORCE = "task_force", "Task force"
    COOPERATION_COUNCIL = "samarbejdsraad", "Samarbejdsråd"
    SECRETARIAT = "sekretariat", "Sekretariat"
    WORKING_GROUP = "arbejdsgruppe", "Arbejdsgruppe"


class MembershipRole(models.TextChoices):
    CHAIR = "formand", "Formand"
    VICE_CHAIR = "naestformand", "Næstformand"
    MEMBER = "medlem", "Medlem"
    OBSERVER = "observatoer", "Observatør"
    SECRETARY = "sekretaer", "Sekretær"


class Weekday(models.IntegerChoices):
    MONDAY = 1, "Mandag"
    TUESDAY = 2, "Tirsdag"
    WEDNESDAY = 3, "Onsdag"
    THURSDAY = 4, "Torsdag"
    FRIDAY = 5, "Fredag"
    SATURDAY = 6, "Lørdag"
    SUNDAY = 7, "Søndag"

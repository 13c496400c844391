"""The official criteria behind the 1 December lists (domain.md §1.4).

They are reference data every installation needs, so they ship as a migration.
"""

from django.db import migrations

CRITERIA = [
    ("beskaeftigelse", "Beskæftigelse", "Andel af 18-64-årige uden tilknytning til arbejdsmarked eller uddannelse."),
    ("kriminalitet", "Kriminalitet", "Andel dømte for overtrædelse af straffeloven, våbenloven eller lov om euforiserende stoffer."),
    ("uddannelse", "Uddannelse", "Andel af 30-59-årige med kun en grunduddannelse."),
    ("indkomst", "Indkomst", "Gennemsnitlig bruttoindkomst for skattepligtige 15-64-årige (ekskl. uddannelsessøgende)."),
    ("ikke_vestlig", "Ikke-vestlig baggrund", "Andel indvandrere og efterkommere fra ikke-vestlige lande."),
]


def add_criteria(apps, schema_editor):
    Criterion = apps.get_model("pages", "Criterion")
    for code, label, description in CRITERIA:
        Criterion.objects.update_or_create(code=code, defaults={"label": label, "description": description})


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial")]

    operations = [migrations.RunPython(add_criteria, migrations.RunPython.noop)]

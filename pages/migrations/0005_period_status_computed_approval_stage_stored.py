"""A period's status is computed from its dates in the API; what editors store is only
how far the plan got with Landsbyggefonden and the city council.

"aktiv" and "afsluttet" said what the dates already say (and went stale: 2021-25 kept
"Godkendt" after it ended); a period that ran or ended was approved, so both become
"godkendt".
"""

from django.db import migrations, models


def forwards(apps, schema_editor):
    PlanPeriodPage = apps.get_model("pages", "PlanPeriodPage")
    PlanPeriodPage.objects.filter(approval_stage__in=["aktiv", "afsluttet"]).update(approval_stage="godkendt")


class Migration(migrations.Migration):
    dependencies = [("pages", "0004_page_visibility_indexes")]

    operations = [
        migrations.RenameField("planperiodpage", "status", "approval_stage"),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="planperiodpage",
            name="approval_stage",
            field=models.CharField(
                choices=[
                    ("planlagt", "Under forberedelse"),
                    ("praekvalificeret", "Prækvalificeret"),
                    ("godkendt", "Godkendt"),
                ],
                default="planlagt",
                help_text="Hvor langt planen er nået med Landsbyggefonden og byrådet. "
                "Om perioden er i kraft eller afsluttet, beregnes ud fra datoerne.",
                max_length=20,
                verbose_name="godkendelse",
            ),
        ),
    ]

from django.db import migrations, models


def forget_summary(apps, schema_editor):
    # Derived data: emptied here, recounted in full by the next dashboard catch-up.
    for name in ("CommunityYear", "AgencyYear", "SummaryState"):
        apps.get_model("events", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("events", "0009_participation_summary")]

    operations = [
        migrations.RunPython(forget_summary, migrations.RunPython.noop),
        migrations.AddField(
            model_name="communityyear",
            name="state",
            field=models.CharField(default="", max_length=2, verbose_name="state"),
            preserve_default=False,
        ),
        migrations.AddIndex(
            model_name="communityyear",
            index=models.Index(fields=["year", "state"], name="communityyear_year_state"),
        ),
    ]

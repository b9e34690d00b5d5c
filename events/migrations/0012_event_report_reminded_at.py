from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0011_updated_at_of_agencies_and_activities"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="report_reminded_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="report reminded"),
        ),
    ]

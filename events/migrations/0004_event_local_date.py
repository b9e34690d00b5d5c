from zoneinfo import ZoneInfo

from django.db import migrations, models


def fill_dates(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    for event in Event.objects.only("starts_at", "time_zone").iterator():
        event.date = event.starts_at.astimezone(ZoneInfo(event.time_zone)).date()
        event.save(update_fields=["date"])


class Migration(migrations.Migration):
    dependencies = [("events", "0003_agencies_and_visit_requests")]

    operations = [
        migrations.AddField(
            model_name="event", name="date", field=models.DateField(null=True, verbose_name="date")
        ),
        migrations.RunPython(fill_dates, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="event", name="date", field=models.DateField(verbose_name="date")
        ),
        migrations.AddIndex(
            model_name="event", index=models.Index(fields=["date"], name="event_date")
        ),
    ]

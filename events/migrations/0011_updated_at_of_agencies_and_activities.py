import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    """`updated_at` of agencies and activities: part of the public pages' data version."""

    dependencies = [
        ("events", "0010_communityyear_state"),
    ]

    operations = [
        migrations.AddField(
            model_name="activity",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now, verbose_name="updated"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="agency",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now, verbose_name="updated"
            ),
            preserve_default=False,
        ),
        migrations.AddIndex(
            model_name="agency",
            index=models.Index(fields=["updated_at"], name="agency_updated"),
        ),
    ]

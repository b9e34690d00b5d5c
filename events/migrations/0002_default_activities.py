from django.db import migrations

# The starting vocabulary of activities; national admins edit it in the admin.
ACTIVITIES = [
    ("kids-games", "Kids' games"),
    ("k9-demonstration", "K9 demonstration"),
    ("live-music", "Live music"),
    ("free-food", "Free food / cookout"),
    ("safety-demonstration", "Safety demonstration"),
    ("fire-truck-visit", "Fire truck visit"),
    ("police-car-tour", "Police car tour"),
    ("bike-safety", "Bike safety / bike rodeo"),
    ("child-id-kits", "Child ID kits"),
    ("face-painting", "Face painting"),
    ("bounce-house", "Bounce house"),
    ("potluck", "Potluck"),
    ("neighborhood-watch", "Neighborhood watch sign-up"),
    ("flashlight-walk", "Flashlight walk"),
    ("open-house", "Open house"),
]


def add_activities(apps, schema_editor):
    Activity = apps.get_model("events", "Activity")
    for position, (slug, name) in enumerate(ACTIVITIES, start=1):
        Activity.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(add_activities, migrations.RunPython.noop)]

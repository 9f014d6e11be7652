from django.db import migrations

STAGES = [
    ("met", "Met", False),
    ("reader", "Reader", False),
    ("friend", "Friend", False),
    ("supporter", "Active supporter", False),
    ("candidate", "Candidate", True),
    ("member", "Member", True),
]


def add_stages(apps, schema_editor):
    Stage = apps.get_model("people", "Stage")
    for position, (key, name, counts_as_member) in enumerate(STAGES, start=1):
        Stage.objects.get_or_create(
            key=key,
            defaults={"name": name, "position": position * 10, "counts_as_member": counts_as_member},
        )


class Migration(migrations.Migration):
    dependencies = [("people", "0001_contacts")]
    operations = [migrations.RunPython(add_stages, migrations.RunPython.noop)]

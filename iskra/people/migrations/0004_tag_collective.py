"""Tags belong to a collective (security finding 6: a Los Angeles tag showed in Detroit's
filters). Each old, global tag is split into one tag per collective whose contacts carry it;
tags nobody carries go."""

import django.db.models.deletion
from django.db import migrations, models


def split_tags_by_collective(apps, schema_editor):
    Tag = apps.get_model("people", "Tag")
    Through = apps.get_model("people", "Contact").tags.through
    for tag in Tag.objects.filter(collective__isnull=True):
        collective_ids = sorted(
            set(Through.objects.filter(tag_id=tag.pk).values_list("contact__collective_id", flat=True))
        )
        if not collective_ids:
            tag.delete()
            continue
        tag.collective_id = collective_ids[0]
        tag.save(update_fields=["collective"])
        for collective_id in collective_ids[1:]:
            copy = Tag.objects.create(collective_id=collective_id, name=tag.name)
            Through.objects.filter(tag_id=tag.pk, contact__collective_id=collective_id).update(
                tag_id=copy.pk
            )


class Migration(migrations.Migration):

    dependencies = [
        ("network", "0001_initial"),
        ("people", "0003_stage_counts"),
    ]

    operations = [
        migrations.AlterField(
            model_name="tag",
            name="name",
            field=models.CharField(max_length=60, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="tag",
            name="collective",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="tags",
                to="network.collective",
            ),
        ),
        migrations.RunPython(split_tags_by_collective, migrations.RunPython.noop),
    ]

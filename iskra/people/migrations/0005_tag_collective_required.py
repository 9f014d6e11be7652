import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("network", "0001_initial"),
        ("people", "0004_tag_collective"),
    ]

    operations = [
        migrations.AlterField(
            model_name="tag",
            name="collective",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="tags",
                to="network.collective",
            ),
        ),
        migrations.AddConstraint(
            model_name="tag",
            constraint=models.UniqueConstraint(
                fields=("collective", "name"), name="one_tag_name_per_collective"
            ),
        ),
    ]

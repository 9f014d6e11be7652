"""Subscribers' email addresses encrypted like contacts' (with a blind index for
"already subscribed?"), and subscribers who are contacts. Existing addresses are carried
over: encrypted under their final column name, then the plaintext column is dropped."""

import django.db.models.deletion
from django.db import migrations, models

import iskra.people.fields


def encrypt_addresses(apps, schema_editor):
    from iskra.people import crypto

    Subscriber = apps.get_model("press", "Subscriber")
    context = f"{Subscriber._meta.db_table}.email".encode()
    for subscriber in Subscriber.objects.all():
        address = subscriber.email
        subscriber.sealed_email = crypto.encrypt(address, context) if address else b""
        subscriber.email_index = crypto.email_index(address) if address else ""
        subscriber.save(update_fields=["sealed_email", "email_index"])


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_stage_counts"),
        ("press", "0002_article_publication_state"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="subscriber", name="press_subscribed_once"),
        migrations.AddField(
            model_name="subscriber",
            name="sealed_email",
            field=iskra.people.fields.EncryptedTextField(verbose_name="email"),
        ),
        migrations.AddField(
            model_name="subscriber",
            name="email_index",
            field=models.CharField(default="", editable=False, max_length=32),
        ),
        migrations.AddField(
            model_name="subscriber",
            name="contact",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="people.contact",
            ),
        ),
        migrations.RunPython(encrypt_addresses, migrations.RunPython.noop),
        migrations.RemoveField(model_name="subscriber", name="email"),
        migrations.RenameField(model_name="subscriber", old_name="sealed_email", new_name="email"),
        migrations.AddConstraint(
            model_name="subscriber",
            constraint=models.UniqueConstraint(
                fields=("publication", "email_index"), name="press_subscribed_once"
            ),
        ),
    ]

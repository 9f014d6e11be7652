"""A submitter's reply address is a protected field (security finding 7): encrypted like a
contact's phone or email. Existing values are carried over under the final column name."""

from django.db import migrations

import iskra.people.fields


def encrypt_reply_addresses(apps, schema_editor):
    from iskra.people import crypto

    Submission = apps.get_model("press", "Submission")
    context = f"{Submission._meta.db_table}.reply_to".encode()
    for submission in Submission.objects.exclude(reply_to=""):
        submission.sealed_reply_to = crypto.encrypt(submission.reply_to, context)
        submission.save(update_fields=["sealed_reply_to"])


class Migration(migrations.Migration):
    dependencies = [("press", "0003_subscriber_encrypted_email")]

    operations = [
        migrations.AddField(
            model_name="submission",
            name="sealed_reply_to",
            field=iskra.people.fields.EncryptedTextField(verbose_name="a way to reply (optional)"),
        ),
        migrations.RunPython(encrypt_reply_addresses, migrations.RunPython.noop),
        migrations.RemoveField(model_name="submission", name="reply_to"),
        migrations.RenameField(
            model_name="submission", old_name="sealed_reply_to", new_name="reply_to"
        ),
    ]

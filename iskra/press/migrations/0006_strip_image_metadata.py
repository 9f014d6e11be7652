"""Strip the metadata (EXIF with GPS, XMP, IPTC, maker notes) of images uploaded before
uploads were cleaned: see iskra/press/images.py."""

from django.db import migrations


def strip_existing(apps, schema_editor):
    from iskra.press.images import strip_stored

    ArticleImage = apps.get_model("press", "ArticleImage")
    for name in ArticleImage.objects.values_list("image", flat=True).iterator():
        if name:
            strip_stored(name)


class Migration(migrations.Migration):
    dependencies = [("press", "0005_publication_print_face")]

    operations = [migrations.RunPython(strip_existing, migrations.RunPython.noop)]

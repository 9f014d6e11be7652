"""Article images: metadata stripped at upload, responsive versions for the public site.

A photo taken at a plant gate carries where it was taken (GPS), the camera's make and serial
number, sometimes the owner's name (EXIF, XMP, IPTC, maker notes). None of it is needed to
print or show the picture, so every upload is decoded and encoded again with Pillow, keeping
only the pixels (turned the way the camera meant) and the colour profile. The migration
`0006_strip_image_metadata` does the same to images uploaded before.

Responsive versions: a few widths in WebP and JPEG, made on first need and kept next to the
original under `press/sizes/`, served with `srcset`, `width` and `height`.
"""

import io
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

WIDTHS = (480, 960, 1600)
UNREADABLE = (OSError, ValueError, SyntaxError, Image.DecompressionBombError)
FORMATS = {"webp": "WEBP", "jpg": "JPEG"}
JPEG_QUALITY = 85


def _clean_bytes(data: bytes) -> tuple[bytes, str]:
    """The image re-encoded without metadata, and its format's file extension."""
    with Image.open(io.BytesIO(data)) as source:
        kind = (source.format or "PNG").upper()
        icc = source.info.get("icc_profile")
        picture = ImageOps.exif_transpose(source)
        picture.load()
    output = io.BytesIO()
    options: dict[str, Any] = {"icc_profile": icc} if icc else {}
    if kind in ("JPEG", "MPO"):
        if picture.mode not in ("RGB", "L"):
            picture = picture.convert("RGB")
        picture.save(output, "JPEG", quality=92, optimize=True, **options)
        return output.getvalue(), "jpg"
    if kind == "WEBP":
        picture.save(output, "WEBP", quality=90, **options)
        return output.getvalue(), "webp"
    if kind == "GIF":
        picture.save(output, "GIF")
        return output.getvalue(), "gif"
    picture.save(output, "PNG", optimize=True, **options)
    return output.getvalue(), "png"


def strip_metadata(upload: Any) -> ContentFile[bytes]:
    """An uploaded image file, decoded and written again with nothing but its pixels."""
    upload.seek(0)
    data, extension = _clean_bytes(upload.read())
    name = Path(getattr(upload, "name", "") or "image").stem or "image"
    return ContentFile(data, name=f"{name}.{extension}")


def strip_stored(name: str) -> bool:
    """Strip an image already in storage, in place. False when it cannot be read as one."""
    try:
        with default_storage.open(name, "rb") as stored:
            data = stored.read()
        clean, _extension = _clean_bytes(data)
    except UNREADABLE:
        return False
    path = Path(default_storage.path(name))
    path.write_bytes(clean)
    return True


def size_name(picture: Any, width: int, extension: str) -> str:
    return f"press/sizes/{picture.pk}/{width}.{extension}"


def widths_for(picture: Any) -> list[int]:
    """The widths worth offering: the standard ones narrower than the original, and the
    original's own width."""
    try:
        original = int(picture.image.width)
    except (OSError, ValueError):
        return []
    return [width for width in WIDTHS if width < original] + [min(original, WIDTHS[-1])]


def make_size(picture: Any, width: int, extension: str) -> str | None:
    """The stored name of one responsive version, made when missing."""
    if extension not in FORMATS or width not in widths_for(picture):
        return None
    name = size_name(picture, width, extension)
    if default_storage.exists(name):
        return name
    with picture.image.open("rb") as stored, Image.open(stored) as source:
        source.load()
        picture_rgb = source.convert("RGB")
    if picture_rgb.width > width:
        height = round(picture_rgb.height * width / picture_rgb.width)
        picture_rgb = picture_rgb.resize((width, height), Image.Resampling.LANCZOS)
    output = io.BytesIO()
    picture_rgb.save(output, FORMATS[extension], quality=JPEG_QUALITY)
    default_storage.save(name, ContentFile(output.getvalue()))
    return name


def size_url(picture: Any, width: int, extension: str) -> str:
    from django.urls import reverse

    return reverse("public:image_size", args=[picture.pk, width, extension])


def responsive(picture: Any) -> dict[str, Any]:
    """What a page needs to show a picture: the original's URL, `srcset`s in WebP and JPEG,
    its width and height (so the page does not jump while it loads)."""
    from django.urls import reverse

    width, height = dimensions(picture)
    widths = widths_for(picture)
    return {
        "picture": picture,
        "src": size_url(picture, widths[-1], "jpg")
        if widths
        else reverse("public:image", args=[picture.pk, picture.image_name]),
        "original": reverse("public:image", args=[picture.pk, picture.image_name]),
        "webp": ", ".join(f"{size_url(picture, w, 'webp')} {w}w" for w in widths),
        "jpeg": ", ".join(f"{size_url(picture, w, 'jpg')} {w}w" for w in widths),
        "width": min(width, widths[-1]) if widths else width,
        "height": round(height * min(width, widths[-1]) / width) if widths and width else height,
        "alt": picture.alt_text,
        "caption": picture.caption,
    }


def dimensions(picture: Any) -> tuple[int, int]:
    try:
        return int(picture.image.width), int(picture.image.height)
    except (OSError, ValueError):
        return 0, 0

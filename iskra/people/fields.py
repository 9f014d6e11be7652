import base64
from typing import Any

from django import forms
from django.db import models

from iskra.people import crypto

# How a serialized protected value starts: base64 ciphertext follows.
SEALED_PREFIX = "iskra-sealed:"


class EncryptedTextField(models.BinaryField):
    """A text value stored encrypted (see crypto.py). In Python it is a str, "" when empty.

    The value is decrypted when a row is loaded, so list queries `defer()` these columns;
    it cannot be filtered on: exact look-up goes through a blind-index column instead.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", "")
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)
        self.editable = True

    def _check_str_default_value(self) -> list[Any]:
        return []  # the Python value is text; it is encrypted on the way to the database

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("editable", None)
        return name, path, args, kwargs

    def context(self) -> bytes:
        return f"{self.model._meta.db_table}.{self.column}".encode()

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if value is None or value == "":
            return super().get_db_prep_value(b"", connection, prepared)
        if isinstance(value, bytes | memoryview):  # already ciphertext (key rotation)
            return super().get_db_prep_value(bytes(value), connection, prepared)
        return super().get_db_prep_value(
            crypto.encrypt(str(value), self.context()), connection, prepared
        )

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str:
        if value is None:
            return ""
        token = bytes(value)
        if not token:
            return ""
        return crypto.decrypt(token, self.context())

    def to_python(self, value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, str) and value.startswith(SEALED_PREFIX):
            # A serialized value (dumpdata, a fixture): ciphertext, stored as it is.
            return base64.b64decode(value[len(SEALED_PREFIX) :])
        return value

    def value_to_string(self, obj: models.Model) -> str:
        """Serialization (dumpdata, fixtures) writes the ciphertext, never the plaintext."""
        value = self.value_from_object(obj)
        if value is None or value == "":
            return ""
        token = bytes(value) if isinstance(value, bytes | memoryview) else None
        if token is None:
            token = crypto.encrypt(str(value), self.context())
        return SEALED_PREFIX + base64.b64encode(token).decode()

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]
        return forms.CharField(required=not self.blank, label=self.verbose_name, **kwargs)

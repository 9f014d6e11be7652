"""Encryption of the contacts' protected fields, and the blind index for exact look-up.

Protected values (legal name, phone, email, street address, conversation notes) are stored
as AES-256-GCM ciphertext: one version byte, a 4-byte key id, a 12-byte random nonce, then
the ciphertext with its tag. The associated data names the table and column, so a value
copied into another column does not decrypt. The keys live in the file named by
ISKRA_DATA_KEY_FILE, one base64 key per line: the first encrypts, every line decrypts (that
is how `iskra rotate_keys` keeps old rows readable until it is done).

Email addresses and phone numbers also get a blind index: an HMAC-SHA256 of the normalized
value (lower-cased email; phone in E.164, read in the collective's country: phones.py) under
a separate key (ISKRA_BLIND_INDEX_KEY_FILE), so "is this email already here?" is an indexed
equality query and the database never holds the plaintext.
"""

import base64
import hashlib
import hmac
import os
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from iskra.people import phones

VERSION = b"\x01"
NONCE_BYTES = 12
KEY_ID_BYTES = 4


class DecryptionError(Exception):
    """A protected value does not decrypt with any configured key: wrong key file, or tampering."""


@dataclass(frozen=True)
class Keyring:
    primary_id: bytes
    ciphers: dict[bytes, AESGCM]
    blind_key: bytes
    blind_hmac: Any  # an HMAC keyed once; each index copies it (saves the key schedule)


_lock = threading.Lock()
_keyring: Keyring | None = None


def read_key_file(path: str | Path, setting: str) -> list[bytes]:
    if not path:
        raise ImproperlyConfigured(
            f"{setting} is not set: it names the file with the key of the contacts' protected "
            "fields. `make run` creates var/data.key and var/blind-index.key for development; "
            "in production create them with `iskra generate_key --out FILE`."
        )
    try:
        lines = Path(path).read_text().split()
    except OSError as error:
        raise ImproperlyConfigured(f"{setting}: cannot read {path}: {error.strerror}") from None
    keys = []
    for number, line in enumerate(lines, start=1):
        try:
            key = base64.urlsafe_b64decode(line)
        except ValueError:
            key = b""
        if len(key) != 32:
            raise ImproperlyConfigured(
                f"{setting}: line {number} of {path} is not a base64 256-bit key"
            )
        keys.append(key)
    if not keys:
        raise ImproperlyConfigured(f"{setting}: {path} holds no key")
    return keys


def key_id(key: bytes) -> bytes:
    return hashlib.sha256(b"iskra-key-id" + key).digest()[:KEY_ID_BYTES]


def keyring() -> Keyring:
    global _keyring
    if _keyring is None:
        with _lock:
            if _keyring is None:
                data_keys = read_key_file(settings.ISKRA_DATA_KEY_FILE, "ISKRA_DATA_KEY_FILE")
                blind_keys = read_key_file(
                    settings.ISKRA_BLIND_INDEX_KEY_FILE, "ISKRA_BLIND_INDEX_KEY_FILE"
                )
                _keyring = Keyring(
                    primary_id=key_id(data_keys[0]),
                    ciphers={key_id(key): AESGCM(key) for key in data_keys},
                    blind_key=blind_keys[0],
                    blind_hmac=hmac.new(blind_keys[0], digestmod=hashlib.sha256),
                )
    return _keyring


def reset_keyring() -> None:
    """Forget the loaded keys (after the key file changed, and in tests)."""
    global _keyring
    with _lock:
        _keyring = None


def encrypt(plaintext: str, context: bytes) -> bytes:
    ring = keyring()
    nonce = os.urandom(NONCE_BYTES)
    sealed = ring.ciphers[ring.primary_id].encrypt(nonce, plaintext.encode(), context)
    return VERSION + ring.primary_id + nonce + sealed


def decrypt(token: bytes, context: bytes) -> str:
    if token[:1] != VERSION or len(token) < 1 + KEY_ID_BYTES + NONCE_BYTES + 16:
        raise DecryptionError("not an Iskra ciphertext")
    ring = keyring()
    cipher = ring.ciphers.get(token[1 : 1 + KEY_ID_BYTES])
    if cipher is None:
        raise DecryptionError(
            "a protected value was encrypted with a key that is not in ISKRA_DATA_KEY_FILE"
        )
    nonce = token[1 + KEY_ID_BYTES : 1 + KEY_ID_BYTES + NONCE_BYTES]
    try:
        return cipher.decrypt(nonce, token[1 + KEY_ID_BYTES + NONCE_BYTES :], context).decode()
    except InvalidTag:
        raise DecryptionError("a protected value failed its integrity check") from None


def is_current(token: bytes) -> bool:
    """Whether a ciphertext is under the primary key (rotation skips those)."""
    return token[1 : 1 + KEY_ID_BYTES] == keyring().primary_id


def normalize_email(value: str) -> str:
    return value.strip().lower()


def normalize_phone(value: str, region: str = "") -> str:
    """E.164 (so "2135550147" in the US, "+1 (213) 555-0147" and "+12135550147" match);
    see phones.py."""
    return phones.normalize(value, region)


def normalize_name(value: str) -> str:
    """Case-, accent-, punctuation- and space-insensitive form of a display name, for search
    and dedupe ("Lupe L." and "lupe l" are the same)."""
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(
        char if char.isalnum() else " " for char in decomposed if not unicodedata.combining(char)
    )
    return " ".join(stripped.casefold().split())


def blind_index(kind: str, normalized: str) -> str:
    if not normalized:
        return ""
    digest = keyring().blind_hmac.copy()
    digest.update(f"{kind}:{normalized}".encode())
    return str(digest.hexdigest()[:32])


def email_index(value: str) -> str:
    return blind_index("email", normalize_email(value))


def phone_index(value: str, region: str = "") -> str:
    return blind_index("phone", normalize_phone(value, region))

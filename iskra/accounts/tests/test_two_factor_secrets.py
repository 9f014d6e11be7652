"""TOTP secrets are encrypted at rest with keys derived from the secret key; key rotation
keeps them readable through SECRET_KEY_FALLBACKS and `iskra rotate_mfa_keys`."""

import io
import json

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from cryptography.fernet import InvalidToken
from django.core.management import call_command
from django.db import connection

from conftest import TOTP_SECRET
from iskra.accounts.adapter import EncryptingMFAAdapter
from iskra.audit.models import LogEntry

OLD_KEY = "the-old-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
NEW_KEY = "the-new-secret-key-9876543210-zyxwvutsrqponmlkjihgfedcba"


def stored_data(authenticator):
    """The row as the database holds it, read without the ORM."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT data FROM mfa_authenticator WHERE id = %s", [authenticator.instance.pk]
        )
        raw = cursor.fetchone()[0]
    return raw if isinstance(raw, str) else json.dumps(raw)


def test_the_database_never_holds_the_plain_secret(outsider):
    totp = TOTP.activate(outsider, TOTP_SECRET)
    assert TOTP_SECRET not in stored_data(totp)
    assert EncryptingMFAAdapter().decrypt(totp.instance.data["secret"]) == TOTP_SECRET


def test_recovery_code_seeds_are_encrypted_too(outsider):
    codes = RecoveryCodes.activate(outsider)
    seed = EncryptingMFAAdapter().decrypt(codes.instance.data["seed"])
    assert seed not in stored_data(codes)


def test_a_secret_written_under_an_old_key_is_read_through_the_fallbacks(outsider, settings):
    settings.SECRET_KEY = OLD_KEY
    totp = TOTP.activate(outsider, TOTP_SECRET)
    encrypted = Authenticator.objects.get(pk=totp.instance.pk).data["secret"]

    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW_KEY, [OLD_KEY]
    assert EncryptingMFAAdapter().decrypt(encrypted) == TOTP_SECRET

    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(InvalidToken):
        EncryptingMFAAdapter().decrypt(encrypted)


def test_rotating_moves_every_secret_to_the_new_key(outsider, member, settings):
    settings.SECRET_KEY = OLD_KEY
    totp = TOTP.activate(outsider, TOTP_SECRET)
    codes = RecoveryCodes.activate(member)
    unused = codes.get_unused_codes()

    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW_KEY, [OLD_KEY]
    call_command("rotate_mfa_keys", stdout=io.StringIO())

    settings.SECRET_KEY_FALLBACKS = []  # the old key is gone for good
    rotated = Authenticator.objects.get(pk=totp.instance.pk)
    assert EncryptingMFAAdapter().decrypt(rotated.data["secret"]) == TOTP_SECRET
    rotated_codes = RecoveryCodes(Authenticator.objects.get(pk=codes.instance.pk))
    assert rotated_codes.get_unused_codes() == unused
    entry = LogEntry.objects.get(action="accounts.two_factor.keys_rotated")
    assert entry.details == {"count": 2}

from typing import Any

from django.core.management.base import BaseCommand

from iskra.accounts.services import two_factor_secrets_rotate


class Command(BaseCommand):
    help = (
        "Re-encrypt every stored two-factor secret with the current ISKRA_SECRET_KEY, so that "
        "the old key can then be removed from ISKRA_SECRET_KEY_FALLBACKS."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = two_factor_secrets_rotate()
        self.stdout.write(f"Re-encrypted the two-factor secrets of {count} authenticators.")

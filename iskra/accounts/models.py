from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person with a login. Members often use a pseudonym as their username."""

    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    is_demo = models.BooleanField(default=False, editable=False)
    # Set when an organizer marks the account compromised (a seized phone): no login until
    # an organizer restores it with a new password and a new second factor.
    compromised_at = models.DateTimeField(null=True, blank=True, editable=False)
    # After a restore: no page but the two-factor set-up until a new second factor exists.
    needs_new_second_factor = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def audit_label(self) -> str:
        return self.username

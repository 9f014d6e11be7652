"""Strings of django-allauth's pages and messages that reach Iskra's pages, given here so
that the project catalogue (iskra/locale, which wins over every app's) translates them in
Iskra's voice. "View" on the two-factor page would otherwise take Django admin's "Vista".
Never imported: makemessages reads it."""

from django.utils.translation import gettext_noop

ALLAUTH_STRINGS = [
    gettext_noop("Successfully signed in as %(name)s."),
    gettext_noop("You have signed out."),
    gettext_noop("View"),
    gettext_noop("Authenticator app activated."),
    gettext_noop("Authenticator app deactivated."),
    gettext_noop("Security key added."),
    gettext_noop("Security key removed."),
    gettext_noop("A new set of recovery codes has been generated."),
]

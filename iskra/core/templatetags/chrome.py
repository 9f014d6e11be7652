"""The bars around every signed-in page, written in Python: `{% topbar %}` and `{% bottombar %}`.

Through the template language the two bars were about half of the fixed cost of a page
(docs/benchmarks.md): fifteen `{% url %}` and twenty `{% translate %}` tags on every
request, whose answers change only with the language and with what the user may open. Here
the bars are made once for each such combination and kept; a request adds only its CSRF token
and its own address. The HTML is the same the template wrote (tested page by page)."""

from functools import lru_cache
from html import escape
from typing import NamedTuple

from django import template
from django.conf import settings
from django.template.context import Context
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from iskra.core.widgets import csrf_field

register = template.Library()

# Stand-ins for what differs between requests with the same bars.
_CSRF = "\x00csrf\x00"
_NEXT = "\x00next\x00"


def _csrf_input(context: Context) -> str:
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":  # noqa: S105 - Django's "no token" marker
        return ""
    return csrf_field(str(token))


class Bars(NamedTuple):
    """Everything the bars depend on but the request's token and address: the key they are
    kept under."""

    language: str | None
    prefix: str
    urlconf: str
    languages: tuple[str, ...]
    signed_in: bool
    superuser: bool
    contacts: bool
    collectives: bool
    edits: bool
    daily: str | None  # the slug of the collective of the phone's daily actions


def _bars(context: Context) -> Bars:
    user = context.get("user")
    signed_in = bool(user is not None and user.is_authenticated)
    daily = context.get("nav_daily_collective") if signed_in else None
    return Bars(
        language=translation.get_language(),
        prefix=get_script_prefix(),
        urlconf=get_urlconf() or settings.ROOT_URLCONF,
        languages=tuple(code for code, _name in settings.LANGUAGES),
        signed_in=signed_in,
        superuser=signed_in and bool(getattr(user, "is_superuser", False)),
        contacts=signed_in and bool(context.get("nav_has_contacts")),
        collectives=signed_in and bool(context.get("nav_has_collectives")),
        edits=signed_in and bool(context.get("nav_can_edit")),
        daily=daily.slug if daily is not None else None,
    )


@register.simple_tag(takes_context=True)
def topbar(context: Context) -> SafeString:
    html = _topbar(_bars(context))
    request = context.get("request")
    path = request.get_full_path() if request is not None else ""
    return mark_safe(  # noqa: S308 - the path is escaped; the rest is made escaped
        html.replace(_CSRF, _csrf_input(context)).replace(_NEXT, escape(path))
    )


@register.simple_tag(takes_context=True)
def bottombar(context: Context) -> SafeString:
    return mark_safe(_bottombar(_bars(context)))  # noqa: S308 - made escaped


@lru_cache(maxsize=512)
def _topbar(bars: Bars) -> str:
    def link(name: str, text: str, extra: str = "") -> str:
        return f'<a href="{escape(reverse(name))}"{extra}>{escape(text)}</a>'

    home = escape(reverse("home"))
    parts = [f'<header class="topbar">\n    <a class="brand" href="{home}">Iskra</a>\n']
    if bars.signed_in:
        parts.append(f'    <nav class="nav" aria-label="{escape(_("Main"))}">\n      ')
        if bars.contacts:
            parts.append(link("people:followups", _("Follow-ups"), ' class="on-bottombar"'))
        if bars.collectives:
            parts.append(link("distribution:index", _("Outings")) + "\n      ")
            parts.append(
                link(
                    "activities:calendar",
                    _("Calendar"),
                    ' class="on-bottombar"' if bars.contacts else "",
                )
            )
            parts.append("\n      " + link("finance:index", _("Money")))
        if bars.edits:
            parts.append("\n      " + link("press:publications", _("Press")))
        if bars.collectives:
            parts.append("\n      " + link("network:collectives", _("Collectives")))
        parts.append("\n      ")
        if bars.superuser:
            parts.append(link("reliability:backups", _("Backups")))
        parts.append(
            f"\n      {link('accounts:sessions', _('Sessions'))}"
            f"\n      {link('mfa_index', _('Two-factor'))}"
            f'\n      <form method="post" action="{escape(reverse("account_logout"))}"'
            f' class="inline">{_CSRF}\n        <button type="submit" class="link">'
            f"{escape(_('Sign out'))}</button>\n      </form>\n    </nav>\n"
        )
    parts.append(
        f'    <form method="post" action="{escape(reverse("accounts:language"))}"'
        f' class="language-switch">{_CSRF}\n'
        f'      <input type="hidden" name="next" value="{_NEXT}">\n'
    )
    for code in bars.languages:
        if code != bars.language:
            local = capfirst(translation.get_language_info(code)["name_local"])
            parts.append(
                f'      <button type="submit" name="language" value="{escape(code)}"'
                f' class="link" lang="{escape(code)}">{escape(local)}</button>\n'
            )
    parts.append("    </form>\n  </header>")
    return "".join(parts)


@lru_cache(maxsize=512)
def _bottombar(bars: Bars) -> str:
    if not (bars.signed_in and bars.contacts):
        return ""
    links = []
    if bars.daily is not None:
        links.append((reverse("distribution:outing_new", args=[bars.daily]), _("New outing")))
    links.append((reverse("people:followups"), _("Follow-ups")))
    if bars.daily is not None:
        links.append((reverse("people:contacts", args=[bars.daily]), _("People")))
    links.append((reverse("activities:calendar"), _("Calendar")))
    items = "".join(f'\n    <a href="{escape(url)}">{escape(text)}</a>' for url, text in links)
    return f'<nav class="bottombar" aria-label="{escape(_("Daily actions"))}">{items}\n  </nav>'

"""What the page's fixed cost was cut with writes what Django wrote (docs/benchmarks.md):
the bars around every page (`{% topbar %}`, `{% bottombar %}`) against the template they
replaced, `{% url %}` with its answers kept against Django's, and dates written by
`date_formatter` against `date_format`, in every interface language."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.test import RequestFactory
from django.test.utils import override_settings
from django.urls import NoReverseMatch, clear_url_caches, reverse, set_script_prefix
from django.utils import translation
from django.utils.formats import date_format

from conftest import make_user
from iskra.core.fastformat import date_formatter
from iskra.core.templatetags import fasturl
from iskra.network.models import Role
from iskra.network.services import membership_create

# The header and the phone's bottom bar as base.html wrote them before `{% topbar %}`.
REFERENCE_BARS = (Path(__file__).parent / "reference_bars.html").read_text()


def normalized(html: str) -> str:
    """Whitespace between tags and runs of spaces do not change a page; CSRF tokens are masked
    anew for every use."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken"', html)
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


def _render(source: str, user, path: str = "/people/?q=<b>&page=2") -> str:
    request = RequestFactory().get(path)
    request.user = user
    return engines["django"].from_string(source).render({}, request)


@pytest.fixture
def users(los_angeles, usa, organizer, member, centre):
    editor = make_user("edna")
    membership_create(actor=None, user=editor, collective=usa, role=Role.EDITOR)
    admin = make_user("root")
    admin.is_superuser = True
    admin.save()
    return [AnonymousUser(), member, organizer, centre, editor, admin]


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_bars_are_what_the_template_wrote(users, language):
    for user in users:
        with translation.override(language):
            expected = normalized(_render(REFERENCE_BARS, user))
            written = normalized(_render("{% load chrome %}{% topbar %}{% bottombar %}", user))
        assert written == expected, (language, user)
        assert 'name="next" value="/people/?q=%3Cb%3E&amp;page=2"' in written  # escaped


def test_the_bars_follow_the_script_prefix(member):
    set_script_prefix("/iskra/")
    try:
        written = _render("{% load chrome %}{% topbar %}{% bottombar %}", member)
    finally:
        set_script_prefix("/")
    assert 'href="/iskra/people/followups/"' in written
    assert 'href="/people/followups/"' not in written


def _url(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


def test_url_is_djangos_answer_for_names_arguments_and_keywords(los_angeles):
    fasturl._cache.clear()
    for _ in range(2):  # the second time from the cache
        assert _url("{% url 'home' %}") == reverse("home")
        assert _url("{% url 'people:contacts' slug %}", slug=los_angeles.slug) == reverse(
            "people:contacts", args=[los_angeles.slug]
        )
        assert _url("{% url 'people:contacts' slug=s %}", s="detroit") == reverse(
            "people:contacts", kwargs={"slug": "detroit"}
        )
        assert _url("{% url 'people:contact' 7 as link %}[{{ link }}]") == (
            f"[{reverse('people:contact', args=[7])}]"
        )
    assert len(fasturl._cache) == 4


def test_url_escapes_and_refuses_as_django_does():
    assert _url("{% url 'people:contacts' slug %}", slug="a-b") == "/people/c/a-b/"
    with pytest.raises(NoReverseMatch):
        _url("{% url 'people:contacts' slug %}", slug="not a slug")
    with pytest.raises(NoReverseMatch):
        _url("{% url 'no-such-name' %}")
    assert _url("{% url 'no-such-name' as link %}[{{ link }}]") == "[]"


def test_url_answers_are_kept_apart_by_script_prefix_and_urlconf():
    fasturl._cache.clear()
    assert _url("{% url 'home' %}") == "/"
    set_script_prefix("/sub/")
    try:
        assert _url("{% url 'home' %}") == "/sub/"
    finally:
        set_script_prefix("/")
    with override_settings(ROOT_URLCONF="iskra.core.bench_urls"):
        clear_url_caches()
        try:
            assert _url("{% url 'home' %}") == "/"
        finally:
            clear_url_caches()
    assert len(fasturl._cache) == 3


def test_the_url_cache_is_bounded(monkeypatch):
    fasturl._cache.clear()
    monkeypatch.setattr(fasturl, "CACHE_SIZE", 5)
    for pk in range(20):
        assert _url("{% url 'people:contact' pk %}", pk=pk) == reverse("people:contact", args=[pk])
    assert len(fasturl._cache) == 5


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize(
    "name", ["SHORT_DATE_FORMAT", "j M", "D j M", "DATE_FORMAT", "d/m/y", "Y-m-d"]
)
def test_dates_are_written_as_django_writes_them(language, name):
    day = date(2024, 1, 1)
    with translation.override(language):
        write = date_formatter(name)
        for _ in range(366):
            assert write(day) == date_format(day, name), (language, name, day)
            day += timedelta(days=1)
        # Years before 1000 and the two-digit year keep their zeros.
        for old in [date(5, 3, 9), date(999, 12, 31), date(2009, 7, 4)]:
            assert write(old) == date_format(old, name)


def test_formats_with_other_letters_or_escapes_go_to_django():
    day = date(2026, 12, 5)
    with translation.override("es"):
        for name in ["l j \\d\\e F", "D, N jS", "{j} {M}"]:
            assert date_formatter(name)(day) == date_format(day, name)

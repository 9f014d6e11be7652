"""`{% url %}` that remembers its answers, installed as a template builtin (settings.TEMPLATES)
so that every template uses it without loading anything.

Django's `reverse()` tries the patterns of a name and checks each candidate against its regular
expression: 50 to 70 µs for a URL with arguments on this project's machines, and the contact
list has nine of them (docs/benchmarks.md). Its answer depends only on the name, the
arguments, the URL configuration, the script prefix, the current application and the
language, so it is kept for the next request, in a bounded cache. A name that does not
reverse is not kept: it raises (or gives "" with `as`) every time, as Django's tag does."""

from collections import OrderedDict
from typing import Any

from django import template
from django.conf import settings
from django.template.base import Parser, Token
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.html import conditional_escape

register = template.Library()

CACHE_SIZE = 4096
_cache: OrderedDict[tuple[Any, ...], str] = OrderedDict()


def cached_reverse(
    view_name: str, args: list[Any], kwargs: dict[str, Any], current_app: str | None
) -> str:
    try:
        key = (
            view_name,
            tuple(args),
            tuple(sorted(kwargs.items())),
            current_app,
            get_urlconf() or settings.ROOT_URLCONF,
            get_script_prefix(),
            translation.get_language(),
        )
        hash(key)
    except TypeError:  # an argument that cannot be a key: ask Django every time
        return reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
    url = _cache.get(key)
    if url is None:
        url = reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
        _cache[key] = url
        if len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return url


class CachedURLNode(URLNode):
    def render(self, context: Any) -> str:  # a RequestContext, or a Context without request
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = cached_reverse(view_name, args, kwargs, current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser: Parser, token: Token) -> CachedURLNode:
    node = django_url(parser, token)
    return CachedURLNode(node.view_name, node.args, node.kwargs, node.asvar)

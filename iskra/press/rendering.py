"""Article text: Markdown rendered with markdown-it-py and sanitized with nh3, so that what an
editor (or a worker, through a submission) typed can never inject markup or scripts."""

import re
from typing import TYPE_CHECKING

import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

if TYPE_CHECKING:
    from iskra.press.models import Article

_markdown = MarkdownIt("commonmark", {"html": False, "typographer": True}).enable(
    ["replacements", "smartquotes", "strikethrough", "table"]
)

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "em",
    "strong",
    "s",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str) -> SafeString:
    html = _markdown.render(text or "")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308 - sanitized by nh3 just above


def plain_text(text: str) -> str:
    """The words of a Markdown text, for search, feeds' summaries and emails."""
    return html_words(_markdown.render(text or ""))


def html_words(html: str) -> str:
    """The words of rendered HTML (`render_markdown`'s), without tags."""
    words = nh3.clean(html, tags=set())
    return re.sub(r"\s+", " ", words.replace("&amp;", "&")).strip()


def split_paragraphs(html: str, words: int) -> tuple[str, str]:
    """Cut rendered HTML after the paragraph where `words` words are reached: the front-page
    part of an article that jumps to an inner page, and the rest."""
    blocks = re.split(r"(?<=</p>)\n?", html)
    count = 0
    for index, block in enumerate(blocks):
        count += len(re.sub(r"<[^>]+>", " ", block).split())
        if count >= words and index + 1 < len(blocks) and "".join(blocks[index + 1 :]).strip():
            return "".join(blocks[: index + 1]), "".join(blocks[index + 1 :])
    return html, ""


def article_html(article: "Article", body: str | None = None) -> SafeString:
    """The article's text with its dateline run into the first paragraph, as in print:
    "LOS ANGELES (USA), September 9— Ceasefire now!...". `body` is its text already
    rendered by `render_markdown`, if the caller has it."""
    html = str(render_markdown(article.body)) if body is None else body
    dateline = article.dateline()
    if dateline and html.startswith("<p>"):
        html = f'<p><span class="dateline">{escape(dateline)}</span> {html[3:]}'
    return mark_safe(html)  # noqa: S308 - sanitized markup plus an escaped dateline

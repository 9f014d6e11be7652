"""Print-ready PDFs of an issue, rendered by WeasyPrint from HTML and CSS paged media.

Three templates, chosen by the publication's print format:
- `tabloid`: the paper. Masthead and the lead on the front page, articles in columns, a running
  header with the name, number and date, page numbers, and "continued on page N" where a
  front-page article jumps inside (the number comes from CSS `target-counter`).
- `sheet`: the two-sided workplace newsletter (letter or A4): the editorial on one side, the
  plant's items on the other, with the link and QR code of the submission form.
- `booklet`: an A5 pamphlet, padded with blank pages to a multiple of four for folding.

Fonts are DejaVu (Debian's fonts-dejavu-core), found by name through fontconfig: no download,
and they cover Spanish, French and Haitian Creole.
"""

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import segno
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString

from iskra.press import queries
from iskra.press.models import Article, Issue, IssuePlacement, Publication
from iskra.press.rendering import article_html, split_paragraphs

# WeasyPrint logs every layout step at INFO; only its warnings are worth a line.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

TEMPLATES: dict[str, str] = {
    Publication.PrintFormat.TABLOID: "press/print/tabloid.html",
    Publication.PrintFormat.LETTER_SHEET: "press/print/sheet.html",
    Publication.PrintFormat.A4_SHEET: "press/print/sheet.html",
    Publication.PrintFormat.A5_BOOKLET: "press/print/booklet.html",
}
PAGE_SIZES: dict[str, str] = {
    Publication.PrintFormat.TABLOID: "11in 17in",
    Publication.PrintFormat.LETTER_SHEET: "letter",
    Publication.PrintFormat.A4_SHEET: "A4",
    Publication.PrintFormat.A5_BOOKLET: "A5",
}
# A front-page article longer than this many words jumps to an inner page.
FRONT_PAGE_WORDS = 220


@dataclass
class PrintedImage:
    url: str  # file:// on the server's disk; WeasyPrint reads it directly
    alt: str
    caption: str


@dataclass
class PrintedArticle:
    placement: IssuePlacement
    article: Article
    html: SafeString
    rest: SafeString | None = None  # the part that continues on an inner page
    anchor: str = ""
    images: list[PrintedImage] = field(default_factory=list)


@dataclass
class PrintedPage:
    number: int
    articles: list[PrintedArticle] = field(default_factory=list)
    continuations: list[PrintedArticle] = field(default_factory=list)


@dataclass
class Edition:
    language: str
    pages: list[PrintedPage]
    lead: PrintedArticle | None


def _edition(issue: Issue, placements: list[IssuePlacement], language: str, jumps: bool) -> Edition:
    pages: dict[int, PrintedPage] = {}
    lead = None
    for placement in placements:
        version = queries.version_in(placement.article, language)
        if version is None:
            continue
        html = article_html(version)
        printed = PrintedArticle(
            placement,
            version,
            html,
            anchor=f"a{version.pk}-{language}-{issue.pk}",
            images=[
                PrintedImage(Path(picture.image.path).as_uri(), picture.alt_text, picture.caption)
                for picture in placement.article.images.all()
            ],
        )
        page = pages.setdefault(placement.page, PrintedPage(placement.page))
        if jumps and placement.page == 1:
            front, rest = split_paragraphs(str(html), FRONT_PAGE_WORDS)
            if rest:
                printed.html, printed.rest = SafeString(front), SafeString(rest)
        if placement.is_lead:
            lead = printed
        else:
            page.articles.append(printed)
    ordered = [pages[number] for number in sorted(pages)]
    if jumps:
        jumping = [a for a in ([lead] if lead else []) + (ordered[0].articles if ordered else [])]
        jumping = [a for a in jumping if a.rest]
        if jumping:
            if len(ordered) < 2:
                ordered.append(PrintedPage(2))
            ordered[1].continuations.extend(jumping)
    return Edition(language=language, pages=ordered, lead=lead)


def print_languages(publication: Publication, language: str | None) -> list[str]:
    """The languages of one PDF: the one asked for; else all of them for a combined bilingual
    publication, the first one otherwise."""
    if language:
        return [language]
    if publication.bilingual == Publication.Bilingual.COMBINED:
        return list(publication.languages)
    return [publication.main_language]


def issue_html(issue: Issue, *, language: str | None = None, base_url: str = "") -> str:
    publication = issue.publication
    languages = print_languages(publication, language)
    placements = queries.issue_placements(issue)
    tabloid = publication.print_format == Publication.PrintFormat.TABLOID
    submit_url = base_url.rstrip("/") + reverse("public:submit", args=[publication.slug])
    qr = segno.make(submit_url, error="m").svg_data_uri(scale=3)
    parts = []
    for code in languages:
        with translation.override(code):
            parts.append(
                render_to_string(
                    TEMPLATES[publication.print_format],
                    {
                        "issue": issue,
                        "publication": publication,
                        "edition": _edition(issue, placements, code, jumps=tabloid),
                        "name": publication.name_in(code),
                        "masthead": publication.masthead_in(code),
                        "motto": publication.motto_in(code),
                        "language": code,
                        "submit_url": submit_url,
                        "qr": qr,
                    },
                )
            )
    with translation.override(languages[0]):
        return render_to_string(
            "press/print/document.html",
            {
                "issue": issue,
                "publication": publication,
                "parts": parts,
                "page_size": PAGE_SIZES[publication.print_format],
                "format": publication.print_format,
                "language": languages[0],
            },
        )


def render_document(issue: Issue, *, language: str | None = None, base_url: str = "") -> Any:
    """The laid-out WeasyPrint document (its `pages`, `write_pdf()`)."""
    from weasyprint import HTML  # imported late: it is slow to import and only printing needs it

    html = issue_html(issue, language=language, base_url=base_url)
    document = HTML(string=html).render()
    if issue.publication.print_format == Publication.PrintFormat.A5_BOOKLET:
        # A folded booklet has a multiple of four pages: add blank ones at the end.
        missing = -len(document.pages) % 4
        if missing:
            blanks = '<div class="blank-page"></div>' * missing
            document = HTML(string=html.replace("</body>", blanks + "</body>")).render()
    return document


def issue_pdf(issue: Issue, *, language: str | None = None, base_url: str = "") -> bytes:
    document = render_document(issue, language=language, base_url=base_url)
    return bytes(document.write_pdf())


def pdf_filename(issue: Issue, language: str | None = None) -> str:
    suffix = f"-{language}" if language else ""
    return f"{issue.publication.slug}-{issue.number}{suffix}.pdf"

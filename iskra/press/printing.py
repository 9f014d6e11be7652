"""Print-ready PDFs of an issue, rendered by WeasyPrint from HTML and CSS paged media.

Three templates, chosen by the publication's print format:
- `tabloid`: the paper. Masthead, the editorial in a band with the index of the inside, and the
  lead with its picture on the front page; the lead fills the front page and jumps to page 2
  ("continued on page N" / "viene de la página N", numbers worked out from the layout passes
  and checked against the final one, so they are right in a combined edition too). Inside,
  each article is a module across the page, its text in the publication's number of columns
  (their heights worked out in `columns`); the inside is laid out one page at a time, each
  page cut ("continued on page N") before the next one is laid out. Each edition is padded to
  a multiple of four pages with the publication's house boxes.
- `sheet`: the two-sided workplace newsletter (letter or A4): the editorial on one side, the
  plant's items on the other, with the link and QR code of the submission form. When it does
  not fit on two sides, the type is tightened once and then the result says so.
- `booklet`: an A5 pamphlet, padded with blank pages to a multiple of four; `impose_booklet`
  makes the print shop's PDF (two pages per sheet side, in saddle-stitch order).

An issue that is not ready to print yet prints as a proof: "PROOF" on every page and a first
page listing what is missing (the same list as the editor's issue page).

Each print job remembers the line breaks WeasyPrint works out (`linebreaks`): its many
layouts break the same paragraphs again.

Fonts are DejaVu (Debian's fonts-dejavu-core), found by name through fontconfig: no download,
and they cover Spanish, French and Haitian Creole.
"""

import contextlib
import functools
import gc
import io
import itertools
import logging
import re
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import segno
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from iskra.press import columns, fixedcolumns, linebreaks, queries
from iskra.press.models import Article, Issue, IssuePlacement, Publication
from iskra.press.rendering import article_html

logger = logging.getLogger(__name__)
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
SHEETS = (Publication.PrintFormat.LETTER_SHEET, Publication.PrintFormat.A4_SHEET)
HOUSE_BOXES = ("subscribe", "submit", "contact")
# More words than a tabloid's front page holds: the measuring layout stops there.
MEASURE_WORDS = 4000
BLOCK_OPEN = re.compile(r"<(blockquote|ul|ol|table|pre)\b")
BLOCK_CLOSE = re.compile(r"</(blockquote|ul|ol|table|pre)>")


# Inside, a module's picture spans half the text width (two columns of four) with the first
# paragraphs beside it in the other half. About this many words of 10 pt DejaVu Serif fill one
# inch of that half's height (measured on the demo paper).
WORDS_PER_INCH_BESIDE = 44
HALF_WIDTH_IN = 4.89  # (10 in of text - one 0.22 in gap) / 2
# px (96 an inch): 11 in less the page's two 0.5 in margins (common.css) and the body's two
# 8 px (the browser style sheet's, which WeasyPrint applies too).
TEXT_WIDTH_PX = 11 * 96 - 96 - 16
GAP_PX = 0.22 * 96  # tabloid.css's column-gap
BESIDE_MARGIN_IN = 5.11  # tabloid.css: the text beside a picture starts this far in
PICTURE_MAX_HEIGHT_IN = 3.4
CAPTION_IN = 0.3
# Layouts of one inside page, each fixing what the last one showed (a cut, a jump line that
# did not fit, a headline alone at the foot, a picture cropped); then the paper is laid out
# whole, and whatever still runs over a page flows on without a jump line.
PAGE_PASSES = 8
# More words than an inside page holds (four columns of 10 pt type on 11×17 in hold about
# 2,500): a page's layout leaves out the modules past them.
PAGE_WORDS = 4000
# The front page's "Inside" lists the first articles, as a paper's does: a long list would
# push the lead off the front page.
INDEX_ENTRIES = 10
PAGE_BOTTOM_IN = 0.65  # common.css's bottom margin
PUSHED_GAP_IN = 2.0  # more empty space than this at a page's foot is a hole in the paper
HEAD_IN = 1.1  # a module's kicker, headline, deck and byline, about
MIN_PICTURE_IN = 1.5  # a picture cropped lower than this says nothing
PUSHED_ROOM_IN = 0.75  # more room than this at a page's foot holds a few lines of a module


@dataclass
class PrintedImage:
    url: str  # file:// on the server's disk; WeasyPrint reads it directly
    alt: str
    caption: str
    wide: bool = True
    ratio: float = 0.75  # height / width


@dataclass
class Part:
    """One page's piece of an inside article (a module): the first one carries the head and the
    picture, the next ones "continued from page N"; every piece but the last ends with
    "continued on page N"."""

    id: str
    beside: SafeString | None  # the first paragraphs, beside the picture
    body: SafeString
    picture: "PrintedImage | None" = None
    head: bool = True
    from_href: str = ""
    jump_id: str = ""
    jump_href: str = ""
    break_before: bool = False
    column_picture: "PrintedImage | None" = None  # one column wide, after the text
    picture_height: float = 0.0  # inches
    # px: the height of its columns, balanced here (`columns`); None: WeasyPrint balances them
    body_height: float | None = None
    beside_height: float | None = None


@dataclass
class PrintedArticle:
    placement: IssuePlacement
    article: Article
    html: SafeString
    rest: SafeString | None = None  # the part that continues inside
    anchor: str = ""
    images: list[PrintedImage] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    break_before: bool = False  # starts a new page: its headline would end the page alone
    # Inside: the article's blocks, the block indexes where it is cut at a page's end, and
    # (for the rest of a front-page article) the id of the front part it continues.
    blocks: list[str] = field(default_factory=list)
    cuts: list[int] = field(default_factory=list)
    continues: str = ""
    # Its picture did not fit beside its first paragraphs at the foot of a page: it goes
    # to the part continued on the next page (or into a column, when nothing continues).
    picture_late: bool = False
    picture_fit: float = 0.0  # inches: cropped to this height to fit the foot of a page
    # Its lines in one column (`columns.lines_of`): its parts' columns get heights balanced
    # here, but for the parts (by number) whose columns WeasyPrint balances.
    measured: "columns.Measured | None" = None
    beside_measured: "columns.Measured | None" = None  # as wide as the columns beside its picture
    columns: int = 4
    balanced: set[int] = field(default_factory=set)
    heights: dict[tuple[int, int, bool, int, bool], float | None] = field(default_factory=dict)

    def beside_count(self, start: int = 0) -> int:
        """How many blocks from `start` go beside the picture: about as many words as fill
        its height."""
        height = self.picture_height()
        picture = self.images[0]
        budget = (height + (CAPTION_IN if picture.caption else 0)) * WORDS_PER_INCH_BESIDE
        words = 0
        for index, block in enumerate(self.blocks[start:]):
            size = len(re.sub(r"<[^>]+>", " ", block).split())
            words += size
            if words > budget:
                # The block that crosses the picture's foot goes beside it if most of it fits.
                return index + 1 if words - budget < size / 2 else max(index, 1)
        return max(len(self.blocks) - start, 1)

    def picture_height(self) -> float:
        """Inches: the picture's own height at half the width, at most PICTURE_MAX_HEIGHT_IN,
        or less where it was cropped to fit the foot of a page, or to the height of a short
        text beside it (no empty half-module under the text)."""
        natural = min(HALF_WIDTH_IN * self.images[0].ratio, PICTURE_MAX_HEIGHT_IN)
        words = sum(len(re.sub(r"<[^>]+>", " ", block).split()) for block in self.blocks)
        caption = CAPTION_IN if self.images[0].caption else 0
        natural = min(natural, max(words / WORDS_PER_INCH_BESIDE - caption, MIN_PICTURE_IN))
        return min(natural, self.picture_fit) if self.picture_fit else natural

    def picture_part(self, parts: int) -> int | None:
        """Which part carries the picture: the first; the second when the first could not
        hold it (`picture_late`); None: no picture, or no part left to hold it."""
        if not self.images or self.continues:
            return None
        if not self.picture_late:
            return 0
        return 1 if parts > 1 else None

    def parts(self) -> list[Part]:
        """The pieces between the cuts, each block followed by its end marker
        (`<anchor>-e<index>`, read from the laid-out pages)."""
        marked = _each_marked(self.blocks, f"{self.anchor}-e")
        bounds = [0, *self.cuts, len(marked)]
        with_picture = self.picture_part(len(bounds) - 1)
        parts = []
        for number, (start, end) in enumerate(itertools.pairwise(bounds)):
            first = number == 0
            beside = self.beside_count(start) if number == with_picture else 0
            split = min(start + beside, end)
            jump = end < len(marked)
            column_picture = (
                self.images[0]
                if self.picture_late and with_picture is None and self.images and first
                else None
            )
            fixed = number not in self.balanced and len(marked) == len(
                self.measured.blocks if self.measured else ()
            )
            parts.append(
                Part(
                    id=self.anchor if first else f"{self.anchor}-p{number}",
                    beside=mark_safe("\n".join(marked[start:split])) if beside else None,  # noqa: S308
                    body=mark_safe("\n".join(marked[split:end])),  # noqa: S308
                    picture=self.images[0] if beside else None,
                    picture_height=self.picture_height() if beside else 0.0,
                    head=first and not self.continues,
                    from_href=self.continues if first else f"{self.anchor}-j{number - 1}",
                    jump_id=f"{self.anchor}-j{number}" if end < len(marked) else "",
                    jump_href=f"{self.anchor}-p{number + 1}",
                    break_before=self.break_before if first else True,
                    column_picture=column_picture,
                    body_height=(
                        self.column_height(range(split, end), jump, self.columns)
                        if fixed and split < end and column_picture is None
                        else None
                    ),
                    beside_height=(
                        self.column_height(
                            range(start, split),
                            jump and split == end,
                            max(self.columns // 2, 1),
                            beside=True,
                        )
                        if fixed and beside
                        else None
                    ),
                )
            )
        return parts

    def column_height(
        self, blocks: range, jump: bool, count: int, beside: bool = False
    ) -> float | None:
        """px: the balanced height of `count` columns holding these blocks (and a jump line
        after them), worked out from the measured lines; `beside`: beside the picture."""
        measured = self.beside_measured if beside else self.measured
        if self.measured is None or measured is None or count < 2:
            return None
        if blocks.stop > len(measured.blocks):
            return None
        key = (blocks.start, blocks.stop, jump, count, beside)
        if key not in self.heights:
            lines = [line for index in blocks for line in measured.blocks[index]]
            lines += measured.jump if jump else []
            self.heights[key] = columns.balanced_height(lines, count)
        return self.heights[key]


@dataclass
class Edition:
    language: str
    lead: PrintedArticle | None
    band: PrintedArticle | None  # the editorial, in a band on the front page
    inside: list[PrintedArticle]
    front: list[PrintedArticle]  # a sheet's first side, a booklet's chapters in order
    back: list[PrintedArticle]
    missing: list[str]
    house_pages: list[str] = field(default_factory=list)
    # The house boxes in a band after the last article; not when the band would stand alone
    # on a page that padding turns into the back page, which holds the same boxes.
    house_band: bool = True
    continued: PrintedArticle | None = None  # the front-page article that jumps inside
    index: list[PrintedArticle] = field(default_factory=list)  # "Inside", on the front page


@dataclass
class Restart:
    """A layout of part of the paper from one page on: the pages before it are laid out as blank
    pages (each edition's first one with only its masthead, which names the pages after it)
    so that the pages keep their numbers. `one_page`: only that page (nothing past its
    foot). `house_only`: only the house pages that pad the editions
    (`blank` then counts every page of each edition before them)."""

    language: str  # the edition it is in
    blank: dict[str, int]  # edition -> how many of its first pages are left blank
    hidden: set[str]  # the modules before it in its edition
    one_page: bool = False
    house_only: bool = False
    # Left out of the document altogether (a one-page layout: the modules before the one
    # shown hidden, and those too far on to reach its page), and whether any after it are.
    omitted: set[str] = field(default_factory=set)
    truncated: bool = False
    # The modules whose columns WeasyPrint balances wherever they stand (`_pushed`). The
    # others' columns have a height worked out here, but where they reach past the page's
    # foot: there WeasyPrint balances them too and they run on over the page's end, which
    # shows where to cut them (`fixedcolumns`).
    flowing: set[str] = field(default_factory=set)


class _Unsettled(Exception):
    """The inside could not be laid out page by page (a paragraph longer than a page, a page
    whose cuts keep changing): the paper is laid out whole instead."""


Report = Callable[[str], None]


@dataclass
class PrintResult:
    pdf: bytes
    pages: int
    warnings: list[str]
    proof: bool
    imposed: bytes | None = None


def _column_widths(count: int) -> tuple[float, float]:
    """px: the width of an inside module's columns, and of the columns beside its picture."""
    half = max(count // 2, 1)
    body = (TEXT_WIDTH_PX - (count - 1) * GAP_PX) / count
    beside = (TEXT_WIDTH_PX - BESIDE_MARGIN_IN * 96 - (half - 1) * GAP_PX) / half
    return body, beside


def blocks_of(html: str) -> list[str]:
    """The top-level blocks of rendered Markdown (markdown-it ends each block with a newline;
    a quote or a list is one block)."""
    blocks: list[str] = []
    current: list[str] = []
    depth = 0
    for line in html.split("\n"):
        current.append(line)
        depth += len(BLOCK_OPEN.findall(line)) - len(BLOCK_CLOSE.findall(line))
        if depth <= 0 and line.strip():
            blocks.append("\n".join(current))
            current, depth = [], 0
    if "".join(current).strip():
        blocks.append("\n".join(current))
    return blocks


def _each_marked(blocks: list[str], prefix: str) -> list[str]:
    """The blocks with an empty anchor at the end of each: where each one ends is read from
    the laid-out pages (WeasyPrint's `page.anchors`)."""
    if not blocks:  # an article without text still marks where it ends
        return [f'<span id="{prefix}0"></span>']
    marked = []
    for index, block in enumerate(blocks):
        marker = f'<span id="{prefix}{index}"></span>'
        if block.endswith("</p>"):
            marked.append(block[:-4] + marker + "</p>")
        else:
            marked.append(block + marker)
    return marked


def _marked(blocks: list[str], prefix: str) -> str:
    return "\n".join(_each_marked(blocks, prefix))


def _printed(
    placement: IssuePlacement, version: Article, issue: Issue, language: str
) -> PrintedArticle:
    images = []
    for picture in version.images.all():
        try:
            width, height = picture.image.width, picture.image.height
        except (OSError, ValueError):
            width, height = 4, 3
        images.append(
            PrintedImage(
                Path(picture.image.path).as_uri(),
                picture.alt_text,
                picture.caption,
                wide=width >= height,
                ratio=height / width if width else 0.75,
            )
        )
    anchor = f"a{version.pk}-{language}-{issue.pk}"
    with translation.override(language):  # the dateline's date in this language
        html = str(article_html(version))
    # Where the text starts: a headline whose text starts on another page is moved.
    marker = f'<span id="{anchor}-text"></span>'
    html = html.replace("<p>", "<p>" + marker, 1) if html.startswith("<p>") else marker + html
    return PrintedArticle(
        placement,
        version,
        mark_safe(html),  # noqa: S308 - sanitized HTML and our own anchor
        anchor=anchor,
        images=images,
        topics=[topic.name_in(language) for topic in version.topics.all()],
    )


def _edition(
    issue: Issue,
    placements: list[IssuePlacement],
    language: str,
    *,
    cut: tuple[int, int] | None = None,
    measure: bool = False,
) -> Edition:
    """One language's edition.

    A tabloid's front page carries the lead and, when the lead leaves room, the next articles
    in the same columns. `cut` = (k, b) says how much of that run fits: the first k articles
    whole and b blocks of the next, which jumps inside ("continued on page N"). None: all of
    it. `measure` puts everything on the front page with an anchor after each block, to read
    where the page ends."""
    tabloid = issue.publication.print_format == Publication.PrintFormat.TABLOID
    lead = band = None
    others: list[PrintedArticle] = []
    front: list[PrintedArticle] = []
    back: list[PrintedArticle] = []
    missing = []
    for placement in placements:
        version = queries.version_in(placement.article, language)
        if version is None:
            missing.append(placement.article.original.title)
            continue
        printed = _printed(placement, version, issue, language)
        if not tabloid:
            (front if placement.page == 1 or placement.is_lead else back).append(printed)
        elif placement.is_lead:
            lead = printed
        elif band is None and placement.page == 1 and version.kind == Article.Kind.EDITORIAL:
            band = printed
        else:
            others.append(printed)
    if not tabloid:
        return Edition(language, None, None, [], front, back, missing)
    if lead is None and others:
        lead = others.pop(0)
    run = [lead, *others] if lead is not None else []
    if measure:
        # Only what could reach the front page is laid out: measuring the whole paper would
        # cost as much as printing it. The index lists everything, as it may.
        listed = run[1 : INDEX_ENTRIES + 1]
        words = 0
        for count, item in enumerate(run):
            words += len(str(item.html).split())
            if words > MEASURE_WORDS:
                run = run[: count + 1]
                break
        for index, item in enumerate(run):
            item.html = mark_safe(  # noqa: S308 - sanitized HTML plus our own anchors
                _marked(blocks_of(str(item.html)), f"m-{language}-{index}-")
            )
        # The index lists every article after the lead: at its longest, as it may become.
        return Edition(language, lead, band, [], run[1:], [], missing, index=listed)
    if cut is None:
        return Edition(language, lead, band, [], run[1:], [], missing)
    whole, blocks = cut
    if whole == 0:
        blocks = max(blocks, 1)  # the lead starts on the front page, however long it is
    on_front = run[:whole]
    inside = run[whole:]
    continued = None
    if inside and blocks > 0:
        partial = inside.pop(0)
        parts = blocks_of(str(partial.html))
        if blocks < len(parts):
            partial.html = mark_safe("\n".join(parts[:blocks]))  # noqa: S308
            partial.rest = mark_safe("\n".join(parts[blocks:]))  # noqa: S308
            continued = partial
        on_front.append(partial)
    listed = ([continued, *inside] if continued is not None else inside)[:INDEX_ENTRIES]
    flow = list(inside)
    if continued is not None and continued.rest is not None:
        flow.insert(
            0,
            PrintedArticle(
                continued.placement,
                continued.article,
                continued.rest,
                anchor=continued.anchor,
                continues=f"{continued.anchor}-front",
            ),
        )
    for item in flow:
        item.blocks = blocks_of(str(item.html))
    return Edition(
        language, lead, band, flow, on_front[1:], [], missing, continued=continued, index=listed
    )


def print_languages(publication: Publication, language: str | None) -> list[str]:
    """The languages of one PDF: the one asked for; else all of them for a combined bilingual
    publication, the first one otherwise."""
    if language:
        return [language]
    if publication.bilingual == Publication.Bilingual.COMBINED:
        return list(publication.languages)
    return [publication.main_language]


def is_proof(issue: Issue) -> bool:
    return issue.state in (Issue.State.PLANNING, Issue.State.EDITING)


class _Job:
    """One print job: the data loaded once, rendered as often as the layout needs."""

    def __init__(
        self,
        issue: Issue,
        language: str | None,
        base_url: str,
        crop_marks: bool,
        report: Report | None = None,
    ):
        self.report: Report = report or (lambda step: None)
        self.issue = issue
        self.publication = issue.publication
        self.languages = print_languages(self.publication, language)
        self.placements = queries.issue_placements(issue)
        self.base_url = base_url.rstrip("/")
        self.crop_marks = crop_marks
        self.submit_url = self.base_url + reverse("public:submit", args=[self.publication.slug])
        self.subscribe_url = self.base_url + reverse(
            "public:subscribe", args=[self.publication.slug]
        )
        self.qr = segno.make(self.submit_url, error="m").svg_data_uri(scale=3)
        self.proof = is_proof(issue)
        self.problems: dict[str, list[str]] = {}
        for code in self.languages:
            with translation.override(code):
                self.problems[code] = queries.issue_problems(issue, [code], self.placements)
        self.tight = False
        self.fonts: Any = None  # WeasyPrint's FontConfiguration, made at the first layout
        self.images: dict = {}

    def html(
        self,
        editions: list[Edition],
        *,
        numbers: dict[str, int] | None = None,
        measure: bool = False,
        front_only: bool = False,
        restart: Restart | None = None,
        pages: dict[str, int] | None = None,
        columns_measure: bool = False,
    ) -> str:
        """The document; `numbers`: the page number printed for each jump line's and index
        entry's target; `measure`: the front page is only measured (its columns are filled
        one after the other, which holds the same text as balancing them, for less work, and
        nothing past its foot is laid out);
        `front_only`: the front pages without the inside, to see whether they hold (followed
        by blank pages up to each edition's number of `pages`, to keep their page numbers);
        `restart`: only the pages from there on (see `Restart`)."""
        publication = self.publication
        parts = []
        for edition in editions:
            code = edition.language
            with translation.override(code):
                parts.append(
                    render_to_string(
                        TEMPLATES[publication.print_format],
                        {
                            "issue": self.issue,
                            "publication": publication,
                            "edition": edition,
                            "name": publication.name_in(code),
                            "masthead": publication.masthead_in(code),
                            "motto": publication.motto_in(code),
                            "language": code,
                            "submit_url": self.submit_url,
                            "subscribe_url": self.subscribe_url,
                            "qr": self.qr,
                            "columns": publication.columns,
                            "house_boxes": ("submit", "subscribe", "contact"),
                            "numbers": numbers or {},
                            "front_only": front_only,
                            "pages_after_front": range(max((pages or {}).get(code, 1) - 1, 0)),
                            **_blanks(edition, restart),
                        },
                    )
                )
        with translation.override(self.languages[0]):
            return render_to_string(
                "press/print/document.html",
                {
                    "issue": self.issue,
                    "publication": publication,
                    "parts": parts,
                    "page_size": PAGE_SIZES[publication.print_format],
                    "format": publication.print_format,
                    "language": self.languages[0],
                    "columns": publication.columns,
                    "half_columns": max(publication.columns // 2, 1),
                    "proof": self.proof,
                    "problems": [(code, self.problems[code]) for code in self.languages],
                    "crop_marks": self.crop_marks,
                    "tight": self.tight,
                    "measure": measure,
                    "columns_measure": columns_measure,
                },
            )

    def render(self, html: str, *, partial: bool = False) -> Any:
        """The laid-out document; `partial`: a layout of some of the paper (its links to the
        pages left out go nowhere, which WeasyPrint would log as errors)."""
        self.report(_("Laying out the pages"))
        if self.fonts is None:
            from weasyprint.text.fonts import FontConfiguration

            self.fonts = FontConfiguration()
        if not partial:
            return _render(html, self.fonts, self.images)
        weasyprint_log = logging.getLogger("weasyprint")
        weasyprint_log.addFilter(_links_elsewhere)
        try:
            return _render(html, self.fonts, self.images)
        finally:
            weasyprint_log.removeFilter(_links_elsewhere)

    def measure_columns(self, editions: list[Edition]) -> None:
        """Lays every inside article out once in a single column as wide as a module's
        columns (and, with a picture, once as wide as the columns beside it), and gives each
        its lines (`PrintedArticle.measured`, `beside`)."""
        if not any(edition.inside for edition in editions):
            return
        body, beside = _column_widths(self.publication.columns)
        parts = []
        boxes: dict[str, str] = {}
        for edition in editions:
            items = []
            for item in edition.inside:
                widths = [("body", body)]
                if item.images and abs(beside - body) > 0.01:
                    widths.append(("beside", beside))
                marked = _each_marked(item.blocks, f"{item.anchor}-e")
                for name, width in widths:
                    # Beside the picture go at most the first paragraphs that fill its
                    # height. Each copy has its own ids (a document's ids are unique).
                    shown = marked if name == "body" else marked[: item.beside_count(0)]
                    copy = "\n".join(shown).replace('id="', f'id="{name}-')
                    boxes[f"measure-{name}-{item.anchor}"] = f"{name}-{item.anchor}"
                    items.append((item, mark_safe(copy), name, f"{width:.4f}"))  # noqa: S308
            with translation.override(edition.language):
                parts.append(render_to_string("press/print/columns_measure.html", {"items": items}))
        html = self.html([], columns_measure=True).replace("</body>", "".join(parts) + "</body>")
        measured = columns.lines_of(self.render(html, partial=True), boxes)
        for edition in editions:
            for item in edition.inside:
                item.measured = measured.get(f"measure-body-{item.anchor}")
                item.beside_measured = measured.get(f"measure-beside-{item.anchor}", item.measured)
                item.columns = self.publication.columns

    def editions(self, **options: Any) -> list[Edition]:
        return [_edition(self.issue, self.placements, code, **options) for code in self.languages]


def _blanks(edition: Edition, restart: Restart | None) -> dict[str, Any]:
    """The template's view of a restarted layout: whether the edition's first pages are blank
    (`placeholder`), how many blank pages follow its masthead, whether nothing else of it is
    laid out (`skipped`), which of its modules are not shown, and whether only one page
    (`one_page`) or only the house pages (`house_only`) are laid out."""
    if restart is None or edition.language not in restart.blank:
        return {
            "placeholder": False,
            "skipped": False,
            "hidden_parts": set(),
            "one_page": False,
            "house_only": False,
            "omitted_parts": set(),
            "truncated": False,
            "flowing_parts": set(),
        }
    restarts_here = edition.language == restart.language
    return {
        "placeholder": True,
        "blank_pages": range(restart.blank[edition.language] - 1),
        "skipped": not restarts_here,
        "hidden_parts": restart.hidden if restarts_here else set(),
        "one_page": restart.one_page,
        "house_only": restart.house_only,
        "omitted_parts": restart.omitted if restarts_here else set(),
        "truncated": restart.truncated and restarts_here,
        "flowing_parts": restart.flowing if restarts_here else set(),
    }


def _links_elsewhere(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("No anchor")


STYLE = re.compile(r"<style>(.*?)</style>", re.S)


@functools.lru_cache(maxsize=8)
def _stylesheet(text: str) -> Any:
    """The document's style sheet, parsed once for the many layouts of one paper."""
    from weasyprint import CSS

    return CSS(string=text)


def _render(html: str, fonts: Any = None, images: dict | None = None) -> Any:
    """The document laid out; `fonts`, `images`: a job's WeasyPrint font configuration and
    image cache, shared by its layouts (the fonts' metrics and each picture are read once)."""
    from weasyprint import HTML  # imported late: it is slow to import and only printing needs it

    style = STYLE.search(html)
    if style is None:
        return HTML(string=html).render(font_config=fonts, cache=images)
    document = html[: style.start()] + html[style.end() :]
    return HTML(string=document).render(
        stylesheets=[_stylesheet(style.group(1))], font_config=fonts, cache=images
    )


def _anchor_pages(document: Any) -> dict[str, int]:
    """Element id -> index of the page it is laid out on."""
    pages: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            pages.setdefault(name, index)
    return pages


def _edition_pages(document: Any, languages: list[str]) -> dict[str, int]:
    anchors = _anchor_pages(document)
    starts = [anchors.get(f"edition-{code}", 0) for code in languages]
    ends = [*starts[1:], len(document.pages)]
    return {code: end - start for code, start, end in zip(languages, starts, ends, strict=True)}


def _run_blocks(measured: Edition) -> list[int]:
    """How many blocks each article of a measured front-page run has."""
    run = ([measured.lead] if measured.lead else []) + measured.front
    return [len(blocks_of(str(item.html))) for item in run]


def _front_cut(
    anchors: dict[str, int], language: str, run_blocks: list[int]
) -> tuple[int, int] | None:
    """(k, b) from a measuring layout: the first k articles of the front-page run end on the
    front page, and b blocks of the next one. None: the whole run fits. The measuring layout
    stops at the front page's foot: a block that ends past it has no anchor."""
    front = anchors.get(f"edition-{language}", 0)
    for index, count in enumerate(run_blocks):
        for block in range(max(count, 1)):
            if anchors.get(f"m-{language}-{index}-{block}") != front:
                return index, block
    return None


def _one_block_less(cut: tuple[int, int] | None, run_blocks: list[int]) -> tuple[int, int]:
    whole, blocks = cut if cut is not None else (len(run_blocks), 0)
    if blocks > 0:
        return whole, blocks - 1
    if whole > 0:
        return whole - 1, max(run_blocks[whole - 1] - 1, 0)
    return 0, 1


def _free_below(document: Any) -> dict[str, float]:
    """Element id -> inches of the page left below it (less the bottom margin)."""
    free: dict[str, float] = {}
    for page in document.pages:
        for name, (_x1, _y1, _x2, y2) in page.anchors.items():
            free.setdefault(name, (page.height - y2) / 96 - PAGE_BOTTOM_IN)
    return free


def _cut_inside(
    flow: list[PrintedArticle],
    anchors: dict[str, int],
    free: dict[str, float],
    page: int,
    top: str,
) -> bool:
    """Cuts the inside articles where `page` ends (or one block earlier where a jump line
    did not fit), and sends a picture on when it left the page's foot empty; whether anything
    changed. Only that page was laid out (`Restart.one_page`): an anchor missing from it was
    past its foot. `top`: the module at its top."""
    changed = False
    previous = None
    for item in flow:
        start = anchors.get(item.anchor)
        before, previous = previous, item
        if start is not None and start != page:
            continue
        if before is not None and not item.break_before and item.picture_part(1) == 0:
            end = f"{before.anchor}-e{max(len(before.blocks), 1) - 1}"
            pushed = start is None and anchors.get(end) == page
            if pushed and free.get(end, 0) > PUSHED_GAP_IN:
                # Its head and picture went to the next page: the picture is cropped to the
                # room left (as a designer would), or else sent on.
                room = free[end] - HEAD_IN - CAPTION_IN
                if not item.picture_fit and room >= MIN_PICTURE_IN:
                    item.picture_fit = min(room, item.picture_height()) - 0.25
                elif item.picture_fit - 0.75 >= MIN_PICTURE_IN:
                    item.picture_fit -= 0.75
                else:
                    item.picture_late = True
                changed = True
                continue
        alone = start is not None and anchors.get(f"{item.anchor}-text") != start
        if alone and not item.continues and not item.break_before and not item.cuts:
            item.break_before = changed = True  # the headline alone at a page's foot
            continue
        bounds = [0, *item.cuts, max(len(item.blocks), 1)]
        for number, part in enumerate(item.parts()):
            if anchors.get(part.id) != page:
                continue
            if part.jump_id and anchors.get(part.jump_id) != page:
                # The jump line went over: one block less on this page.
                item.cuts[number] -= 1
                if item.cuts[number] <= bounds[number]:
                    del item.cuts[number]
                    if number == 0:
                        item.break_before = True
                changed = True
                break
            if part.jump_id:
                continue
            over = next(
                (
                    index
                    for index in range(bounds[number], bounds[number + 1])
                    if anchors.get(f"{item.anchor}-e{index}") != page
                ),
                None,
            )
            if over is not None and over > bounds[number]:
                item.cuts.append(over)
                changed = True
            elif over is not None:
                # Not one of its paragraphs ends on this page: it starts the next one.
                if number > 0 or item.break_before or item.continues or part.id == top:
                    # A paragraph longer than a page.
                    raise _Unsettled(f"{part.id}: no paragraph ends on page {page}")
                item.break_before = changed = True
                break
    return changed


def _numbers(editions: list[Edition], anchors: dict[str, int], proof_pages: int) -> dict[str, int]:
    """The page number to print for each jump line's and index entry's target, from the last
    layout's `anchors` (element id -> page index; the first `proof_pages` pages carry no
    number). A jump lands on the page after the one its part ends on, so its number is known
    before its target is laid out; the rest of a front-page article starts the page after the
    front page. `_wrong_numbers` checks them against the final layout."""
    numbers: dict[str, int] = {}
    for edition in editions:
        front = anchors.get(f"edition-{edition.language}", proof_pages)
        base = 1 - proof_pages  # page index -> printed number
        if edition.continued is not None:
            numbers[edition.continued.anchor] = front + 1 + base
        for item in edition.index:
            numbers[item.anchor] = anchors.get(item.anchor, front + 1) + base
        for item in edition.inside:
            if item.continues:
                numbers[item.continues] = front + base
            bounds = [0, *item.cuts, max(len(item.blocks), 1)]
            for number, part in enumerate(item.parts()):
                if part.jump_id:
                    end = anchors.get(f"{item.anchor}-e{bounds[number + 1] - 1}", front)
                    numbers[part.jump_href] = end + 1 + base
                    numbers[part.jump_id] = end + base
    return numbers


def _wrong_numbers(
    numbers: dict[str, int], anchors: dict[str, int], proof_pages: int
) -> dict[str, int]:
    """The printed numbers that do not name the page their target is on, corrected."""
    right = {target: anchors[target] + 1 - proof_pages for target in numbers if target in anchors}
    return {target: page for target, page in right.items() if numbers[target] != page}


def _inside_pages(
    job: _Job,
    editions: list[Edition],
    index: int,
    front: int,
    counts: dict[str, int],
    merged: dict[str, int],
    kept: dict[int, Any],
    proof_pages: int,
) -> int:
    """Lays the inside of edition `index` out one page at a time, from the page after its
    front page (index `front`): each page is laid out alone (`Restart.one_page`), cut where it
    ends and laid out again until its cuts hold, before the next one starts with what did not
    fit. Keeps each page in `kept` and its anchors in `merged`; returns its last page's index.
    `counts`: the pages of the editions before it."""
    edition = editions[index]
    code = edition.language
    band = f"house-band-{code}"
    if not edition.inside:
        return front
    page = front + 1
    start = edition.inside[0].parts()[0].id
    here: dict[str, int] = {}
    budget: int | None = PAGE_WORDS
    flowing: set[str] = set()
    while True:
        for _attempt in range(PAGE_PASSES):
            restart = _one_page(edition, start, {**counts, code: page - front}, budget, flowing)
            numbers = _numbers(editions, {**merged, **here}, proof_pages)
            laid = job.render(
                job.html(editions[: index + 1], numbers=numbers, restart=restart), partial=True
            )
            if page >= len(laid.pages) or start not in laid.pages[page].anchors:
                raise _Unsettled(f"{start} not on page {page}")
            spilled = _spilled(laid.pages[page])
            if _balance_spilled(edition, laid.pages[page].anchors, spilled):
                continue
            pushed = _pushed(edition, laid.pages[page], restart.flowing)
            if pushed:
                flowing.add(pushed)
                continue
            # What went past the columns' edge did not fit on the page.
            here = {name: page for name in laid.pages[page].anchors if name not in spilled}
            if not _cut_inside(edition.inside, here, _free_below(laid), page, top=start):
                break
        else:
            raise _Unsettled(f"{start}: page {page} still changing")
        for item in edition.inside:
            for part in item.parts():
                if part.id in here and part.column_picture and f"{part.id}-picture" not in here:
                    raise _Unsettled(part.id)  # its picture would be lost past the page's foot
        ids = [part.id for item in edition.inside for part in item.parts()]
        following = next((part_id for part_id in ids if part_id not in {**merged, **here}), band)
        if following in restart.omitted or (following == band and restart.truncated):
            budget = None  # the page was not full: lay it out again with all that follows
            continue
        kept[page] = laid.pages[page]
        merged.update(here)
        for item in edition.inside:  # as laid out here in any later layout of the paper
            for number, part in enumerate(item.parts()):
                if part.id in here and part.id in restart.flowing:
                    item.balanced.add(number)
        if band in here:
            return page
        if following == band and (page - front + 1) % 4:
            edition.house_band = False
            return page
        start, budget, page, flowing = following, PAGE_WORDS, page + 1, set()


def _one_page(
    edition: Edition,
    start: str,
    blank: dict[str, int],
    budget: int | None,
    flowing: set[str],
) -> Restart:
    """The layout of one inside page, from the module `start` on. The module before it stays
    in the document, hidden (the style sheet looks at a module's neighbour), the ones before
    that are left out, and so are those after the first `budget` words (more than a page
    holds; None: none left out). Columns of a height worked out here that reach past the
    page's foot are balanced by WeasyPrint and broken there (`fixedcolumns`); those in
    `flowing` are balanced by WeasyPrint wherever they stand."""
    parts = [part for item in edition.inside for part in item.parts()]
    ids = [part.id for part in parts]
    position = ids.index(start) if start in ids else len(ids)
    omitted = set(ids[: max(position - 1, 0)])
    words = 0
    for index, part in enumerate(parts[position:], start=position):
        if budget is not None and words > budget:
            omitted |= set(ids[index:])
            break
        words += len(re.sub(r"<[^>]+>", " ", f"{part.beside or ''} {part.body}").split())
    return Restart(
        edition.language,
        blank,
        set(ids[:position]),
        one_page=True,
        omitted=omitted,
        truncated=bool(set(ids[position:]) & omitted),
        flowing=set(flowing),
    )


def _pushed(edition: Edition, page: Any, flowing: set[str]) -> str | None:
    """A module of columns of a given height that went to the next page although the foot
    of this one had room for some of its text: it is laid out again in balanced columns."""
    parts = [part for item in edition.inside for part in item.parts()]
    on_page = [position for position, part in enumerate(parts) if part.id in page.anchors]
    if not on_page or on_page[-1] + 1 == len(parts):
        return None
    following = parts[on_page[-1] + 1]
    if following.id in flowing or following.break_before or not following.head:
        return None  # it starts a page anyway
    if following.picture is not None:
        return None  # its picture and the text beside it never break: `_cut_inside` crops it
    foot = max(y2 for _x1, _y1, _x2, y2 in page.anchors.values())
    if (page.height - foot) / 96 - PAGE_BOTTOM_IN > PUSHED_ROOM_IN:
        return following.id
    return None


def _spilled(page: Any) -> set[str]:
    """The anchors of a page laid out in columns past the text's edge: columns of a given
    height (`Part.body_height`) whose text does not fit in them go on sideways."""
    right = (page.width + TEXT_WIDTH_PX) / 2 + 1
    return {name for name, (x1, _y1, _x2, _y2) in page.anchors.items() if x1 < 0 or x1 > right}


def _balance_spilled(edition: Edition, anchors: dict[str, Any], spilled: set[str]) -> bool:
    """Leaves to WeasyPrint's balancing the columns whose text did not fit in the height
    worked out for them (a module followed by another one on the page: the last one may go
    past the edge because the page ends); whether there were any."""
    on_page = [
        (item, number, part)
        for item in edition.inside
        for number, part in enumerate(item.parts())
        if part.id in anchors
    ]
    found = False
    bounds_of = {id(item): [0, *item.cuts, max(len(item.blocks), 1)] for item, _n, _p in on_page}
    for item, number, part in on_page[:-1]:
        bounds = bounds_of[id(item)]
        names = {f"{item.anchor}-e{index}" for index in range(bounds[number], bounds[number + 1])}
        if part.jump_id:
            names.add(part.jump_id)
        if names & spilled:
            item.balanced.add(number)
            found = True
    return found


def _paper_by_page(job: _Job, editions: list[Edition], proof_pages: int) -> tuple[Any, dict]:
    """The paper pieced together from its pages laid out one at a time (`_inside_pages`),
    each edition padded to a multiple of four pages with house pages (laid out together, in
    one layout), and the front pages laid out last, with the page numbers of their index and
    jump line known; and those numbers."""
    job.measure_columns(editions)
    merged: dict[str, int] = {}
    kept: dict[int, Any] = {}
    counts: dict[str, int] = {}  # each edition's pages, padded
    house: list[int] = []  # the indexes of the house pages
    front = proof_pages
    for index, edition in enumerate(editions):
        code = edition.language
        merged[f"edition-{code}"] = front
        count = _inside_pages(job, editions, index, front, counts, merged, kept, proof_pages) + 1
        _pad([edition], {code: count - front})
        house += range(count, count + len(edition.house_pages))
        counts[code] = count - front + len(edition.house_pages)
        front += counts[code]
    numbers = _numbers(editions, merged, proof_pages)
    pages = {}
    if house:
        blank = {e.language: counts[e.language] - len(e.house_pages) for e in editions}
        restart = Restart(editions[0].language, blank, set(), house_only=True)
        houses = job.render(job.html(editions, numbers=numbers, restart=restart), partial=True)
        if len(houses.pages) != front:
            raise _Unsettled("house pages")
        pages = {index: houses.pages[index] for index in house}
    fronts = job.render(
        job.html(editions, numbers=numbers, front_only=True, pages=counts), partial=True
    )
    in_fronts = _anchor_pages(fronts)
    for edition in editions:
        code = edition.language
        if (
            in_fronts.get(f"front-end-{code}") != merged[f"edition-{code}"]
            or len(fronts.pages) != front
        ):
            raise _Unsettled(code)  # a front page that no longer holds
    pages.update(kept)
    return fronts.copy([pages.get(index, page) for index, page in enumerate(fronts.pages)]), numbers


def _paper_whole(job: _Job, editions: list[Edition], proof_pages: int) -> tuple[Any, dict]:
    """The paper laid out whole with the cuts made so far (what still runs over a page's end
    flows on without a jump line), padded; and the page numbers it prints."""
    for edition in editions:
        edition.house_pages = []
        edition.house_band = True
        for item in edition.inside:
            item.measured = None  # columns that may run over a page: WeasyPrint balances them
    numbers = _numbers(editions, {}, proof_pages)
    document = job.render(job.html(editions, numbers=numbers))
    numbers = _numbers(editions, _anchor_pages(document), proof_pages)
    counts = _edition_pages(document, job.languages)
    _pad(editions, counts)
    return job.render(job.html(editions, numbers=numbers)), numbers


def _tabloid(job: _Job) -> tuple[Any, list[str]]:
    warnings: list[str] = []
    proof_pages = 1 if job.proof else 0
    # 1. Lay the front pages out with every article after the lead and read where the front
    #    page ends.
    measuring = job.editions(measure=True)
    run_blocks = {edition.language: _run_blocks(edition) for edition in measuring}
    numbers = _numbers(measuring, {}, proof_pages)
    measured = job.render(job.html(measuring, numbers=numbers, measure=True), partial=True)
    anchors = _anchor_pages(measured)
    cuts = {code: _front_cut(anchors, code, run_blocks[code]) for code in job.languages}
    # 2. Cut there; if a jump line does not fit, one block less. Only the front pages are laid
    #    out for this.
    for _attempt in range(5):
        editions = [
            _edition(job.issue, job.placements, code, cut=cuts[code]) for code in job.languages
        ]
        numbers = _numbers(editions, {}, proof_pages)
        fronts = job.render(job.html(editions, numbers=numbers, front_only=True), partial=True)
        anchors = _anchor_pages(fronts)
        overflow = [
            edition
            for edition in editions
            if edition.lead is not None
            and anchors.get(f"front-end-{edition.language}", 0)
            != anchors.get(f"edition-{edition.language}", 0)
        ]
        if not overflow:
            break
        if all(cuts[edition.language] == (0, 1) for edition in overflow):
            break  # the lead's first paragraph is all the front page keeps anyway
        for edition in overflow:
            code = edition.language
            cuts[code] = _one_block_less(cuts[code], run_blocks[code])
    # 3. Inside, page by page: an article that runs over a page's end is cut there
    #    ("continued on page N", its rest "continued from page N" at the top of the next
    #    page); a headline that would end a page alone starts the next one. Each edition is
    #    padded to a multiple of four pages with the house boxes.
    try:
        document, numbers = _paper_by_page(job, editions, proof_pages)
    except _Unsettled as unsettled:
        logger.info("Laid out whole: %s did not settle page by page", unsettled)
        document, numbers = _paper_whole(job, editions, proof_pages)
    anchors = _anchor_pages(document)
    # 4. The page numbers printed in the jump lines and the index were worked out before the
    #    last layout: where one is wrong, lay out again.
    for _check in range(3):
        wrong = _wrong_numbers(numbers, anchors, proof_pages)
        if not wrong:
            break
        numbers.update(wrong)
        document = job.render(job.html(editions, numbers=numbers))
        anchors = _anchor_pages(document)
    counts = _edition_pages(document, job.languages)
    for code, count in counts.items():
        if count % 4:
            warnings.append(
                _("The %(language)s edition has %(count)s pages, not a multiple of four.")
                % {"language": code, "count": count}
            )
    return document, warnings


def _pad(editions: list[Edition], counts: dict[str, int]) -> None:
    """House pages to bring each edition to a multiple of four pages."""
    for edition in editions:
        missing = -counts[edition.language] % 4
        # The last page is the back page with every house box; others get one each.
        edition.house_pages = [
            *(HOUSE_BOXES[i % len(HOUSE_BOXES)] for i in range(missing - 1)),
            *(["back"] if missing else []),
        ]


def _sheet(job: _Job) -> tuple[Any, list[str]]:
    editions = job.editions()
    document = job.render(job.html(editions))
    if any(count > 2 for count in _edition_pages(document, job.languages).values()):
        job.tight = True  # smaller type and tighter leading, once
        document = job.render(job.html(editions))
    warnings = []
    for code, count in _edition_pages(document, job.languages).items():
        if count > 2:
            warnings.append(
                _(
                    "The %(language)s sheet does not fit on two sides: it takes %(count)s pages. "
                    "Shorten or move an article."
                )
                % {"language": code, "count": count}
            )
    return document, warnings


def _booklet(job: _Job) -> tuple[Any, list[str]]:
    editions = job.editions()
    html = job.html(editions)
    document = job.render(html)
    # A folded booklet has a multiple of four pages: add blank ones at the end.
    missing = -len(document.pages) % 4
    if missing:
        blanks = '<div class="blank-page"></div>' * missing
        document = job.render(html.replace("</body>", blanks + "</body>"))
    return document, []


def _laid_out(job: _Job) -> tuple[Any, list[str]]:
    """The document in its print format, with its warnings. Its many layouts break the same
    lines again: the breaks are remembered for the job (`linebreaks`)."""
    print_format = job.publication.print_format
    with linebreaks.remembered(), fixedcolumns.active():
        if print_format == Publication.PrintFormat.TABLOID:
            return _tabloid(job)
        if print_format in SHEETS:
            return _sheet(job)
        return _booklet(job)


# Python's cyclic garbage collector looks at every object a print job keeps (its laid-out
# pages, the remembered line breaks) again and again as the job goes on: by default each 700
# allocations, and a layout makes hundreds of thousands. That was a quarter of a tabloid's
# time. During a job the objects from before it are set aside (`gc.freeze`) and the youngest
# objects are looked at every 100,000 allocations; at the job's end its garbage is collected
# in one pass, in the job's time.
JOB_GC_THRESHOLDS = (100_000, 50, 100)
_in_job: ContextVar[bool] = ContextVar("print_job_gc", default=False)


@contextlib.contextmanager
def _collected_at_the_end() -> Iterator[None]:
    if _in_job.get() or not gc.isenabled():
        yield
        return
    thresholds = gc.get_threshold()
    token = _in_job.set(True)
    gc.freeze()
    gc.set_threshold(*JOB_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
        _in_job.reset(token)
        gc.collect(1)


def print_issue(
    issue: Issue,
    *,
    language: str | None = None,
    base_url: str = "",
    crop_marks: bool = False,
    imposed: bool = False,
    report: Report | None = None,
) -> PrintResult:
    """The PDF of an issue, with what a print shop needs to know about it. `report(step)` is
    told of each step (every layout pass, the writing, the imposition): a job's progress."""
    with _collected_at_the_end():
        job = _Job(issue, language, base_url, crop_marks, report)
        document, warnings = _laid_out(job)
        for code, problems in job.problems.items():
            warnings.extend(f"{code}: {problem}" for problem in problems)
        job.report(_("Writing the PDF"))
        pdf = bytes(document.write_pdf())
        pages = len(document.pages)
        del document  # garbage, collected as the job ends
    result = PrintResult(pdf=pdf, pages=pages, warnings=warnings, proof=job.proof)
    if imposed:
        job.report(_("Imposing the pages for the print shop"))
        result.imposed = impose_booklet(pdf)
    return result


def issue_html(issue: Issue, *, language: str | None = None, base_url: str = "") -> str:
    """The HTML of an issue before layout (every article whole, nothing cut or padded)."""
    job = _Job(issue, language, base_url, crop_marks=False)
    return job.html(job.editions())


def render_document(issue: Issue, *, language: str | None = None, base_url: str = "") -> Any:
    """The laid-out WeasyPrint document (its `pages`, `write_pdf()`)."""
    with _collected_at_the_end():
        return _laid_out(_Job(issue, language, base_url, crop_marks=False))[0]


def issue_pdf(issue: Issue, *, language: str | None = None, base_url: str = "") -> bytes:
    return print_issue(issue, language=language, base_url=base_url).pdf


def saddle_stitch_order(pages: int) -> list[tuple[int, int]]:
    """(left, right) page indexes of each sheet side, outer sheet first: for 8 pages
    (7, 0), (1, 6), (5, 2), (3, 4). `pages` is a multiple of four."""
    sides = []
    for sheet in range(pages // 4):
        sides.append((pages - 1 - 2 * sheet, 2 * sheet))
        sides.append((2 * sheet + 1, pages - 2 - 2 * sheet))
    return sides


def impose_booklet(pdf: bytes) -> bytes:
    """The reading-order PDF imposed for saddle stitching: two pages side by side on each
    sheet side, in signature order (pypdf). Blank pages pad it to a multiple of four.

    Each page is copied once, as a form XObject (its content and resources unchanged), and
    each sheet side draws two of them: merging pages into each other, as pypdf's
    `merge_transformed_page` does, rewrote every content stream and copied every page's fonts
    again (0.8 s and 488 KB for 32 plain pages; 0.02 s and 31 KB this way)."""
    from pypdf import PageObject, PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, StreamObject

    reader = PdfReader(io.BytesIO(pdf))
    pages = list(reader.pages)
    box = pages[0].mediabox
    width, height = float(box.width), float(box.height)
    writer = PdfWriter()
    forms: dict[int, Any] = {}

    def form(index: int) -> Any:
        if index not in forms:
            page = pages[index]
            contents = page.get_contents()
            stream = StreamObject()
            stream.set_data(contents.get_data() if contents is not None else b"")
            stream[NameObject("/Type")] = NameObject("/XObject")
            stream[NameObject("/Subtype")] = NameObject("/Form")
            stream[NameObject("/BBox")] = ArrayObject(FloatObject(v) for v in page.mediabox)
            resources = page.get("/Resources")
            if resources is not None:
                stream[NameObject("/Resources")] = resources.get_object().clone(writer)
            forms[index] = writer._add_object(stream.flate_encode())
        return forms[index]

    count = len(pages) + (-len(pages)) % 4
    for left, right in saddle_stitch_order(count):
        side = PageObject.create_blank_page(writer, width=2 * width, height=height)
        drawn, operations = DictionaryObject(), []
        for slot, (index, shift) in enumerate([(left, 0.0), (right, width)]):
            if index >= len(pages):  # a blank page of the padding
                continue
            origin = pages[index].mediabox
            drawn[NameObject(f"/P{slot}")] = form(index)
            x, y = shift - float(origin.left), -float(origin.bottom)
            operations.append(f"q 1 0 0 1 {x:g} {y:g} cm /P{slot} Do Q")
        side[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): drawn})
        content = StreamObject()
        content.set_data("\n".join(operations).encode())
        side[NameObject("/Contents")] = writer._add_object(content)
        writer.add_page(side)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def pdf_filename(issue: Issue, language: str | None = None, *, imposed: bool = False) -> str:
    suffix = f"-{language}" if language else ""
    if imposed:
        suffix += "-imposed"
    return f"{issue.publication.slug}-{issue.number}{suffix}.pdf"

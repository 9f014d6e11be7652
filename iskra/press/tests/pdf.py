"""Reading printed results with poppler: words with their positions on each page
(`pdftotext -bbox`), so that tests check where text is, not only that it is there."""

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree


@dataclass
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Page:
    number: int
    width: float
    height: float
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    def body_words(self, top: float = 0.05, bottom: float = 0.05) -> list[Word]:
        """The words of the page less its running header and page number."""
        return [
            word
            for word in self.words
            if word.y0 > self.height * top and word.y1 < self.height * (1 - bottom)
        ]

    def columns_with_text(self, columns: int, margin: float = 36.0) -> int:
        """How many of `columns` equal columns across the text area hold at least a line."""
        width = (self.width - 2 * margin) / columns
        used = set()
        for word in self.body_words():
            center = (word.x0 + word.x1) / 2
            used.add(min(max(int((center - margin) // width), 0), columns - 1))
        return len(used)

    def lowest_text(self) -> float:
        """How far down the text goes, as a fraction of the page's height."""
        words = self.body_words()
        return max(word.y1 for word in words) / self.height if words else 0.0


def pages(path: Path) -> list[Page]:
    output = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    output = re.sub(r"<!DOCTYPE[^>]*>", "", output)
    root = ElementTree.fromstring(output)  # noqa: S314 - poppler's output of our own PDF
    result = []
    for number, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), start=1):
        words = [
            Word(
                word.text or "",
                float(word.get("xMin", 0)),
                float(word.get("yMin", 0)),
                float(word.get("xMax", 0)),
                float(word.get("yMax", 0)),
            )
            for word in page.iter("{http://www.w3.org/1999/xhtml}word")
        ]
        result.append(
            Page(number, float(page.get("width", 0)), float(page.get("height", 0)), words)
        )
    return result


def dehyphenate(text: str) -> str:
    return re.sub(r"[\u2010-]\s+", "", text)


JUMP = re.compile(r"(?:Continued on page|Continúa en la página)\s+(\d+)")
FROM = re.compile(r"(?:Continued from page|Viene de la página)\s+(\d+)")


def folio(page: Page) -> int | None:
    """The page number printed at the foot of the page (None on a page without one)."""
    feet = [
        word
        for word in page.words
        if word.y0 > page.height * 0.95 and re.fullmatch(r"\d+", word.text)
    ]
    return int(feet[0].text) if feet else None


@dataclass
class Picture:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0


def pictures(path: Path) -> list[Picture]:
    """Where the images are drawn on each page, in points (poppler's `pdftohtml -xml`)."""
    with tempfile.TemporaryDirectory() as scratch:  # it writes the images out too
        output = subprocess.run(
            ["pdftohtml", "-xml", "-stdout", "-q", str(path.resolve()), "out"],
            capture_output=True,
            text=True,
            check=True,
            cwd=scratch,
        ).stdout
    found = []
    for number, page in enumerate(re.findall(r"<page (.*?)</page>", output, re.S), start=1):
        scale = 1.5  # pdftohtml's XML is at 108 units per inch, 1.5 per point
        for image in re.finditer(
            r'<image top="([\d.]+)" left="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', page
        ):
            top, left, width, height = (float(value) / scale for value in image.groups())
            found.append(Picture(number, left, top, left + width, top + height))
    return found

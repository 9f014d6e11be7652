"""Checks that every page a story test visits must pass on a phone.

`check_page(page)` asserts that the page fits the 360 px viewport (no horizontal scroll) and,
when `language` is not English, that no English interface text is visible. Text a person typed
or content in another language is exempt when the page marks it, as it should: an element with
a `lang` attribute other than the page's, or with `translate="no"` (names, notes, addresses).
"""

from html.parser import HTMLParser

from playwright.sync_api import Page

PHONE_WIDTH = 360

# English words that are not words of Spanish or French (but for ALSO_WORDS_OF): seeing one of
# them outside content marked as another language means a string was left untranslated.
_ENGLISH = """
    the and with your you this that these those are was were has have from for of
    which who what when where will would can could should not nothing
    add save search cancel delete edit log sign signed out new due today week later overdue
    done settings home people follow-ups follow-up outing outings stage stages contacts
    contact member members report reports found added show more next previous back yes
    copies issue issues handed out money donations sales calendar events event attendance
"""
ENGLISH_WORDS = frozenset(_ENGLISH.split())
# Words of the list that are also words of another interface language ("has" in "¿Has
# entrado?", "sales", "contact" and "copies" in French): never counted as English there.
SHARED_WORDS = {
    "es": frozenset({"has", "sales", "can", "are"}),
    "fr": frozenset(
        {"contact", "contacts", "report", "stage", "stages", "copies", "issue", "issues"}
        | {"sales", "show", "date", "question", "sign", "attention", "ne", "plan"}
    ),
}


def english_among(words: set[str], language: str) -> list[str]:
    """The words of `words` that are English and not also words of `language`."""
    shared = SHARED_WORDS.get(language, frozenset())
    return sorted(word for word in words if word in ENGLISH_WORDS and word not in shared)


_VISIBLE_TEXT = """(pageLanguage) => {
  const skip = (element) => {
    for (let node = element; node && node !== document.documentElement; node = node.parentElement) {
      if (node.getAttribute('translate') === 'no') return true;
      const lang = node.getAttribute('lang');
      if (lang && !lang.toLowerCase().startsWith(pageLanguage)) return true;
      if (node.tagName === 'SCRIPT' || node.tagName === 'STYLE' || node.hidden) return true;
    }
    return false;
  };
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode;
    const parent = text.parentElement;
    if (!parent || skip(parent)) continue;
    const style = getComputedStyle(parent);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    texts.push(text.textContent);
  }
  const labelled = 'input[placeholder], textarea[placeholder], [aria-label], img[alt]';
  for (const element of document.querySelectorAll(labelled)) {
    if (skip(element)) continue;
    for (const name of ['placeholder', 'aria-label', 'alt']) {
      texts.push(element.getAttribute(name) || '');
    }
  }
  return texts.join(' ');
}"""


def english_words_on(page: Page, language: str) -> list[str]:
    """The English words visible on a page whose interface should be in `language`."""
    text = page.evaluate(_VISIBLE_TEXT, language)
    words = {word.strip(".,:;!?()[]«»\"'·…").lower() for word in text.split()}
    return english_among(words, language)


# Elements without an end tag.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr"}
)


class _VisibleText(HTMLParser):
    """The text of an HTML page a person reads, by the same rules as `_VISIBLE_TEXT` (without
    CSS: what a style sheet hides is read too, which only makes the check stricter)."""

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[bool] = []  # for each open element: is its text skipped?
        self.texts: list[str] = []

    def _skipped(self, tag: str, attributes: dict[str, str | None]) -> bool:
        lang = (attributes.get("lang") or "").lower()
        return (
            (bool(self.stack) and self.stack[-1])
            or attributes.get("translate") == "no"
            or bool(lang and not lang.startswith(self.language))
            or tag in ("script", "style", "template")
            or "hidden" in attributes
        )

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        skipped = self._skipped(tag, attributes)
        if not skipped:
            for name in ("placeholder", "aria-label", "alt"):
                self.texts.append(attributes.get(name) or "")
        if tag not in _VOID:
            self.stack.append(skipped)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.texts.append(data)


def english_words_in_html(html: str, language: str) -> list[str]:
    """The English words a person reads on a page whose interface should be in `language`
    (for pages fetched with Django's test client, without a browser)."""
    body = html[html.find("<body") :] if "<body" in html else html
    parser = _VisibleText(language)
    parser.feed(body)
    words = {word.strip(".,:;!?()[]«»\"'·…").lower() for word in " ".join(parser.texts).split()}
    return english_among(words, language)


def check_page(page: Page, language: str = "en") -> None:
    """The page fits a phone and, in another language than English, shows no English."""
    page.wait_for_load_state()  # a page still navigating has no document to measure yet
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{page.url} is {width} px wide on a {PHONE_WIDTH} px phone"
    if language != "en":
        english = english_words_on(page, language)
        assert not english, f"{page.url} shows English on a {language} page: {english}"

"""Line breaks remembered for one print job (`linebreaks`): the paper prints the same words on
the same pages with and without them, they are asked again in the job, and nothing is kept
after it."""

import contextlib
import re
from pathlib import Path

import weasyprint

from iskra.press import linebreaks, printing
from iskra.press.tests.factories import combined_night_shift
from iskra.press.tests.test_print_page_by_page import text


def test_every_style_value_weasyprint_reads_to_break_a_line_is_in_the_key():
    source = Path(weasyprint.__file__).parent / "text"
    read = set()
    for name in ("line_break.py", "fonts.py"):
        read |= set(re.findall(r"style\[['\"](\w+)['\"]\]", (source / name).read_text()))
    assert read <= set(linebreaks.STYLE_KEYS)
    assert linebreaks.install()


def test_a_paper_prints_the_same_with_its_line_breaks_remembered(
    los_angeles, tmp_path, monkeypatch
):
    _editor, _paper, issue = combined_night_shift(los_angeles, (20, 7, 26, 12))
    kept: list[int] = []
    real = linebreaks.remembered

    @contextlib.contextmanager
    def counted():
        with real() as answers:
            yield answers
            kept.append(len(answers))
        kept.append(len(answers))

    monkeypatch.setattr(linebreaks, "remembered", counted)
    remembered = printing.print_issue(issue, base_url="https://press.example.org").pdf
    assert kept[0] > 100 and kept[1] == 0  # lines were remembered, and let go after the job
    monkeypatch.setattr(linebreaks, "remembered", lambda: contextlib.nullcontext({}))
    anew = printing.print_issue(issue, base_url="https://press.example.org").pdf
    assert text(remembered, tmp_path, "remembered.pdf") == text(anew, tmp_path, "anew.pdf")

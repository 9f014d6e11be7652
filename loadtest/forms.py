"""What the load test does with a page's forms, as a browser would (no Locust here, so that the
test suite can post the same forms through Django's test client: iskra/reliability/tests/
test_loadtest_forms.py)."""

import datetime
import re
from html.parser import HTMLParser
from typing import Any


class FormReader(HTMLParser):
    """The fields of the forms of a page, with the values a browser would send untouched."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        attrs = {name: value or "" for name, value in attributes}
        if tag == "form":
            self.forms.append({"action": attrs.get("action", ""), "method": attrs.get("method", "get"), "fields": {}})
            return
        if not self.forms:
            return
        fields = self.forms[-1]["fields"]
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    fields.setdefault(name, attrs.get("value", "on"))
            elif kind not in ("submit", "button", "file"):
                fields.setdefault(name, attrs.get("value", ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            if self._select not in fields or "selected" in attrs:
                fields[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            fields.setdefault(name, "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_on(html: str, having: str) -> dict[str, Any] | None:
    reader = FormReader()
    reader.feed(html)
    for form in reader.forms:
        if having in form["fields"] and form["method"].lower() == "post":
            return form
    return None


def outing_fields(fields: dict[str, Any], place: str) -> dict[str, Any]:
    """The outing form as a member fills it in an hour after the outing: the form's own
    "when" (the collective's local time, which is why UTC would be wrong) moved an hour back."""
    filled = dict(fields)
    filled["place"] = place
    shown = datetime.datetime.strptime(filled["starts_at"], "%Y-%m-%dT%H:%M")
    filled["starts_at"] = (shown - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    if "met_name" in filled:
        filled["met_name"] = "R"
    return filled


def form_errors(html: str) -> list[str]:
    """The first error messages of a page a form came back on."""
    return re.findall(r'<ul class="errorlist[^>]*>\s*<li>([^<]*)', html)[:3]


def select_options(html: str, name: str) -> list[str]:
    """The values a select offers (the reader above keeps only the one a browser sends)."""
    found = re.search(rf'<select[^>]*name="{re.escape(name)}"[^>]*>(.*?)</select>', html, re.S)
    return re.findall(r'<option value="([^"]+)"', found.group(1)) if found else []


def dues_fields(fields: dict[str, Any], member: str, amount_minor: int) -> dict[str, Any]:
    """The treasurer's "payment received" form: a member, an amount, the form's own month, cash."""
    filled = dict(fields)
    filled["member"] = member
    filled["amount"] = f"{amount_minor // 100}.{amount_minor % 100:02d}"
    filled.setdefault("method", "cash")
    return filled

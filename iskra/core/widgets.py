"""Django's choice widgets, written in one pass. Django renders every option through its own
template (`select_option.html`, `input_option.html`, `attrs.html`): about a third of a
millisecond per option, so the conversation form of a city with 150 members (who took part,
who does the next step) took 110 ms of a load test's p50. These write the same HTML from the
same context in Python; choices in groups still go through Django's templates."""

from typing import Any

from django import forms
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe


def _attrs(attrs: dict[str, Any]) -> str:
    """As Django's `attrs.html`: in their order, True as a bare name, False left out."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )


def _ungrouped(context: dict[str, Any]) -> list[dict[str, Any]] | None:
    options = []
    for group_name, group_options, _index in context["optgroups"]:
        if group_name:
            return None
        options.extend(group_options)
    return options


class QuickSelect(forms.Select):
    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        options = _ungrouped(widget)
        if options is None:
            return super().render(name, value, attrs, renderer)
        html = "".join(
            f'\n  <option value="{escape(o["value"])}"{_attrs(o["attrs"])}>'
            f"{conditional_escape(o['label'])}</option>\n"
            for o in options
        )
        name = conditional_escape(widget["name"])
        return mark_safe(  # noqa: S308 - every value above is escaped
            f'<select name="{name}"{_attrs(widget["attrs"])}>{html}\n</select>'
        )


class QuickCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        options = _ungrouped(widget)
        if options is None:
            return super().render(name, value, attrs, renderer)
        outer = {"id": widget["attrs"].get("id") or None, "class": widget["attrs"].get("class")}
        boxes = "".join(
            f"<div>\n    <label{_attrs({'for': o['attrs'].get('id')})}>"
            f'<input type="{escape(o["type"])}" name="{conditional_escape(o["name"])}"'
            + ("" if o["value"] is None else f' value="{escape(o["value"])}"')
            + f"{_attrs(o['attrs'])}>\n {conditional_escape(o['label'])}</label>\n\n</div>"
            for o in options
        )
        return mark_safe(f"<div{_attrs(outer)}>{boxes}\n</div>")  # noqa: S308 - escaped above


def csrf_field(token: str) -> str:
    """The hidden field `{% csrf_token %}` writes, for HTML written in Python."""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(token)}">'

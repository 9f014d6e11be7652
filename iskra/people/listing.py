"""The contact list's rows and choices, written in Python in one pass.

The list is the page organizers open most. Through Django's templates each of its fifty rows
cost about 0.15 ms (the stage, where they were met, the groups below, the last conversation:
each a variable lookup, a filter, a translation and an escape), and each row was a model
instance with its stage and collective: together about 80 % of the page, ten times its SQL
(docs/benchmarks.md). Here the rows are plain values from the database and the HTML is the
same the template wrote, byte for byte (tested), with every value escaped."""

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from html import escape
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from iskra.core.fastformat import date_formatter
from iskra.people.models import met_phrases, met_text

# What a row shows, read with `values()`: no model instance, no join but the filters'.
ROW_FIELDS = (
    "pk",
    "display_name",
    "stage_id",
    "first_met_on",
    "first_met_place",
    "workplace",
    "last_contact_on",
)
ROW_FIELDS_BELOW = (*ROW_FIELDS, "collective__name")


def _escaped(*texts: str) -> list[str]:
    return [escape(text) for text in texts]


def contact_rows(
    rows: Iterable[Mapping[str, Any]],
    *,
    stage_labels: Mapping[int, str],
    contact_url: Callable[[int], str],
    show_collective: bool,
) -> SafeString:
    select_label, last_label, never_label = _escaped(
        _("Select"), _("last talked"), _("never talked to")
    )
    day_month = date_formatter("j M")
    short_date = date_formatter("SHORT_DATE_FORMAT")
    dates: dict[date, str] = {}
    phrases = met_phrases()
    html = []
    for row in rows:
        name = escape(row["display_name"])
        met = met_text(
            day_month(row["first_met_on"]) if row["first_met_on"] else "",
            row["first_met_place"],
            phrases,
        )
        muted = [escape(met)] if met else []
        if show_collective:
            muted.append(escape(row["collective__name"]))
        if row["workplace"]:
            muted.append(escape(row["workplace"]))
        last = row["last_contact_on"]
        if last:
            when = dates.get(last)
            if when is None:
                when = dates[last] = escape(short_date(last))
            muted.append(f"{last_label} {when}")
        else:
            muted.append(never_label)
        html.append(
            f'  <li><label class="check"><input type="checkbox" name="contacts" '
            f'value="{row["pk"]}" aria-label="{select_label} {name}"></label>\n'
            f'    <a href="{escape(contact_url(row["pk"]))}" translate="no"><strong>{name}'
            f"</strong></a>\n"
            f'    <span class="badge">{escape(stage_labels.get(row["stage_id"], ""))}</span>\n'
            f'    <span class="muted">{" · ".join(muted)}</span>\n'
            f"  </li>\n"
        )
    return mark_safe("".join(html))  # noqa: S308 - every value above is escaped


def options(
    choices: Iterable[tuple[str, str]], selected: str = "", *, values: bool = True
) -> SafeString:
    """`<option>`s for (value, label) pairs; `values=False` leaves the value attribute out
    (the option's text is its value), as the tag filter does."""
    html = []
    for value, label in choices:
        mark = " selected" if selected and value == selected else ""
        attribute = f' value="{escape(str(value))}"' if values else ""
        html.append(f"<option{attribute}{mark}>{escape(label)}</option>")
    return mark_safe("".join(html))  # noqa: S308 - every value above is escaped


def followup_rows(followups: Iterable[Any], *, csrf_input: str) -> SafeString:
    """The items of one section of "My follow-ups" (FollowUp instances with their contact, its
    stage and the collective, and the `contact_url`, `done_url` and `snooze_url` the view set),
    as people/followup_section.html wrote them. `csrf_input` is the form's hidden token field,
    already escaped."""
    done_label, tomorrow_label, week_label = _escaped(_("Done"), _("Tomorrow"), _("Next week"))
    day_month = date_formatter("j M")
    due_format = date_formatter("D j M")
    phrases = met_phrases()
    html = []
    for followup in followups:
        contact = followup.contact
        met = met_text(
            day_month(contact.first_met_on) if contact.first_met_on else "",
            contact.first_met_place,
            phrases,
        )
        met_html = f'<span class="muted">{escape(met)}</span>' if met else ""
        html.append(
            f'    <li id="followup-{followup.pk}">\n'
            f'      <a href="{escape(followup.contact_url)}" translate="no"><strong>'
            f"{escape(contact.display_name)}</strong></a>\n"
            f'      <span class="badge">{escape(contact.stage.label)}</span>\n'
            f"      {met_html}\n"
            f'      <div translate="no">{escape(followup.action)}</div>\n'
            f'      <span class="muted">{escape(due_format(followup.due_on))} · '
            f"{escape(followup.collective.name)}</span>\n"
            f'      <form method="post" action="{escape(followup.snooze_url)}" class="actions">'
            f"{csrf_input}\n"
            f'        <a class="button" href="{escape(followup.done_url)}">{done_label}</a>\n'
            f'        <button type="submit" name="days" value="1" class="secondary">'
            f"{tomorrow_label}</button>\n"
            f'        <button type="submit" name="days" value="7" class="secondary">'
            f"{week_label}</button>\n"
            f"      </form>\n"
            f"    </li>\n"
        )
    return mark_safe("".join(html))  # noqa: S308 - every value above is escaped

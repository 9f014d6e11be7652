from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from iskra.audit.labels import action_choices
from iskra.audit.queries import AuditFilter


def object_type_choices() -> list[tuple[str, Any]]:
    models = [model for model in apps.get_models() if model.__module__.startswith("iskra.")]
    choices = sorted(
        ((model._meta.label_lower, str(model._meta.verbose_name).capitalize()) for model in models),
        key=lambda choice: choice[1],
    )
    return [("", _("Anything")), *choices]


class AuditFilterForm(forms.Form):
    """The questions the audit log answers: who, what, which object, where and when."""

    actor = forms.CharField(label=_("Who (user name)"), max_length=150, required=False)
    action = forms.ChoiceField(label=_("What"), required=False)
    object_type = forms.ChoiceField(label=_("Kind of record"), required=False)
    object_id = forms.CharField(label=_("Record number"), max_length=64, required=False)
    collective = forms.TypedChoiceField(
        label=_("Collective"), coerce=int, required=False, empty_value=None
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    before = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, collectives: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.collectives = collectives
        choices: dict[str, list[tuple[Any, Any]]] = {
            "action": [("", _("Anything")), *action_choices()],
            "object_type": object_type_choices(),
            "collective": [
                ("", _("All of them")),
                *((collective.pk, collective.name) for collective in collectives),
            ],
        }
        for name, options in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = options

    def audit_filter(self, zone: ZoneInfo) -> AuditFilter:
        """The filter asked for (call after is_valid); dates are days in `zone`."""
        data = self.cleaned_data
        ids = [collective.pk for collective in self.collectives]
        if data.get("collective") is not None:
            ids = [pk for pk in ids if pk == data["collective"]]
        since = until = None
        if data.get("since"):
            since = datetime.combine(data["since"], time.min, tzinfo=zone)
        if data.get("until"):
            until = datetime.combine(data["until"] + timedelta(days=1), time.min, tzinfo=zone)
        return AuditFilter(
            collective_ids=ids,
            actor=data.get("actor", "").strip(),
            action=data.get("action", ""),
            object_type=data.get("object_type", ""),
            object_id=data.get("object_id", "").strip(),
            since=since,
            until=until,
        )

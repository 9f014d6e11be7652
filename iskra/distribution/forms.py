from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iskra.distribution.models import Outing
from iskra.network.models import Collective
from iskra.network.queries import members_of
from iskra.people.models import Stage
from iskra.press.models import Issue

CURRENCY_BY_COUNTRY = {"US": "USD", "SV": "USD", "ZA": "ZAR", "GB": "GBP", "MX": "MXN"}


class OutingForm(forms.Form):
    """One page for the whole outing: where, who, copies per current issue, a person met."""

    place = forms.CharField(label=_("Where"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Outing.Kind.choices)
    shift = forms.CharField(label=_("Shift"), max_length=40, required=False)
    starts_at = forms.DateTimeField(
        label=_("When"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    members = forms.MultipleChoiceField(
        label=_("Who went"), widget=forms.CheckboxSelectMultiple, required=False
    )
    friends_count = forms.IntegerField(label=_("Friends who helped"), min_value=0, initial=0)
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="USD")
    met_name = forms.CharField(
        label=_("Person met: name or nickname"), max_length=120, required=False
    )
    met_stage = forms.ModelChoiceField(
        label=_("Stage"), queryset=Stage.objects.all(), required=False
    )
    met_note = forms.CharField(
        label=_("What you talked about"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    met_next = forms.CharField(label=_("Next step"), max_length=200, required=False)
    met_due = forms.DateField(
        label=_("Next step due on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        required=False,
    )

    def __init__(
        self, *args: Any, collective: Collective, issues: list[Issue], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.issues = issues
        self.fields["members"].choices = [  # type: ignore[attr-defined]
            (str(m.user_id), m.user.username) for m in members_of(collective)
        ]
        for issue in issues:
            self.fields[f"copies_{issue.pk}"] = forms.IntegerField(
                label=str(issue), min_value=0, initial=0, required=False
            )
            self.fields[f"money_{issue.pk}"] = forms.DecimalField(
                label=_("Money collected"),
                min_value=0,
                max_digits=10,
                decimal_places=2,
                required=False,
            )

    def issue_rows(self) -> list[tuple[Issue, Any, Any]]:
        return [(i, self[f"copies_{i.pk}"], self[f"money_{i.pk}"]) for i in self.issues]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("met_next") and not cleaned.get("met_due"):
            self.add_error("met_due", _("A next step needs a due date."))
        return cleaned

    @classmethod
    def initial_for(cls, collective: Collective, user: Any, kind: str) -> dict[str, Any]:
        now = timezone.localtime(timezone.now(), collective.zone).replace(second=0, microsecond=0)
        return {
            "kind": kind,
            "starts_at": now.strftime("%Y-%m-%dT%H:%M"),
            "members": [str(user.pk)],
            "currency": CURRENCY_BY_COUNTRY.get(collective.country, "USD"),
            "friends_count": 0,
        }


class BundleForm(forms.Form):
    issue = forms.ModelChoiceField(label=_("Issue"), queryset=Issue.objects.none())
    collective = forms.ModelChoiceField(label=_("To"), queryset=Collective.objects.none())
    copies = forms.IntegerField(label=_("Copies"), min_value=1)
    sent_on = forms.DateField(
        label=_("Sent on"), widget=forms.DateInput(attrs={"type": "date"}), initial=date.today
    )

    def __init__(self, *args: Any, source: Collective, held: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issue"].queryset = Issue.objects.filter(  # type: ignore[attr-defined]
            pk__in=held
        ).select_related("publication")
        self.fields["collective"].queryset = Collective.objects.filter(  # type: ignore[attr-defined]
            path__startswith=source.path
        ).exclude(pk=source.pk)

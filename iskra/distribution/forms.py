from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iskra.distribution.models import Bundle, Outing, OutingMoney
from iskra.distribution.services import FUTURE_GRACE, ContactMet
from iskra.network.models import Collective
from iskra.network.queries import members_of
from iskra.people.models import Stage
from iskra.press.models import Issue

CURRENCY_BY_COUNTRY = {"US": "USD", "SV": "USD", "ZA": "ZAR", "GB": "GBP", "MX": "MXN"}
FOLLOW_UP_PAST_DAYS = 30
FOLLOW_UP_MAX_DAYS = 2 * 366


def _count_field(label: Any, *, required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        initial=0,
        required=required,
        error_messages={
            "min_value": _("This cannot be below zero: type 0 if there were none."),
            "invalid": _("Type a whole number, like 30."),
        },
    )


class OutingForm(forms.Form):
    """One page for the whole outing: where, who, copies of each current issue in each of its
    languages, the money collected and the people met (two formsets, see the view)."""

    place = forms.CharField(label=_("Where"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Outing.Kind.choices)
    shift = forms.CharField(label=_("Shift"), max_length=40, required=False)
    starts_at = forms.DateTimeField(
        label=_("When"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("Type the date and time of the outing.")},
    )
    members = forms.MultipleChoiceField(
        label=_("Who went"), widget=forms.CheckboxSelectMultiple, required=False
    )
    friends_count = _count_field(_("Friends who helped"), required=True)

    def __init__(
        self, *args: Any, collective: Collective, issues: list[Issue], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.issues = issues
        self.fields["members"].choices = [  # type: ignore[attr-defined]
            (str(m.user_id), m.user.username) for m in members_of(collective)
        ]
        for issue in issues:
            for language in self.languages_of(issue):
                self.fields[f"copies_{issue.pk}_{language}"] = _count_field(str(issue))

    @staticmethod
    def languages_of(issue: Issue) -> list[str]:
        publication = issue.publication
        return list(dict.fromkeys([publication.main_language, *publication.languages]))

    def issue_rows(self) -> list[tuple[Issue, Any, list[tuple[str, Any]]]]:
        """Each issue with its main language's field and the others' (one tap away)."""
        rows = []
        for issue in self.issues:
            main, *others = self.languages_of(issue)
            rows.append(
                (
                    issue,
                    self[f"copies_{issue.pk}_{main}"],
                    [(language, self[f"copies_{issue.pk}_{language}"]) for language in others],
                )
            )
        return rows

    def copies(self) -> list[tuple[Issue, str, int]]:
        data = self.cleaned_data
        return [
            (issue, language, data.get(f"copies_{issue.pk}_{language}") or 0)
            for issue in self.issues
            for language in self.languages_of(issue)
        ]

    def clean_starts_at(self) -> Any:
        starts_at = self.cleaned_data["starts_at"]
        if starts_at > timezone.now() + FUTURE_GRACE:
            raise forms.ValidationError(
                _(
                    "This time is in the future: an outing is logged once it has happened. "
                    "Check the date and time."
                )
            )
        return starts_at

    @classmethod
    def initial_for(cls, collective: Collective, user: Any, kind: str) -> dict[str, Any]:
        now = timezone.localtime(timezone.now(), collective.zone).replace(second=0, microsecond=0)
        return {
            "kind": kind,
            "starts_at": now.strftime("%Y-%m-%dT%H:%M"),
            "members": [str(user.pk)],
            "friends_count": 0,
        }


class MoneyForm(forms.Form):
    """One amount collected: how much, in which currency, and what it was."""

    amount = forms.DecimalField(
        label=_("Money collected"),
        min_value=0,
        max_digits=10,
        decimal_places=2,
        required=False,
        error_messages={
            "min_value": _("Money cannot be below zero: type what was collected, like 12."),
            "invalid": _("Type an amount, like 12 or 12.50."),
            "max_decimal_places": _("Type at most two decimals, like 12.50."),
            "max_digits": _("This amount is too large: check it."),
        },
    )
    currency = forms.CharField(label=_("Currency"), max_length=3, required=False)
    kind = forms.ChoiceField(label=_("What it was"), choices=OutingMoney.Kind.choices)

    def clean_currency(self) -> str:
        currency = (self.cleaned_data.get("currency") or "").strip().upper()
        if currency and (len(currency) != 3 or not currency.isalpha()):
            raise forms.ValidationError(_("A currency is three letters, like USD."))
        return currency


class PersonMetForm(forms.Form):
    """One person met: a name is enough; the rest when there is time."""

    name = forms.CharField(label=_("Person met: name or nickname"), max_length=120, required=False)
    stage = forms.ModelChoiceField(label=_("Stage"), queryset=Stage.objects.all(), required=False)
    cares = forms.CharField(
        label=_("What they care about"),
        max_length=300,
        required=False,
        help_text=_("Separate topics with commas."),
    )
    note = forms.CharField(
        label=_("What you talked about"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    next_action = forms.CharField(label=_("Next step"), max_length=200, required=False)
    due_on = forms.DateField(
        label=_("Next step due on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        required=False,
        error_messages={"invalid": _("Type a date, like 6 November.")},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("name") and any(
            cleaned.get(key) for key in ("cares", "note", "next_action", "due_on")
        ):
            self.add_error("name", _("Give this person a name or a nickname, like R."))
        if cleaned.get("next_action") and not cleaned.get("due_on"):
            self.add_error("due_on", _("A next step needs a day: when will you do it?"))
        due_on = cleaned.get("due_on")
        if due_on is not None:
            today = timezone.localdate()
            if due_on < today - timedelta(days=FOLLOW_UP_PAST_DAYS):
                self.add_error("due_on", _("This day is long past: choose a day to come."))
            elif due_on > today + timedelta(days=FOLLOW_UP_MAX_DAYS):
                self.add_error(
                    "due_on", _("A next step is due within two years: choose a nearer day.")
                )
        return cleaned

    def contact_met(self) -> ContactMet | None:
        data = self.cleaned_data
        if not data.get("name"):
            return None
        return ContactMet(
            display_name=data["name"],
            stage=data.get("stage"),
            note=data.get("note", ""),
            next_action=data.get("next_action", ""),
            due_on=data.get("due_on"),
            topics=[topic for topic in data.get("cares", "").split(",") if topic.strip()],
        )


# One row to begin with (the initial one, in the collective's currency); more one tap away.
MoneyFormSet = forms.formset_factory(MoneyForm, extra=0, max_num=20, absolute_max=20)
PeopleMetFormSet = forms.formset_factory(PersonMetForm, extra=1, max_num=50, absolute_max=50)


def currency_for(collective: Collective) -> str:
    return CURRENCY_BY_COUNTRY.get(collective.country, "USD")


class BundleForm(forms.Form):
    """Copies sent from this collective to a collective below it."""

    issue = forms.ModelChoiceField(label=_("Issue"), queryset=Issue.objects.none())
    collective = forms.ModelChoiceField(label=_("To"), queryset=Collective.objects.none())
    copies = forms.IntegerField(
        label=_("Copies"),
        min_value=1,
        error_messages={"min_value": _("Type how many copies: at least one.")},
    )
    sent_on = forms.DateField(
        label=_("Sent on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=date.today,
    )

    def __init__(self, *args: Any, source: Collective, issues: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issue"].queryset = issues  # type: ignore[attr-defined]
        self.fields["collective"].queryset = Collective.objects.filter(  # type: ignore[attr-defined]
            path__startswith=source.path
        ).exclude(pk=source.pk)


class ReceiveForm(forms.Form):
    """Copies that came in to this collective, wherever from."""

    issue = forms.ModelChoiceField(label=_("Issue"), queryset=Issue.objects.none())
    origin = forms.ChoiceField(
        label=_("Where they came from"),
        choices=Bundle.Origin.choices,
        initial=Bundle.Origin.PRINTER,
    )
    source = forms.ModelChoiceField(
        label=_("Which collective sent them"),
        queryset=Collective.objects.none(),
        required=False,
        help_text=_("Only for copies from another collective."),
    )
    copies = forms.IntegerField(
        label=_("Copies"),
        min_value=1,
        error_messages={"min_value": _("Type how many copies came in: at least one.")},
    )
    received_on = forms.DateField(
        label=_("Received on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=date.today,
    )

    def __init__(
        self, *args: Any, collective: Collective, issues: Any, sources: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issue"].queryset = issues  # type: ignore[attr-defined]
        self.fields["source"].queryset = sources  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("origin") == Bundle.Origin.COLLECTIVE and not cleaned.get("source"):
            self.add_error("source", _("Choose the collective that sent the copies."))
        return cleaned


class AdjustForm(forms.Form):
    """A correction of the recorded stock, with its reason."""

    issue = forms.ModelChoiceField(label=_("Issue"), queryset=Issue.objects.none())
    copies = forms.IntegerField(
        label=_("Copies to add (a minus sign removes)"),
        error_messages={"invalid": _("Type a whole number, like 265 or -10.")},
    )
    reason = forms.CharField(label=_("Why"), max_length=200)

    def __init__(self, *args: Any, issues: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issue"].queryset = issues  # type: ignore[attr-defined]

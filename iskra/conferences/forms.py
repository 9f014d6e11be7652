from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from iskra.conferences.models import Conference, Decision, Delegate, Vote
from iskra.network.models import Collective


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class ConferenceForm(forms.Form):
    collective = forms.ModelChoiceField(
        label=_("Organizing collective"), queryset=Collective.objects.none()
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    starts_on = forms.DateField(label=_("Starts"), widget=DateInput)
    ends_on = forms.DateField(label=_("Ends"), widget=DateInput)
    report_start = forms.DateField(label=_("Reports from"), widget=DateInput)
    report_end = forms.DateField(label=_("Reports to"), widget=DateInput)
    contributions_deadline = forms.DateTimeField(
        label=_("Contributions until"), widget=DateTimeInput
    )
    amendments_deadline = forms.DateTimeField(label=_("Amendments until"), widget=DateTimeInput)

    def __init__(self, *args: Any, collectives: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["collective"].queryset = collectives  # type: ignore[attr-defined]


class DelegateForm(forms.Form):
    username = forms.CharField(label=_("Member's user name"), max_length=150)
    credited_by = forms.ModelChoiceField(label=_("Credited by"), queryset=Collective.objects.none())
    votes = forms.IntegerField(label=_("Votes"), min_value=1, initial=1)

    def __init__(self, *args: Any, conference: Conference, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["credited_by"].queryset = Collective.objects.filter(  # type: ignore[attr-defined]
            path__startswith=conference.collective.path
        )

    def clean_username(self) -> Any:
        user = get_user_model().objects.filter(username=self.cleaned_data["username"]).first()
        if user is None:
            raise forms.ValidationError(_("Nobody has this user name."))
        return user


class AgendaForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=200)
    speakers = forms.CharField(label=_("Speakers"), max_length=300, required=False)


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea, required=False)


class ContributionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    language = forms.CharField(label=_("Language"), max_length=10, initial="en")
    body = forms.CharField(label=_("Text"), widget=forms.Textarea)


class MotionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    language = forms.CharField(label=_("Language"), max_length=10, initial="en")
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea, help_text=_("Separate paragraphs by a blank line.")
    )


class AmendmentForm(forms.Form):
    paragraph = forms.IntegerField(label=_("Paragraph"), min_value=1, required=False)
    first_line = forms.IntegerField(label=_("From line"), min_value=1, required=False)
    last_line = forms.IntegerField(label=_("To line"), min_value=1, required=False)
    text = forms.CharField(label=_("New text"), widget=forms.Textarea)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea, required=False)
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("first_line") and not data.get("last_line"):
            data["last_line"] = data["first_line"]
        return data


class DecideForm(forms.Form):
    state = forms.ChoiceField(
        choices=[("accepted", _("Accept")), ("merged", _("Merge")), ("rejected", _("Reject"))]
    )
    merged_text = forms.CharField(label=_("Merged wording"), widget=forms.Textarea, required=False)


CHOICES = [
    ("", _("absent")),
    ("for", _("for")),
    ("against", _("against")),
    ("abstain", _("abstain")),
]


class VoteForm(forms.Form):
    method = forms.ChoiceField(label=_("How the vote was taken"), choices=Vote.Method.choices)
    votes_for = forms.IntegerField(label=_("For"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("Against"), min_value=0, required=False)
    abstentions = forms.IntegerField(label=_("Abstain"), min_value=0, required=False)

    def __init__(self, *args: Any, delegates: list[Delegate], delegations: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.delegates, self.delegations = delegates, list(delegations)
        for delegate in delegates:
            self.fields[f"d{delegate.pk}"] = forms.ChoiceField(
                label=str(delegate.user), choices=CHOICES, required=False
            )
        for delegation in self.delegations:
            for name, label in (
                ("for", _("for")),
                ("against", _("against")),
                ("abs", _("abstain")),
            ):
                self.fields[f"g{delegation.pk}_{name}"] = forms.IntegerField(
                    label=f"{delegation.name}: {label}", min_value=0, required=False
                )


class ProgressForm(forms.Form):
    text = forms.CharField(label=_("What was done"), widget=forms.Textarea)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    state = forms.ChoiceField(label=_("State"), choices=Decision.State.choices)


class DecisionForm(forms.Form):
    title = forms.CharField(label=_("Decision"), max_length=200)
    responsible = forms.ModelChoiceField(
        label=_("Responsible collective"), queryset=Collective.objects.none()
    )
    due_on = forms.DateField(label=_("Due on"), widget=DateInput, required=False)

    def __init__(self, *args: Any, conference: Conference, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = Collective.objects.filter(  # type: ignore[attr-defined]
            path__startswith=conference.collective.path
        )

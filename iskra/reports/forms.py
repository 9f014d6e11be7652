from django import forms
from django.utils.translation import gettext_lazy as _

from iskra.core.errors import DomainError
from iskra.reports.periods import Period, parse_period


class PeriodForm(forms.Form):
    period = forms.CharField(
        label=_("Period"),
        max_length=40,
        help_text=_("A month (2026-10), a quarter (2026-Q3) or two dates (2026-07-01..2026-09-30)"),
    )

    def clean_period(self) -> Period:
        try:
            return parse_period(self.cleaned_data["period"])
        except DomainError as error:
            raise forms.ValidationError(error.message) from None


class NarrativeForm(forms.Form):
    situation = forms.CharField(label=_("The situation"), widget=forms.Textarea, required=False)
    work = forms.CharField(label=_("The work"), widget=forms.Textarea, required=False)
    problems = forms.CharField(label=_("The problems"), widget=forms.Textarea, required=False)
    proposals = forms.CharField(label=_("Proposals"), widget=forms.Textarea, required=False)


class CorrectionForm(forms.Form):
    reason = forms.CharField(label=_("What was corrected"), max_length=300)

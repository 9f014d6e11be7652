from django import forms
from django.utils.translation import gettext_lazy as _

from iskra.activities.models import Event


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        required=False,
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    reading = forms.CharField(label=_("Reading for this session"), max_length=200, required=False)


class CircleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    reading_list = forms.CharField(
        label=_("Reading list"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("One text a line."),
    )

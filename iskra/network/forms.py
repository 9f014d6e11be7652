import zoneinfo

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from iskra.network.models import Collective, Invitation, Membership

TIME_ZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones())]


class CollectiveForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    country = forms.CharField(label=_("Country (ISO code)"), max_length=2, required=False)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONE_CHOICES)
    languages = forms.CharField(
        label=_("Languages"),
        required=False,
        help_text=_("Language codes separated by commas, e.g. en, es"),
    )

    def clean_languages(self) -> list[str]:
        codes = [code.strip().lower() for code in self.cleaned_data["languages"].split(",")]
        codes = [code for code in codes if code]
        for code in codes:
            if not code.isalpha() or not 2 <= len(code) <= 3:
                raise forms.ValidationError(
                    _("%(code)s is not a language code."), params={"code": code}
                )
        return codes

    @classmethod
    def initial_for(cls, collective: Collective) -> dict[str, object]:
        return {
            "name": collective.name,
            "country": collective.country,
            "time_zone": collective.time_zone,
            "languages": ", ".join(collective.languages),
        }


class SubCollectiveForm(CollectiveForm):
    slug = forms.SlugField(label=_("Short name for links"), max_length=80)
    kind = forms.ChoiceField(label=_("Kind"), choices=Collective.Kind.choices)
    field_order = ["name", "slug", "kind", "country", "time_zone", "languages"]


class InvitationForm(forms.ModelForm):
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=60,
        initial=settings.ISKRA_INVITATION_DAYS,
    )

    class Meta:
        model = Invitation
        fields = ["note", "role", "status"]
        labels = {"role": _("Role"), "status": _("Status")}


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "status"]

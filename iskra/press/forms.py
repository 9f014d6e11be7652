from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from iskra.core.languages import content_language_choices, language_name
from iskra.network.models import Collective
from iskra.press.models import Article, Publication, Topic


def _language_codes(text: str) -> list[str]:
    codes = [code.strip().lower() for code in text.split(",") if code.strip()]
    for code in codes:
        if code not in settings.CONTENT_LANGUAGES:
            raise forms.ValidationError(
                _("%(code)s is not one of the content languages (%(languages)s)."),
                params={"code": code, "languages": ", ".join(settings.CONTENT_LANGUAGES)},
            )
    return list(dict.fromkeys(codes))


def _choices_among(languages: list[str]) -> list[tuple[str, str]]:
    return [(code, language_name(code)) for code in languages]


class PerLanguageField(forms.CharField):
    """One line per language, `xx: text`, e.g. `es: Bandera Roja`."""

    widget = forms.Textarea(attrs={"rows": 2})

    def to_python(self, value: Any) -> dict[str, str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        values: dict[str, str] = {}
        for line in text.splitlines():
            if not line.strip():
                continue
            code, separator, content = line.partition(":")
            code = code.strip().lower()
            if not separator or not code.isalpha() or not 2 <= len(code) <= 3:
                raise forms.ValidationError(
                    _("Write each line as a language code, a colon and the text: es: Bandera Roja")
                )
            if code not in settings.CONTENT_LANGUAGES:
                raise forms.ValidationError(
                    _("%(code)s is not one of the content languages (%(languages)s)."),
                    params={"code": code, "languages": ", ".join(settings.CONTENT_LANGUAGES)},
                )
            values[code] = content.strip()
        return values

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dict):
            return "\n".join(f"{code}: {text}" for code, text in value.items())
        return value


class PublicationForm(forms.Form):
    names = PerLanguageField(
        label=_("Name in each language"), help_text=_("One line each, e.g. es: Bandera Roja")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Publication.Kind.choices)
    languages = forms.CharField(
        label=_("Languages"), help_text=_("Language codes separated by commas, e.g. en, es")
    )
    schedule = forms.ChoiceField(label=_("Schedule"), choices=Publication.Schedule.choices)
    print_format = forms.ChoiceField(
        label=_("Print format"), choices=Publication.PrintFormat.choices
    )
    bilingual = forms.ChoiceField(
        label=_("Editions in several languages"), choices=Publication.Bilingual.choices
    )
    mastheads = PerLanguageField(label=_("Masthead line"), required=False)
    mottos = PerLanguageField(label=_("Motto"), required=False)
    columns = forms.IntegerField(
        label=_("Columns on a tabloid page"), min_value=2, max_value=6, required=False
    )
    color = forms.RegexField(
        label=_("House colour"),
        regex=r"^#[0-9a-fA-F]{6}$",
        required=False,
        help_text=_("For the masthead in print and on the site, e.g. #b3161b"),
    )
    contact = forms.CharField(
        label=_("Public contact"),
        max_length=200,
        required=False,
        help_text=_("Printed in the house box, e.g. an email address or a post box"),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in ("columns", "color"):  # left empty: keep the current value
            if not cleaned.get(name):
                cleaned.pop(name, None)
        return cleaned

    def clean_languages(self) -> list[str]:
        codes = _language_codes(self.cleaned_data["languages"])
        if not codes:
            raise forms.ValidationError(_("A publication needs at least one language."))
        return codes

    @classmethod
    def initial_for(cls, publication: Publication) -> dict[str, Any]:
        return {
            "names": publication.names,
            "kind": publication.kind,
            "languages": ", ".join(publication.languages),
            "schedule": publication.schedule,
            "print_format": publication.print_format,
            "bilingual": publication.bilingual,
            "mastheads": publication.mastheads,
            "mottos": publication.mottos,
            "columns": publication.columns,
            "color": publication.color,
            "contact": publication.contact,
        }


class NewPublicationForm(PublicationForm):
    collective: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Published by"), queryset=Collective.objects.none()
    )
    slug = forms.SlugField(label=_("Short name for links"), max_length=80)
    field_order = ["collective", "slug", "names", "kind", "languages"]

    def __init__(self, *args: Any, collectives: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["collective"].queryset = collectives  # type: ignore[attr-defined]


class IssueForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    number = forms.IntegerField(
        label=_("Number"), min_value=1, required=False, help_text=_("Empty: the next number")
    )


class ArticleForm(forms.ModelForm):
    topics_text = forms.CharField(
        label=_("Topics"), required=False, help_text=_("Separated by commas")
    )

    class Meta:
        model = Article
        fields = [
            "title",
            "kind",
            "dateline_place",
            "dateline_country",
            "dateline_date",
            "byline",
            "summary",
            "body",
            "shared_below",
        ]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 16}),
            "dateline_date": forms.DateInput(attrs={"type": "date"}),
        }

    def topics(self) -> list[str]:
        return [
            name.strip() for name in self.cleaned_data["topics_text"].split(",") if name.strip()
        ]


class NewArticleForm(ArticleForm):
    language = forms.ChoiceField(label=_("Language"), choices=content_language_choices)

    def __init__(self, *args: Any, languages: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _choices_among(languages)  # type: ignore[attr-defined]


class TopicNamesMixin:
    """One field per topic of the original: the topic's name in the translation's language
    (`Topic.names`), so that pages and print editions in that language name it so."""

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def add_topic_fields(self, topics: list[Topic], language: str = "") -> None:
        for topic in topics:
            self.fields[f"topic_{topic.slug}"] = forms.CharField(
                label=_("The topic “%(name)s” in the translation") % {"name": topic.name_in()},
                max_length=80,
                required=False,
                initial=topic.names.get(language, "") if language else "",
            )

    def topic_names(self) -> dict[str, str]:
        return {
            name.removeprefix("topic_"): value.strip()
            for name, value in self.cleaned_data.items()
            if name.startswith("topic_") and value.strip()
        }


class TranslationEditForm(TopicNamesMixin, ArticleForm):
    topics_text = None  # type: ignore[assignment]  # a translation names its original's topics
    matches_original = forms.BooleanField(
        label=_("This translation matches the current original"), required=False
    )

    def __init__(self, *args: Any, topics: list[Topic], language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_topic_fields(topics, language)


class TranslateForm(TopicNamesMixin, forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=content_language_choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text (Markdown)"), widget=forms.Textarea(attrs={"rows": 16}), required=False
    )
    summary = forms.CharField(label=_("Summary"), max_length=300, required=False)

    def __init__(
        self, *args: Any, languages: list[str], topics: list[Topic], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _choices_among(languages)  # type: ignore[attr-defined]
        self.add_topic_fields(topics)

    def translation_fields(self) -> dict[str, Any]:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if not name.startswith("topic_")
        }


class ImageForm(forms.Form):
    image = forms.ImageField(label=_("Image"))
    alt_text = forms.CharField(
        label=_("Description for screen readers"),
        max_length=300,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)


class StateForm(forms.Form):
    state = forms.CharField(max_length=20)


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class PlacementForm(forms.Form):
    article: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Article"), queryset=Article.objects.none()
    )
    page = forms.IntegerField(label=_("Page"), min_value=1, max_value=64, initial=1)
    is_lead = forms.BooleanField(label=_("Front-page lead"), required=False)

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["article"].queryset = candidates  # type: ignore[attr-defined]


class PlacementUpdateForm(forms.Form):
    page = forms.IntegerField(label=_("Page"), min_value=1, max_value=64)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=999)
    is_lead = forms.BooleanField(label=_("Front-page lead"), required=False)


class PrintRunForm(forms.Form):
    copies = forms.IntegerField(label=_("Copies"), min_value=1, max_value=10_000_000)
    cost = forms.DecimalField(label=_("Cost"), min_value=0, max_digits=10, decimal_places=2)
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="USD")
    language = forms.CharField(label=_("Language"), max_length=10, required=False)


class SubmissionForm(forms.Form):
    """The public form for workers' items. Limits are stated on the page and enforced here."""

    workplace = forms.CharField(label=_("Workplace or department"), max_length=120, required=False)
    body = forms.CharField(
        label=_("What is happening?"),
        max_length=4000,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": 4000}),
    )
    reply_to = forms.CharField(
        label=_("A way to reach you (optional)"),
        max_length=200,
        required=False,
        help_text=_("Only if you want an answer. Leave it empty to stay anonymous."),
    )


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Your email address"), max_length=254)


class ArticleImportForm(forms.Form):
    """An article from a sister organization's Iskra: its public address, or its bundle file."""

    url = forms.URLField(
        label=_("Address of the article"),
        required=False,
        assume_scheme="https",
        help_text=_("The public page of the article on the other organization's site."),
    )
    bundle = forms.FileField(
        label=_("Or the article's bundle file"),
        required=False,
        help_text=_("The .json file the other site gives for the article."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if bool(cleaned.get("url")) == bool(cleaned.get("bundle")):
            raise forms.ValidationError(_("Give either the address or the file."))
        return cleaned

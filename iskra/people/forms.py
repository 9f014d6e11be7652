from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iskra.core.languages import content_language_choices
from iskra.core.widgets import QuickCheckboxSelectMultiple, QuickSelect
from iskra.people import services
from iskra.people.importing import ENCODINGS, FIELD_LABELS
from iskra.people.models import PROTECTED_FIELDS, Channel, Contact, Conversation, Stage

# Messages that say what to do, in place of Django's generic "Ensure this value…" and
# "Enter a valid date." (people type these on a phone in the street).
PLAIN_MESSAGES = {
    "required": _("Fill this in."),
    "max_length": _("Too long: at most %(limit_value)d characters (this has %(show_value)d)."),
    "min_value": _("Write a number of at least %(limit_value)s: no negative numbers."),
    "max_value": _("Write a number of at most %(limit_value)s."),
    "invalid_choice": _("Choose one of the options in the list."),
}
PLAIN_BY_TYPE = {
    forms.DateField: _("Write the date like 2026-11-06, or pick it from the calendar."),
    forms.EmailField: _("This is not an email address: it looks like name@example.org."),
    forms.IntegerField: _("Write a whole number, like 12."),
}


class PlainMessagesForm(forms.Form):
    """A form whose errors say what to do."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            # Validators' codes (max_length, min_value...) take the field's message too.
            field.error_messages.update(PLAIN_MESSAGES)
            for kind, message in PLAIN_BY_TYPE.items():
                if isinstance(field, kind):
                    field.error_messages["invalid"] = message


class StageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.label


def language_choices() -> list[tuple[str, str]]:
    """The languages a contact may speak: the content languages of settings."""
    return [("", "—"), *content_language_choices()]


class UserChoiceField(forms.ModelChoiceField):
    widget = QuickSelect

    def label_from_instance(self, obj: Any) -> str:
        return obj.get_username()


class ContactForm(PlainMessagesForm):
    display_name = forms.CharField(
        label=_("Name or nickname"),
        max_length=120,
        help_text=_('Initials or a nickname are enough: "M (Green Party sign)".'),
    )
    stage = StageChoiceField(label=_("Stage"), queryset=Stage.objects.all(), empty_label=None)
    first_met_place = forms.CharField(label=_("Where met"), max_length=200, required=False)
    first_met_on = forms.DateField(
        label=_("When met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    topics = forms.CharField(
        label=_("Interested in"),
        required=False,
        help_text=_("Separate with commas: Gaza, union, rent"),
    )
    tags = forms.CharField(label=_("Tags"), required=False)
    language = forms.ChoiceField(label=_("Language"), choices=language_choices, required=False)
    consent = forms.BooleanField(label=_("Agreed to be contacted"), required=False)
    consent_channels = forms.MultipleChoiceField(
        label=_("By"),
        choices=Channel.choices,
        required=False,
        widget=QuickCheckboxSelectMultiple,
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    legal_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    address = forms.CharField(
        label=_("Street address"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    workplace = forms.CharField(label=_("Workplace"), max_length=120, required=False)
    department = forms.CharField(label=_("Department"), max_length=80, required=False)
    shift = forms.CharField(label=_("Shift"), max_length=40, required=False)
    assessment = forms.TypedChoiceField(
        label=_("Assessment"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", "—"), (1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5")],
        help_text=_("1 hostile, 2 cool, 3 neutral, 4 friendly, 5 with us."),
    )
    introduced_by_user = UserChoiceField(
        label=_("Introduced by (member)"), queryset=get_user_model().objects.none(), required=False
    )
    introduced_by_contact = forms.ModelChoiceField(
        queryset=Contact.objects.none(), required=False, widget=forms.HiddenInput
    )
    stage_reason = forms.CharField(label=_("Why the stage changed"), max_length=200, required=False)

    def __init__(self, *args: Any, collective: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if collective is not None:
            members = get_user_model().objects.filter(
                memberships__collective=collective, memberships__ended_at__isnull=True
            )
            self.fields["introduced_by_user"].queryset = members.distinct().order_by("username")  # type: ignore[attr-defined]
            self.fields["introduced_by_contact"].queryset = Contact.objects.filter(  # type: ignore[attr-defined]
                collective=collective
            ).defer(*PROTECTED_FIELDS)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        values = {name: data.get(name) for name in services.CONTACT_FIELDS if name in data}
        for name, message in services.validate_contact_values(values).items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, message)
        return data

    @classmethod
    def initial_for(cls, contact: Contact) -> dict[str, Any]:
        initial = {name: getattr(contact, name) for name in services.CONTACT_FIELDS}
        initial["tags"] = ", ".join(tag.name for tag in contact.tags.all())
        initial["topics"] = ", ".join(topic.name for topic in contact.topics.all())
        return initial

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = {name: data[name] for name in services.CONTACT_FIELDS if name in data}
        values["tags"] = services.split_names(data["tags"])
        values["topics"] = services.split_names(data["topics"])
        return values


class ConversationForm(PlainMessagesForm):
    happened_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("Where"), choices=Conversation.Kind.choices)
    topics = forms.CharField(label=_("Talked about"), required=False)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Encrypted. Only people who may see this contact read it."),
    )
    next_action = forms.CharField(label=_("Next step"), max_length=200, required=False)
    due_on = forms.DateField(
        label=_("Due on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("next_action") and not data.get("due_on"):
            self.add_error("due_on", _("A next step needs a due date."))
        if data.get("due_on") and not data.get("next_action"):
            self.add_error("next_action", _("Say what the next step is."))
        today = timezone.localdate()
        for name, problem in [
            ("due_on", services.due_on_problem(data.get("due_on"), today)),
            ("happened_on", services.happened_on_problem(data.get("happened_on"), today)),
        ]:
            if problem and name not in self.errors:
                self.add_error(name, problem)
        return data


class ConversationPageForm(ConversationForm):
    """A conversation recorded from the contact's page: who took part, and who does the
    next step (members of the contact's collective)."""

    members = forms.ModelMultipleChoiceField(
        label=_("Who took part"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=QuickCheckboxSelectMultiple,
    )
    assignee = UserChoiceField(
        label=_("Who does the next step"),
        queryset=get_user_model().objects.none(),
        required=False,
    )
    field_order = ["happened_on", "kind", "members", "topics", "note", "next_action", "due_on"]

    def __init__(self, *args: Any, collective: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = (
            get_user_model()
            .objects.filter(memberships__collective=collective, memberships__ended_at__isnull=True)
            .distinct()
            .order_by("username")
            .only("pk", "username")  # the choices show names; a whole account is 15 fields
        )
        self.fields["members"].queryset = members  # type: ignore[attr-defined]
        self.fields["members"].label_from_instance = lambda user: user.get_username()  # type: ignore[attr-defined]
        self.fields["assignee"].queryset = members  # type: ignore[attr-defined]


class QuickContactForm(ContactForm, ConversationForm):
    """Add someone met just now, what was said and the next step, in one form."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["happened_on"].required = False
        self.fields["kind"].initial = Conversation.Kind.STREET


class FollowUpDoneForm(PlainMessagesForm):
    outcome = forms.CharField(
        label=_("How did it go?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Encrypted, like conversation notes."),
    )
    record_conversation = forms.BooleanField(
        label=_("We talked: record it as a conversation"), required=False, initial=True
    )


class StageForm(PlainMessagesForm):
    stage = StageChoiceField(label=_("Stage"), queryset=Stage.objects.all(), empty_label=None)
    reason = forms.CharField(label=_("Why"), max_length=200, required=False)


class BulkForm(PlainMessagesForm):
    ACTIONS = [("tag", _("Add a tag")), ("stage", _("Move to stage"))]

    action = forms.ChoiceField(choices=ACTIONS)
    contacts = forms.TypedMultipleChoiceField(coerce=int, choices=[])
    tag = forms.CharField(max_length=60, required=False)
    stage = StageChoiceField(queryset=Stage.objects.all(), required=False)

    def __init__(self, *args: Any, contact_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["contacts"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(pk, pk) for pk in contact_ids]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "tag" and not data.get("tag"):
            self.add_error("tag", _("Name the tag."))
        if data.get("action") == "stage" and not data.get("stage"):
            self.add_error("stage", _("Choose the stage."))
        return data


PRESET_CHOICES = [
    ("auto", _("Recognize automatically")),
    ("iskra", _("Iskra export")),
    ("civicrm", _("CiviCRM contact export")),
    ("actionnetwork", _("Action Network upload or export")),
]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))
    encoding = forms.ChoiceField(
        label=_("Encoding"),
        choices=ENCODINGS,
        help_text=_("How the letters are written in the file. Leave it recognized if unsure."),
    )


class ImportColumnsForm(forms.Form):
    """One choice per column of the file, plus the encoding and the skip-bad-rows option."""

    encoding = forms.ChoiceField(label=_("Encoding"), choices=ENCODINGS)
    preset = forms.ChoiceField(label=_("Columns as in"), choices=PRESET_CHOICES, required=False)
    skip_bad_rows = forms.BooleanField(
        label=_("Import the good rows even if some are bad"),
        required=False,
        help_text=_("Otherwise nothing is imported until every row is right."),
    )

    def __init__(self, *args: Any, header: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header = header
        for index, name in enumerate(header):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=name or _("(column %(number)d without a name)") % {"number": index + 1},
                choices=FIELD_LABELS,
            )

    def column_fields(self) -> list[Any]:
        return [self[f"column_{index}"] for index in range(len(self.header))]

    def columns(self) -> list[str]:
        return [self.cleaned_data[f"column_{index}"] for index in range(len(self.header))]

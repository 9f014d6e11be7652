"""The one-pass choice widgets write what Django's own templates write, byte for byte, for the
cases forms use: nothing chosen, one or several chosen, an empty choice, text to escape,
ids or none, and choices in groups (left to Django)."""

import pytest
from django import forms

from iskra.core.widgets import QuickCheckboxSelectMultiple, QuickSelect

CHOICES = [("", "---------"), (1, "alice"), (2, "bob <b>&"), (3, 'carla "C"')]


def _copy(attrs):
    return None if attrs is None else dict(attrs)


@pytest.mark.parametrize("value", [None, "", 1, "2", [3]])
@pytest.mark.parametrize("attrs", [None, {"id": "id_assignee"}, {"id": "x", "class": "wide"}])
def test_quick_select_writes_what_django_writes(value, attrs):
    django_html = forms.Select(choices=CHOICES).render("assignee", value, _copy(attrs))
    assert QuickSelect(choices=CHOICES).render("assignee", value, _copy(attrs)) == django_html


@pytest.mark.parametrize("value", [None, [], [1], ["1", "3"], [2]])
@pytest.mark.parametrize("attrs", [None, {"id": "id_members"}, {"id": "m", "class": "checks"}])
def test_quick_checkboxes_write_what_django_writes(value, attrs):
    choices = CHOICES[1:]
    expected = forms.CheckboxSelectMultiple(choices=choices).render("members", value, _copy(attrs))
    quick = QuickCheckboxSelectMultiple(choices=choices).render("members", value, _copy(attrs))
    assert quick == expected


def test_safe_labels_stay_as_they_are():
    from django.utils.safestring import mark_safe

    choices = [(1, mark_safe("<em>alice</em>")), (2, "bob")]
    for quick, plain in [
        (QuickSelect, forms.Select),
        (QuickCheckboxSelectMultiple, forms.CheckboxSelectMultiple),
    ]:
        assert quick(choices=choices).render("x", [1], None) == plain(choices=choices).render(
            "x", [1], None
        )


def test_groups_are_left_to_django():
    grouped = [("Los Angeles", [(1, "alice"), (2, "bob")]), ("Detroit", [(3, "dora")])]
    for quick, plain in [
        (QuickSelect, forms.Select),
        (QuickCheckboxSelectMultiple, forms.CheckboxSelectMultiple),
    ]:
        attrs = {"id": "id_people"}
        assert quick(choices=grouped).render("people", [3], attrs) == plain(choices=grouped).render(
            "people", [3], attrs
        )


def test_a_form_field_with_a_quick_widget_validates_as_before():
    class Form(forms.Form):
        members = forms.MultipleChoiceField(
            choices=CHOICES[1:], widget=QuickCheckboxSelectMultiple, required=False
        )
        assignee = forms.ChoiceField(choices=CHOICES, widget=QuickSelect, required=False)

    form = Form({"members": ["1", "3"], "assignee": "2"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"members": ["1", "3"], "assignee": "2"}
    html = form.as_div()
    assert 'value="3" id="id_members_2" checked' in html
    assert '<option value="2" selected>bob &lt;b&gt;&amp;</option>' in html

"""The public lists' filter selects are written in Python with the HTML of Django's own."""

import re

import pytest
from django import forms
from django.test import RequestFactory

from common.filters import PlainSelect
from meetings.filters import MeetingFilter
from standards.filters import CommentRequestFilter, CommitteeFilter, StandardFilter
from tests.standards.factories import CommitteeFactory, StandardFactory

pytestmark = pytest.mark.django_db


def normalized(html):
    return re.sub(r">\s+<", "><", str(html)).strip()


def django_select(widget):
    plain = forms.Select(attrs=widget.attrs, choices=widget.choices)
    plain.allow_multiple_selected = widget.allow_multiple_selected
    return plain


@pytest.mark.parametrize(
    "filterset_class", [StandardFilter, CommentRequestFilter, MeetingFilter, CommitteeFilter]
)
def test_every_select_renders_as_djangos_would(filterset_class):
    committee = CommitteeFactory(name='<script>alert("x")</script> & 标准化分委会')
    StandardFactory(committee=committee, is_public=True)
    request = RequestFactory().get("/", {"level": "gb_t", "committee": committee.pk})
    form = filterset_class(request.GET, queryset=filterset_class._meta.model.objects.all()).form

    selects = [field for field in form if type(field.field.widget) is PlainSelect]
    assert selects
    for field in selects:
        value = field.value()
        ours = field.field.widget.render(field.html_name, value, {"id": field.auto_id})
        theirs = django_select(field.field.widget).render(
            field.html_name, value, {"id": field.auto_id}
        )
        assert normalized(ours) == normalized(theirs)
        assert "<script>" not in str(ours)


def test_the_chosen_option_is_selected():
    widget = PlainSelect(choices=[("", "全部"), ("gb", "GB"), ("gb_t", "GB/T")])

    html = str(widget.render("level", "gb_t", {"id": "id_level", "required": False}))

    assert '<option value="gb_t" selected>GB/T</option>' in html
    assert '<option value="gb">GB</option>' in html
    assert "required" not in html


def test_groups_none_and_a_repeated_value_render_as_djangos_would():
    choices = [
        (None, "—"),
        ("纸质", [("a", "A & <B>"), ("b", "B")]),
        ("a", "A again"),
    ]
    attrs = {"id": "id_kind", "data-x": 'say "hi"', "disabled": True, "hidden": False}

    ours = PlainSelect(choices=choices).render("kind", "a", attrs)
    theirs = forms.Select(choices=choices).render("kind", "a", attrs)

    assert normalized(ours) == normalized(theirs)
    assert normalized(ours).count("selected") == 1


def test_a_filter_forms_choices_follow_the_records_and_the_language():
    """The form class is made once per filter set (SearchFilterSet.get_form_class): its
    choices are still read for each form, its labels in each request's language."""
    from django.utils import translation

    def committee_options():
        form = StandardFilter({}, queryset=StandardFactory._meta.model.objects.all()).form
        return [label for _value, label in form.fields["committee"].choices]

    StandardFactory(committee=CommitteeFactory(name="第一分委会"), is_public=True)
    before = committee_options()
    StandardFactory(committee=CommitteeFactory(name="第二分委会"), is_public=True)

    assert "第二分委会" not in before
    assert "第二分委会" in committee_options()
    with translation.override("en"):
        form = StandardFilter({}, queryset=StandardFactory._meta.model.objects.all()).form
        assert str(form.fields["committee"].label) == "responsible committee"
    form = StandardFilter({}, queryset=StandardFactory._meta.model.objects.all()).form
    assert str(form.fields["committee"].label) == "归口委员会"

"""Committees found as the secretariat names them, in every autocomplete that picks one."""

import pytest
from django.urls import reverse

from standards.models import Committee
from tests.standards.factories import CommitteeFactory

pytestmark = pytest.mark.django_db

# (app, model, field) of the autocompletes that pick a committee
ORGANISER = ("meetings", "meeting", "organiser")
PROPOSER = ("standards", "commentrequest", "proposer")
PARENT = ("standards", "committee", "parent")
RESPONSIBLE = ("standards", "standard", "committee")


def found(client, field, term):
    app_label, model_name, field_name = field
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_a_fragment_of_its_name_finds_a_working_group(editor_client):
    sc = Committee.objects.get(short_name="智能网联汽车")
    CommitteeFactory(
        name="自动驾驶功能测试标准工作组", kind=Committee.Kind.WORKING_GROUP, parent=sc
    )

    assert found(editor_client, ORGANISER, "自动驾驶") == ["自动驾驶功能测试标准工作组"]


def test_the_tcs_short_name_finds_it_first(editor_client):
    assert found(editor_client, RESPONSIBLE, "汽标委")[0] == "全国汽车标准化技术委员会"


@pytest.mark.parametrize(
    ("term", "committee"),
    [
        ("智能网联分标委", "智能网联汽车分技术委员会"),
        ("电子分标委", "电子与电磁兼容分技术委员会"),
        ("汽标委挂车分标委", "挂车分技术委员会"),
    ],
)
def test_the_secretariats_shorthand_finds_a_sub_committee(editor_client, term, committee):
    assert found(editor_client, PROPOSER, term) == [committee]


def test_a_new_working_groups_parent_is_found_by_shorthand_too(editor_client):
    assert found(editor_client, PARENT, "智能网联分标委") == ["智能网联汽车分技术委员会"]


def test_a_committee_named_exactly_as_typed_comes_before_those_containing_it(editor_client):
    kind = Committee.Kind.WORKING_GROUP
    CommitteeFactory(name="车身附件工作组", short_name="车身附件", kind=kind)

    assert found(editor_client, ORGANISER, "车身")[:2] == ["车身分技术委员会", "车身附件工作组"]


def test_a_new_working_group_is_added_with_its_parent_picked_in_the_page(editor_client):
    url = reverse("admin:standards_committee_add")
    page = editor_client.get(url)
    sc = Committee.objects.get(short_name="智能网联汽车")

    response = editor_client.post(
        url, {"name": "自动驾驶功能测试标准工作组", "kind": "working_group", "parent": sc.pk}
    )

    assert 'data-model-name="committee"' in page.text  # the parent is an autocomplete
    assert response.status_code == 302
    assert Committee.objects.get(name="自动驾驶功能测试标准工作组").parent == sc


def test_a_lookup_of_too_many_words_finds_nothing_and_asks_the_database_nothing(
    editor_client, settings, django_assert_max_num_queries
):
    # Each word is a LIKE over the names and its shorthands' pieces: a flood of them is refused
    # before the database sees it, in the autocomplete as in the list's search.
    term = " ".join(["委员会"] * (settings.SEARCH_MAX_WORDS + 1))

    with django_assert_max_num_queries(6):  # the session and the user, no committee query
        assert found(editor_client, ORGANISER, term) == []
    assert found(editor_client, ORGANISER, "委员会") != []

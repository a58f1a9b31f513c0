"""Records several editors keep: a save from a page opened before someone else's save is refused."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils.formats import localize
from django.utils.timezone import localtime

from bulletin import services
from bulletin.models import Issue, NewsItem, SecretariatProfile
from common.models import StaleRecordError
from meetings.models import Meeting
from standards.models import CommentRequest, Committee, Standard
from tests.admin_pages import change_form_data

pytestmark = pytest.mark.django_db

# (model, a field an editor changes, the first editor's value, the second's)
EDITED = [
    (Committee, "name", "编辑甲的修改", "编辑乙的修改"),
    (Standard, "title", "编辑甲的修改", "编辑乙的修改"),
    (CommentRequest, "link", "https://example.org/first", "https://example.org/second"),
    (Meeting, "title", "编辑甲的修改", "编辑乙的修改"),
    (NewsItem, "title", "编辑甲的修改", "编辑乙的修改"),
    (SecretariatProfile, "address", "编辑甲的修改", "编辑乙的修改"),
    (Issue, "highlights", "编辑甲的主要内容", "编辑乙的主要内容"),
]
PARAMETERS = ("model", "field", "first_value", "second_value")


def change_url(record):
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])


@pytest.fixture
def second_editor(demo):
    """The publisher, in a browser of their own, doing an editor's work."""
    client = Client()
    client.force_login(get_user_model().objects.get(username="publisher"))
    return client


@pytest.mark.parametrize(PARAMETERS, EDITED, ids=lambda v: getattr(v, "__name__", v))
def test_the_second_of_two_editors_on_one_record_is_refused(
    editor_client, second_editor, model, field, first_value, second_value
):
    record = model.objects.order_by("pk").first()
    url = change_url(record)
    first = change_form_data(editor_client.get(url))
    second = change_form_data(second_editor.get(url))

    first[field] = first_value
    assert editor_client.post(url, first).status_code == 302
    second[field] = second_value
    response = second_editor.post(url, second)

    assert response.status_code == 200  # the form again, with the refusal on top
    assert "被 editor 修改，您的修改没有保存" in response.text
    assert getattr(model.objects.get(pk=record.pk), field) == first_value


@pytest.mark.parametrize(PARAMETERS, EDITED, ids=lambda v: getattr(v, "__name__", v))
def test_each_save_from_a_fresh_page_goes_through(
    editor_client, model, field, first_value, second_value
):
    record = model.objects.order_by("pk").first()
    url = change_url(record)
    for value in (first_value, second_value):
        data = change_form_data(editor_client.get(url))
        data[field] = value
        assert editor_client.post(url, data).status_code == 302

    assert getattr(model.objects.get(pk=record.pk), field) == second_value


def test_a_stale_copy_cannot_be_saved_from_the_shell_either(demo):
    mine = Standard.objects.get(plan_number="20213570-T-339")
    theirs = Standard.objects.get(pk=mine.pk)
    theirs.title = "他们的标题"
    theirs.save()

    mine.title = "我的标题"
    with pytest.raises(StaleRecordError):
        mine.save()

    assert Standard.objects.get(pk=mine.pk).title == "他们的标题"


def test_a_page_opened_before_the_issue_was_published_cannot_unpublish_its_records(
    editor_client,
):
    meeting = Issue.objects.get().meetings.first()
    url = change_url(meeting)
    stale = change_form_data(editor_client.get(url))
    assert stale["is_public"] is False

    services.make_records_public(Issue.objects.get())
    response = editor_client.post(url, stale)

    assert "您的修改没有保存" in response.text
    assert Meeting.objects.get(pk=meeting.pk).is_public


def test_an_edit_of_a_meetings_section_alone_also_guards_the_meeting(editor_client, second_editor):
    meeting = Meeting.objects.filter(sections__isnull=False).first()
    url = change_url(meeting)
    first = change_form_data(editor_client.get(url))
    second = change_form_data(second_editor.get(url))

    first["sections-0-body"] = "<p>甲改的正文</p>"
    assert editor_client.post(url, first).status_code == 302
    second["sections-0-body"] = "<p>乙改的正文</p>"
    response = second_editor.post(url, second)

    assert "您的修改没有保存" in response.text
    assert meeting.sections.order_by("order", "pk").first().body == "<p>甲改的正文</p>"


@pytest.mark.parametrize("model", [row[0] for row in EDITED], ids=lambda m: m.__name__)
def test_the_version_goes_out_as_a_hidden_input_only(editor_client, model):
    response = editor_client.get(change_url(model.objects.order_by("pk").first()))

    inputs = re.findall(r"<input[^>]*name=\"version\"[^>]*>", response.text)
    assert len(inputs) == 1
    assert 'type="hidden"' in inputs[0]


def saved_at(record):
    """When the record's last history entry says it was saved, as the refusal prints it."""
    last = record.history.order_by("-history_date", "-history_id").first()
    return localize(localtime(last.history_date))


def test_the_refusal_names_who_saved_last_and_when(editor_client, second_editor):
    record = Meeting.objects.order_by("pk").first()
    url = change_url(record)
    first = change_form_data(editor_client.get(url))
    second = change_form_data(second_editor.get(url))
    first["title"] = "编辑甲的修改"
    editor_client.post(url, first)

    second["title"] = "编辑乙的修改"
    response = second_editor.post(url, second)

    assert f"已于 {saved_at(record)} 被 editor 修改" in response.text


def test_a_page_opened_before_publishing_names_the_publisher(editor_client, settings, tmp_path):
    User = get_user_model()
    editor, publisher = (User.objects.get(username=name) for name in ("editor", "publisher"))
    issue = Issue.objects.get()
    meeting = issue.meetings.order_by("pk").first()
    url = change_url(meeting)
    stale = change_form_data(editor_client.get(url))
    services.transition(issue, "submit", editor)
    services.transition(issue, "approve", publisher)
    services.transition(issue, "publish", publisher)

    stale["title"] = "发布后才保存的修改"
    response = editor_client.post(url, stale)

    assert f"已于 {saved_at(meeting)} 被 publisher 修改" in response.text
    latest = meeting.history.order_by("-history_date", "-history_id").first()
    assert latest.history_change_reason == "随月报 2022/07 发布而公开"

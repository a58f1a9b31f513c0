"""Two editors saving the same issue: the second save is refused, nothing is overwritten."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from bulletin.models import Issue
from common.models import StaleRecordError
from tests.admin_pages import change_form_data

pytestmark = pytest.mark.django_db


def test_a_second_copy_of_the_issue_cannot_be_saved_over_the_first(demo):
    mine = Issue.objects.get()
    theirs = Issue.objects.get()
    theirs.highlights = "他们的主要内容"
    theirs.save()

    mine.highlights = "我的主要内容"
    with pytest.raises(StaleRecordError):
        mine.save()

    assert Issue.objects.get().highlights == "他们的主要内容"


def test_the_admin_refuses_the_second_editors_save_with_a_message(editor_client):
    publisher_client = Client()
    publisher_client.force_login(get_user_model().objects.get(username="publisher"))
    url = f"/admin/bulletin/issue/{Issue.objects.get().pk}/change/"
    first = change_form_data(editor_client.get(url))
    second = change_form_data(publisher_client.get(url))

    first["highlights"] = "编辑甲的主要内容"
    assert editor_client.post(url, first).status_code == 302
    second["highlights"] = "编辑乙的主要内容"
    response = publisher_client.post(url, second)

    assert response.status_code == 200  # the form again, with the refusal
    assert "被 editor 修改，您的修改没有保存" in response.text
    assert Issue.objects.get().highlights == "编辑甲的主要内容"


def test_saving_again_from_a_fresh_page_works(editor_client):
    url = f"/admin/bulletin/issue/{Issue.objects.get().pk}/change/"
    for text in ("第一次", "第二次"):
        data = change_form_data(editor_client.get(url))
        data["highlights"] = text
        assert editor_client.post(url, data).status_code == 302

    assert Issue.objects.get().highlights == "第二次"

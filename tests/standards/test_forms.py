"""A comment request or a review entered in the admin with its standard, found or new, at once."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from standards.models import CommentRequest, Committee, Review, Standard

pytestmark = pytest.mark.django_db

ADD_COMMENT_REQUEST = "admin:standards_commentrequest_add"


def comment_request(**values):
    """What the secretary types for a comment request of the 整车 sub-committee."""
    return {
        "proposer": Committee.objects.get(short_name="整车").pk,
        "period": "2022.07.01-2022.08.30",
        "reply_to": "caolijuan@catarc.ac.cn",
        "new_work_type": "new",
        **values,
    }


def test_a_new_plan_number_creates_its_standard_with_the_request(editor_client):
    response = editor_client.post(
        reverse(ADD_COMMENT_REQUEST),
        comment_request(new_plan_number="20220101-Q-339", new_title="汽车侧面防护要求"),
    )

    assert response.status_code == 302
    standard = Standard.objects.get(plan_number="20220101-Q-339")
    assert standard.title == "汽车侧面防护要求"
    assert standard.level == Standard.Level.MANDATORY  # the Q of the plan number
    assert standard.committee == Committee.objects.get(short_name="整车")  # the proposer
    assert standard.stage == Standard.Stage.COMMENT
    request = standard.comment_requests.get()
    assert (request.start_date, request.end_date) == (
        datetime.date(2022, 7, 1),
        datetime.date(2022, 8, 30),
    )
    assert standard.history.get().history_user.username == "editor"


def test_a_ministry_proposer_leaves_the_new_standard_without_a_committee(editor_client):
    ministry = Committee.objects.get(short_name="装备工业一司")

    editor_client.post(
        reverse(ADD_COMMENT_REQUEST),
        comment_request(
            proposer=ministry.pk, new_plan_number="2022-0101T-QC", new_title="汽车用灯泡"
        ),
    )

    standard = Standard.objects.get(plan_number="2022-0101T-QC")
    assert (standard.level, standard.committee) == (Standard.Level.INDUSTRY, None)


def test_without_a_plan_number_the_new_standard_takes_the_chosen_level(editor_client):
    editor_client.post(
        reverse(ADD_COMMENT_REQUEST),
        comment_request(new_title="乘用车座椅头枕", new_level="gb_t"),
    )

    assert Standard.objects.get(title="乘用车座椅头枕").level == Standard.Level.RECOMMENDED


def test_an_existing_plan_number_reuses_its_standard(editor_client):
    existing = Standard.objects.get(plan_number="20213570-T-339")
    standards = Standard.objects.count()

    response = editor_client.post(
        reverse(ADD_COMMENT_REQUEST), comment_request(new_plan_number="20213570-T-339")
    )

    assert response.status_code == 302
    assert Standard.objects.count() == standards
    assert CommentRequest.objects.filter(standard=existing).count() == 1


def test_an_existing_title_without_a_plan_number_reuses_its_standard(editor_client):
    existing = Standard.objects.get(plan_number="20213570-T-339")
    standards = Standard.objects.count()

    editor_client.post(reverse(ADD_COMMENT_REQUEST), comment_request(new_title=existing.title))

    assert Standard.objects.count() == standards
    assert existing.comment_requests.count() == 1


def test_a_chosen_standard_is_used_as_before(editor_client):
    existing = Standard.objects.get(plan_number="20213570-T-339")

    response = editor_client.post(
        reverse(ADD_COMMENT_REQUEST), comment_request(standard=existing.pk)
    )

    assert response.status_code == 302
    assert existing.comment_requests.count() == 1


def test_a_refused_form_creates_nothing_and_keeps_what_was_typed(editor_client):
    counts = Standard.objects.count(), CommentRequest.objects.count()
    typed = comment_request(
        new_plan_number="20220102-T-339",
        new_title="汽车座椅安全带提醒装置",
        period="2022.07.01-2022.08.30",
        reply_to="请回复秘书处",  # no address in it
    )

    response = editor_client.post(reverse(ADD_COMMENT_REQUEST), typed)

    assert response.status_code == 200
    assert (Standard.objects.count(), CommentRequest.objects.count()) == counts
    form = response.context["adminform"].form
    assert "reply_to" in form.errors
    for name in ("new_plan_number", "new_title", "period", "reply_to"):
        assert form[name].value() == typed[name]
        assert typed[name] in response.text


def test_a_plan_number_of_another_title_is_refused(editor_client):
    response = editor_client.post(
        reverse(ADD_COMMENT_REQUEST),
        comment_request(new_plan_number="20213570-T-339", new_title="完全不同的标准"),
    )

    assert "new_plan_number" in response.context["adminform"].form.errors
    assert not CommentRequest.objects.filter(standard__plan_number="20213570-T-339").exists()


def test_a_new_standard_without_plan_number_or_level_is_refused(editor_client):
    response = editor_client.post(
        reverse(ADD_COMMENT_REQUEST), comment_request(new_title="乘用车座椅头枕")
    )

    assert "new_level" in response.context["adminform"].form.errors
    assert not Standard.objects.filter(title="乘用车座椅头枕").exists()


def test_neither_a_standard_nor_a_new_one_is_refused(editor_client):
    response = editor_client.post(reverse(ADD_COMMENT_REQUEST), comment_request())

    assert "standard" in response.context["adminform"].form.errors


def test_the_next_request_of_a_notice_starts_with_its_proposer_and_period(editor_client):
    typed = comment_request(new_plan_number="20220101-Q-339", new_title="汽车侧面防护要求")

    response = editor_client.post(reverse(ADD_COMMENT_REQUEST), {**typed, "_addanother": "1"})
    form = editor_client.get(response["Location"]).context["adminform"].form

    assert form["proposer"].value() == str(typed["proposer"])
    assert form["period"].value() == "2022.07.01-2022.08.30"
    assert not form["new_title"].value()


def test_who_may_not_add_standards_must_choose_one(demo, client):
    user = get_user_model().objects.create_user("clerk", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__endswith="commentrequest"))
    client.force_login(user)

    response = client.post(
        reverse(ADD_COMMENT_REQUEST),
        comment_request(new_plan_number="20220101-Q-339", new_title="汽车侧面防护要求"),
    )

    assert response.status_code == 200
    assert 'name="new_title"' not in response.text
    assert not Standard.objects.filter(plan_number="20220101-Q-339").exists()


def test_a_review_creates_its_standard_in_the_review_stage(editor_client):
    committee = Committee.objects.get(short_name="车身")

    response = editor_client.post(
        reverse("admin:standards_review_add"),
        {
            "new_plan_number": "20220103-T-339",
            "new_title": "汽车车门锁及车门保持件",
            "new_work_type": "revision",
            "new_committee": committee.pk,
            "period": "6月28-30日",
        },
    )

    assert response.status_code == 302
    review = Review.objects.get(standard__plan_number="20220103-T-339")
    year = timezone.localdate().year
    assert (review.start_date, review.end_date) == (
        datetime.date(year, 6, 28),
        datetime.date(year, 6, 30),
    )
    standard = review.standard
    assert (standard.level, standard.work_type, standard.stage, standard.committee) == (
        Standard.Level.RECOMMENDED,
        Standard.WorkType.REVISION,
        Standard.Stage.REVIEW,
        committee,
    )


def test_a_stored_request_shows_its_period_in_one_box(editor_client):
    request = CommentRequest.objects.order_by("pk").first()

    response = editor_client.get(
        reverse("admin:standards_commentrequest_change", args=[request.pk])
    )

    assert response.context["adminform"].form["period"].value() == request.period_display

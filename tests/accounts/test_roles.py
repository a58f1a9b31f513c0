import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts import roles

pytestmark = pytest.mark.django_db


def user(username):
    return get_user_model().objects.get(username=username)


def test_editor_keeps_records_and_drafts_issues_but_cannot_publish(demo):
    editor = user("editor")

    assert editor.groups.get().name == "编辑"
    assert editor.has_perms(
        [
            "standards.add_standard",
            "standards.change_commentrequest",
            "meetings.change_meeting",
            "meetings.delete_meetingsection",
            "bulletin.add_newsitem",
            "bulletin.add_issue",
            "bulletin.change_issue",
        ]
    )
    assert not editor.has_perm("bulletin.publish_issue")
    assert not editor.has_perm("bulletin.approve_issue")
    assert not editor.has_perm("bulletin.delete_issue")


def test_publisher_can_do_what_editors_do_and_approve_and_publish(demo):
    publisher = user("publisher")

    assert publisher.groups.get().name == "审核"
    assert publisher.has_perms(
        ["standards.change_standard", "bulletin.approve_issue", "bulletin.publish_issue"]
    )


def test_roles_exist_after_migrate_without_demo_data():
    assert set(Group.objects.values_list("name", flat=True)) >= {"编辑", "审核"}
    assert Group.objects.get(name="审核").permissions.filter(codename="publish_issue").exists()


def test_after_migrate_the_groups_hold_every_permission_the_roles_name():
    """migrate keeps the roles in step only once every app's permissions exist: none is missing."""

    def held(name):
        permissions = Group.objects.get(name=name).permissions.select_related("content_type")
        return {(p.content_type.app_label, p.codename) for p in permissions}

    assert held(roles.EDITORS) == set(roles.editor_permission_pairs())
    assert held(roles.PUBLISHERS) == set(roles.editor_permission_pairs() + roles.PUBLISHER_EXTRA)

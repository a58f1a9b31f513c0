"""The secretariat's two roles as Django groups: editors (编辑) and publishers (审核)."""

from django.contrib.auth.models import Group, Permission

EDITORS = "编辑"
PUBLISHERS = "审核"

# Records editors keep day to day: they add, change, delete and view them.
EDITOR_RECORDS = [
    ("standards", "committee"),
    ("standards", "standard"),
    ("standards", "review"),
    ("standards", "commentrequest"),
    ("meetings", "meeting"),
    ("meetings", "meetingsection"),
    ("meetings", "meetingphoto"),
    ("meetings", "meetingattachment"),
    ("bulletin", "newsitem"),
    ("bulletin", "newsattachment"),
    # an issue's chosen entries, edited in its inlines
    ("bulletin", "issuereview"),
    ("bulletin", "issuecommentrequest"),
    ("bulletin", "issuemeeting"),
    ("bulletin", "issuenewsitem"),
]
# Editors draft issues and keep the cover's contact details, but do not delete issues.
EDITOR_EXTRA = [
    ("bulletin", "add_issue"),
    ("bulletin", "change_issue"),
    ("bulletin", "view_issue"),
    ("bulletin", "add_secretariatprofile"),
    ("bulletin", "change_secretariatprofile"),
    ("bulletin", "view_secretariatprofile"),
    # the mailings' progress and a test copy of an issue's mail, but no subscriber's address
    ("subscriptions", "view_mailing"),
]
PUBLISHER_EXTRA = [
    ("bulletin", "approve_issue"),
    ("bulletin", "publish_issue"),
    ("bulletin", "delete_issue"),
    # who subscribes (a reader who asks by mail to be removed is removed here)
    ("subscriptions", "view_subscriber"),
    ("subscriptions", "delete_subscriber"),
    ("subscriptions", "view_delivery"),
]


def _permissions(pairs):
    wanted = set(pairs)
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in wanted}
    ).select_related("content_type")
    return [p for p in found if (p.content_type.app_label, p.codename) in wanted]


def editor_permission_pairs():
    pairs = [
        (app, f"{action}_{model}")
        for app, model in EDITOR_RECORDS
        for action in ("add", "change", "delete", "view")
    ]
    return pairs + EDITOR_EXTRA


def ensure_roles():
    """Create or update both groups; returns (editors, publishers)."""
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(_permissions(editor_permission_pairs()))
    publishers, _ = Group.objects.get_or_create(name=PUBLISHERS)
    publishers.permissions.set(_permissions(editor_permission_pairs() + PUBLISHER_EXTRA))
    return editors, publishers


def ensure_roles_after_migrate(sender, **kwargs):
    ensure_roles()

"""The admin's delete page and bulk delete action, when a record may not go."""

from django.contrib import messages
from django.utils.translation import gettext_lazy as _


class ProtectedDeletionMixin:
    """Says why a delete is refused: a record carried by a published issue is protected at the
    model level (bulletin's entries), and the admin lists those issues; the way out is to make
    the record internal."""

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected:
            # Nothing of theirs would be deleted: the protected objects' own delete permission
            # (editors may not delete issues) is no reason to give, the protection is.
            perms_needed = set()
            messages.error(
                request,
                _(
                    "已发布的月报收录了所选记录，不能删除：删除会让以后的更正版静默丢失它们。"
                    "如不应再公开，请取消“公开”，改为内部记录。"
                ),
            )
        return deleted, counts, perms_needed, protected

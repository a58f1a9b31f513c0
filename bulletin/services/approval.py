"""What a publisher approves is what is published: the issue's fingerprint at approval.

# We fingerprint rather than render at approval: the published page and PDF carry the revision's
# number and publishing note, known only at publishing, so bytes rendered at approval could not be
# the published ones. The fingerprint is the SHA-256 of the document rendered from the records
# with those revision details left out — everything the reader sees, whichever record, section,
# photo, attachment, standard or profile field it comes from, and however it was changed (admin,
# import, bulk update, SQL) — and publishing renders the document from the very records it prints
# and compares. A digest per record only names what changed in the history note.
"""

import hashlib

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext_lazy as _

from ..rendering.context import document_context
from ..rendering.html import render_document

# Not printed, or changed by publishing itself: a record's change of these is no change of content.
IGNORED_FIELDS = {"version", "created_at", "updated_at", "is_public"}
# What each kind of record prints besides its own fields.
RELATED = {
    "review": ["standard", "standard__committee"],
    "commentrequest": ["standard", "proposer"],
    "meeting": ["organiser", "sections", "photos", "attachments"],
    "newsitem": ["attachments"],
}


class TooLargeToRender(Exception):
    """The issue holds more entries than a render may take (RENDER_MAX_ENTRIES)."""


def entry_count(issue):
    return sum(
        manager.count()
        for manager in (
            issue.issuereview_set,
            issue.issuecommentrequest_set,
            issue.issuemeeting_set,
            issue.issuenewsitem_set,
        )
    )


def check_size(issue):
    count = entry_count(issue)
    if count > settings.RENDER_MAX_ENTRIES:
        raise TooLargeToRender(
            _("本期收录 %(count)d 条记录，超过生成上限 %(limit)d 条，请删减条目或分期发布。")
            % {"count": count, "limit": settings.RENDER_MAX_ENTRIES}
        )


def document_hash(context):
    """The SHA-256 of the document as the context would print it, without revision details."""
    neutral = {**context, "revision": None, "pdf_url": ""}
    return hashlib.sha256(render_document(neutral).encode()).hexdigest()


def _values(obj):
    return {
        field.attname: field.value_to_string(obj)
        for field in obj._meta.concrete_fields
        if field.attname not in IGNORED_FIELDS
    }


def _follow(obj, path):
    for name in path.split("__"):
        if obj is None:
            return []
        obj = getattr(obj, name)
    if obj is None:
        return []
    return list(obj.all()) if hasattr(obj, "all") else [obj]


def record_digest(record):
    parts = [_values(record)]
    for path in RELATED.get(record._meta.model_name, []):
        parts.append({path: [_values(related) for related in _follow(record, path)]})
    encoded = DjangoJSONEncoder(sort_keys=True, ensure_ascii=False).encode(parts)
    return hashlib.sha256(encoded.encode()).hexdigest()


def records_of(context):
    """The records a document context prints, in print order."""
    for part in context["parts"]:
        for chapter in part.chapters:
            if chapter.record is not None:
                yield chapter.record
            for table in chapter.tables:
                yield from table.rows


def record_key(record):
    return f"{record._meta.label_lower}:{record.pk}"


def fingerprint(context):
    """What approval stores on the issue and publishing compares."""
    return {
        "document": document_hash(context),
        "records": {record_key(r): record_digest(r) for r in records_of(context)},
    }


def changes(approved, context):
    """None when the context prints what was approved, else the list of what changed."""
    if approved and approved.get("document") == document_hash(context):
        return None
    if not approved:
        return [str(_("批准时未记录内容指纹"))]
    before = approved.get("records", {})
    found = []
    for record in records_of(context):
        key = record_key(record)
        if before.get(key) != record_digest(record):
            found.append(f"{record._meta.verbose_name}“{record}”")
    return found or [str(_("秘书处信息或版式"))]


def approve_context(issue):
    """The context of the issue as the publisher approves it, refused when too large."""
    check_size(issue)
    return document_context(issue)

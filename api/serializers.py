"""The records as the API gives them: the fields the public pages show, and two links each.

Only relatives the lists' querysets already join (select_related, prefetch_related) are
written out, so a page of 200 rows costs the queries of a page of one.
"""

from operator import attrgetter

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.urls import reverse
from django.utils import timezone, translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject

from bulletin.models import Issue, NewsItem
from common.site_urls import absolute_url
from meetings.models import Meeting
from standards.models import CommentRequest, Committee, Standard


def site_url(path_name, **kwargs):
    """The record's page on the site, in its default language (the API has one address)."""
    with translation.override(settings.LANGUAGE_CODE):
        return absolute_url(reverse(path_name, kwargs=kwargs))


class PlannedSerializer(serializers.ModelSerializer):
    """A ModelSerializer that writes each row by a plan made once per class and process.

    DRF builds a serializer's fields anew for every response (by model introspection) and asks
    every field of every row whether it is a mapping, a callable or a pk-only relation: two
    thirds of a page's time. The plan, made from the fields once, reads a model field's value
    directly and leaves every other field to DRF's own steps; a method field is called on the
    serializer at hand. Nested serializers are the plan's own, so they must not need a context.
    tests/api/test_serializers.py compares the result with DRF's loop.
    """

    def to_representation(self, instance):
        cls = type(self)
        plan = cls.__dict__.get("_plan") or cls._make_plan()
        row = {}
        for name, value_of in plan:
            value = value_of(self, instance)
            if value is not SKIP:
                row[name] = value
        return row

    @classmethod
    def _make_plan(cls):
        model = cls.Meta.model
        plan = []
        for field in cls()._readable_fields:
            try:
                model_field = model._meta.get_field(field.source)
            except FieldDoesNotExist:
                model_field = None
            if isinstance(field, serializers.SerializerMethodField):
                value_of = _called(field.method_name)
            elif model_field is None or model_field.many_to_many or model_field.one_to_many:
                value_of = _as_drf_does(field)
            elif isinstance(field, serializers.PrimaryKeyRelatedField) and not field.pk_field:
                value_of = _read(attrgetter(model_field.attname))
            else:
                value_of = _converted(attrgetter(field.source), field.to_representation)
            plan.append((field.field_name, value_of))
        cls._plan = plan
        return plan


SKIP = object()


def _called(method_name):
    def value_of(serializer, instance):
        return getattr(serializer, method_name)(instance)

    return value_of


def _read(read):
    def value_of(serializer, instance):
        return read(instance)

    return value_of


def _converted(read, convert):
    def value_of(serializer, instance):
        value = read(instance)
        return None if value is None else convert(value)

    return value_of


def _as_drf_does(field):
    """The value as Serializer.to_representation finds it: properties, sources, PK-only."""

    def value_of(serializer, instance):
        try:
            attribute = field.get_attribute(instance)
        except SkipField:
            return SKIP
        blank = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
        return None if blank is None else field.to_representation(attribute)

    return value_of


LINKS = inline_serializer(
    "Links",
    {
        "html": serializers.URLField(help_text="The record's public page."),
        "self": serializers.URLField(help_text="This record in the API."),
    },
)


class RecordSerializer(PlannedSerializer):
    """A record with its links; `html_detail` and `api_detail` name its two pages' URLs, each
    taking the record's key as `pk` and `key`."""

    links = serializers.SerializerMethodField()
    html_detail = api_detail = ""

    @extend_schema_field(LINKS)
    def get_links(self, record):
        html, api = self.link_patterns()
        key = str(self.key_of(record))
        return {"html": key.join(html), "self": key.join(api)}

    def link_patterns(self):
        """Both URLs around the key, reversed once for the whole page: two reverse() a row
        were a third of the time a page of 50 took."""
        root = self.root
        if not hasattr(root, "_link_patterns"):
            root._link_patterns = (
                self.pattern(self.html_detail, "pk"),
                self.pattern(self.api_detail, "key"),
            )
        return root._link_patterns

    def pattern(self, url_name, kwarg):
        return tuple(site_url(url_name, **{kwarg: KEY_SENTINEL}).split(str(KEY_SENTINEL)))

    def key_of(self, record):
        return record.pk


# A key no record has, as reversed and then cut out of its URL (once: every URL has one key).
KEY_SENTINEL = 987654321987


class CommitteeRefSerializer(PlannedSerializer):
    class Meta:
        model = Committee
        fields = ["id", "name", "short_name", "code"]


class CommitteeSerializer(RecordSerializer):
    api_detail = "api:committee-detail"
    html_detail = "standards:committee-detail"

    class Meta:
        model = Committee
        fields = ["id", "name", "short_name", "code", "kind", "parent", "links"]


class StandardSerializer(RecordSerializer):
    api_detail = "api:standard-detail"
    html_detail = "standards:standard-detail"
    committee = CommitteeRefSerializer(allow_null=True)

    class Meta:
        model = Standard
        fields = [
            "id",
            "plan_number",
            "number",
            "title",
            "english_title",
            "level",
            "work_type",
            "stage",
            "committee",
            "adopted_international",
            "updated_at",
            "links",
        ]


class StandardRefSerializer(PlannedSerializer):
    class Meta:
        model = Standard
        fields = ["id", "plan_number", "number", "title", "level", "committee"]


class CommentRequestSerializer(RecordSerializer):
    api_detail = "api:commentrequest-detail"
    html_detail = "standards:commentrequest-detail"
    standard = StandardRefSerializer()
    proposer = CommitteeRefSerializer(allow_null=True)
    status = serializers.SerializerMethodField()
    reply_to_addresses = serializers.ListField(child=serializers.EmailField())
    # Empty when there is none: a blank URLField's schema (a URI, or a string of length 0) has
    # the empty string match both of its oneOf.
    link = serializers.CharField(help_text="The full text's address, or empty.")

    class Meta:
        model = CommentRequest
        fields = [
            "id",
            "standard",
            "proposer",
            "start_date",
            "end_date",
            "status",
            "reply_to",
            "reply_to_addresses",
            "link",
            "links",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=CommentRequest.Status.choices))
    def get_status(self, comment_request):
        root = self.root
        if not hasattr(root, "_today"):
            root._today = timezone.localdate()  # once a page: a time zone lookup a row
        return comment_request.status_on(root._today)


class MeetingSerializer(RecordSerializer):
    api_detail = "api:meeting-detail"
    html_detail = "meetings:meeting-detail"
    organiser = CommitteeRefSerializer()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "title",
            "organiser",
            "start_date",
            "end_date",
            "mode",
            "city",
            "venue",
            "participant_count",
            "participant_count_qualifier",
            "participant_unit",
            "participant_role",
            "summary",
            "links",
        ]


class NewsItemSerializer(RecordSerializer):
    api_detail = "api:newsitem-detail"
    html_detail = "bulletin:newsitem-detail"
    source_url = serializers.CharField(help_text="The source's address, or empty.")

    class Meta:
        model = NewsItem
        fields = ["id", "title", "date", "region", "source", "source_url", "body", "links"]


REVISION = inline_serializer(
    "IssueRevision",
    {
        "number": serializers.IntegerField(),
        "note": serializers.CharField(),
        "published_at": serializers.DateTimeField(),
        "html": serializers.URLField(),
        "pdf": serializers.URLField(),
    },
    many=True,
)


class IssueSerializer(RecordSerializer):
    api_detail = "api:issue-detail"
    key = serializers.SerializerMethodField(help_text="The issue's key in the API: 2022-07.")
    highlights = serializers.ListField(child=serializers.CharField(), source="highlight_list")
    revisions = serializers.SerializerMethodField()
    pdf = serializers.SerializerMethodField()

    class Meta:
        model = Issue
        fields = ["key", "year", "month", "number", "highlights", "pdf", "revisions", "links"]

    @extend_schema_field(LINKS)
    def get_links(self, issue):
        # A few issues a page, each under its year and month.
        return {
            "html": site_url("bulletin:issue", year=issue.year, month=issue.month),
            "self": site_url("api:issue-detail", key=issue.slug),
        }

    @extend_schema_field(OpenApiTypes.STR)
    def get_key(self, issue):
        return issue.slug

    @extend_schema_field(OpenApiTypes.URI)
    def get_pdf(self, issue):
        return site_url("bulletin:issue_pdf", year=issue.year, month=issue.month)

    @extend_schema_field(REVISION)
    def get_revisions(self, issue):
        at = {"year": issue.year, "month": issue.month}
        return [
            {
                "number": revision.number,
                "note": revision.note,
                "published_at": serializers.DateTimeField().to_representation(
                    revision.published_at
                ),
                "html": site_url("bulletin:revision", number=revision.number, **at),
                "pdf": site_url("bulletin:revision_pdf", number=revision.number, **at),
            }
            for revision in issue.published_revisions
        ]

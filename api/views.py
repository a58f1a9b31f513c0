"""The public lists as JSON: each endpoint takes its list view's queryset and FilterSet as they
are, so the API and the page answer a filter with the same rows in the same order."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets
from rest_framework.throttling import AnonRateThrottle

from bulletin.views import IssueListView, NewsItemListView
from common.security import client_ip
from meetings.views import MeetingListView
from standards.views import CommentRequestListView, CommitteeListView, StandardListView

from . import serializers
from .pagination import ListCursorPagination


class ApiRateThrottle(AnonRateThrottle):
    """API_RATE requests per client (by the address common.security trusts), in the default
    cache; no limit when it is empty."""

    scope = "api"

    def get_rate(self):
        return settings.API_RATE or None

    def get_ident(self, request):
        return client_ip(request)


class PublicListViewSet(viewsets.ReadOnlyModelViewSet):
    list_view = None
    filter_backends = [DjangoFilterBackend]
    pagination_class = ListCursorPagination
    throttle_classes = [ApiRateThrottle]
    lookup_url_kwarg = "key"
    lookup_value_regex = "[0-9]+"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.filterset_class = cls.list_view.filterset_class

    def get_queryset(self):
        return self.list_view.queryset.all()


class StandardViewSet(PublicListViewSet):
    """Standards and standard projects, as the public list of standards shows them."""

    list_view = StandardListView
    serializer_class = serializers.StandardSerializer


class CommentRequestViewSet(PublicListViewSet):
    """Drafts open (or once open) for public comment, as the public list shows them."""

    list_view = CommentRequestListView
    serializer_class = serializers.CommentRequestSerializer


class CommitteeViewSet(PublicListViewSet):
    """Technical committees, their sub-committees and groups, and the external bodies."""

    list_view = CommitteeListView
    serializer_class = serializers.CommitteeSerializer


class MeetingViewSet(PublicListViewSet):
    """Meetings, as the public list of meetings shows them."""

    list_view = MeetingListView
    serializer_class = serializers.MeetingSerializer


class NewsItemViewSet(PublicListViewSet):
    """Industry news, as the public list of news shows them."""

    list_view = NewsItemListView
    serializer_class = serializers.NewsItemSerializer


class IssueViewSet(PublicListViewSet):
    """Published monthly bulletins, each with its published revisions; its key is YYYY-MM."""

    list_view = IssueListView
    serializer_class = serializers.IssueSerializer
    lookup_value_regex = r"[0-9]{4}-[0-9]{2}"

    def get_object(self):
        year, month = self.kwargs["key"].split("-")
        return get_object_or_404(self.get_queryset(), year=int(year), month=int(month))


ENDPOINTS = [
    # (what it holds, the endpoint's URL name, the list's download URL name)
    (view.queryset.model._meta.verbose_name_plural, f"api:{name}-list", view.export_url_name)
    for name, view in [
        ("standard", StandardListView),
        ("commentrequest", CommentRequestListView),
        ("meeting", MeetingListView),
        ("newsitem", NewsItemListView),
        ("issue", IssueListView),
        ("committee", CommitteeListView),
    ]
]


class IndexView(TemplateView):
    """What the API offers, its documentation and the full downloads of every list."""

    template_name = "api/index.html"
    extra_context = {"endpoints": ENDPOINTS}

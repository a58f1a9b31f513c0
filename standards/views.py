from django.views.generic import DetailView

from common.views import PublicListView

from .filters import CommentRequestFilter, CommitteeFilter, StandardFilter
from .models import CommentRequest, Committee, Standard
from .resources import CommentRequestResource, CommitteeResource, StandardResource


class StandardListView(PublicListView):
    queryset = Standard.objects.published().select_related("committee")
    filterset_class = StandardFilter
    resource_class = StandardResource
    export_filename = "standards"
    export_url_name = "standards:standard-export"


class StandardDetailView(DetailView):
    queryset = Standard.objects.published().select_related("committee")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            reviews=self.object.reviews.all(),
            comment_requests=self.object.comment_requests.published().select_related("proposer"),
            **kwargs,
        )


class CommentRequestListView(PublicListView):
    queryset = (
        CommentRequest.objects.published()
        .select_related("standard__committee", "proposer")
        .order_by("-end_date", "pk")
    )
    filterset_class = CommentRequestFilter
    resource_class = CommentRequestResource
    export_filename = "comment-requests"
    export_url_name = "standards:commentrequest-export"
    extra_context = {"states": CommentRequest.STATES}


class CommentRequestDetailView(DetailView):
    queryset = CommentRequest.objects.published().select_related("standard__committee", "proposer")


class CommitteeListView(PublicListView):
    queryset = Committee.objects.select_related("parent")
    filterset_class = CommitteeFilter
    resource_class = CommitteeResource
    paginate_by = 50
    export_filename = "committees"
    export_url_name = "standards:committee-export"


class CommitteeDetailView(DetailView):
    """A committee with the latest of its standards, comment requests and meetings.

    A sub-committee keeps thousands of standards; the page shows the latest few of each kind and
    links to the list filtered to the committee for the rest.
    """

    queryset = Committee.objects.select_related("parent")
    shown = 10

    def get_context_data(self, **kwargs):
        committee = self.object
        standards = committee.standards.published()
        comment_requests = committee.comment_requests.published().select_related("standard")
        return super().get_context_data(
            children=committee.children.all(),
            standards=standards[: self.shown],
            standards_total=standards.count(),
            comment_requests=comment_requests.order_by("-start_date", "-pk")[: self.shown],
            comment_requests_total=comment_requests.count(),
            shown=self.shown,
            **kwargs,
        )

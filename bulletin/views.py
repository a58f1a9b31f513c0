"""The issues archive, published issues and news."""

import hashlib
import io

from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from common.site_urls import page_links
from common.views import PublicListView

from .filters import IssueFilter, NewsItemFilter
from .models import Issue, IssueRevision, NewsItem
from .rendering.html import document_csp
from .resources import IssueResource, NewsItemResource


def published_issues():
    latest_first = IssueRevision.objects.order_by("-number")
    return Issue.objects.published().prefetch_related(
        Prefetch("revisions", queryset=latest_first, to_attr="published_revisions")
    )


class IssueListView(PublicListView):
    queryset = published_issues()
    filterset_class = IssueFilter
    resource_class = IssueResource
    paginate_by = 120
    export_filename = "issues"
    export_url_name = "bulletin:issue-export"


class NewsItemListView(PublicListView):
    queryset = NewsItem.objects.published()
    filterset_class = NewsItemFilter
    resource_class = NewsItemResource
    export_filename = "news"
    export_url_name = "bulletin:newsitem-export"


class NewsItemDetailView(DetailView):
    queryset = NewsItem.objects.published()


# Published issues are served from the files frozen at publishing, never re-rendered: only the
# page's own addresses are added to its head.


def _revision(year, month, number=None):
    revisions = IssueRevision.objects.filter(issue__year=year, issue__month=month)
    if number is None:
        revision = revisions.order_by("-number").first()
        if revision is None:
            raise Http404
        return revision
    return get_object_or_404(revisions, number=number)


@require_safe
@document_csp
def issue_page(request, year, month, number=None):
    revision = _revision(year, month, number)
    with revision.html.open("rb") as file:
        document = file.read()
    # The page's addresses are named as it is served, not frozen in the file: they depend on
    # the language prefix it is asked under and on SITE_URL, which may change after publishing.
    links = render_to_string("includes/page_links.html", page_links(request.path)).encode()
    document = document.replace(b"</head>", links + b"</head>", 1)
    response = FileResponse(io.BytesIO(document), content_type="text/html; charset=utf-8")
    response["ETag"] = f'"{revision.html_sha256}-{hashlib.sha256(links).hexdigest()[:16]}"'
    return response


@require_safe
def issue_pdf(request, year, month, number=None):
    revision = _revision(year, month, number)
    response = FileResponse(
        revision.pdf.open("rb"), content_type="application/pdf", filename=revision.pdf_filename
    )
    response["ETag"] = f'"{revision.pdf_sha256}"'
    return response

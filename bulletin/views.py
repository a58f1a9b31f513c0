"""Published issues, served from the files frozen at publishing, never re-rendered."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from .models import IssueRevision


def _revision(year, month, number=None):
    revisions = IssueRevision.objects.filter(issue__year=year, issue__month=month)
    if number is None:
        revision = revisions.order_by("-number").first()
        if revision is None:
            raise Http404
        return revision
    return get_object_or_404(revisions, number=number)


@require_GET
def issue_page(request, year, month, number=None):
    revision = _revision(year, month, number)
    response = FileResponse(revision.html.open("rb"), content_type="text/html; charset=utf-8")
    response["ETag"] = f'"{revision.html_sha256}"'
    return response


@require_GET
def issue_pdf(request, year, month, number=None):
    revision = _revision(year, month, number)
    response = FileResponse(
        revision.pdf.open("rb"), content_type="application/pdf", filename=revision.pdf_filename
    )
    response["ETag"] = f'"{revision.pdf_sha256}"'
    return response

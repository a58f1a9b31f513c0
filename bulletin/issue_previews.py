"""The issue's previews in the admin: its page and PDF from the live records, bounded."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from . import services
from .models import RenderJob
from .rendering.html import document_csp, render_html
from .rendering.pdf import render_pdf
from .rendering.worker import RenderFailed


class IssuePreviewMixin:
    """Views of IssueAdmin; `_get_issue` checks the permission."""

    @method_decorator(document_csp)
    def preview_view(self, request, pk):
        issue = self._get_issue(request, pk, self.has_view_permission)
        try:
            services.check_size(issue)
        except services.TooLargeToRender as refusal:
            messages.error(request, str(refusal))
            return redirect("admin:bulletin_issue_change", issue.pk)
        pdf_url = reverse("admin:bulletin_issue_preview_pdf", args=[issue.pk])
        return HttpResponse(render_html(issue, pdf_url=pdf_url))

    def preview_pdf_view(self, request, pk):
        """The PDF from the live records; a large issue's is rendered by the worker instead."""
        issue = self._get_issue(request, pk, self.has_view_permission)
        try:
            services.check_size(issue)
            if services.entry_count(issue) > settings.RENDER_PREVIEW_BACKGROUND_ENTRIES:
                services.queue_preview(issue, request.user)
                messages.info(
                    request, _("本期条目较多，PDF 预览已转入后台生成；完成后在“生成任务”中下载。")
                )
                return redirect("admin:bulletin_issue_change", issue.pk)
            pdf = render_pdf(issue)
        except (services.TooLargeToRender, services.PreviewRunning, RenderFailed) as failure:
            messages.error(request, str(failure))
            return redirect("admin:bulletin_issue_change", issue.pk)
        return self._pdf_response(pdf, issue)

    def preview_job_view(self, request, pk, job):
        issue = self._get_issue(request, pk, self.has_view_permission)
        job = get_object_or_404(
            issue.render_jobs,
            pk=job,
            kind=RenderJob.Kind.PREVIEW,
            status=RenderJob.Status.SUCCEEDED,
        )
        return self._pdf_response(bytes(job.preview_pdf), issue)

    def _pdf_response(self, pdf, issue):
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="preview-{issue.slug}.pdf"'
        return response

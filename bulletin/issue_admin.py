"""The issue in the admin: its window, its chosen entries, previews and the review workflow."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from common.admin import NoticeDateAdminMixin, VersionedAdminMixin, stale_message
from common.models import StaleRecordError

from . import services
from .entry_admin import (
    IssueCommentRequestInline,
    IssueMeetingInline,
    IssueNewsItemInline,
    IssueReviewInline,
)
from .issue_previews import IssuePreviewMixin
from .models import Issue, RenderJob


class IssueForm(forms.ModelForm):
    class Meta:
        model = Issue
        fields = [
            "year",
            "month",
            "number",
            "coverage_start",
            "coverage_end",
            "recent_until",
            "highlights",
        ]
        widgets = {"highlights": forms.Textarea(attrs={"rows": 4})}


class IssueAdmin(IssuePreviewMixin, NoticeDateAdminMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    form = IssueForm
    change_form_template = "admin/bulletin/issue/change_form.html"
    list_display = ["__str__", "number", "status", "window", "published_revisions", "updated_at"]
    list_filter = ["status", "year"]
    search_fields = ["highlights"]
    inlines = [
        IssueReviewInline,
        IssueCommentRequestInline,
        IssueMeetingInline,
        IssueNewsItemInline,
    ]
    fieldsets = [
        (None, {"fields": [("year", "month", "number"), "highlights"]}),
        (
            _("覆盖期"),
            {
                "fields": [("coverage_start", "coverage_end", "recent_until"), "drafting_window"],
                "description": _(
                    "“从记录起草”收录覆盖期内的标准审查与会议，以及上一期截至日次日（没有上一期时"
                    "为覆盖期开始）至本期截至日的征求意见与行业资讯；已被其他月报收录的记录不再"
                    "列入，可以手动添加。再次起草只添加新记录，您删去的条目不会回来。"
                ),
            },
        ),
        (
            _("审核与发布"),
            {"fields": ["workflow_log", "render_state", "revisions_display"]},
        ),
    ]
    readonly_fields = ["drafting_window", "workflow_log", "render_state", "revisions_display"]

    def has_change_permission(self, request, obj=None):
        # Only a draft is edited; in review and after, the workflow buttons change it.
        if obj is not None and not obj.is_editable:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.revisions.exists():
            return False
        return super().has_delete_permission(request, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("revisions")

    def view_on_site(self, issue):
        """ "在站点上查看" only once the issue has a public page; a draft has its previews."""
        if Issue.objects.published().filter(pk=issue.pk).exists():
            return issue.get_absolute_url()
        return None

    # Columns and read-only fields --------------------------------------------------------

    @admin.display(description=_("覆盖期"))
    def window(self, issue):
        if not issue.coverage_start:
            return "—"
        return f"{issue.coverage_start:%Y.%m.%d}-{issue.coverage_end:%Y.%m.%d}"

    @admin.display(description=_("起草收录范围"))
    def drafting_window(self, issue):
        if not issue.pk:
            return _("保存后按年月与覆盖期计算。")
        previous = issue.previous()
        if previous is None:
            continued = _("没有上一期，自覆盖期开始")
        else:
            continued = _("接续上一期 %(issue)s，其截至日为 %(day)s") % {
                "issue": previous,
                "day": localize(previous.recent_until),
            }
        return format_html(
            "{}：{} – {}<br>{}：{} – {}（{}）",
            _("标准审查与会议"),
            localize(issue.coverage_start),
            localize(issue.coverage_end),
            _("征求意见与行业资讯"),
            localize(issue.recent_start()),
            localize(issue.recent_until),
            continued,
        )

    @admin.display(description=_("已发布版本"))
    def published_revisions(self, issue):
        return len(issue.revisions.all()) or "—"

    @admin.display(description=_("流程记录"))
    def workflow_log(self, issue):
        if not issue.pk:
            return "—"
        rows = []
        previous = None
        for record in issue.history.order_by("history_date", "history_id"):
            if previous is not None and record.status != previous:
                rows.append(
                    (
                        localize(localtime(record.history_date)),
                        record.history_user or "—",
                        Issue.Status(previous).label,
                        Issue.Status(record.status).label,
                        record.history_change_reason or "",
                    )
                )
            previous = record.status
        if not rows:
            return _("尚未提交审核。")
        return format_html(
            "<table class='workflow-log'>{}</table>",
            format_html_join(
                "",
                "<tr><td>{}</td><td>{}</td><td>{} → {}</td><td>{}</td></tr>",
                reversed(rows),
            ),
        )

    @admin.display(description=_("生成任务"))
    def render_state(self, issue):
        jobs = (
            [
                issue.render_jobs.filter(kind=kind).defer("preview_pdf").first()
                for kind in RenderJob.Kind.values
            ]
            if issue.pk
            else []
        )
        lines = [self._job_line(job) for job in jobs if job is not None]
        return format_html_join("", "<p>{}</p>", ((line,) for line in lines)) if lines else "—"

    def _job_line(self, job):
        text = format_html(
            "{}：{}（{}）",
            job.get_kind_display(),
            job.get_status_display(),
            localize(localtime(job.created_at)),
        )
        if job.error:
            return format_html("{}<br><code>{}</code>", text, job.error)
        if job.kind == RenderJob.Kind.PREVIEW and job.status == RenderJob.Status.SUCCEEDED:
            url = reverse("admin:bulletin_issue_preview_job", args=[job.issue_id, job.pk])
            return format_html("{} · <a href='{}'>{}</a>", text, url, _("下载预览 PDF"))
        return text

    @admin.display(description=_("发布版本"))
    def revisions_display(self, issue):
        if not issue.pk or not issue.revisions.exists():
            return "—"
        return format_html_join(
            "",
            "<p>第 {} 版 · {} · {} · <a href='{}'>网页</a> · <a href='{}'>PDF</a><br>"
            "<small>PDF SHA-256 <code>{}</code></small>{}</p>",
            (
                (
                    revision.number,
                    localize(localtime(revision.published_at)),
                    revision.published_by or "—",
                    revision.get_absolute_url(),
                    revision.get_pdf_url(),
                    revision.pdf_sha256,
                    format_html("<br>{}", revision.note) if revision.note else "",
                )
                for revision in issue.revisions.order_by("-number")
            ),
        )

    # Buttons -----------------------------------------------------------------------------

    def get_urls(self):
        def route(pattern, view, name):
            return path(pattern, self.admin_site.admin_view(view), name=f"bulletin_issue_{name}")

        return [
            route("<int:pk>/draft/", self.draft_view, "draft"),
            route("<int:pk>/preview/", self.preview_view, "preview"),
            route("<int:pk>/preview/pdf/", self.preview_pdf_view, "preview_pdf"),
            route("<int:pk>/preview/jobs/<int:job>/", self.preview_job_view, "preview_job"),
            route("<int:pk>/workflow/<str:name>/", self.transition_view, "transition"),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["transitions"] = services.available_transitions(obj, request.user)
            context["can_draft"] = obj.is_editable and super().has_change_permission(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _get_issue(self, request, pk, permission):
        issue = get_object_or_404(Issue, pk=pk)
        if not permission(request, issue):
            raise PermissionDenied
        return issue

    def draft_view(self, request, pk):
        if request.method != "POST":
            raise Http404
        issue = self._get_issue(request, pk, super().has_change_permission)
        try:
            added = services.draft_from_records(issue, request.user)
        except services.TransitionRefused as refusal:
            messages.error(request, str(refusal))
        except StaleRecordError:
            messages.error(request, stale_message(issue))
        else:
            total = sum(added.values())
            messages.success(
                request,
                ngettext(
                    "从记录起草：新增 %(count)d 条。",
                    "从记录起草：新增 %(count)d 条。",
                    total,
                )
                % {"count": total}
                + " "
                + "，".join(
                    f"{model._meta.verbose_name} {count}" for model, count in added.items()
                ),
            )
        return redirect("admin:bulletin_issue_change", issue.pk)

    def transition_view(self, request, pk, name):
        step = services.TRANSITIONS.get(name)
        if step is None:
            raise Http404
        issue = self._get_issue(request, pk, self.has_view_permission)
        if not request.user.has_perm(step.permission):
            raise PermissionDenied
        form = TransitionForm(request.POST or None, note_required=step.note_required)
        if request.method == "POST" and form.is_valid():
            try:
                outcome = services.transition(issue, name, request.user, form.cleaned_data["note"])
            except services.TransitionRefused as refusal:
                messages.error(request, str(refusal))
            except StaleRecordError:
                messages.error(request, stale_message(issue))
            else:
                messages.success(request, self._transition_message(step, outcome))
            return redirect("admin:bulletin_issue_change", issue.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"{step.label}：{issue}",
            "issue": issue,
            "step": step,
            "form": form,
            "opts": self.opts,
            "original": issue,
        }
        return TemplateResponse(request, "admin/bulletin/issue/transition.html", context)

    def _transition_message(self, step, outcome):
        if step is services.PUBLISH:
            if outcome.revision_id:
                return _("已发布第 %(number)d 版。") % {"number": outcome.revision.number}
            return _("已开始生成发布文件，完成后本期即为已发布。")
        return _("已%(action)s。") % {"action": step.label}


class TransitionForm(forms.Form):
    note = forms.CharField(
        label=_("说明"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, note_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = note_required

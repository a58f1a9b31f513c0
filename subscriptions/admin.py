"""The subscriptions in the admin: readers (their addresses for staff allowed to view them),
the mailings with their progress, and a test copy of an issue's mail for its editor."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from bulletin.models import Issue, IssueRevision

from .models import Delivery, FilterSubscription, Mailing, Subscriber
from .tasks import send_test_copy


class FilterSubscriptionInline(admin.TabularInline):
    model = FilterSubscription
    extra = 0
    fields = ["query", "created_at"]
    readonly_fields = ["created_at"]


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "language",
        "wants_issues",
        "reminder_days",
        "confirmed_at",
        "unsubscribed_at",
    ]
    list_filter = [
        "language",
        "wants_issues",
        "reminder_days",
        ("confirmed_at", admin.EmptyFieldListFilter),
        ("unsubscribed_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["email"]
    readonly_fields = ["token", "created_at", "confirmed_at", "unsubscribed_at"]
    exclude = []
    inlines = [FilterSubscriptionInline]


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    fields = ["subscriber", "status", "attempts", "smtp_response", "sent_at"]
    readonly_fields = fields
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # Each row names an address: only staff allowed to see the subscribers see them.
        return request.user.has_perm("subscriptions.view_subscriber")


class TestCopyForm(forms.Form):
    issue = forms.ModelChoiceField(
        label=_("月报"), queryset=Issue.objects.order_by("-year", "-month")
    )
    language = forms.ChoiceField(label=_("语言"), choices=Subscriber.Language.choices)


@admin.register(Mailing)
class MailingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "progress", "failed", "created_at", "finished_at"]
    list_filter = ["kind"]
    readonly_fields = [
        "kind",
        "revision",
        "day",
        "total",
        "sent",
        "failed",
        "created_at",
        "finished_at",
    ]
    inlines = [DeliveryInline]
    change_list_template = "admin/subscriptions/mailing/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("进度"))
    def progress(self, mailing):
        return _("%(sent)d / %(total)d") % {"sent": mailing.sent, "total": mailing.total}

    def get_urls(self):
        return [
            path(
                "test-copy/",
                self.admin_site.admin_view(self.test_copy_view),
                name="subscriptions_mailing_test_copy",
            ),
            *super().get_urls(),
        ]

    def test_copy_view(self, request):
        """Send an issue's mail, as subscribers will get it, to the editor's own address."""
        if not request.user.has_perm("bulletin.view_issue"):
            raise PermissionDenied
        form = TestCopyForm(request.POST or None, initial={"issue": request.GET.get("issue")})
        if request.method == "POST" and form.is_valid():
            if not request.user.email:
                messages.error(request, _("您的账号没有邮箱地址，无法发送测试邮件。"))
            else:
                issue = form.cleaned_data["issue"]
                revision = issue.revisions.first() or IssueRevision(
                    issue=issue, number=issue.next_revision_number()
                )
                send_test_copy(issue, revision, request.user.email, form.cleaned_data["language"])
                messages.success(
                    request,
                    _("测试邮件已发送至 %(email)s。") % {"email": request.user.email},
                )
                return redirect(reverse("admin:subscriptions_mailing_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("发送测试邮件"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/subscriptions/mailing/test_copy.html", context)

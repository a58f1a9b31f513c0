"""The home page: the latest issue and what is new in each app below."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from bulletin.models import NewsItem
from bulletin.views import published_issues
from meetings.models import Meeting
from standards.models import CommentRequest


@require_safe
def home(request):
    today = timezone.localdate()
    return render(
        request,
        "website/home.html",
        {
            "latest_issue": published_issues().first(),
            "closing_soon": CommentRequest.objects.published()
            .open_on(today)
            .select_related("standard", "proposer")
            .order_by("end_date", "pk")[:8],
            "recent_meetings": Meeting.objects.published()
            .select_related("organiser")
            .order_by("-start_date", "-pk")[:5],
            "latest_news": NewsItem.objects.published()[:5],
            "today": today,
        },
    )

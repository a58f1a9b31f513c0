from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter()
router.register("standards", views.StandardViewSet, basename="standard")
router.register("comment-requests", views.CommentRequestViewSet, basename="commentrequest")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("news", views.NewsItemViewSet, basename="newsitem")
router.register("issues", views.IssueViewSet, basename="issue")
router.register("committees", views.CommitteeViewSet, basename="committee")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI's start-up script as a file of its own: the site's CSP runs no inline script.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/docs.html"),
        name="docs",
    ),
]

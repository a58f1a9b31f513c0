from django.urls import path

from . import views

app_name = "bulletin"

urlpatterns = [
    path("issues/<int:year>/<int:month>/", views.issue_page, name="issue"),
    path("issues/<int:year>/<int:month>/pdf/", views.issue_pdf, name="issue_pdf"),
    path("issues/<int:year>/<int:month>/r<int:number>/", views.issue_page, name="revision"),
    path("issues/<int:year>/<int:month>/r<int:number>/pdf/", views.issue_pdf, name="revision_pdf"),
]

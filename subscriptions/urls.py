from django.urls import path

from . import views

app_name = "subscriptions"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("sent/", views.sent, name="sent"),
    path("confirm/<str:signed>/", views.confirm, name="confirm"),
    path("manage/<str:signed>/", views.manage, name="manage"),
    path("unsubscribe/<str:signed>/", views.unsubscribe, name="unsubscribe"),
]

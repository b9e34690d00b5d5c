from django.contrib import admin
from django.urls import include, path

from events.views.public import health, home

urlpatterns = [
    path("", home, name="home"),
    path("healthz", health, name="health"),
    path("accounts/", include("accounts.urls")),
    path("", include("events.urls")),
    path("admin/", admin.site.urls),
]

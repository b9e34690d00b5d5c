from django.contrib import admin
from django.urls import include, path

from events.views.public import home

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("", include("events.urls")),
    path("admin/", admin.site.urls),
]

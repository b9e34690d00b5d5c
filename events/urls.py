from django.urls import path

from .views import organizer, public

app_name = "events"

urlpatterns = [
    path("mine/", organizer.my_events, name="my_events"),
    path("new/", organizer.register, name="register"),
    path("<int:pk>/", public.public_event, name="public"),
    path("<int:pk>/manage/", organizer.detail, name="detail"),
    path("<int:pk>/edit/", organizer.edit, name="edit"),
    path("<int:pk>/cancel/", organizer.cancel, name="cancel"),
]

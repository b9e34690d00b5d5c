"""Pages anyone may see."""

from django.shortcuts import get_object_or_404, render

from ..models import Event


def home(request):
    return render(request, "home.html")


def public_event(request, pk):
    event = get_object_or_404(Event.objects.public().for_listing(), pk=pk)
    return render(request, "events/public_event.html", {"event": event})

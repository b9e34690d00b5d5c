"""RSS and Atom feeds of upcoming public events, per community and per state."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .models import Community
from .states import State
from .templatetags.events_tags import event_date, event_times
from .views.public import upcoming_public

FEED_LIMIT = 100


class _UpcomingEventsFeed(Feed):
    description_template = None

    def item_title(self, event):
        return event.title

    def item_description(self, event):
        activities = ", ".join(activity.name for activity in event.activities.all())
        parts = [
            f"{event_date(event)}, {event_times(event)}",
            ", ".join(filter(None, [event.venue_name, event.public_address, event.city])),
            activities,
            event.description,
        ]
        return "\n".join(part for part in parts if part)

    def item_link(self, event):
        return event.get_public_url()

    def item_pubdate(self, event):
        return event.created_at

    def item_updateddate(self, event):
        return event.updated_at


class CommunityFeed(_UpcomingEventsFeed):
    def get_object(self, request, pk):
        return get_object_or_404(Community, pk=pk)

    def title(self, community):
        return _("National Night Out events in %(place)s") % {"place": community}

    def link(self, community):
        query = urlencode({"city": community.name, "state": community.state, "date": ""})
        return f"{reverse('events:find')}?{query}"

    def description(self, community):
        return _("Upcoming approved public events in %(place)s, soonest first.") % {
            "place": community
        }

    def items(self, community):
        return upcoming_public(community=community)[:FEED_LIMIT]


class CommunityAtomFeed(CommunityFeed):
    feed_type = Atom1Feed
    subtitle = CommunityFeed.description


class StateFeed(_UpcomingEventsFeed):
    def get_object(self, request, state):
        if state not in State.values:
            raise Http404
        return state

    def title(self, state):
        return _("National Night Out events in %(place)s") % {"place": State(state).label}

    def link(self, state):
        return f"{reverse('events:find')}?{urlencode({'state': state, 'date': ''})}"

    def description(self, state):
        return _("Upcoming approved public events in %(place)s, soonest first.") % {
            "place": State(state).label
        }

    def items(self, state):
        return upcoming_public(state=state)[:FEED_LIMIT]


class StateAtomFeed(StateFeed):
    feed_type = Atom1Feed
    subtitle = StateFeed.description

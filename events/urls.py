from django.urls import path

from .feeds import CommunityAtomFeed, CommunityFeed, StateAtomFeed, StateFeed
from .public_cache import public_page
from .views import agency, community, dashboard, liaison, organizer, plan, public, report, visits

app_name = "events"

urlpatterns = [
    # Organizers
    path("events/mine/", organizer.my_events, name="my_events"),
    path("events/new/", organizer.register, name="register"),
    path("events/<int:pk>/", public.public_event, name="public"),
    path("events/<int:pk>/event.ics", public.event_ics, name="event_ics"),
    path("events/<int:pk>/flyer/", public.flyer, name="flyer"),
    path("events/<int:pk>/qr.svg", public.qr_code, name="qr_code"),
    path("events/<int:pk>/manage/", organizer.detail, name="detail"),
    path("events/<int:pk>/edit/", organizer.edit, name="edit"),
    path("events/<int:pk>/cancel/", organizer.cancel, name="cancel"),
    path("events/<int:pk>/report/", report.report, name="report"),
    path("events/<int:pk>/agencies/", visits.pick_agencies, name="pick_agencies"),
    path(
        "events/<int:pk>/agencies/<int:agency_pk>/ask/",
        visits.request_agency,
        name="request_agency",
    ),
    path(
        "events/<int:pk>/requests/<int:visit_pk>/withdraw/",
        visits.withdraw,
        name="withdraw_request",
    ),
    # Public discovery
    path("find/", public.find, name="find"),
    path("find/events.geojson", public.geojson, name="geojson"),
    path("embed/communities/<int:pk>/", public.embed, name="embed"),
    path("feeds/communities/<int:pk>/events.ics", public.community_ics, name="community_ics"),
    path("feeds/communities/<int:pk>/rss/", public_page(CommunityFeed()), name="community_rss"),
    path(
        "feeds/communities/<int:pk>/atom/", public_page(CommunityAtomFeed()), name="community_atom"
    ),
    path("feeds/states/<str:state>/events.ics", public.state_ics, name="state_ics"),
    path("feeds/states/<str:state>/rss/", public_page(StateFeed()), name="state_rss"),
    path("feeds/states/<str:state>/atom/", public_page(StateAtomFeed()), name="state_atom"),
    # Communities and their municipal admins
    path("communities/", community.my_communities, name="my_communities"),
    path("communities/ask/", community.ask_role, name="ask_role"),
    path("communities/<int:pk>/", community.community_events, name="community_events"),
    path("communities/<int:pk>/review/", community.review_queue, name="review_queue"),
    path("communities/<int:pk>/agencies/", community.community_agencies, name="community_agencies"),
    path("communities/<int:pk>/export.csv", community.community_csv, name="community_csv"),
    path("communities/<int:pk>/settings/", community.community_settings, name="community_settings"),
    path("communities/<int:pk>/admins/", community.add_co_admin, name="add_co_admin"),
    path("events/<int:pk>/approve/", community.approve, name="approve"),
    path("events/<int:pk>/request-changes/", community.request_changes, name="request_changes"),
    # Agencies and their liaisons
    path("agencies/", agency.agency_list, name="agencies"),
    path("agencies/new/", agency.propose, name="propose_agency"),
    path("agencies/<int:pk>/", agency.agency_detail, name="agency"),
    path("agencies/<int:pk>/join/", agency.join, name="join_agency"),
    path(
        "agencies/<int:pk>/members/<int:membership_pk>/<str:decision>/",
        agency.decide_member,
        name="decide_member",
    ),
    path("agencies/<int:pk>/invite/", agency.invite, name="invite"),
    path("agencies/<int:pk>/notify/", agency.set_notify, name="set_notify"),
    path("agencies/<int:pk>/calendar/reset/", agency.reset_calendar, name="reset_calendar"),
    path("agencies/invitation/<str:token>/", agency.accept_invitation, name="accept_invitation"),
    path("agencies/<int:pk>/plan/", plan.plan, name="plan"),
    path("agencies/<int:pk>/plan.csv", plan.plan_csv, name="plan_csv"),
    path("agencies/<int:pk>/plan/route/", plan.route, name="route"),
    path("calendar/<str:token>.ics", plan.calendar_feed, name="calendar_feed"),
    # National dashboard (national admins) and the public summary
    path("dashboard/", dashboard.national, name="dashboard"),
    path("dashboard/states.csv", dashboard.states_csv, name="dashboard_states_csv"),
    path("dashboard/states/<str:state>/", dashboard.state_detail, name="dashboard_state"),
    path(
        "dashboard/states/<str:state>/communities.csv",
        dashboard.communities_csv,
        name="dashboard_communities_csv",
    ),
    path("dashboard/communities/<int:pk>/", dashboard.community_detail, name="dashboard_community"),
    path("summary/", dashboard.public_summary, name="summary"),
    path("requests/", liaison.inbox, name="inbox"),
    path("requests/<int:pk>/", liaison.request_detail, name="liaison_request"),
    path("requests/<int:pk>/decline/", liaison.decline, name="decline_request"),
    path("requests/<int:pk>/made/", report.mark_made, name="mark_made"),
]

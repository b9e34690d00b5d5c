from django.urls import path

from .views import agency, dashboard, liaison, organizer, plan, public, report, visits

app_name = "events"

urlpatterns = [
    # Organizers
    path("events/mine/", organizer.my_events, name="my_events"),
    path("events/new/", organizer.register, name="register"),
    path("events/<int:pk>/", public.public_event, name="public"),
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

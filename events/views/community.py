"""Municipal admins: their communities, events, review queue, agencies, export, roles."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..csv import csv_safe
from ..forms.community import (
    ApprovalForm,
    AskRoleForm,
    CoAdminForm,
    CommunityEventFilterForm,
    ReviewForm,
)
from ..models import (
    Agency,
    Community,
    CommunityAdmin,
    Event,
    EventStatusChange,
    ExportRecord,
    VisitRequest,
)
from ..services import community as services
from ..services import review

PER_PAGE = 25
Status = Event.Status


def _community(request, pk):
    """A community `request.user` administers (national admins: any); others get 404."""
    return get_object_or_404(Community.objects.administered_by(request.user), pk=pk)


def _waiting(community):
    return community.events.filter(status=Status.SUBMITTED).count()


@login_required
def my_communities(request):
    communities = Community.objects.administered_by(request.user)
    if request.user.is_staff:
        # Every community is theirs: list those with events waiting for review.
        communities = communities.filter(events__status=Status.SUBMITTED)
        communities = communities.annotate(waiting=Count("events"))
    else:
        communities = communities.annotate(
            waiting=Count("events", filter=Q(events__status=Status.SUBMITTED))
        )
    page = Paginator(communities.order_by("state", "name"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    requests = (
        CommunityAdmin.objects.filter(user=request.user)
        .exclude(status=CommunityAdmin.Status.APPROVED)
        .select_related("community")
    )
    pending_roles = (
        CommunityAdmin.objects.filter(status=CommunityAdmin.Status.PENDING).count()
        if request.user.is_staff
        else 0
    )
    return render(
        request,
        "events/community/my_communities.html",
        {"page": page, "requests": requests, "pending_roles": pending_roles},
    )


@login_required
@require_http_methods(["GET", "POST"])
def ask_role(request):
    form = AskRoleForm(request.POST or None)
    if form.is_valid():
        community = form.get_community()
        try:
            services.ask_for_role(
                user=request.user, community=community, reason=form.cleaned_data["reason"]
            )
        except services.RoleError as error:
            messages.info(request, str(error))
        else:
            messages.success(
                request,
                _(
                    "Your request for %(community)s is sent. It is waiting for a national "
                    "admin; we will e-mail you when it is granted."
                )
                % {"community": community},
            )
        return redirect("events:my_communities")
    return render(request, "events/community/ask.html", {"form": form})


@login_required
def community_events(request, pk):
    community = _community(request, pk)
    filters = CommunityEventFilterForm(request.GET)
    events = (
        filters.filter(Event.objects.of_community(community))
        .select_related("organizer")
        .upcoming_first()
    )
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    counts = dict(
        Event.objects.of_community(community)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return render(
        request,
        "events/community/events.html",
        {
            "community": community,
            "filters": filters,
            "page": page,
            "status_counts": [
                (value, label, counts.get(value, 0))
                for value, label in Status.choices
                if value != Status.DRAFT
            ],
            "waiting": counts.get(Status.SUBMITTED, 0),
            "approval_form": ApprovalForm(instance=community),
            "co_admin_form": CoAdminForm(),
            "admins": community.admins.filter(status=CommunityAdmin.Status.APPROVED)
            .select_related("user")
            .order_by("user__full_name", "pk"),
        },
    )


@login_required
def review_queue(request, pk):
    community = _community(request, pk)
    submitted_at = (
        EventStatusChange.objects.filter(event=OuterRef("pk"), to_status=Status.SUBMITTED)
        .order_by("-created_at", "-pk")
        .values("created_at")[:1]
    )
    events = (
        community.events.filter(status=Status.SUBMITTED)
        .select_related("organizer")
        .annotate(submitted_at=Subquery(submitted_at))
        # Events submitted before the audit trail (no record) count as the oldest.
        .order_by(F("submitted_at").asc(nulls_first=True), "created_at", "pk")
    )
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "events/community/review_queue.html",
        {"community": community, "page": page, "waiting": page.paginator.count},
    )


@login_required
def community_agencies(request, pk):
    community = _community(request, pk)
    requests = VisitRequest.objects.filter(event__community=community)
    counts = {}
    for agency_id, status, n in (
        requests.values_list("agency", "status").annotate(n=Count("pk")).order_by()
    ):
        counts.setdefault(agency_id, {})[status] = n
    agencies = Agency.objects.filter(
        Q(pk__in=Agency.objects.serving_community(community).values("pk")) | Q(pk__in=counts)
    ).prefetch_related("areas__community")
    rows = [
        (agency, [counts.get(agency.pk, {}).get(value, 0) for value in VisitRequest.Status.values])
        for agency in agencies
    ]
    page = Paginator(
        requests.select_related("event", "agency").order_by(
            "event__starts_at", "agency__name", "pk"
        ),
        PER_PAGE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "events/community/agencies.html",
        {
            "community": community,
            "rows": rows,
            "statuses": VisitRequest.Status.choices,
            "page": page,
            "waiting": _waiting(community),
        },
    )


CSV_HEADER = [
    "date",
    "starts",
    "ends",
    "title",
    "status",
    "public",
    "address",
    "city",
    "state",
    "zip",
    "expected adults",
    "expected children",
    "organizer",
    "organizer e-mail",
    "organizer phone",
]


@login_required
def community_csv(request, pk):
    community = _community(request, pk)
    filters = CommunityEventFilterForm(request.GET)
    events = (
        filters.filter(Event.objects.of_community(community))
        .select_related("organizer")
        .order_by("starts_at", "pk")
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="nno-events-{community.pk}-{timezone.localdate()}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    count = 0
    for event in events.iterator(chunk_size=1000):
        writer.writerow(
            [
                event.date.isoformat(),
                event.local_start.strftime("%H:%M"),
                event.local_end.strftime("%H:%M"),
                csv_safe(event.title),
                event.status,
                "yes" if event.is_public else "no",
                csv_safe(event.address),
                csv_safe(event.city),
                event.state,
                event.zip_code,
                event.expected_adults,
                event.expected_children,
                csv_safe(event.organizer.full_name),
                csv_safe(event.organizer.email),
                csv_safe(event.organizer.phone),
            ]
        )
        count += 1
    ExportRecord.objects.create(
        user=request.user, community=community, row_count=count, filters=filters.describe()
    )
    return response


@login_required
@require_POST
def community_settings(request, pk):
    community = _community(request, pk)
    form = ApprovalForm(request.POST, instance=community)
    if form.is_valid():
        form.save()
        if community.reviews_events:
            messages.success(request, _("A municipal admin now reviews each new event."))
        else:
            messages.success(
                request,
                _(
                    "New events are now published at once. Events already waiting stay in "
                    "the review queue."
                ),
            )
    else:
        messages.error(request, _("Please choose how events are approved."))
    return redirect("events:community_events", community.pk)


@login_required
@require_POST
def add_co_admin(request, pk):
    community = _community(request, pk)
    form = CoAdminForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please enter a valid e-mail address."))
        return redirect("events:community_events", community.pk)
    try:
        role = services.add_co_admin(
            community=community, email=form.cleaned_data["email"], by=request.user
        )
    except services.RoleError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(name)s is now a municipal admin of %(community)s and has been told.")
            % {"name": role.user.full_name or role.user.email, "community": community},
        )
    return redirect("events:community_events", community.pk)


def _reviewable_event(request, pk):
    return get_object_or_404(
        Event.objects.reviewable_by(request.user).select_related("organizer", "community"), pk=pk
    )


@login_required
@require_POST
def approve(request, pk):
    event = _reviewable_event(request, pk)
    form = ReviewForm(request.POST, prefix="approve")
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["comment"]))
        return redirect(event)
    try:
        review.approve_event(event=event, by=request.user, comment=form.cleaned_data["comment"])
    except review.ReviewError as error:
        messages.error(request, str(error))
        return redirect(event)
    messages.success(
        request, _("“%(title)s” is approved. The organizer has been told.") % {"title": event.title}
    )
    return redirect("events:review_queue", event.community_id)


@login_required
@require_POST
def request_changes(request, pk):
    event = _reviewable_event(request, pk)
    form = ReviewForm(request.POST, prefix="changes", required=True)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["comment"]))
        return redirect(event)
    try:
        review.request_changes(event=event, by=request.user, comment=form.cleaned_data["comment"])
    except review.ReviewError as error:
        messages.error(request, str(error))
        return redirect(event)
    messages.success(
        request,
        _("The organizer of “%(title)s” is asked for changes and has been told.")
        % {"title": event.title},
    )
    return redirect("events:review_queue", event.community_id)

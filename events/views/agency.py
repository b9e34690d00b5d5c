"""Agencies: finding them, joining as a liaison, approving and inviting, proposing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..forms.visit import AgencyForm, InviteForm, NotifyForm
from ..models import Agency, AgencyMembership
from ..services import agency as services
from ..services.visit import VisitError
from ..states import State

AGENCIES_PER_PAGE = 25


@login_required
def agency_list(request):
    query = request.GET.get("q", "").strip()[:100]
    state = request.GET.get("state", "")
    agencies = Agency.objects.all()
    if query:
        agencies = agencies.filter(Q(name__icontains=query) | Q(city__icontains=query))
    if state in State.values:
        agencies = agencies.filter(state=state)
    page = Paginator(agencies, AGENCIES_PER_PAGE).get_page(request.GET.get("page"))
    memberships = AgencyMembership.objects.filter(user=request.user).select_related("agency")
    return render(
        request,
        "events/agency/agency_list.html",
        {
            "page": page,
            "query": query,
            "state": state,
            "states": State.choices,
            "memberships": memberships,
            "member_of": {m.agency_id: m for m in memberships},
        },
    )


def agency_detail(request, pk):
    agency = get_object_or_404(Agency.objects.prefetch_related("areas__community"), pk=pk)
    # Any membership, so that a pending member is told so instead of asked to join again.
    membership = (
        agency.memberships.filter(user=request.user).first()
        if request.user.is_authenticated
        else None
    )
    # Not "is_liaison": that name is the navigation's (a liaison of any agency).
    is_agency_liaison = (
        membership is not None and membership.status == AgencyMembership.Status.APPROVED
    )
    context = {"agency": agency, "is_agency_liaison": is_agency_liaison, "membership": membership}
    if is_agency_liaison or request.user.is_staff:
        context["pending"] = agency.memberships.filter(
            status=AgencyMembership.Status.PENDING
        ).select_related("user")
        context["liaisons"] = agency.memberships.filter(
            status=AgencyMembership.Status.APPROVED
        ).select_related("user")
    if is_agency_liaison:
        context.update(
            invite_form=InviteForm(),
            notify_form=NotifyForm(instance=membership),
            feed_url=request.build_absolute_uri(
                reverse("events:calendar_feed", args=[membership.calendar_token])
            ),
        )
    return render(request, "events/agency/agency_detail.html", context)


@login_required
@require_POST
def join(request, pk):
    agency = get_object_or_404(Agency, pk=pk)
    try:
        services.ask_to_join(user=request.user, agency=agency)
    except VisitError as error:
        messages.info(request, str(error))
    else:
        messages.success(
            request,
            _("Your request to join %(agency)s is sent. A liaison of the agency will answer it.")
            % {"agency": agency.name},
        )
    return redirect(agency)


def _managed_agency(request, pk):
    """An agency `request.user` may manage: as its liaison, or as a site admin."""
    agencies = (
        Agency.objects.all() if request.user.is_staff else Agency.objects.with_liaison(request.user)
    )
    return get_object_or_404(agencies, pk=pk)


@login_required
@require_POST
def decide_member(request, pk, membership_pk, decision):
    agency = _managed_agency(request, pk)
    if decision not in ("approve", "decline"):
        raise Http404
    membership = get_object_or_404(agency.memberships.select_related("user"), pk=membership_pk)
    try:
        services.decide_membership(
            membership=membership, by=request.user, approve=decision == "approve"
        )
    except VisitError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            (
                _("%(name)s is now a liaison.")
                if decision == "approve"
                else _("%(name)s was declined.")
            )
            % {"name": membership.user.full_name},
        )
    return redirect(agency)


@login_required
@require_POST
def invite(request, pk):
    agency = get_object_or_404(Agency.objects.with_liaison(request.user), pk=pk)
    form = InviteForm(request.POST)
    if form.is_valid():
        services.invite(
            agency=agency, email=form.cleaned_data["email"], by=request.user, request=request
        )
        messages.success(
            request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]}
        )
    else:
        messages.error(request, _("Please enter a valid e-mail address to invite."))
    return redirect(agency)


@login_required
@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    if request.method == "POST":
        try:
            membership = services.accept_invitation(token=token, user=request.user)
        except VisitError as error:
            messages.error(request, str(error))
            return redirect("events:agencies")
        messages.success(
            request,
            _("Welcome! You are now a liaison of %(agency)s.") % {"agency": membership.agency.name},
        )
        return redirect(membership.agency)
    return render(request, "events/agency/accept_invitation.html", {"token": token})


@login_required
@require_POST
def set_notify(request, pk):
    membership = get_object_or_404(
        AgencyMembership, agency_id=pk, user=request.user, status=AgencyMembership.Status.APPROVED
    )
    form = NotifyForm(request.POST, instance=membership)
    if form.is_valid():
        form.save()
        messages.success(request, _("Your e-mail preference is saved."))
    else:
        messages.error(request, _("Please choose how to hear about new requests."))
    return redirect(membership.agency)


@login_required
@require_POST
def reset_calendar(request, pk):
    membership = get_object_or_404(
        AgencyMembership, agency_id=pk, user=request.user, status=AgencyMembership.Status.APPROVED
    )
    services.reset_calendar_token(membership=membership)
    messages.success(request, _("Your calendar address is replaced: the old one no longer works."))
    return redirect(membership.agency)


@login_required
@require_http_methods(["GET", "POST"])
def propose(request):
    form = AgencyForm(request.POST or None)
    if form.is_valid():
        try:
            agency = services.propose_agency(form=form, by=request.user)
        except VisitError as error:
            form.add_error("name", str(error))
        else:
            messages.success(
                request,
                _("%(agency)s is added. It is marked unverified until a site admin checks it.")
                % {"agency": agency.name},
            )
            next_url = request.GET.get("next", "")
            if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
                next_url = agency.get_absolute_url()
            return redirect(next_url)
    return render(request, "events/agency/agency_form.html", {"form": form})

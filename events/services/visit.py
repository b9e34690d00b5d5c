"""Visit requests: organizers ask agencies; liaisons answer; the evening's plan."""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.mail import send_templated_email

from ..geo import miles_between, travel_minutes
from ..models import Agency, AgencyMembership, VisitRequest
from ..routing import Stop, plan_route

VisitStatus = VisitRequest.Status
# How long a visit lasts when the organizer gave no window and nothing is scheduled.
DEFAULT_VISIT_MINUTES = 20


class VisitError(Exception):
    """An action on a visit request that cannot be done; the message says why."""


class AlreadyAnswered(VisitError):
    def __init__(self, visit):
        self.visit = visit
        super().__init__(
            _("This request was already answered: it is now “%(status)s”.")
            % {"status": visit.get_status_display()}
        )


class NeedsConfirmation(VisitError):
    """The answer is allowed, but the liaison should see these warnings first."""

    def __init__(self, warnings):
        self.warnings = warnings
        super().__init__(" ".join(warnings))


def liaison_emails(agency, *, notify=None):
    memberships = AgencyMembership.objects.filter(
        agency=agency, status=AgencyMembership.Status.APPROVED, user__is_active=True
    )
    if notify:
        memberships = memberships.filter(notify=notify)
    return list(memberships.values_list("user__email", flat=True))


def _notify_liaisons_of_request(visit):
    to = liaison_emails(visit.agency, notify=AgencyMembership.Notify.EACH)
    if to:
        send_templated_email(
            template="events/email/request_new",
            context={
                "visit": visit,
                "event": visit.event,
                "path": reverse("events:liaison_request", args=[visit.pk]),
            },
            to=to,
        )


@transaction.atomic
def request_agency(*, event, agency, kind, by, preferred_start=None, preferred_end=None, note=""):
    """Ask `agency` to visit or take part in `event`; its liaisons are told."""
    if event.is_past:
        raise VisitError(_("This event is over."))
    if not event.is_open_for_requests:
        raise VisitError(_("Submit your event before you invite agencies."))
    already = _("You have already asked %(agency)s to this event.") % {"agency": agency.name}
    if VisitRequest.objects.filter(event=event, agency=agency).exists():
        raise VisitError(already)
    try:
        # Two clicks at once: the database's one-request-per-agency rule decides.
        with transaction.atomic():
            visit = VisitRequest.objects.create(
                event=event,
                agency=agency,
                kind=kind,
                preferred_start=preferred_start if kind == VisitRequest.Kind.VISIT else None,
                preferred_end=preferred_end if kind == VisitRequest.Kind.VISIT else None,
                note=note,
                requested_by=by,
            )
    except IntegrityError:
        raise VisitError(already) from None
    _notify_liaisons_of_request(visit)
    return visit


def withdraw_request(*, visit, by) -> None:
    """The organizer takes a request back; the agency's liaisons are told."""
    with transaction.atomic():
        locked = VisitRequest.objects.select_for_update().get(pk=visit.pk)
        if locked.status not in (VisitStatus.REQUESTED, VisitStatus.ACCEPTED):
            # Not "already answered": a withdrawn or cancelled request was never answered.
            raise VisitError(
                _("This request can no longer be withdrawn: it is “%(status)s”.")
                % {"status": locked.get_status_display()}
            )
        if locked.made_at is not None:
            raise VisitError(_("This visit was made: it stays on the record."))
        was_accepted = locked.status == VisitStatus.ACCEPTED
        locked.status = VisitStatus.WITHDRAWN
        locked.save(update_fields=["status", "updated_at"])
        to = liaison_emails(locked.agency)
        if to:
            send_templated_email(
                template="events/email/request_withdrawn",
                context={"visit": locked, "event": locked.event, "was_accepted": was_accepted},
                to=to,
            )
    visit.refresh_from_db()


def cancel_requests_of(event) -> int:
    """Cancel the open requests of a cancelled event and tell the agencies."""
    visits = list(
        VisitRequest.objects.select_for_update()
        .filter(event=event, status__in=[VisitStatus.REQUESTED, VisitStatus.ACCEPTED])
        .filter(made_at__isnull=True)  # a visit that took place stays on the record
        .select_related("agency")
    )
    for visit in visits:
        visit.status = VisitStatus.CANCELLED
        visit.save(update_fields=["status", "updated_at"])
        to = liaison_emails(visit.agency)
        if to:
            send_templated_email(
                template="events/email/event_cancelled",
                context={"visit": visit, "event": event},
                to=to,
            )
    return len(visits)


def visit_warnings(*, visit, start, end, unit) -> list[str]:
    """Why a visit at [start, end) by `unit` may not work with the agency's other visits.

    Overlap with another accepted visit of the same unit, or a gap shorter than
    the straight-line travel between the two parties at the agency's average speed.
    """
    agency = visit.agency
    others = (
        VisitRequest.objects.filter(
            agency=agency,
            status=VisitStatus.ACCEPTED,
            kind=VisitRequest.Kind.VISIT,
            scheduled_start__lt=end + datetime.timedelta(hours=3),
            scheduled_end__gt=start - datetime.timedelta(hours=3),
        )
        .exclude(pk=visit.pk)
        .select_related("event")
    )
    unit_key = unit.strip().casefold()
    warnings = []
    for other in others:
        if other.unit.strip().casefold() != unit_key:
            continue
        # The other party's local time, like the times in the form.
        when = timezone.localtime(other.scheduled_start, other.event.tz)
        if other.scheduled_start < end and start < other.scheduled_end:
            warnings.append(
                _("%(unit)s is already at “%(event)s” from %(time)s.")
                % {
                    "unit": unit or _("The unit"),
                    "event": other.event.title,
                    "time": when.strftime("%-I:%M %p"),
                }
            )
            continue
        miles = miles_between(
            visit.event.latitude, visit.event.longitude, other.event.latitude, other.event.longitude
        )
        needed = datetime.timedelta(minutes=travel_minutes(miles, agency.travel_speed_mph))
        gap = (
            start - other.scheduled_end
            if other.scheduled_end <= start
            else other.scheduled_start - end
        )
        if gap < needed:
            warnings.append(
                _(
                    "Only %(gap)d minutes between this visit and “%(event)s” (%(time)s), "
                    "%(miles).1f miles away: about %(needed)d minutes of travel at %(speed)d mph."
                )
                % {
                    "gap": gap.total_seconds() // 60,
                    "event": other.event.title,
                    "time": when.strftime("%-I:%M %p"),
                    "miles": miles,
                    "needed": round(needed.total_seconds() / 60),
                    "speed": agency.travel_speed_mph,
                }
            )
    return warnings


def _accepted_on_evening(agency, day):
    return VisitRequest.objects.on_evening(agency, day).filter(status=VisitStatus.ACCEPTED)


def accept_request(*, visit, by, start=None, end=None, unit="", confirmed=False):
    """Accept `visit` for `by` (a liaison of its agency), scheduling it for visits.

    One transaction: the agency row is locked so that two liaisons accepting at
    once are serialized; an already answered request raises AlreadyAnswered; a
    full evening (the agency's capacity) raises VisitError; warnings about overlaps
    and travel raise NeedsConfirmation unless `confirmed`.
    """
    with transaction.atomic():
        agency = Agency.objects.select_for_update().get(pk=visit.agency_id)
        locked = VisitRequest.objects.select_for_update().select_related("event").get(pk=visit.pk)
        if locked.status != VisitStatus.REQUESTED:
            raise AlreadyAnswered(locked)
        locked.agency = agency
        event = locked.event
        if locked.is_visit:
            if start is None or end is None:
                raise VisitError(_("Give the time of the visit."))
            if not (event.starts_at <= start < end <= event.ends_at):
                raise VisitError(_("The visit must take place during the event."))
            if agency.capacity is not None:
                taken = (
                    _accepted_on_evening(agency, event.date)
                    .filter(kind=VisitRequest.Kind.VISIT)
                    .count()
                )
                if taken >= agency.capacity:
                    raise VisitError(
                        ngettext(
                            "%(agency)s has already accepted %(count)d visit that evening, "
                            "its capacity. Decline this request or raise the capacity.",
                            "%(agency)s has already accepted %(count)d visits that evening, "
                            "its capacity. Decline this request or raise the capacity.",
                            taken,
                        )
                        % {"agency": agency.name, "count": taken}
                    )
            if not confirmed:
                warnings = visit_warnings(visit=locked, start=start, end=end, unit=unit)
                if warnings:
                    raise NeedsConfirmation(warnings)
            locked.scheduled_start, locked.scheduled_end = start, end
        locked.status = VisitStatus.ACCEPTED
        locked.unit = unit
        locked.answered_by = by
        locked.answered_at = timezone.now()
        locked.save()
        _notify_organizer(locked)
    return locked


def decline_request(*, visit, by, reason):
    with transaction.atomic():
        updated = VisitRequest.objects.filter(pk=visit.pk, status=VisitStatus.REQUESTED).update(
            status=VisitStatus.DECLINED,
            decline_reason=reason,
            answered_by=by,
            answered_at=timezone.now(),
            updated_at=timezone.now(),
        )
        current = VisitRequest.objects.select_related("event", "agency").get(pk=visit.pk)
        if not updated:
            raise AlreadyAnswered(current)
        _notify_organizer(current)
    return current


def _notify_organizer(visit):
    send_templated_email(
        template=f"events/email/request_{visit.status}",
        context={"visit": visit, "event": visit.event, "path": visit.event.get_absolute_url()},
        to=[visit.event.organizer.email],
    )


@dataclass(frozen=True)
class PlanRow:
    visit: VisitRequest
    miles_from_previous: float | None
    travel_minutes: float | None
    gap_minutes: float | None
    too_tight: bool


def night_plan(agency, day) -> list[PlanRow]:
    """`agency`'s accepted visits on `day` in time order, each with the travel from the
    previous stop of the same unit: units go round in parallel (as in visit_warnings)."""
    visits = list(
        _accepted_on_evening(agency, day)
        .filter(kind=VisitRequest.Kind.VISIT)
        .select_related("event", "event__organizer")
        .order_by("scheduled_start", "pk")
    )
    rows, previous_of_unit = [], {}
    for visit in visits:
        unit = visit.unit.strip().casefold()
        previous = previous_of_unit.get(unit)
        if previous is None:
            rows.append(PlanRow(visit, None, None, None, False))
        else:
            miles = miles_between(
                previous.event.latitude,
                previous.event.longitude,
                visit.event.latitude,
                visit.event.longitude,
            )
            minutes = travel_minutes(miles, agency.travel_speed_mph)
            gap = (visit.scheduled_start - previous.scheduled_end).total_seconds() / 60
            rows.append(PlanRow(visit, miles, minutes, gap, gap < minutes))
        previous_of_unit[unit] = visit
    return rows


def _stop_for(visit) -> Stop:
    event = visit.event
    if visit.status == VisitStatus.ACCEPTED:
        earliest = latest = visit.scheduled_start
        duration = visit.scheduled_end - visit.scheduled_start
    else:
        earliest = visit.preferred_start or event.starts_at
        window_end = visit.preferred_end or event.ends_at
        duration = min(datetime.timedelta(minutes=DEFAULT_VISIT_MINUTES), window_end - earliest)
        latest = window_end - duration
    return Stop(visit.pk, float(event.latitude), float(event.longitude), earliest, latest, duration)


def suggest_route(agency, day):
    """A suggested order of the evening's accepted and pending visits (events.routing)."""
    visits = {
        visit.pk: visit
        for visit in VisitRequest.objects.on_evening(agency, day)
        .filter(
            kind=VisitRequest.Kind.VISIT, status__in=[VisitStatus.REQUESTED, VisitStatus.ACCEPTED]
        )
        .select_related("event")
    }
    route = plan_route([_stop_for(v) for v in visits.values()], agency.travel_speed_mph)
    return [(visits[planned.stop.key], planned) for planned in route.stops], route


@transaction.atomic
def apply_route(agency, day) -> int:
    """Store the suggested order, and the suggested times of pending visits."""
    pairs, _route = suggest_route(agency, day)
    for position, (visit, planned) in enumerate(pairs, start=1):
        visit.route_position = position
        visit.suggested_start = planned.start if visit.status == VisitStatus.REQUESTED else None
        visit.save(update_fields=["route_position", "suggested_start", "updated_at"])
    return len(pairs)


def send_digests(*, now=None) -> int:
    """Mail each liaison who chose the daily digest the requests that arrived since
    their last one (or the last day). Returns the number of e-mails queued."""
    now = now or timezone.now()
    memberships = AgencyMembership.objects.filter(
        status=AgencyMembership.Status.APPROVED,
        notify=AgencyMembership.Notify.DAILY,
        user__is_active=True,
    ).select_related("user")
    by_user = {}
    for membership in memberships:
        by_user.setdefault(membership.user, []).append(membership)
    sent = 0
    for user, user_memberships in by_user.items():
        with transaction.atomic():
            condition = Q()
            for membership in user_memberships:
                since = membership.last_digest_at or now - datetime.timedelta(days=1)
                condition |= Q(agency_id=membership.agency_id, created_at__gt=since)
            visits = list(
                VisitRequest.objects.filter(
                    condition, created_at__lte=now, status=VisitStatus.REQUESTED
                )
                .select_related("event", "agency")
                .order_by("event__starts_at", "pk")
            )
            AgencyMembership.objects.filter(pk__in=[m.pk for m in user_memberships]).update(
                last_digest_at=now
            )
            if visits:
                send_templated_email(
                    template="events/email/digest", context={"visits": visits}, to=[user.email]
                )
                sent += 1
    return sent

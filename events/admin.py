from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import participation
from .models import (
    Activity,
    Agency,
    AgencyArea,
    AgencyMembership,
    Community,
    Event,
    EventStatusChange,
    ExportRecord,
    VisitRequest,
)
from .models import CommunityAdmin as MunicipalAdmin
from .services.agency import decide_membership
from .services.community import RoleError, decline_role, grant_role


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ["name", "state", "county", "population", "approval", "created_at"]
    list_filter = ["approval", "state"]
    search_fields = ["name", "county"]


class RecountsDashboard:
    """Edits and deletions in the admin can move or remove what the dashboard counts.
    A catch-up sees where things are now, not where they were: recount both."""

    def event_ids(self, objects):
        return [obj.pk if isinstance(obj, Event) else obj.event_id for obj in objects]

    def save_model(self, request, obj, form, change):
        before = participation.pairs_of_events(self.event_ids([obj])) if change else (set(), set())
        super().save_model(request, obj, form, change)
        participation.refresh(community_years=before[0], agency_years=before[1])

    def delete_model(self, request, obj):
        before = participation.pairs_of_events(self.event_ids([obj]))
        super().delete_model(request, obj)
        participation.refresh(community_years=before[0], agency_years=before[1])

    def delete_queryset(self, request, queryset):
        before = participation.pairs_of_events(self.event_ids(queryset))
        super().delete_queryset(request, queryset)
        participation.refresh(community_years=before[0], agency_years=before[1])


@admin.register(Event)
class EventAdmin(RecountsDashboard, admin.ModelAdmin):
    list_display = ["title", "starts_at", "city", "state", "organizer", "status", "is_public"]
    list_filter = ["status", "is_public", "state", "starts_at", "activities"]
    search_fields = ["title", "address", "city", "zip_code", "organizer__email"]
    date_hierarchy = "starts_at"
    list_select_related = ["organizer", "community"]
    raw_id_fields = ["organizer", "community"]
    filter_horizontal = ["activities"]
    readonly_fields = ["created_at", "updated_at", "cancelled_at"]


class AgencyAreaInline(admin.TabularInline):
    model = AgencyArea
    extra = 1
    raw_id_fields = ["community"]


class AgencyMembershipInline(admin.TabularInline):
    model = AgencyMembership
    extra = 0
    raw_id_fields = ["user", "decided_by"]
    readonly_fields = ["created_at", "decided_at"]
    exclude = ["calendar_token"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "city", "state", "is_verified", "capacity", "proposed_by"]
    list_filter = ["is_verified", "kind", "state"]
    search_fields = ["name", "city", "zip_code"]
    list_select_related = ["proposed_by"]
    raw_id_fields = ["proposed_by"]
    inlines = [AgencyAreaInline, AgencyMembershipInline]
    actions = ["verify"]

    @admin.action(description=_("Mark the selected agencies as verified"))
    def verify(self, request, queryset):
        count = queryset.update(is_verified=True)
        self.message_user(
            request,
            ngettext("%(count)d agency verified.", "%(count)d agencies verified.", count)
            % {"count": count},
        )


@admin.register(AgencyMembership)
class AgencyMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "status", "notify", "created_at", "decided_by"]
    list_filter = ["status", "notify", "agency__kind"]
    search_fields = ["user__email", "user__full_name", "agency__name"]
    list_select_related = ["user", "agency", "decided_by"]
    raw_id_fields = ["user", "agency", "decided_by"]
    readonly_fields = ["created_at", "decided_at", "last_digest_at"]
    exclude = ["calendar_token"]
    actions = ["approve"]

    @admin.action(description=_("Approve the selected liaisons"))
    def approve(self, request, queryset):
        # Through the service, so that each new liaison is told, as on the agency's page.
        pending = queryset.filter(status=AgencyMembership.Status.PENDING).select_related(
            "user", "agency"
        )
        count = 0
        for membership in pending:
            decide_membership(membership=membership, by=request.user, approve=True)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d liaison approved.", "%(count)d liaisons approved.", count)
            % {"count": count},
        )


@admin.register(VisitRequest)
class VisitRequestAdmin(RecountsDashboard, admin.ModelAdmin):
    list_display = ["event", "agency", "kind", "status", "scheduled_start", "unit", "created_at"]
    list_filter = ["status", "kind", "agency__kind"]
    search_fields = ["event__title", "agency__name", "unit"]
    list_select_related = ["event", "agency"]
    raw_id_fields = ["event", "agency", "requested_by", "answered_by"]
    readonly_fields = ["created_at", "updated_at", "answered_at"]


@admin.register(MunicipalAdmin)
class MunicipalAdminAdmin(admin.ModelAdmin):
    list_display = ["user", "community", "status", "reason", "created_at", "granted_by"]
    list_filter = ["status", "community__state"]
    search_fields = ["user__email", "user__full_name", "community__name"]
    list_select_related = ["user", "community", "granted_by"]
    raw_id_fields = ["user", "community", "granted_by"]
    readonly_fields = ["created_at", "granted_at"]
    actions = ["grant", "decline"]

    @admin.action(description=_("Grant the selected requests"))
    def grant(self, request, queryset):
        count = self._decide(request, queryset, grant_role)
        self.message_user(
            request,
            ngettext("%(count)d request granted.", "%(count)d requests granted.", count)
            % {"count": count},
        )

    @admin.action(description=_("Decline the selected requests"))
    def decline(self, request, queryset):
        count = self._decide(request, queryset, decline_role)
        self.message_user(
            request,
            ngettext("%(count)d request declined.", "%(count)d requests declined.", count)
            % {"count": count},
        )

    def _decide(self, request, queryset, decide) -> int:
        """Decide each pending request of `queryset` through the service, so that
        its author is told; those decided meanwhile by someone else are skipped."""
        count = 0
        for role in queryset.filter(status=MunicipalAdmin.Status.PENDING).select_related(
            "user", "community"
        ):
            try:
                decide(role=role, by=request.user)
            except RoleError:
                continue
            count += 1
        return count


class ReadOnlyAdmin(admin.ModelAdmin):
    """Audit rows: seen in the admin site, never written there."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EventStatusChange)
class EventStatusChangeAdmin(ReadOnlyAdmin):
    list_display = ["event", "from_status", "to_status", "by", "created_at"]
    list_filter = ["to_status", "from_status", "created_at"]
    search_fields = ["event__title", "by__email", "comment"]
    list_select_related = ["event", "by"]


@admin.register(ExportRecord)
class ExportRecordAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "user", "community", "row_count", "filters"]
    list_filter = ["created_at", "community__state"]
    search_fields = ["user__email", "community__name"]
    list_select_related = ["user", "community"]

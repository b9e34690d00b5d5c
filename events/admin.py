from django.contrib import admin

from .models import Activity, Community, Event


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ["name", "state", "county", "population", "created_at"]
    list_filter = ["state"]
    search_fields = ["name", "county"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_at", "city", "state", "organizer", "status", "is_public"]
    list_filter = ["status", "is_public", "state", "starts_at", "activities"]
    search_fields = ["title", "address", "city", "zip_code", "organizer__email"]
    date_hierarchy = "starts_at"
    list_select_related = ["organizer", "community"]
    raw_id_fields = ["organizer", "community"]
    filter_horizontal = ["activities"]
    readonly_fields = ["created_at", "updated_at", "cancelled_at"]

from django.contrib import admin

from navet.economics.models import ResourceCost, TimeEntry


@admin.register(ResourceCost)
class ResourceCostAdmin(admin.ModelAdmin):
    list_display = ["consortium", "year", "cost_sek", "key", "base_share_percent"]
    list_filter = ["consortium", "key"]


@admin.register(TimeEntry)
class TimeEntryAdmin(admin.ModelAdmin):
    list_display = ["worked_on", "consortium", "municipality", "project", "hours", "note"]
    list_filter = ["consortium", "municipality"]
    raw_id_fields = ["project"]

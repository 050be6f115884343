from django.contrib import admin

from navet.economics.models import ResourceCost


@admin.register(ResourceCost)
class ResourceCostAdmin(admin.ModelAdmin):
    list_display = ["consortium", "year", "cost_sek", "key", "base_share_percent"]
    list_filter = ["consortium", "key"]
